import { z } from 'zod';
import type { AppInfo } from './appInfo';
import { planSaveSchema, type PlanView } from './plan';
import { type ActualsComparison, actualsRequestSchema, type Allocation, allocateRequestSchema, bassRequestSchema, type BassResult, experimentAddSchema, experimentRemoveSchema, type ExperimentsView, type MmmResult, type SavedScenario, scenarioRefSchema, scenarioRequestSchema, type ScenarioResult, scenarioSaveSchema } from './forecast';
import { type KeywordInfluence, type PartnerNetwork, portfolioRequestSchema, type Ranking, rankRequestSchema } from './partners';
import { type RightsRegister, licenceRefSchema, licenceSaveSchema } from './rights';
import { type RevenueScenario, revenueRefSchema, revenueSaveSchema } from './revenue';
import { eventWeightsSaveSchema, type EventWeightsView } from './targeting';
import {
  type ChecklistChange,
  type ChecklistView,
  checklistAddSchema,
  checklistItemRefSchema,
  checklistSetSchema,
  evidenceAddSchema,
  evidenceRefSchema,
} from './checklist';
import type { EngineInfo } from './engine';
import {
  type DatasetInfo,
  type DatasetPage,
  datasetPageSchema,
  type ImportPreview,
  importPreviewSchema,
  type Rejection,
  rejectedExportSchema,
} from './data';
import { DATASET_KINDS } from './project';
import type { JobInfo } from './jobs';
import { jobStartSchema } from './jobs';
import type { Project, ProjectSummary } from './project';
import {
  PROJECT_STATUSES,
  projectCreateSchema,
  projectIdSchema,
  projectPatchSchema,
} from './project';
import type { Result } from './result';
import { type CampaignModel, campaignModelRequestSchema } from './campaignModel';
import { type ReportDocument, reportDocumentSchema, reportLogoSchema, reportSaveSchema, type ReportSettingsView } from './report';
import { chartExportSchema, tableExportSchema } from './exports';
import type { SegmentRun, SegmentRunSummary } from './segments';
import type { Settings } from './settings';
import { settingsSchema } from './settings';
import { overlapForgetSchema, overlapKitSchema, overlapSettingsSchema, type OverlapView } from './overlap/overlapView';
import { personalitySaveSchema, personalitySurveySchema, type PersonalityView, type SurveyImport } from './personality';

/**
 * The one contract between renderer and main. Each call is declared here once: its name,
 * the zod schema main validates its input with, and (as a phantom type) its output.
 * Main registers a handler for every name (checked at start), the preload and the
 * browser test host expose exactly these names, and nothing else crosses.
 */
interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time: carries the output type. */
  output?: O;
}
const call = <O>() => <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });

const none = z.object({}).strict();

/** What a file dialog is for: it sets the title and the file types offered. */
export const DIALOG_PURPOSES = ['importTable', 'projectFile', 'exportTable', 'exportProject', 'evidence', 'logo', 'exportReport', 'exportChart', 'overlapSketch', 'partnerKit'] as const;
export type DialogPurpose = (typeof DIALOG_PURPOSES)[number];

export interface ProjectFileSummary {
  path: string;
  fileName: string;
  bytes: number;
  /** null when the file cannot be read as a project file; `problem` says why. */
  manifest: { projectName: string; appVersion: string; createdAt: string; formatVersion: number; schemaVersion: number } | null;
  problem: string | null;
  /** The library's live project with the same identity, if any. */
  existing: { id: number; name: string } | null;
}
const byId = z.object({ id: projectIdSchema }).strict();

