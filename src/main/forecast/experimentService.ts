import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import { ProjectsRepo } from '../db/projectsRepo';
import type { ExperimentRow } from '../../shared/datasets';
import type { ExperimentInput, ExperimentsView } from '../../shared/forecast';
import { experimentPlacementProblem, lastDayOfWeek } from '../../shared/experiments';
import { translate } from '../../shared/i18n';
import { DomainError } from '../../shared/result';
import { MAX_EXPERIMENTS } from './periods';

/**
 * The project's lift tests as the Forecast page edits them by hand: listed with the campaigns'
 * channels and weeks they must fall in, added or removed one at a time, each change one
 * transaction over the `experiments` dataset (imported rows and entered ones live together).
 */
export class ExperimentService {
  private readonly datasets: DatasetsRepo;

  constructor(private readonly db: Db) {
    this.datasets = new DatasetsRepo(db);
  }

  view(projectId: number): ExperimentsView {
    this.project(projectId);
    const span = this.datasets.campaignSpan(projectId);
    return {
      experiments: this.datasets.page(projectId, 'experiments', 0, MAX_EXPERIMENTS),
      channels: span?.channels ?? [],
      from: span?.from ?? null,
      to: span ? lastDayOfWeek(span.to) : null,
    };
  }

  add(projectId: number, input: ExperimentInput, now = new Date()): ExperimentsView {
    this.project(projectId);
    const span = this.datasets.campaignSpan(projectId);
    if (!span) throw new DomainError('refused', 'The project has no campaign periods: import them before entering lift tests on their channels.', [{ path: 'channel', message: 'forecast.problem.noCampaigns' }]);
    const row: ExperimentRow = { name: input.name?.trim() || `${input.channel} ${input.start}`, channel: input.channel, start: input.start, end: input.end, lift: input.lift, standardError: input.standardError };
    const problem = experimentPlacementProblem(row, span);
    if (problem) throw new DomainError('invalid_input', `The lift test cannot be used: ${translate('en', problem.message, problem.params)}`, [{ path: problem.field, message: problem.message, params: problem.params }]);
    const rows = this.datasets.page(projectId, 'experiments', 0, MAX_EXPERIMENTS);
    if (rows.length >= MAX_EXPERIMENTS) throw new DomainError('refused', `The project already holds ${MAX_EXPERIMENTS} lift tests.`);
    this.write(projectId, [...rows, row], now);
    return this.view(projectId);
  }

  /** Removes the test at `index` of the listed order. */
  remove(projectId: number, index: number, now = new Date()): ExperimentsView {
    this.project(projectId);
    const rows = this.datasets.page(projectId, 'experiments', 0, MAX_EXPERIMENTS);
    if (index < 0 || index >= rows.length) throw new DomainError('not_found', `Project ${projectId} has no lift test ${index + 1}.`);
    this.write(projectId, rows.filter((_, i) => i !== index), now);
    return this.view(projectId);
  }

  private write(projectId: number, rows: ExperimentRow[], now: Date): void {
    const before = this.datasets.meta(projectId, 'experiments');
    this.db.transaction(() => {
      this.datasets.replace(projectId, 'experiments', rows, { source: before?.source ?? 'entered by hand', importedAt: now.toISOString(), mapping: before?.mapping ?? undefined });
    })();
  }

  private project(projectId: number): void {
    const p = new ProjectsRepo(this.db).get(projectId);
    if (!p || p.deletedAt) throw new DomainError('not_found', `There is no project ${projectId}.`);
  }
}
