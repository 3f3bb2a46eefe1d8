import { EventEmitter } from 'node:events';
import type { AppInfo, LibraryHealth } from '../../shared/appInfo';
import type { PushEventName, PushEvents } from '../../shared/events';
import { DomainError, type Result } from '../../shared/result';
import { backupIfDue, latestBackup } from '../db/backup';
import { type Library, LibraryError, libraryPaths, openLibrary } from '../db/library';
import { SCHEMA_VERSION } from '../db/migrate';
import { dispatch, isCallName, mergeHandlers } from '../api/dispatch';
import type { Handlers } from '../api/types';
import { JobRunner } from '../jobs/runner';
import { PathGrants, ungranted } from '../api/pathGrants';
import { existingProject } from '../projectFile/peek';
import type { OffMain } from '../jobs/protocol';
import { audienceHandlers } from '../audience/handlers';
import { RunsRepo } from '../audience/runsRepo';
import { dataHandlers } from '../data/handlers';
import { detectEngines } from '../ml/engineInfo';
import { DataService } from '../data/service';
import type { DialogPurpose, ProjectFileSummary } from '../../shared/contract';
import { projectHandlers } from '../projects/handlers';
import { riskHandlers } from '../risk/handlers';
import { reportHandlers } from '../report/handlers';
import { PlanService } from '../plan/planService';
import { FitsRepo } from '../forecast/fitsRepo';
import { allocateForProject } from '../forecast/projectAllocation';
import { runScenario } from '../forecast/scenario';
import { bassFor } from '../forecast/bass';
import { CampaignModelService } from '../forecast/campaign/campaignService';
import { compareActuals } from '../forecast/actuals';
import { ExperimentService } from '../forecast/experimentService';
import { ScenarioService } from '../forecast/scenarioService';
import { ChecklistService } from '../risk/checklistService';
import { RevenueService } from '../risk/revenueService';
import { EventWeightsRepo } from '../partners/targeting/eventWeights';
import { PartnerService } from '../partners/partnerService';
import { OverlapService } from '../overlap/overlapService';
import { DealKits } from '../overlap/dealKits';
import { PersonalityService } from '../personality/personalityService';
import { RightsService } from '../risk/rightsService';
import { currentUser } from '../risk/who';
import { ProjectService } from '../projects/service';
import { SettingsService } from '../settings/service';
import { APP_NAME } from './paths';
import { APP_VERSION } from './version';

export interface ServicesOptions {
  dataDir: string;
  /** better-sqlite3 binary for the running ABI (Electron passes its own build). */
  nativeBinding?: string;
  /** The OS locale, e.g. `zh-CN`. */
  locale: string;
  platform?: string;
  now?: () => Date;
  /** The host's file dialogs (Electron's, or the test host's queue); the CLI has none. */
  dialogs?: DialogHost;
}

export interface DialogHost {
  open(purpose: DialogPurpose): Promise<string | null>;
  save(purpose: DialogPurpose, defaultName: string): Promise<string | null>;
  /** Opens a local file (one Tandem wrote) with the system's default application. */
  openFile(file: string): Promise<void>;
}

/** Typed push events from main to whichever renderer host listens. */
export class PushBus extends EventEmitter {
  send<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    this.emit(event, payload);
  }
  listen<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    this.on(event, listener);
    return () => this.off(event, listener);
  }
}

export interface Services {
  dataDir: string;
  library: Library | null;
  health: LibraryHealth;
  projects: ProjectService | null;
  settings: SettingsService;
  jobs: JobRunner;
  bus: PushBus;
  handlers: Handlers;
  /** The files the user chose this session (dialogs, the OS, a drop): the only ones a renderer call may name. */
  grants: PathGrants;
  /**
   * A call from the renderer (the app's window, the browser test host): refused when it names
   * a file nobody chose, else dispatched. The CLI dispatches directly.
   */
  rendererCall(name: unknown, input: unknown): Promise<Result<unknown>>;
  /** Takes the daily backup when one is due (the app calls it now and then while it runs). */
  backupIfDue(): string | null;
  close(): Promise<void>;
}

/**
 * Builds every service the app, the CLI and the browser test host share, under plain
 * node. A library that cannot be opened (damaged, newer than the app) does not stop the
 * services: the calls that need it answer `library_unavailable` with the reason and the
 * backup's location, and the file is never touched.
 */