export const contract = {
  'app.info': call<AppInfo>()(none),
  /** The machine-learning backends that load here (first call loads them: about a second). */
  'engine.info': call<EngineInfo>()(none),
  'settings.get': call<Settings>()(none),
  'settings.update': call<Settings>()(settingsSchema.partial().strict()),

  'projects.list': call<ProjectSummary[]>()(
    z
      .object({
        trash: z.boolean().optional(),
        search: z.string().max(200).optional(),
        sort: z.enum(['recent', 'name', 'updated', 'status', 'budget']).optional(),
      })
      .strict(),
  ),
  'projects.get': call<Project>()(byId),
  'projects.open': call<Project>()(byId),
  'projects.create': call<Project>()(projectCreateSchema),
  'projects.update': call<Project>()(z.object({ id: projectIdSchema, patch: projectPatchSchema }).strict()),
  'projects.setStatus': call<Project>()(z.object({ id: projectIdSchema, status: z.enum(PROJECT_STATUSES) }).strict()),
  /** `suffix` names the copy in the caller's language, e.g. " (copy)" or "（副本）". */
  'projects.duplicate': call<Project>()(z.object({ id: projectIdSchema, suffix: z.string().max(20).optional() }).strict()),
  'projects.trash': call<{ id: number }>()(byId),
  'projects.restore': call<Project>()(byId),
  /** Emptying the trash is final: the caller must have asked the user (`confirm: true`). */
  'projects.emptyTrash': call<{ deleted: number }>()(z.object({ confirm: z.literal(true) }).strict()),

  'imports.preview': call<ImportPreview>()(importPreviewSchema),
  'datasets.list': call<DatasetInfo[]>()(z.object({ projectId: projectIdSchema }).strict()),
  'datasets.page': call<DatasetPage>()(datasetPageSchema),
  /** The rejections stored with the last import of a kind (the first 10,000). */
  'datasets.rejected': call<Rejection[]>()(z.object({ projectId: projectIdSchema, kind: z.enum(DATASET_KINDS) }).strict()),
  'reports.saveRejected': call<{ rows: number; path: string }>()(rejectedExportSchema),
  /** What a `.tandem` file says it holds, and whether the library already has that project. */
  'projectFiles.inspect': call<ProjectFileSummary>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** The operating system's file dialogs (the test host answers from a queue the test fills). */
  'dialogs.open': call<{ path: string | null }>()(z.object({ purpose: z.enum(DIALOG_PURPOSES) }).strict()),
  'dialogs.save': call<{ path: string | null }>()(
    z.object({ purpose: z.enum(DIALOG_PURPOSES), defaultName: z.string().max(255) }).strict(),
  ),

  'segments.list': call<SegmentRunSummary[]>()(z.object({ projectId: projectIdSchema }).strict()),
  'segments.get': call<SegmentRun>()(z.object({ id: z.number().int().positive() }).strict()),
  /** The run later steps (partner fit, targeting) read. */
  'segments.choose': call<SegmentRun>()(z.object({ projectId: projectIdSchema, id: z.number().int().positive() }).strict()),
  'segments.rename': call<SegmentRun>()(
    z.object({ id: z.number().int().positive(), segmentId: z.number().int().min(0), name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong') }).strict(),
  ),
  /** Every user's segment to CSV or XLSX (user_id, segment, segment_name). */
  'segments.exportAssignments': call<{ rows: number; path: string }>()(z.object({ id: z.number().int().positive(), path: z.string().min(1).max(4096) }).strict()),

  /** The project's risk and rights checklist, built from the templates and the shortlist on first read. */
  'checklist.get': call<ChecklistView>()(z.object({ projectId: projectIdSchema }).strict()),
  'checklist.set': call<ChecklistView>()(checklistSetSchema),
  'checklist.add': call<ChecklistView>()(checklistAddSchema),
  'checklist.history': call<ChecklistChange[]>()(checklistItemRefSchema),
  /** Copies a file into the project as an item's evidence (at most 25 MB), with its SHA-256. */
  'checklist.addEvidence': call<ChecklistView>()(evidenceAddSchema),
  /** Opens an evidence file with the system's viewer, after checking its hash. */
  'checklist.openEvidence': call<{ path: string }>()(evidenceRefSchema),
  /** The chosen partners, whose kinds add checklist items. */
  'checklist.setShortlist': call<ChecklistView>()(z.object({ projectId: projectIdSchema, partnerIds: z.array(z.string().min(1).max(200)).max(50) }).strict()),
  /** The checklist to CSV or XLSX. */
  'checklist.export': call<{ rows: number; path: string }>()(
    z.object({ projectId: projectIdSchema, path: z.string().min(1).max(4096), lang: z.enum(['en', 'zh-CN']) }).strict(),
  ),

  /** The rights register: licences per partner, expiry alerts (90 days) and exclusivity clashes. */
  'rights.get': call<RightsRegister>()(z.object({ projectId: projectIdSchema }).strict()),
  'rights.save': call<RightsRegister>()(licenceSaveSchema),
  'rights.delete': call<RightsRegister>()(licenceRefSchema),
  'rights.export': call<{ rows: number; path: string }>()(
    z.object({ projectId: projectIdSchema, path: z.string().min(1).max(4096), lang: z.enum(['en', 'zh-CN']) }).strict(),
  ),
  /** Saved revenue-share scenarios, each with every party's take at each revenue point. */
  'revenue.list': call<RevenueScenario[]>()(z.object({ projectId: projectIdSchema }).strict()),
  'revenue.save': call<RevenueScenario[]>()(revenueSaveSchema),
  'revenue.delete': call<RevenueScenario[]>()(revenueRefSchema),

  /** Every partner scored on the five factors less risk, with the contributions and a reason. */
  'partners.rank': call<Ranking>()(rankRequestSchema),
  /** The collaboration network with PageRank and eigenvector centrality per partner. */
  'partners.network': call<PartnerNetwork>()(z.object({ projectId: projectIdSchema }).strict()),
  /** The words that carry the product's and partners' texts, by PageRank over co-occurrences. */
  'partners.keywords': call<KeywordInfluence>()(z.object({ projectId: projectIdSchema }).strict()),
  /** The best set of partners under a budget, a count and mutual conflicts, with why strong ones were left out. */
  /** Audience overlap with partners: settings, deals, and what both sides' sketches say. */
  'overlap.view': call<OverlapView>()(z.object({ projectId: projectIdSchema }).strict()),
  'overlap.saveSettings': call<OverlapView>()(overlapSettingsSchema),
  /** Writes a partner's kit (an HTML file with the deal key inside), making the deal the first time. */
  'overlap.kit': call<{ path: string; bytes: number; keyId: string }>()(overlapKitSchema),
  /** Drops the partner's sketch (the deal and its key stay). */
  'overlap.forget': call<OverlapView>()(overlapForgetSchema),
  /** Brand personality: the product's and partners' ratings on the five dimensions, and each pair's fit. */
  'personality.view': call<PersonalityView>()(z.object({ projectId: projectIdSchema }).strict()),
  'personality.save': call<PersonalityView>()(personalitySaveSchema),
  /** A survey file (one row per respondent) read off the main process; its means replace the subjects' ratings. */
  'personality.importSurvey': call<SurveyImport & { view: PersonalityView }>()(personalitySurveySchema),
  'partners.portfolio': call<{ selected: string[]; totalScore: number; totalFee: number; excluded: { id: string; why: string; with?: string }[]; nodes: number; ranking: Ranking }>()(portfolioRequestSchema),

  /** The project's event weights for targeting and the event types its interactions hold. */
  'targeting.eventWeights': call<EventWeightsView>()(z.object({ projectId: projectIdSchema }).strict()),
  /** Saves event weights (merged over those in force); the next recommend or target run uses them. */
  'targeting.saveEventWeights': call<EventWeightsView>()(eventWeightsSaveSchema),

  /** The partner-selection wizard's plan, with the campaign's fields, the target segments' run, the shortlist and the gaps left. */
  'plan.get': call<PlanView>()(z.object({ projectId: projectIdSchema }).strict()),
  /** Saves the plan (and the campaign's budget and dates on the project) in one transaction. */
  'plan.save': call<PlanView>()(planSaveSchema),

  /** The project's latest marketing-mix fit (the `mmm` job keeps it), or null. */
  'forecast.latest': call<{ fit: { result: MmmResult; createdAt: string } | null }>()(z.object({ projectId: projectIdSchema }).strict()),
  /** The best weekly split of a budget (or the least budget for a target) under the latest fit, with binding bounds and marginal ROIs. */
  'forecast.allocate': call<Allocation>()(allocateRequestSchema),
  /** Weekly P10/P50/P90 of a spend plan over the campaign's weeks under the latest fit, past spend carrying over. */
  'forecast.scenario': call<ScenarioResult>()(scenarioRequestSchema),
  /** A Bass adoption curve, by hand or fitted to an analogous campaign's weekly adopters. */
  'forecast.bass': call<BassResult>()(bassRequestSchema),
  /** After launch: a KPI of the actuals against a saved scenario's band, with MAPE, bias and coverage. */
  'forecast.actuals': call<ActualsComparison>()(actualsRequestSchema),
  /** The campaign-level model on past campaigns, with each shortlisted (or named) partner's predicted outcome and interval. */
  'forecast.campaign': call<CampaignModel>()(campaignModelRequestSchema),
  /** The project's lift tests, with the channels and days a new one must fall in. */
  'forecast.experiments': call<ExperimentsView>()(z.object({ projectId: projectIdSchema }).strict()),
  /** Adds a lift test by hand (checked against the campaigns' channels and weeks); the next fit is calibrated by it. */
  'forecast.addExperiment': call<ExperimentsView>()(experimentAddSchema),
  /** Removes the lift test at an index of the listed order. */
  'forecast.removeExperiment': call<ExperimentsView>()(experimentRemoveSchema),
  /** Saved scenarios (at most four), each run under the latest fit. */
  'scenarios.list': call<SavedScenario[]>()(z.object({ projectId: projectIdSchema }).strict()),
  'scenarios.save': call<SavedScenario[]>()(scenarioSaveSchema),
  'scenarios.delete': call<SavedScenario[]>()(scenarioRefSchema),

  /** The pitch report's settings (sections, order, notes, cover, language) and its logo. */
  'report.get': call<ReportSettingsView>()(z.object({ projectId: projectIdSchema }).strict()),
  'report.save': call<ReportSettingsView>()(reportSaveSchema),
  /** Reads a PNG or JPEG (up to 2 MB) for the cover; anything else is refused and nothing changes. */
  'report.setLogo': call<ReportSettingsView>()(reportLogoSchema),
  'report.clearLogo': call<ReportSettingsView>()(z.object({ projectId: projectIdSchema }).strict()),
  /** The report document in its language (or the one asked for): what the page previews and the slides show. */
  'report.document': call<ReportDocument>()(reportDocumentSchema),
  /** A chart the page drew, to SVG or PNG. */
  'exports.chart': call<{ path: string; bytes: number }>()(chartExportSchema),
  /** A table the page shows, to XLSX or CSV (by the file's extension). */
  'exports.table': call<{ path: string; rows: number }>()(tableExportSchema),

  'jobs.start': call<JobInfo>()(jobStartSchema),
  'jobs.cancel': call<{ cancelled: boolean }>()(z.object({ id: z.string().min(1).max(64) }).strict()),
  'jobs.list': call<JobInfo[]>()(none),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = NonNullable<Contract[N]['output']>;

/** The object the preload (and the test host's shim) puts on `window.tandem`. */
export interface TandemBridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends import('./events').PushEventName>(
    event: E,
    listener: (payload: import('./events').PushEvents[E]) => void,
  ): () => void;
  /** Where the renderer runs: the Electron app or the browser test host. */
  host: 'electron' | 'browser';
  /** The path of a file dropped on the window (Electron's webUtils); null where files have no path (a browser). */
  pathForFile(file: File): string | null;
}

/** The IPC channel of a call (one per call) and of a push event. */
export const callChannel = (name: CallName): string => `tandem:call:${name}`;
export const eventChannel = (name: string): string => `tandem:event:${name}`;
/** The preload tells main the path of a file dropped on the window (see PathGrants). */
export const DROPPED_CHANNEL = 'tandem:dropped';
