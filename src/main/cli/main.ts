import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { PROJECT_STATUSES, type Project, type ProjectSummary } from '../../shared/project';
import { type ApiError, DomainError } from '../../shared/result';
import { dispatch } from '../api/dispatch';
import { defaultDataDir } from '../core/paths';
import { createServices, type Services } from '../core/services';
import { Options, parseArgs, UsageError } from './args';
import { EXIT } from './exit';
import { type CliContext, datasetCommand, exportCommand, importCommand, openCommand } from './dataCommands';
import { projectDetails, projectLine } from './format';
import { segmentCommand } from './segmentCommand';
import { checklistCommand } from './checklistCommand';
import { recommendCommand } from './recommendCommand';
import { partnersCommand } from './partnersCommand';
import { forecastCommand } from './forecastCommand';
import { reportCommand } from './reportCommand';
import { keyCommand, kitCommand, overlapCommand, sketchCommand } from './overlapCommands';
import { describeEngines, detectEngines } from '../ml/engineInfo';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether progress lines may be drawn on stderr. */
  interactive: boolean;
}

const BOOLEAN_FLAGS = new Set(['json', 'trash', 'yes', 'help', 'strict', 'as-copy']);

export const USAGE = `tandem [--data-dir DIR] [--json] <command>
  demo [--seed S]                        create the demo project
  project create --name N [--kind course|audio|ebook|live|column] [--description T]
                 [--tags a,b] [--exclude a,b] [--budget AMOUNT] [--currency CNY]
                 [--client C] [--title T] [--price P] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
  project list [--trash] | show ID | delete ID | restore ID | empty-trash --yes
  project status ID draft|review|ready|live|closed
  import --project ID --kind KIND FILE [--sheet NAME] [--map column=field ...]
         [--mode replace|append] [--strict] [--date-order mdy|dmy]
  dataset export --project ID --kind KIND --out FILE.csv|FILE.xlsx
  export --project ID --out FILE.tandem  |  open FILE.tandem [--as-copy]
  segment --project ID [--k K | --k-min A --k-max B] [--features a,b] [--seed S]
          [--restarts R] [--max-iter M] [--engine wasm|onnx|tfjs|js] [--assignments OUT.csv]
  checklist --project ID | checklist set --project ID --item ITEM [--status todo|in_progress|done|na]
            [--severity blocking|high|medium|low] [--owner O] [--due YYYY-MM-DD|none]
            [--note T] [--reason T] [--evidence FILE]
  recommend --project ID [--top K] --out FILE.tsv [--factors F] [--iterations N] [--seed S]
                                         every user's top-K unseen items (user_id, item_id, rank, score)
  partners rank --project ID [--preset awareness|engagement|conversion] [--weights factor=w,...] [--top N]
  partners portfolio --project ID --budget B [--max N] [--preset P]
  forecast mmm --project ID [--holdout-weeks N] [--seed S] [--adstock auto|geometric|weibull] [--saturation auto|logistic|hill]
               [--bootstrap B]              the marketing-mix model on the campaign periods
  forecast allocate --project ID [--budget B | --target T] [--bounds channel=lo:hi ...]
                                         the best weekly split under the latest fit
  forecast scenario --project ID --plan FILE.csv   weekly P10/P50/P90 of a spend plan (week, one column per channel)
  forecast campaign --project ID [--partners p1,p2]
                                         the campaign-level model; each shortlisted partner's outcome (P10–P90)
  report --project ID --out FILE.pdf [--lang zh-CN|en]
                                         the pitch report as a PDF (contents, charts, page numbers)
  engine                                 the machine-learning backends that load here
  key --out FILE                         a new deal key (32 random bytes as hex text), never over a file
  kit --key-file K --out FILE.html [--partner NAME] [--deal T] [--lang zh-CN|en] [--id-kind K]
                                         the partner kit: one offline HTML page that sketches the partner's list
  sketch --ids FILE --column C --key-file K --out FILE.tsketch [--id-kind mobile|email|id] [--sheet S] [--label T]
                                         an overlap sketch of one identifier column (HMAC-SHA-256, KMV of 16,384)
  overlap A.tsketch B.tsketch [--universe N] [--key-file K]
                                         {a, b, overlap: {estimate, p10, p90}, shareOfA, shareOfB, affinity}
Kinds: audience, catalog, interactions, partners, collaborations, campaigns, actuals.
Exit codes: 0 ok, 1 failure, 2 bad usage or input, 3 refused.`;


