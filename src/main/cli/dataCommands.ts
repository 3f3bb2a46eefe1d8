import path from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { ImportResult } from '../../shared/data';
import { DATE_ORDERS, IMPORT_MODES } from '../../shared/data';
import { DATASET_KINDS, type DatasetKind } from '../../shared/project';
import { translate } from '../../shared/i18n';
import type { Options } from './args';
import { UsageError } from './args';
import { projectDetails } from './format';
import { EXIT } from './exit';
import type { CliIo } from './main';

/** What a command needs from the CLI's run: output, options, the contract, jobs. */
export interface CliContext {
  io: CliIo;
  json: boolean;
  opts(allowed: string[]): Options;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  emit(value: unknown, text: string): void;
  projectId(raw: string | undefined): number;
  runJob(start: CallInput<'jobs.start'>): Promise<unknown>;
}

function kindOption(o: Options): DatasetKind {
  const kind = o.string('kind');
  if (!kind) throw new UsageError('--kind is required');
  if (!(DATASET_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${DATASET_KINDS.join(', ')}`);
  return kind as DatasetKind;
}

function oneFile(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`${what} needs a file`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return path.resolve(positionals[0]);
}

/** `import`: prints {rowsRead, rowsImported, rejected: [{row, column, value, reason}], ms}. */
export async function importCommand(ctx: CliContext, positionals: string[]): Promise<number> {
  const o = ctx.opts(['project', 'kind', 'sheet', 'map', 'mode', 'strict', 'date-order']);
  const projectId = ctx.projectId(o.string('project'));
  const dataset = kindOption(o);
  const file = oneFile(positionals, 'import');
  const mapping: Record<string, string> = {};
  for (const pair of o.all('map')) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--map takes column=field, not "${pair}"`);
    mapping[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const mode = o.string('mode');
  if (mode !== undefined && !(IMPORT_MODES as readonly string[]).includes(mode)) throw new UsageError('--mode must be replace or append');
  const dateOrder = o.string('date-order');
  if (dateOrder !== undefined && !(DATE_ORDERS as readonly string[]).includes(dateOrder)) throw new UsageError('--date-order must be mdy or dmy');
  const result = (await ctx.runJob({
    kind: 'import',
    projectId,
    dataset,
    path: file,
    sheet: o.string('sheet'),
    mapping: Object.keys(mapping).length ? mapping : undefined,
    mode: mode as 'replace' | 'append' | undefined,
    strict: o.has('strict'),
    dateOrder: dateOrder as 'mdy' | 'dmy' | undefined,
  })) as ImportResult;
  const out = {
    rowsRead: result.rowsRead,
    rowsImported: result.rowsImported,
    rejected: result.rejected.map(({ row, column, value, reason }) => ({ row, column, value, reason })),
    ms: result.ms,
  };
  // Notes are not part of DESIGN §2's JSON: with --json they go to stderr, the JSON keeps its shape.
  const notes = result.notes.map((n) => translate('en', n.key, n.params));
  const refused = !result.written;
  if (ctx.json) {
    ctx.io.out(JSON.stringify(out));
    for (const note of notes) ctx.io.err(`tandem: note: ${note}`);
  } else {
    const lines = [
      refused
        ? `Strict import refused: ${result.rowsRejected} of ${result.rowsRead} rows have problems; nothing was written.`
        : `Imported ${result.rowsImported.toLocaleString('en')} of ${result.rowsRead.toLocaleString('en')} rows into ${dataset} (${result.mode}) in ${result.ms} ms.`,
      ...result.rejected.slice(0, 50).map((r) => `  line ${r.row}, ${r.column}: ${r.reason} (value "${r.value}")`),
    ];
    if (result.rejectedTotal > 50) lines.push(`  … and ${result.rejectedTotal - 50} more`);
    for (const note of notes) lines.push(`Note: ${note}`);
    ctx.io.out(lines.join('\n'));
  }
  if (refused) ctx.io.err(`tandem: strict import refused: ${result.rowsRejected} rows rejected, nothing written`);
  return refused ? EXIT.refused : EXIT.ok;
}

export async function datasetCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  if (sub !== 'export') throw new UsageError(sub ? `unknown dataset command "${sub}"` : 'dataset needs a command: export');
  const o = ctx.opts(['project', 'kind', 'out']);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const projectId = ctx.projectId(o.string('project'));
  const dataset = kindOption(o);
  const out = o.string('out');
  if (!out) throw new UsageError('dataset export needs --out FILE.csv or FILE.xlsx');
  if (!/\.(csv|xlsx)$/i.test(out)) throw new UsageError('--out must end in .csv or .xlsx');
  const result = (await ctx.runJob({ kind: 'datasetExport', projectId, dataset, path: path.resolve(out) })) as { rows: number; path: string };
  ctx.emit(result, `Wrote ${result.rows.toLocaleString('en')} ${dataset} rows to ${result.path}.`);
  return EXIT.ok;
}

export async function exportCommand(ctx: CliContext, positionals: string[]): Promise<number> {
  const o = ctx.opts(['project', 'out']);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const projectId = ctx.projectId(o.string('project'));
  const out = o.string('out');
  if (!out) throw new UsageError('export needs --out FILE.tandem');
  if (!/\.tandem$/i.test(out)) throw new UsageError('--out must end in .tandem');
  const result = (await ctx.runJob({ kind: 'projectExport', projectId, path: path.resolve(out) })) as { path: string; bytes: number; ms: number };
  ctx.emit(result, `Exported project ${projectId} to ${result.path} (${(result.bytes / 1024 ** 2).toFixed(1)} MB, ${result.ms} ms).`);
  return EXIT.ok;
}

/** `open`: a project already in the library is replaced (the old one goes to the trash) unless --as-copy. */
export async function openCommand(ctx: CliContext, positionals: string[]): Promise<number> {
  const o = ctx.opts(['as-copy']);
  const file = oneFile(positionals, 'open');
  const result = (await ctx.runJob({ kind: 'projectOpen', path: file, as: o.has('as-copy') ? 'copy' : 'replace' })) as {
    projectId: number;
    replaced: number | null;
  };
  const project = await ctx.call('projects.get', { id: result.projectId });
  const note = result.replaced ? ` (project ${result.replaced} moved to the trash)` : '';
  ctx.emit({ project }, `Opened ${path.basename(file)} as project ${project.id}${note}.\n${projectDetails(project)}`);
  return EXIT.ok;
}
