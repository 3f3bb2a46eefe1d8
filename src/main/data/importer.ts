import type { Db } from '../db/connection';
import { type AudienceLayout, DatasetsRepo, pushRowValues } from '../db/datasetsRepo';
import { ProjectsRepo } from '../db/projectsRepo';
import type { ImportMode, ImportNote, ImportResult } from '../../shared/data';
import type { AudienceRow, ExperimentRow } from '../../shared/datasets';
import { experimentPlacementProblem } from '../../shared/experiments';
import { translate } from '../../shared/i18n';
import { type Mapping, mappingProblems, timeFieldsOf } from '../../shared/fields';
import type { DatasetKind } from '../../shared/project';
import { DomainError } from '../../shared/result';
import { AudienceBatcher } from './audienceBatch';
import { type ImportSink, InlineSink, type SinkResult, STORE_REJECTED } from './importSink';
import { storedColumns } from './datasetExport';
import { ProfileBuilder } from './profile';
import { duplicateProblem, RejectionLog } from './rejections';
import { ThreadedSink } from './threadedSink';
import { ROW_KEYS, rowBuilder, type RowProblem } from './rowBuilders';
import { sampleTable } from './sample';
import { asInputError, damagedTextNote, openTableSource, type TableSource } from './tableSource';
import type { DateOrder, TimeReading } from './values';

export interface ImportRequest {
  projectId: number;
  kind: DatasetKind;
  file: string;
  sheet?: string;
  /** Column → field; merged over the suggestion (the UI sends every column, the CLI only its --map). */
  mapping?: Mapping;
  /** Required when the kind already holds rows: never silent duplicates. */
  mode?: ImportMode;
  /** Write nothing when any row is refused. */
  strict?: boolean;
  dateOrder?: DateOrder;
}

export interface ImportOptions {
  now?: () => Date;
  /** Write from a second thread while this one parses (the import job does; tests may not). */
  writerThread?: boolean;
  nativeBinding?: string;
}

/**
 * Imports one file into one dataset of a project: reads it as a stream, maps and checks
 * every row, and writes the valid rows in one transaction (all of them or, on a crash, a
 * cancel or a strict refusal, none). `onProgress` may throw to cancel.
 */
