import { z } from 'zod';
import type { Db } from '../db/connection';
import { MAX_FIELD_CHARS } from '../../shared/tables/csvParser';
import { translate } from '../../shared/i18n';
import { projectFieldsSchema } from '../../shared/project';
import { logoMimeOf, MAX_LOGO_BYTES } from '../../shared/report';
import { revenuePartySchema } from '../../shared/revenue';
import { eventWeightsSchema } from '../../shared/targeting';
import { BYTES_PER_ROW, CHUNK_ROWS, checksum, int32s, strings as chunkStrings } from '../db/audienceChunks';
import { MAX_ID } from '../data/audienceRows';
import { IdSet } from '../db/idSet';
import { ProjectFileError } from './fileError';
import { plainFileName } from '../../shared/fileNames';
import { readSketchFile, SketchFileError } from '../../shared/overlap/sketchFile';
import { IDENTIFIER_KINDS } from '../../shared/overlap/identifiers';

/**
 * The rows of a received project file, checked against what Tandem itself writes before any
 * of them reaches the library (issue "Hostile files", item 12). The content hash only proves
 * the file was not changed after it was exported — anyone can export a crafted project — so
 * every JSON column is parsed and held to its shape (zod), every text column to a length, and
 * every blob to its layout. A file that passes opens and reads without an internal error; one
 * that does not is refused, naming the table, row and column.
 */

const finite = z.number().finite();
const num = finite.nullable();
const name = z.string().max(500);
const strings = (max: number, each = 500) => z.array(z.string().max(each)).max(max);
const numberRecord = z.record(z.string().max(500), num);
const mixedRecord = z.record(z.string().max(500), z.union([finite, z.string().max(MAX_FIELD_CHARS), z.null()]));
const numbers = z.array(num);

const datasetProfile = z.object({
  rows: z.number().int().min(0),
  columns: z.array(
    z.object({
      name,
      type: z.enum(['id', 'number', 'text', 'date', 'list']),
      missing: finite,
      min: num,
      mean: num,
      max: num,
      distinct: z.number().int().min(0),
      distinctCapped: z.boolean(),
      histogram: z.array(z.object({ label: z.string().max(1000), count: finite })).max(1000),
    }),
  ),
});
const layout = z.object({ features: strings(10_000), attributes: strings(10_000) });
const rejection = z.object({ row: z.number().int(), column: z.string().max(1000), value: z.string().max(1000), reason: z.string().max(2000) });

const persona = z.object({
  id: z.number().int().min(0),
  name,
  nameEn: name,
  nameZh: name,
  size: finite,
  share: finite,
  means: numberRecord,
  profile: numberRecord,
  distinguishing: z.array(z.object({ feature: name, direction: z.enum(['high', 'low']), z: finite, en: z.string().max(2000), zh: z.string().max(2000) })),
  attributes: z.record(name, z.array(z.object({ value: z.string().max(2000), share: finite }))),
});
const segmentMetrics = z.object({
  k: z.number().int().min(1),
  silhouette: num,
  inertia: num,
  iterations: z.number().int().min(0),
  algorithm: z.enum(['lloyd', 'minibatch']).optional(),
  ms: finite,
  silhouetteByK: z.array(z.object({ k: z.number().int(), silhouette: num, stability: num.optional(), smallest: num.optional() })),
  kRule: z.enum(['fixed', 'stable', 'mostStable']).optional(),
  features: z.array(z.object({ name, log1p: z.boolean(), missing: finite })),
  dropped: z.array(z.object({ name, reason: z.string().max(2000) })),
  backend: z.string().max(200),
  map: z.object({ x: numbers, y: numbers, segment: z.array(z.number().int()), explained: numbers }),
});
const segmentSettings = z.looseObject({ features: strings(10_000) });