export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Runs one CLI invocation against the same services and contract the app uses. */
export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let services: Services | null = null;
  try {
    const parsed = parseArgs(argv, BOOLEAN_FLAGS);
    const [command, sub, ...rest] = parsed.positionals;
    const opts = (allowed: string[]) => new Options(parsed.options, new Set(['data-dir', 'json', 'help', ...allowed]));
    const json = parsed.options.has('json');
    if (!command || parsed.options.has('help') || command === 'help') {
      io.out(USAGE);
      return command ? EXIT.ok : EXIT.usage;
    }
    const dataDir = parsed.options.get('data-dir')?.at(-1) ?? defaultDataDir(env);
    const open = (): Services => {
      services ??= createServices({ dataDir, locale: env.LANG ?? 'en' });
      if (!services.health.ok) throw new ApiFailure({ code: 'library_unavailable', message: services.health.error ?? '' });
      return services;
    };
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const result = await dispatch(open().handlers, name, input, (e) => io.err(String((e as Error).stack ?? e)));
      if (!result.ok) throw new ApiFailure(result.error);
      return result.value as CallOutput<N>;
    };
    const emit = (value: unknown, text: string) => io.out(json ? JSON.stringify(value) : text);
    const projectId = (raw: string | undefined): number => {
      if (raw === undefined) throw new UsageError('a project ID is required');
      const id = Number(raw);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${raw}" is not a project ID`);
      return id;
    };

    /** Starts a job, draws its progress on stderr, and answers its result (or throws its failure). */
    const runJob = async (start: CallInput<'jobs.start'>): Promise<unknown> => {
      const svc = open();
      const job = await call('jobs.start', start);
      const stop = svc.bus.listen('job', (info) => {
        if (io.interactive && !json && info.id === job.id && info.state === 'running') {
          io.err(`\r${translate('en', info.step)} ${Math.round(info.progress * 100)}%   `);
        }
      });
      const ended = await svc.jobs.wait(job.id);
      stop();
      if (io.interactive && !json) io.err('\n');
      if (ended.state !== 'done') {
        throw new ApiFailure({ code: ended.errorCode ?? 'internal', message: ended.error ?? `${start.kind} ${ended.state}` });
      }
      return ended.result;
    };
    const ctx: CliContext = { io, json, opts, call, emit, projectId, runJob };

    if (command === 'demo') {
      const o = opts(['seed']);
      const seed = o.integer('seed');
      const result = (await runJob(seed === undefined ? { kind: 'demo' } : { kind: 'demo', seed })) as { projectId: number };
      const project = await call('projects.get', { id: result.projectId });
      emit({ project }, `Created demo project ${project.id}.\n${projectDetails(project)}`);
      return EXIT.ok;
    }
    if (command === 'import') return await importCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'dataset') return await datasetCommand(ctx, sub, rest);
    if (command === 'export') return await exportCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'open') return await openCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'segment') return await segmentCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'checklist') return await checklistCommand(ctx, sub, rest);
    if (command === 'partners') return await partnersCommand(ctx, sub, rest);
    if (command === 'forecast') return await forecastCommand(ctx, sub, rest);
    if (command === 'report') return await reportCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'recommend') return await recommendCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'key') return keyCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'kit') return await kitCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'sketch') return sketchCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'overlap') return overlapCommand(ctx, [sub, ...rest].filter((a) => a !== undefined));
    if (command === 'engine') {
      opts([]);
      const engines = await detectEngines();
      emit({ engine: engines }, `${describeEngines(engines)}\nDefault for segmentation: ${engines.default}.`);
      return EXIT.ok;
    }

    if (command !== 'project') throw new UsageError(`unknown command "${command}"`);
    switch (sub) {
      case 'create': {
        const o = opts(['name', 'kind', 'description', 'tags', 'exclude', 'budget', 'currency', 'client', 'title', 'price', 'start', 'end']);
        if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
        const name = o.string('name');
        if (name === undefined) throw new UsageError('project create needs --name');
        const input: Record<string, unknown> = { name };
        const set = (key: string, value: unknown) => value !== undefined && (input[key] = value);
        set('kind', o.string('kind'));
        set('description', o.string('description'));
        set('tags', o.list('tags'));
        set('exclusions', o.list('exclude'));
        set('budget', o.number('budget'));
        set('currency', o.string('currency')?.toUpperCase());
        set('client', o.string('client'));
        set('productTitle', o.string('title'));
        set('price', o.number('price'));
        set('startDate', o.string('start'));
        set('endDate', o.string('end'));
        const project = await call('projects.create', input as CallInput<'projects.create'>);
        emit({ project }, `Created project ${project.id}.\n${projectDetails(project)}`);
        return EXIT.ok;
      }
      case 'list': {
        const o = opts(['trash', 'search', 'sort']);
        const projects = await call('projects.list', { trash: o.has('trash'), search: o.string('search') });
        emit({ projects }, projects.length ? projects.map((p: ProjectSummary) => projectLine(p)).join('\n') : '(no projects)');
        return EXIT.ok;
      }
      case 'show': {
        opts([]);
        const project = await call('projects.get', { id: projectId(rest[0]) });
        emit({ project }, projectDetails(project));
        return EXIT.ok;
      }
      case 'delete': {
        opts([]);
        const id = projectId(rest[0]);
        await call('projects.trash', { id });
        emit({ trashed: { id } }, `Project ${id} moved to the trash (restore with: tandem project restore ${id}).`);
        return EXIT.ok;
      }
      case 'restore': {
        opts([]);
        const project = await call('projects.restore', { id: projectId(rest[0]) });
        emit({ project }, `Restored project ${project.id}: ${project.name}`);
        return EXIT.ok;
      }
      case 'empty-trash': {
        const o = opts(['yes']);
        if (!o.has('yes')) {
          io.err('tandem: emptying the trash deletes its projects for good; run again with --yes to confirm.');
          return EXIT.refused;
        }
        const result = await call('projects.emptyTrash', { confirm: true });
        emit(result, `Deleted ${result.deleted} projects for good.`);
        return EXIT.ok;
      }
      case 'status': {
        opts([]);
        const id = projectId(rest[0]);
        const status = rest[1];
        if (!status || !(PROJECT_STATUSES as readonly string[]).includes(status)) {
          throw new UsageError(`status must be one of ${PROJECT_STATUSES.join(', ')}`);
        }
        const project: Project = await call('projects.setStatus', { id, status: status as Project['status'] });
        emit({ project }, `Project ${project.id} is now ${project.status}.`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(sub ? `unknown project command "${sub}"` : 'project needs a command: create, list, show, delete, restore, status');
    }
  } catch (caught) {
    // A service's own refusal (the overlap commands call services directly) reads like the contract's.
    const e = caught instanceof DomainError ? new ApiFailure({ code: caught.code, message: caught.message }) : caught;
    if (e instanceof UsageError) {
      io.err(`tandem: ${e.message} (see tandem --help)`);
      return EXIT.usage;
    }
    if (e instanceof ApiFailure) {
      const { code, message, issues } = e.error;
      const located = issues?.map((i) => `  ${cliField(i.path)}: ${translate('en', i.message, i.params)}`).join('\n');
      // A refusal's message says it whole (the ready gate lists its items with their ids for scripts).
      io.err(`tandem: ${located && code !== 'refused' ? `invalid input\n${located}` : message}`);
      if (code === 'invalid_input' || code === 'not_found' || code === 'unknown_call') return EXIT.usage;
      if (code === 'refused') return EXIT.refused;
      return EXIT.failure;
    }
    io.err(`tandem: ${(e as Error).message}`);
    return EXIT.failure;
  } finally {
    await (services as Services | null)?.close();
  }
}

/** Names a contract field the way the CLI option is spelled. */
function cliField(path: string): string {
  const map: Record<string, string> = {
    exclusions: '--exclude',
    productTitle: '--title',
    startDate: '--start',
    endDate: '--end',
  };
  const parts = path.split('.');
  // Segmentation settings travel as `settings.kMax`: the option is --k-max.
  if (parts[0] === 'settings' && parts[1]) return `--${parts[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  // A checklist item's changes travel as `patch.due`: the option is --due (notes: --note).
  if (parts[0] === 'patch' && parts[1]) return ({ notes: '--note', naReason: '--reason' } as Record<string, string>)[parts[1]] ?? `--${parts[1]}`;
  const head = parts[0];
  return map[head] ?? (head ? `--${head}` : 'input');
}
