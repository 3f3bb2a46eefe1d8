import type { ExperimentRow } from '../../../shared/datasets';
import { lastDayOfWeek } from '../../../shared/experiments';
import { translate } from '../../../shared/i18n';
import { DomainError, type FieldIssue } from '../../../shared/result';
import type { LiftRow } from './ridge';

/**
 * Lift tests as the marketing-mix model reads them. A test measures what a channel brought
 * over its window; the model's figure for it is that channel's contribution summed over the
 * weeks the window touches (a week runs seven days from its period date), carry-over from
 * earlier spend included — Robyn's "total" calibration scope, since a holdout loses both.
 */
export interface PlacedExperiment extends ExperimentRow {
  /** The channel's index among the modelled channels. */
  column: number;
  /** Week indices [from, to] the window touches. */
  from: number;
  to: number;
}

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * Each experiment placed on the fitted weeks, or every problem located (`experiments.<i>.<field>`):
 * a channel the campaigns do not have, an end before its start, a window outside the training
 * weeks (held-out weeks are never fitted), a non-positive or non-finite error or lift.
 */
export function placeExperiments(experiments: readonly ExperimentRow[], periods: string[], train: number, channels: string[]): PlacedExperiment[] {
  const issues: FieldIssue[] = [];
  const first = at(periods[0]);
  const lastDay = at(lastDayOfWeek(periods[train - 1]));
  const placed = experiments.map((e, i) => {
    const path = (f: string) => `experiments.${i}.${f}`;
    const column = channels.indexOf(e.channel);
    if (column < 0) issues.push({ path: path('channel'), message: 'forecast.problem.experimentChannel', params: { name: e.name, channel: e.channel, channels: channels.join(', ') } });
    const s = at(e.start);
    const end = at(e.end);
    if (!Number.isFinite(s)) issues.push({ path: path('start'), message: 'validation.date', params: { name: e.name } });
    if (!Number.isFinite(end)) issues.push({ path: path('end'), message: 'validation.date', params: { name: e.name } });
    else if (end < s) issues.push({ path: path('end'), message: 'forecast.problem.experimentEndBeforeStart', params: { name: e.name, start: e.start, end: e.end } });
    if (Number.isFinite(s) && Number.isFinite(end) && (s < first || end > lastDay)) {
      issues.push({ path: path('start'), message: 'forecast.problem.experimentOutside', params: { name: e.name, start: e.start, end: e.end, from: periods[0], to: lastDayOfWeek(periods[train - 1]) } });
    }
    if (!(e.standardError > 0) || !Number.isFinite(e.standardError)) issues.push({ path: path('standardError'), message: 'forecast.problem.experimentError', params: { name: e.name, value: String(e.standardError) } });
    if (!Number.isFinite(e.lift)) issues.push({ path: path('lift'), message: 'validation.number', params: { name: e.name } });
    // The weeks the window touches: a week [p, p + 7 days) overlapping [start, end].
    let from = -1;
    let to = -1;
    for (let t = 0; t < train; t++) {
      const p = at(periods[t]);
      if (p <= end && p + 7 * DAY > s) {
        if (from < 0) from = t;
        to = t;
      }
    }
    return { ...e, column, from, to };
  });
  if (issues.length) {
    const said = issues.slice(0, 3).map((i) => {
      const name = experiments[Number(i.path.split('.')[1])]?.name ?? i.path;
      const text = translate('en', i.message, { name, ...i.params });
      // The shared field messages do not name the test; the experiment ones do.
      return i.message.startsWith('validation.') ? `“${name}”: ${text}` : text;
    });
    throw new DomainError('invalid_input', `The lift tests cannot calibrate the model: ${said.join(' ')}${issues.length > 3 ? ` And ${issues.length - 3} more.` : ''}`, issues);
  }
  return placed;
}

/** A channel column's values summed over an experiment's weeks. */
export function windowSum(values: ArrayLike<number>, e: Pick<PlacedExperiment, 'from' | 'to'>): number {
  let s = 0;
  for (let t = e.from; t <= e.to; t++) s += values[t];
  return s;
}

/** Each placed lift test as a row of the ridge under these media columns, weighted σ² / se² (a week's variance over the test's). */
export function liftRows(experiments: readonly PlacedExperiment[], media: readonly { values: ArrayLike<number> }[], sigma2: number): LiftRow[] {
  return experiments.map((e) => ({ column: e.column, sum: windowSum(media[e.column].values, e), target: e.lift, weight: sigma2 / e.standardError ** 2 }));
}