const channelFit = z.looseObject({
  name,
  adstock: z.union([z.looseObject({ kind: z.literal('geometric'), decay: finite }), z.looseObject({ kind: z.literal('weibull'), shape: finite, scale: finite })]),
  saturation: z.union([
    z.looseObject({ kind: z.literal('hill'), shape: finite, halfSaturation: finite, spendScale: finite }),
    z.looseObject({ kind: z.literal('logistic'), lambda: finite, spendScale: finite }),
  ]),
  beta: finite,
  contributionShare: num,
  spendShare: num,
  contribution: num,
  spend: num,
  roi: num,
  mroi: num,
  averageSpend: num,
  contributionShareP10: num.optional(),
  contributionShareP90: num.optional(),
  roiP10: num.optional(),
  roiP90: num.optional(),
  mroiP10: num.optional(),
  mroiP90: num.optional(),
});
const mmmResult = z.looseObject({
  metrics: z.looseObject({ r2: num, mape: num, nrmse: num, rssd: num, trainR2: num, trainMape: num, coverage: num }),
  channels: z.array(channelFit).max(200),
  dropped: z.array(z.object({ name, reason: z.string().max(2000) })),
  base: z.array(z.object({ name, coef: num })),
  intercept: num,
  lambda: num,
  weeks: z.object({ total: z.number().int(), train: z.number().int(), holdout: z.number().int() }),
  history: z.looseObject({ spend: z.record(name, numbers), baseMeans: numberRecord, residuals: z.object({ p10: num, p90: num }), errors: numbers.optional() }),
  series: z.looseObject({
    periods: z.array(z.string().max(40)),
    actual: numbers,
    fitted: numbers,
    baseline: numbers,
    contributions: z.record(name, numbers),
    p10: numbers,
    p50: numbers,
    p90: numbers,
  }),
  search: z.looseObject({ evaluations: z.number().int(), trainRmse: num, saturation: z.enum(['hill', 'logistic']), aic: numberRecord }),
});
const scenarioPlan = z.object({ weeks: z.number().int().min(1).max(520), start: z.string().max(40).optional(), spend: z.record(name, finite) });
/** A stored sketch must read back as a sketch file (its checksum covers the values whatever the key order). */
const sketchJson = z.unknown().superRefine((value, ctx) => {
  try {
    readSketchFile(JSON.stringify(value));
  } catch (e) {
    if (!(e instanceof SketchFileError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message });
  }
});
const ourBasis = z.object({
  column: z.string().max(200),
  kind: z.enum(IDENTIFIER_KINDS),
  runId: z.number().int().nullable(),
  rows: z.number().int().min(0),
  valid: z.number().int().min(0),
  invalid: z.number().int().min(0),
  madeAt: z.string().max(40),
});
const revenuePoints = z.array(z.object({ label: z.string().max(40), amount: finite })).max(6);

/** A text column's longest value: user-edited fields are held to the editor's own limit. */
type TextRule = { text: number };
type JsonRule = { json: z.ZodType };
type ColumnRule = TextRule | JsonRule;
const TEXT = { text: MAX_FIELD_CHARS };
const SHORT = { text: 500 };
const json = (schema: z.ZodType): JsonRule => ({ json: schema });

/** Per table, the rule of each column that could break a reader (numbers and integers are SQLite STRICT-typed already). */
const RULES: Record<string, Record<string, ColumnRule>> = {
  datasets: { kind: SHORT, source: { text: 1000 }, imported_at: SHORT, mapping: json(z.record(name, z.string().max(500))), profile: json(datasetProfile), layout: json(layout) },
  import_reports: { kind: SHORT, source: { text: 1000 }, imported_at: SHORT, rejected: json(z.array(rejection).max(100_000)) },
  catalog_items: { item_id: TEXT, title: TEXT, description: TEXT, category: TEXT, tags: json(strings(100_000, MAX_FIELD_CHARS)), extra: json(mixedRecord) },
  interactions: { user_id: TEXT, item_id: TEXT, event: TEXT, ts: TEXT },
  partners: {
    partner_id: TEXT, name: TEXT, type: TEXT, industry: TEXT, description: TEXT, audience_profile: TEXT,
    tags: json(strings(100_000, MAX_FIELD_CHARS)), conflict_tags: json(strings(100_000, MAX_FIELD_CHARS)), extra: json(mixedRecord),
  },
  collaborations: { partner_a: TEXT, partner_b: TEXT, kind: TEXT, outcome: TEXT },
  campaign_periods: { period: SHORT, campaign_id: TEXT, spend: json(numberRecord), controls: json(mixedRecord) },
  actuals: { date: SHORT, kpis: json(numberRecord) },
  experiments: { name: { text: 200 }, channel: { text: 200 }, start_date: SHORT, end_date: SHORT },
  segment_runs: { created_at: SHORT, name: SHORT, engine: SHORT, labels_key: SHORT, settings: json(segmentSettings), metrics: json(segmentMetrics), segments: json(z.array(persona).max(1000)) },
  shortlist: { partner_id: TEXT, added_at: SHORT },
  checklist_items: {
    item_key: SHORT, kind: SHORT, partner_id: TEXT, title_en: { text: 1000 }, title_zh: { text: 1000 }, detail_en: { text: 8000 }, detail_zh: { text: 8000 },
    owner: { text: 200 }, notes: { text: 8000 }, na_reason: { text: 2000 }, updated_at: SHORT,
  },
  checklist_history: { item_key: SHORT, at: SHORT, who: { text: 200 }, field: SHORT, old_value: { text: 8000 }, new_value: { text: 8000 } },
  checklist_evidence: { item_key: SHORT, name: { text: 255 }, added_at: SHORT, received_from: { text: 1000 } },
  licences: { partner_id: TEXT, licensor: { text: 500 }, asset: { text: 500 }, territory: json(strings(100, 120)), channels: json(strings(100, 120)), notes: { text: 4000 }, updated_at: SHORT },
  revenue_scenarios: { name: { text: 200 }, revenues: json(revenuePoints), parties: json(z.array(revenuePartySchema).max(12)), updated_at: SHORT },
  // The plan's and the report settings' readers keep what parses, section by section: an object is enough.
  campaign_plans: { data: json(z.looseObject({})), updated_at: SHORT },
  mmm_fits: { options: json(z.looseObject({})), result: json(mmmResult), created_at: SHORT },
  forecast_scenarios: { name: { text: 200 }, plan: json(scenarioPlan), updated_at: SHORT },
  report_settings: { data: json(z.looseObject({})), logo_mime: SHORT, updated_at: SHORT },
  targeting_settings: { event_weights: json(eventWeightsSchema), updated_at: SHORT },
  // A sketch in a project file is read as any sketch file is: checksum, format, bounds.
  overlap_deals: {
    partner_id: TEXT, deal_key: { text: 64 }, key_id: { text: 16 }, created_at: SHORT, their_file: { text: 1000 }, their_imported_at: SHORT,
    their_sketch: json(sketchJson), our_sketch: json(sketchJson), our_basis: json(ourBasis),
  },
  overlap_settings: { measure: SHORT, id_column: { text: 200 }, id_kind: SHORT, updated_at: SHORT },
  brand_personality: { subject: { text: 200 }, standard_errors: json(z.record(z.string().max(40), finite)), source: { text: 1000 }, updated_at: SHORT },
};