export function importFile(
  db: Db,
  req: ImportRequest,
  onProgress: (fraction: number, step: string) => void = () => {},
  opts: ImportOptions = {},
): ImportResult {
  const now = opts.now ?? (() => new Date());
  const started = performance.now();
  const projects = new ProjectsRepo(db);
  const datasets = new DatasetsRepo(db);
  const project = projects.get(req.projectId);
  if (!project || project.deletedAt) throw new DomainError('not_found', `There is no project ${req.projectId}.`);

  const existing = datasets.count(req.projectId, req.kind);
  if (existing > 0 && !req.mode) {
    throw new DomainError(
      'refused',
      `The project already holds ${existing.toLocaleString('en')} ${req.kind} rows: choose to replace them or append to them.`,
    );
  }
  const mode: ImportMode = req.mode ?? 'replace';

  const source = asInputError(() => openTableSource(req.file, { sheet: req.sheet }));
  try {
    return asInputError(() => readInto(source));
  } finally {
    source.close();
  }

  /** The rest of the import, with the file open (its read errors become located refusals). */
  function readInto(source: TableSource): ImportResult {
    const sample = sampleTable(source, 200);
    const remembered = datasets.meta(req.projectId, req.kind)?.mapping as Mapping | null;
    const mapping = resolveMapping(req.kind, sample.headers, sample.suggest(req.kind, remembered), req.mapping ?? {});
    const dateOrder = req.dateOrder ?? sample.dateOrder ?? 'mdy';
    const layout =
      req.kind === 'audience'
        ? audienceLayout(mapping, sample.headers, mode === 'append' ? datasets.layout(req.projectId) : null)
        : undefined;
    // In append mode the profile must cover older rows too: the sink takes it from the table.
    // An audience's profile is built by the sink, on the writing thread, from the users it keeps.
    const profile = mode === 'replace' && req.kind !== 'audience' ? new ProfileBuilder(req.kind) : null;
    const readings = timeReadingsUsed(req.kind, mapping, sample.timeReadings);
    const build = rowBuilder(req.kind, sample.headers, mapping, { order: dateOrder, readings }, layout);
    const key = ROW_KEYS[req.kind];
    const keyColumn = key ? sample.headers.find((h) => mapping[h] === key.field) ?? key.field : '';

    const rejections = new RejectionLog();
    let rowsRead = 0;
    const notes: ImportResult['notes'] = timeReadingNotes(readings);

    const importedAt = now().toISOString();
    const sinkStart = { projectId: req.projectId, kind: req.kind, mode, keyColumn, keyField: key?.field ?? '', layout, expectedRows: expectedRows(source, sample.rows) };
    // The sink takes the write lock first; the reads below then see a library nobody else changes.
    const sink: ImportSink = opts.writerThread ? new ThreadedSink(db.name, sinkStart, opts.nativeBinding) : new InlineSink(db, sinkStart);
    let outcome: SinkResult;
    try {
      const seen = key && !key.table && mode === 'append' ? datasets.columnSet(req.projectId, req.kind, key.column) : new Set<string>();
      const refs = referenceChecks(datasets, req, mapping, sample.headers, notes);
      let values: unknown[] = [];
      let lines: number[] = [];
      // An audience crosses to the writer as columns; every other kind as table values.
      const users = layout ? new AudienceBatcher(layout) : null;
      const problems: RowProblem[] = [];
      let header = true;
      source.read(
        (fields, line) => {
          if (header) {
            header = false;
            return;
          }
          rowsRead++;
          problems.length = 0;
          if (fields.length > sample.headers.length && fields.slice(sample.headers.length).some((f) => f.trim() !== '')) {
            problems.push({
              column: `(${fields.length} fields)`,
              value: fields.slice(sample.headers.length).join(' | ').slice(0, 200),
              code: 'extraFields',
              reason: `the row has ${fields.length} fields but the header names ${sample.headers.length}`,
            });
          }
          const row = problems.length ? null : build(fields, problems);
          if (row && key && !key.table) {
            const k = (key.of as (r: unknown) => string)(row);
            if (seen.has(k)) problems.push(duplicateProblem(key.field, keyColumn, k.split('\u001f').pop()!, mode));
            else seen.add(k);
          }
          if (row && !problems.length) for (const check of refs) check(row, problems);
          if (problems.length || !row) {
            rejections.row(line, problems);
            return;
          }
          if (users) {
            const full = users.add(row as AudienceRow, line);
            if (full) sink.addAudience(full);
            return;
          }
          pushRowValues(values, req.kind, req.projectId, row as never, layout);
          lines.push(line);
          profile?.add(row as never);
          if (lines.length === 64) {
            sink.addValues(values, lines);
            values = [];
            lines = [];
          }
        },
        (fraction) => onProgress(fraction * 0.95, 'job.import.reading'),
      );
      if (header) throw new DomainError('invalid_input', `${source.fileName} has no header row.`);
      const damaged = damagedTextNote(source);
      if (damaged) notes.push(damaged);
      if (lines.length) sink.addValues(values, lines);
      const rest = users?.take();
      if (rest) sink.addAudience(rest);
      onProgress(0.96, 'job.import.profiling');
      outcome = sink.finish({
        strict: !!req.strict,
        rowsRejected: rejections.rows,
        rejectedTotal: rejections.total,
        rejected: rejections.list.slice(0, STORE_REJECTED),
        rowsRead,
        meta: { source: source.fileName, importedAt, mapping, layout },
        profile: profile?.result() ?? null,
      });
    } catch (e) {
      sink.abort();
      throw e;
    }
    rejections.duplicates(outcome.duplicates);
    onProgress(1, 'job.import.done');
    return {
      rowsRead,
      rowsImported: outcome.rowsWritten,
      rowsRejected: rejections.rows,
      rejected: rejections.list,
      rejectedTotal: rejections.total,
      written: outcome.written,
      mode,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      sheet: source.sheet,
      notes,
      columns: outcome.written ? storedColumns(datasets, req.projectId, req.kind) : [],
      ms: Math.round(performance.now() - started),
    };
  }
}

/** A CSV's rows guessed from its size and its first rows' length; unknown (0) for a workbook. */
function expectedRows(source: TableSource, rows: string[][]): number {
  if (source.format !== 'csv' || rows.length === 0) return 0;
  const bytes = rows.reduce((n, r) => n + Buffer.byteLength(r.join(',')) + 1, 0) / rows.length;
  return Math.ceil(source.size / Math.max(4, bytes));
}

/** Suggestion, then the caller's choices; refused with every problem named. */
function resolveMapping(kind: DatasetKind, headers: string[], suggested: Mapping, overrides: Mapping): Mapping {
  const unknown = Object.keys(overrides).filter((c) => !headers.includes(c));
  if (unknown.length) {
    throw new DomainError('invalid_input', `The file has no column ${unknown.map((c) => `"${c}"`).join(', ')} (its columns: ${headers.join(', ')}).`);
  }
  const mapping = { ...suggested, ...overrides };
  const problems = mappingProblems(kind, mapping);
  if (problems.length) {
    throw new DomainError(
      'invalid_input',
      `The column mapping cannot be used: ${problems.map((p) => describeProblem(p.key, p.params)).join('; ')}.`,
      problems.map((p) => ({ path: 'mapping', message: p.key, params: p.params })),
    );
  }
  return mapping;
}