export function createServices(opts: ServicesOptions): Services {
  const { file, backupDir } = libraryPaths(opts.dataDir);
  let library: Library | null = null;
  let health: LibraryHealth;
  try {
    library = openLibrary(opts.dataDir, { nativeBinding: opts.nativeBinding, now: opts.now });
    health = { ok: true, error: null, errorKind: null, libraryPath: file, backupDir, latestBackup: latestBackup(backupDir) };
  } catch (e) {
    if (!(e instanceof LibraryError)) throw e;
    health = { ok: false, error: e.message, errorKind: e.kind, libraryPath: file, backupDir, latestBackup: e.latestBackup };
  }

  const bus = new PushBus();
  const grants = new PathGrants();
  const projects = library ? new ProjectService(library.db, opts.now) : null;
  const data = library ? new DataService(library.db) : null;
  const runs = library ? new RunsRepo(library.db) : null;
  const checklist = library ? new ChecklistService(library.db, opts.now, currentUser) : null;
  const rights = library ? new RightsService(library.db, opts.now) : null;
  const revenue = library ? new RevenueService(library.db, opts.now) : null;
  // The ranking's overlap factor reads the overlap area's results; the overlap area names deals with the partners'.
  const partners: PartnerService | null = library ? new PartnerService(library.db, (projectId) => overlap?.rankingInput(projectId), (projectId) => personality?.fits(projectId)) : null;
  const partnerNames = (projectId: number) => new Map(partners!.names(projectId));
  const overlap: OverlapService | null = library ? new OverlapService(library.db, partnerNames, opts.now) : null;
  const kits = library ? new DealKits(library.db, partnerNames, opts.now) : null;
  const personality: PersonalityService | null = library ? new PersonalityService(library.db, partnerNames, opts.now) : null;
  const eventWeights = library ? new EventWeightsRepo(library.db) : null;
  const plans = library ? new PlanService(library.db, opts.now) : null;
  const scenarios = library ? new ScenarioService(library.db, opts.now) : null;
  const experiments = library ? new ExperimentService(library.db) : null;
  const settings = new SettingsService(library?.db ?? null);
  const jobs = new JobRunner({ dataDir: opts.dataDir, nativeBinding: opts.nativeBinding });
  const offMain: OffMain = (kind, params) => jobs.call(kind, params);
  jobs.on('job', (info) => {
    bus.send('job', info);
    if (info.state === 'done') bus.send('library', { reason: `job:${info.kind}` });
  });

  /** A service that needs the library, or the refusal that says why it cannot be used. */
  const need = <T>(service: T | null) => (): T => {
    if (!service) throw new DomainError('library_unavailable', health.error ?? 'The library is unavailable.');
    return service;
  };
  const needProjects = need(projects);

  const needData = need(data);
  /** The project's latest marketing-mix fit, or the refusal that says to fit first. */
  const latestFit = (projectId: number) => {
    const fit = new FitsRepo(need(library?.db ?? null)()).latest(projectId);
    if (!fit) throw new DomainError('refused', 'The project has no marketing-mix fit yet: fit the model first (Forecast page, or tandem forecast mmm).');
    return fit.result;
  };
  const needDialogs = (): DialogHost => {
    if (!opts.dialogs) throw new DomainError('refused', 'File dialogs are not available here.');
    return opts.dialogs;
  };

  const info = (): AppInfo => ({
    name: APP_NAME,
    version: APP_VERSION,
    dataDir: opts.dataDir,
    platform: opts.platform ?? process.platform,
    locale: opts.locale,
    library: { ...health, latestBackup: latestBackup(backupDir) ?? health.latestBackup },
    schemaVersion: SCHEMA_VERSION,
  });

  const handlers = mergeHandlers(
    { 'app.info': () => info(), 'engine.info': () => detectEngines() },
    {
      'settings.get': () => settings.get(),
      'settings.update': (patch) => {
        const next = settings.update(patch);
        bus.send('settings', next);
        return next;
      },
    },
    projectHandlers(needProjects),
    dataHandlers(needData, offMain),
    audienceHandlers(need(runs), need(library?.db ?? null)),
    riskHandlers(need(checklist), need(rights), need(revenue), needDialogs, opts.dataDir),
    reportHandlers(need(library?.db ?? null)),
    {
      'partners.rank': (input) => need(partners)().rank(input),
      'partners.network': ({ projectId }) => need(partners)().network(projectId),
      'partners.keywords': ({ projectId }) => need(partners)().keywords(projectId),
      'partners.portfolio': (input) => need(partners)().portfolio(input),
      'overlap.view': ({ projectId }) => need(overlap)().view(projectId),
      'overlap.saveSettings': (input) => need(overlap)().saveSettings(input),
      'overlap.kit': (input) => need(kits)().write(input),
      'overlap.forget': (input) => need(overlap)().forget(input),
      'personality.view': ({ projectId }) => need(personality)().view(projectId),
      'personality.save': (input) => need(personality)().save(input),
      'personality.importSurvey': (input) => need(personality)().importSurvey(input, offMain),
      'targeting.eventWeights': ({ projectId }) => need(eventWeights)().view(projectId),
      'targeting.saveEventWeights': (input) => need(eventWeights)().save(input),
      'plan.get': ({ projectId }) => need(plans)().get(projectId),
      'plan.save': (input) => need(plans)().save(input),
      'forecast.latest': ({ projectId }) => ({ fit: new FitsRepo(need(library?.db ?? null)()).latest(projectId) }),
      'forecast.allocate': ({ projectId, ...request }) => allocateForProject(need(library?.db ?? null)(), projectId, latestFit(projectId), request),
      'forecast.scenario': ({ projectId, plan }) => runScenario(latestFit(projectId), plan),
      'forecast.bass': (request) => bassFor(request),
      'forecast.actuals': ({ projectId, scenarioId, kpi }) => {
        const scenario = need(scenarios)().list(projectId).find((s) => s.id === scenarioId);
        if (!scenario) throw new DomainError('not_found', `Project ${projectId} has no scenario ${scenarioId}.`);
        return compareActuals(need(library?.db ?? null)(), projectId, scenario, kpi);
      },
      'forecast.campaign': (request) => new CampaignModelService(need(library?.db ?? null)()).model(request),
      'forecast.experiments': ({ projectId }) => need(experiments)().view(projectId),
      'forecast.addExperiment': ({ projectId, experiment }) => need(experiments)().add(projectId, experiment),
      'forecast.removeExperiment': ({ projectId, index }) => need(experiments)().remove(projectId, index),
      'scenarios.list': ({ projectId }) => need(scenarios)().list(projectId),
      'scenarios.save': ({ projectId, scenario }) => need(scenarios)().save(projectId, scenario),
      'scenarios.delete': ({ projectId, id }) => need(scenarios)().remove(projectId, id),
    },
    {
      'projectFiles.inspect': async ({ path }) => {
        needProjects();
        const { projectUid, ...peek } = (await offMain('projectPeek', { path })) as ProjectFileSummary & { projectUid: string | null };
        return { ...peek, existing: existingProject(library!.db, projectUid) };
      },
      'dialogs.open': async ({ purpose }) => {
        const path = await needDialogs().open(purpose);
        if (path) grants.grant(path, 'read');
        return { path };
      },
      'dialogs.save': async ({ purpose, defaultName }) => {
        const path = await needDialogs().save(purpose, defaultName);
        if (path) grants.grant(path, 'write');
        return { path };
      },
    },
    {
      'jobs.start': (input) => {
        needProjects();
        const { kind, ...params } = input;
        return jobs.start(kind, params);
      },
      'jobs.cancel': ({ id }) => ({ cancelled: jobs.cancel(id) }),
      'jobs.list': () => jobs.list(),
    },
  );

  return {
    dataDir: opts.dataDir,
    library,
    health,
    projects,
    settings,
    jobs,
    bus,
    handlers,
    grants,
    rendererCall: async (name, input) => (isCallName(name) && ungranted(grants, name, input)) || dispatch(handlers, name, input),
    backupIfDue: () => (library ? backupIfDue(library.db, backupDir, (opts.now ?? (() => new Date()))()) : null),
    async close() {
      await jobs.close();
      library?.close();
    },
  };
}