const located = (file: string, table: string, column: string, row: number | null, why: string) =>
  new ProjectFileError('tampered', `${file} holds data Tandem never writes (${table}${row === null ? '' : `, row ${row.toLocaleString('en')}`}, ${column}: ${why}); it was not opened.`);

function issueText(error: z.ZodError): string {
  const first = error.issues[0];
  // The shared field rules speak in i18n keys (the UI translates them); say them in words here.
  const message = first.message.startsWith('validation.') ? translate('en', first.message) : first.message;
  return `${first.path.length ? `${first.path.join('.')}: ` : ''}${message}`.slice(0, 200);
}

/** Checks every row of the scratch copy; throws ProjectFileError naming the first bad value. */
export function checkContent(db: Db, file: string): void {
  checkProject(db, file);
  for (const [table, columns] of Object.entries(RULES)) {
    for (const [column, rule] of Object.entries(columns)) {
      if ('text' in rule) {
        // SQLite measures in characters, in C, without handing the values to JavaScript.
        const longest = db.prepare(`SELECT max(length(${column})) FROM ${table}`).pluck().get() as number | null;
        if (longest !== null && longest > rule.text) throw located(file, table, column, null, `a value of ${longest.toLocaleString('en')} characters, over ${rule.text.toLocaleString('en')}`);
        continue;
      }
      let row = 0;
      for (const value of db.prepare(`SELECT ${column} FROM ${table}`).pluck().iterate() as Iterable<unknown>) {
        row++;
        if (value === null) continue;
        if (typeof value !== 'string') throw located(file, table, column, row, 'not JSON text');
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          throw located(file, table, column, row, 'not valid JSON');
        }
        const result = rule.json.safeParse(parsed);
        if (!result.success) throw located(file, table, column, row, issueText(result.error));
      }
    }
  }
  checkAudienceChunks(db, file);
  checkEvidenceNames(db, file);
  checkBlobs(db, file);
}

function checkProject(db: Db, file: string): void {
  const r = db.prepare('SELECT * FROM projects').get() as Record<string, unknown>;
  const parse = (column: string) => {
    try {
      return JSON.parse(String(r[column])) as unknown;
    } catch {
      throw located(file, 'projects', column, 1, 'not valid JSON');
    }
  };
  const fields = {
    name: r.name, client: r.client, kind: r.kind, productTitle: r.product_title, description: r.description, tags: parse('tags'), price: r.price,
    goals: r.goals, kpiWeights: { awareness: r.kpi_awareness, engagement: r.kpi_engagement, conversion: r.kpi_conversion, quality: r.kpi_quality },
    budget: r.budget, currency: r.currency, startDate: r.start_date, endDate: r.end_date, exclusions: parse('exclusions'), status: r.status,
  };
  const result = projectFieldsSchema.safeParse(fields);
  if (!result.success) throw located(file, 'projects', String(result.error.issues[0].path[0] ?? 'fields'), 1, issueText(result.error));
}