function describeProblem(key: string, params: Record<string, string>): string {
  switch (key) {
    case 'import.problem.required':
      return `no column is mapped to the required field ${params.field}`;
    case 'import.problem.twice':
      return `${params.field} is mapped from more than one column (${params.columns})`;
    case 'import.problem.unknownField':
      return `"${params.field}" (for column "${params.column}") is not a field of this kind`;
    case 'import.problem.noSpend':
      return 'no column is mapped to a spend channel (spend.<channel>)';
    default:
      return key;
  }
}

type RefCheck = (row: unknown, problems: RowProblem[]) => void;

/**
 * Interactions must name known users and items, collaborations known partners — when the
 * project holds those kinds; otherwise the check cannot run and a note says so.
 */
/** The time readings of the columns mapped to a date or time field (the only ones they change). */
export function timeReadingsUsed(kind: DatasetKind, mapping: Mapping, readings: Record<string, TimeReading>): Record<string, TimeReading> {
  const timeFields = timeFieldsOf(kind);
  return Object.fromEntries(Object.entries(readings).filter(([column]) => timeFields.has(mapping[column] ?? '')));
}

/** How each time column was read, for the import report ("时间 was read as Unix seconds, UTC"). */
export function timeReadingNotes(readings: Record<string, TimeReading>): ImportNote[] {
  return Object.entries(readings).map(([column, reading]) => ({ key: `import.note.read.${reading}`, params: { column } }));
}

function referenceChecks(datasets: DatasetsRepo, req: ImportRequest, mapping: Mapping, headers: string[], notes: ImportResult['notes']): RefCheck[] {
  const columnOf = (field: string) => headers.find((h) => mapping[h] === field) ?? field;
  const check = (refKind: DatasetKind, idColumn: string, fields: { field: string; of: (row: never) => string; code: string }[]): RefCheck[] => {
    if (datasets.count(req.projectId, refKind) === 0) {
      notes.push({ key: 'import.note.refsUnchecked', params: { kind: refKind } });
      return [];
    }
    const known = datasets.columnSet(req.projectId, refKind, idColumn);
    return fields.map(({ field, of, code }) => (row, problems) => {
      const id = of(row as never);
      if (!known.has(id)) problems.push({ column: columnOf(field), value: id, code, reason: `${field} ${id} is not in the project's ${refKind}` });
    });
  };
  if (req.kind === 'interactions') {
    return [
      ...check('audience', 'user_id', [{ field: 'user_id', of: (r: { userId: string }) => r.userId, code: 'unknownUser' }]),
      ...check('catalog', 'item_id', [{ field: 'item_id', of: (r: { itemId: string }) => r.itemId, code: 'unknownItem' }]),
    ];
  }
  if (req.kind === 'experiments') return experimentChecks(datasets, req.projectId, columnOf, notes);
  if (req.kind === 'collaborations') {
    return check('partners', 'partner_id', [
      { field: 'partner_a', of: (r: { partnerA: string }) => r.partnerA, code: 'unknownPartner' },
      { field: 'partner_b', of: (r: { partnerB: string }) => r.partnerB, code: 'unknownPartner' },
    ]);
  }
  return [];
}

/**
 * A lift test must measure a channel the campaigns have, inside the weeks they cover (a week
 * runs seven days from its period): otherwise no fit can use it. Unchecked, with a note, when
 * the project has no campaign periods yet (the fit checks again).
 */
function experimentChecks(datasets: DatasetsRepo, projectId: number, columnOf: (field: string) => string, notes: ImportResult['notes']): RefCheck[] {
  const span = datasets.campaignSpan(projectId);
  if (!span) {
    notes.push({ key: 'import.note.refsUnchecked', params: { kind: 'campaigns' } });
    return [];
  }
  return [
    (row, problems) => {
      const e = row as ExperimentRow;
      const problem = experimentPlacementProblem(e, span);
      if (problem) problems.push({ column: columnOf(problem.field), value: e[problem.field], code: problem.field === 'channel' ? 'unknownChannel' : 'outsidePeriods', reason: translate('en', problem.message, problem.params) });
    },
  ];
}

/** The audience's array layout: what it had (append keeps old positions), then this file's new names. */
function audienceLayout(mapping: Mapping, headers: string[], before: AudienceLayout | null): AudienceLayout {
  const names = (prefix: string) => headers.map((h) => mapping[h]).filter((t) => t?.startsWith(prefix)).map((t) => t.slice(prefix.length));
  const merge = (old: string[], now: string[]) => [...old, ...now.filter((n) => !old.includes(n))];
  return {
    features: merge(before?.features ?? [], names('feature.')),
    attributes: merge(before?.attributes ?? [], names('attribute.')),
  };
}