/**
 * The audience's column chunks (db/audienceChunks.ts) are the one table that can hold
 * millions of values: each chunk is checked by hand, one at a time (bounded memory) — its
 * CRC-32, its length against its rows, its position against the layout, ids and dictionary
 * values as JSON arrays of text, attribute codes inside their dictionary, every column's
 * chunk lined up with an id chunk of the same size, and no user id twice.
 *
 * Each chunk is read by its own query (not one open iteration), so that a suspected repeated
 * id can be confirmed against an earlier id chunk in between; the ids are parsed once, here,
 * and go straight into the import's hashed id set (a million ids are not kept as strings).
 */
function checkAudienceChunks(db: Db, file: string): void {
  const meta = db.prepare("SELECT layout, rows FROM datasets WHERE kind = 'audience'").raw().get() as [string | null, number] | undefined;
  const shape = meta?.[0] ? (JSON.parse(meta[0]) as { features: string[]; attributes: string[] }) : { features: [], attributes: [] };
  const idRows = new Map(db.prepare("SELECT chunk, rows FROM audience_chunks WHERE field = 'id' AND position = 0").raw().all() as [number, number][]);
  const dictionarySize = new Map(db.prepare("SELECT position, sum(rows) FROM audience_chunks WHERE field = 'dictionary' GROUP BY position").raw().all() as [number, number][]);
  const next = db.prepare('SELECT rowid, field, position, chunk, rows, data, crc32 FROM audience_chunks WHERE rowid > ? ORDER BY rowid LIMIT 1').raw();
  // Sized for the users the dataset states (bounded: a crafted count cannot ask for more).
  const ids = new SeenIds(db, Math.min(Math.max(0, meta?.[1] ?? 0), 1 << 26));
  let row = 0;
  for (let after = -Infinity; ; ) {
    const found = next.get(after) as [number, string, number, number, number, unknown, number] | undefined;
    if (!found) break;
    const [rowid, field, position, chunk, rows, data, crc] = found;
    after = rowid;
    row++;
    const where = `${field} ${position}, chunk ${chunk}`;
    const bad = (why: string) => located(file, 'audience_chunks', 'data', row, `${where}: ${why}`);
    if (!Buffer.isBuffer(data)) throw bad('not stored bytes');
    if (checksum(data) !== crc) throw bad('its checksum does not match');
    // Tandem writes at most CHUNK_ROWS users a chunk, and an id of at most MAX_ID characters:
    // a chunk larger than that is refused before any of it is parsed.
    if (rows > CHUNK_ROWS) throw bad(`more than ${CHUNK_ROWS.toLocaleString('en')} rows`);
    if (field === 'id' && data.length > 2 + rows * (MAX_ID * 6 + 3)) throw bad('longer than its ids can be');
    const width = field === 'feature' ? shape.features.length : field === 'id' ? 1 : shape.attributes.length;
    if (position >= width) throw bad(`position outside the layout's ${width} columns`);
    if (field === 'feature' || field === 'attribute') {
      if (idRows.get(chunk) !== rows) throw bad('no id chunk of the same users');
      if (data.length !== rows * BYTES_PER_ROW[field]!) throw bad(`its length is not ${rows.toLocaleString('en')} values`);
      if (field === 'attribute') {
        const size = dictionarySize.get(position) ?? 0;
        const codes = int32s(data);
        for (let i = 0; i < codes.length; i++) if (codes[i] < -1 || codes[i] >= size) throw bad(`a code ${codes[i]} outside its dictionary of ${size.toLocaleString('en')} values`);
      }
      continue;
    }
    let values: unknown;
    try {
      values = JSON.parse(data.toString('utf8'));
    } catch {
      throw bad('not valid JSON');
    }
    if (!Array.isArray(values) || values.length !== rows) throw bad(`not ${rows.toLocaleString('en')} values`);
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== 'string' || v.length > MAX_FIELD_CHARS) throw bad('a value that is not text');
    }
    if (field !== 'id') continue;
    const repeated = ids.addChunk(rowid, values as string[]);
    if (repeated !== null) throw located(file, 'audience_chunks', 'data', null, `the user ${repeated.id.slice(0, 60)} twice (row ${(repeated.row + 1).toLocaleString('en')})`);
  }
  if (meta && meta[1] !== ids.total) throw located(file, 'datasets', 'rows', null, `the audience says ${meta[1].toLocaleString('en')} users but holds ${ids.total.toLocaleString('en')}`);
}

/**
 * The user ids of a file's id chunks in the order they are read, as the import's hashed set; a
 * matching hash is confirmed by the id itself, from the chunk in hand or re-read by its rowid.
 */
class SeenIds {
  total = 0;
  private readonly starts: number[] = [];
  private readonly rowids: number[] = [];
  private current: string[] = [];
  private reread: { at: number; ids: string[] } | null = null;
  private readonly set: IdSet;
  private readonly read: ReturnType<Db['prepare']>;

  constructor(db: Db, expected: number) {
    this.set = new IdSet((row) => this.idAt(row), Math.max(1 << 16, expected));
    this.read = db.prepare('SELECT data FROM audience_chunks WHERE rowid = ?').pluck();
  }

  /** Adds a chunk's ids; the first one already seen, with its row in reading order, or null. */
  addChunk(rowid: number, ids: string[]): { id: string; row: number } | null {
    this.starts.push(this.total);
    this.rowids.push(rowid);
    this.current = ids;
    for (let i = 0; i < ids.length; i++) {
      if (!this.set.add(ids[i], this.total + i)) return { id: ids[i], row: this.total + i };
    }
    this.total += ids.length;
    return null;
  }

  private idAt(row: number): string {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    if (lo === this.starts.length - 1) return this.current[row - this.starts[lo]] ?? '';
    if (this.reread?.at !== lo) this.reread = { at: lo, ids: chunkStrings(this.read.get(this.rowids[lo]) as Buffer) };
    return this.reread.ids[row - this.starts[lo]] ?? '';
  }
}

function checkEvidenceNames(db: Db, file: string): void {
  let row = 0;
  for (const n of db.prepare('SELECT name FROM checklist_evidence').pluck().iterate() as Iterable<string>) {
    row++;
    if (!n || plainFileName(n) !== n) throw located(file, 'checklist_evidence', 'name', row, `"${n.slice(0, 60)}" is not a plain file name`);
  }
}

/** Segment labels: one 32-bit label per user the run states; a logo: a PNG or JPEG as it says. */
function checkBlobs(db: Db, file: string): void {
  for (const [logo, mime] of db.prepare('SELECT logo, logo_mime FROM report_settings WHERE logo IS NOT NULL').raw().iterate() as Iterable<[unknown, unknown]>) {
    if (!Buffer.isBuffer(logo) || logo.length > MAX_LOGO_BYTES || logoMimeOf(logo) === null || logoMimeOf(logo) !== mime) throw located(file, 'report_settings', 'logo', 1, 'not a PNG or JPEG image of at most 2 MB');
  }
  checkLabels(db, file);
}

/** Segment labels: each run's chunks hold one label per user it states, inside its segments; no chunk without a run. */
function checkLabels(db: Db, file: string): void {
  const runs = new Map<string, { users: number; k: number; seen: number }>();
  let index = 0;
  for (const [key, users, segments] of db.prepare('SELECT labels_key, users, segments FROM segment_runs').raw().iterate() as Iterable<[string, number, string]>) {
    index++;
    if (runs.has(key)) throw located(file, 'segment_runs', 'labels_key', index, 'the labels of another run');
    runs.set(key, { users, k: (JSON.parse(segments) as unknown[]).length, seen: 0 });
  }
  let row = 0;
  for (const [key, chunk, rows, data, crc] of db.prepare('SELECT labels_key, chunk, rows, data, crc32 FROM segment_labels ORDER BY rowid').raw().iterate() as Iterable<[string, number, number, unknown, number]>) {
    row++;
    const bad = (why: string) => located(file, 'segment_labels', 'data', row, `chunk ${chunk}: ${why}`);
    if (rows > CHUNK_ROWS) throw bad(`more than ${CHUNK_ROWS.toLocaleString('en')} rows`);
    const run = runs.get(key);
    if (!run) throw bad('labels of no segment run');
    if (!Buffer.isBuffer(data)) throw bad('not stored bytes');
    if (checksum(data) !== crc) throw bad('its checksum does not match');
    if (data.length !== rows * 4) throw bad(`its length is not ${rows.toLocaleString('en')} labels`);
    for (const l of int32s(data)) if (l < -1 || l >= run.k) throw bad(`a label ${l} outside the run's ${run.k} segments`);
    run.seen += rows;
  }
  index = 0;
  for (const run of runs.values()) {
    index++;
    if (run.seen !== run.users) throw located(file, 'segment_runs', 'users', index, `${run.users.toLocaleString('en')} users but ${run.seen.toLocaleString('en')} segment labels`);
  }
}
