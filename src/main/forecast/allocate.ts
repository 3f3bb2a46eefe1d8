import { type Allocation, type ChannelFit, responseAt } from '../../shared/forecast';
import { DomainError, type FieldIssue } from '../../shared/result';

/**
 * The budget allocator: the weekly spend per channel that gives the largest predicted
 * outcome for a total, each channel within its bounds (by default ±30% of its historical
 * average week). The response curves may be S-shaped (Hill), so the split is found by
 * dynamic programming over a fine grid of each channel's range — the best grid point
 * whatever the curves' shape — then refined by moving spend between channels while that
 * gains. The result says which bounds bind and each channel's marginal ROI at the optimum:
 * at an interior optimum the free channels' marginal ROIs are equal, so "the optimum is my
 * current split" is explained by the numbers.
 */
export interface AllocationInput {
  channels: Pick<ChannelFit, 'name' | 'beta' | 'saturation' | 'averageSpend'>[];
  /** Total weekly spend to split (or, with `target`, found). */
  budget?: number;
  /** The weekly outcome from media to reach with the least spend. */
  target?: number;
  /** Per channel [lower, upper] weekly spend; default ±30% of the average week. */
  bounds?: Record<string, [number, number]>;
}

const GRID = 400;

export function allocate(input: AllocationInput): Allocation {
  const chans = input.channels;
  const issues: FieldIssue[] = [];
  const bounds = chans.map((c) => input.bounds?.[c.name] ?? [0.7 * c.averageSpend, 1.3 * c.averageSpend]);
  bounds.forEach(([lo, hi], i) => {
    if (!(lo >= 0) || !(hi >= lo) || !Number.isFinite(hi)) issues.push({ path: `bounds.${chans[i].name}`, message: 'forecast.problem.bounds', params: { channel: chans[i].name, lower: lo, upper: hi } });
  });
  for (const name of Object.keys(input.bounds ?? {})) if (!chans.some((c) => c.name === name)) issues.push({ path: `bounds.${name}`, message: 'forecast.problem.unknownChannel', params: { channel: name } });
  if (issues.length) throw new DomainError('invalid_input', `The bounds cannot be used: ${issues.map((i) => i.path).join(', ')}.`, issues);
  const lowest = bounds.reduce((s, [lo]) => s + lo, 0);
  const highest = bounds.reduce((s, [, hi]) => s + hi, 0);

  if (input.target !== undefined) {
    if (!(input.target >= 0)) throw new DomainError('invalid_input', 'The target must be zero or more.', [{ path: 'target', message: 'validation.nonNegative' }]);
    const atMost = optimum(chans, bounds, highest);
    if (atMost.response < input.target) {
      throw new DomainError('refused', `A weekly media outcome of ${round(input.target)} is out of reach within the bounds: the most they allow is ${round(atMost.response)} at ${round(highest)} a week. Widen the upper bounds or lower the target.`, [{ path: 'target', message: 'forecast.problem.unreachable', params: { most: round(atMost.response), spend: round(highest) } }]);
    }
    // The best outcome grows with the budget: bisect for the least budget that reaches the target.
    let lo = lowest;
    let hi = highest;
    for (let k = 0; k < 50 && hi - lo > 1e-6 * Math.max(1, hi); k++) {
      const mid = (lo + hi) / 2;
      if (optimum(chans, bounds, mid).response >= input.target) hi = mid;
      else lo = mid;
    }
    return describe(chans, bounds, hi, optimum(chans, bounds, hi).spend);
  }
  const budget = input.budget ?? chans.reduce((s, c) => s + c.averageSpend, 0);
  if (!(budget >= 0)) throw new DomainError('invalid_input', 'The budget must be zero or more.', [{ path: 'budget', message: 'validation.nonNegative' }]);
  if (budget < lowest - 1e-9) throw new DomainError('invalid_input', `A weekly budget of ${round(budget)} is below the sum of the lower bounds (${round(lowest)}): lower some bounds or raise the budget.`, [{ path: 'budget', message: 'forecast.problem.belowBounds', params: { budget: round(budget), lowest: round(lowest) } }]);
  if (budget > highest + 1e-9) throw new DomainError('invalid_input', `A weekly budget of ${round(budget)} is above the sum of the upper bounds (${round(highest)}): raise some bounds or lower the budget.`, [{ path: 'budget', message: 'forecast.problem.aboveBounds', params: { budget: round(budget), highest: round(highest) } }]);
  return describe(chans, bounds, budget, optimum(chans, bounds, budget).spend);
}

/** The best split of `budget` within the bounds: a grid-exact dynamic programme, then pairwise refinement. */
export function optimum(chans: AllocationInput['channels'], bounds: number[][], budget: number): { spend: number[]; response: number } {
  const n = chans.length;
  const room = bounds.map(([lo, hi]) => hi - lo);
  const free = budget - bounds.reduce((s, [lo]) => s + lo, 0);
  const unit = free / GRID;
  const spend = bounds.map(([lo]) => lo);
  if (unit > 0) {
    // best[k][u]: the most response of channels k.. given u grid units to spend among them.
    const value = (c: number, u: number) => responseAt(chans[c], bounds[c][0] + u * unit);
    const maxUnits = room.map((r) => Math.min(GRID, Math.floor(r / unit + 1e-9)));
    let next = new Float64Array(GRID + 1).fill(-Infinity);
    next[0] = 0;
    const choice: Int32Array[] = [];
    for (let c = n - 1; c >= 0; c--) {
      const cur = new Float64Array(GRID + 1).fill(-Infinity);
      const pick = new Int32Array(GRID + 1);
      const vals = Array.from({ length: maxUnits[c] + 1 }, (_, u) => value(c, u));
      for (let u = 0; u <= GRID; u++) {
        for (let k = 0; k <= Math.min(u, maxUnits[c]); k++) {
          const v = vals[k] + next[u - k];
          if (v > cur[u]) (cur[u] = v), (pick[u] = k);
        }
      }
      choice[c] = pick;
      next = cur;
    }
    let u = GRID;
    if (!Number.isFinite(next[u])) u = next.findLastIndex(Number.isFinite);
    for (let c = 0; c < n; c++) {
      const k = choice[c][u];
      spend[c] += k * unit;
      u -= k;
    }
    // What the grid could not place (rooms are rarely whole units) goes where it gains most.
    let left = budget - spend.reduce((a, x) => a + x, 0);
    while (left > 1e-9 * Math.max(1, budget)) {
      let best = -1;
      let gain = -Infinity;
      for (let c = 0; c < n; c++) {
        const d = Math.min(left, bounds[c][1] - spend[c]);
        if (d <= 0) continue;
        const g = responseAt(chans[c], spend[c] + d) - responseAt(chans[c], spend[c]);
        if (g > gain) [gain, best] = [g, c];
      }
      if (best < 0) break;
      const d = Math.min(left, bounds[best][1] - spend[best]);
      spend[best] += d;
      left -= d;
    }
    // Refine off the grid: move shrinking amounts between pairs while the total response grows.
    for (let step = unit; step > unit * 1e-4; step /= 2) {
      let moved = true;
      while (moved) {
        moved = false;
        for (let a = 0; a < n; a++) {
          for (let b = 0; b < n; b++) {
            if (a === b) continue;
            const d = Math.min(step, spend[a] - bounds[a][0], bounds[b][1] - spend[b]);
            if (d <= 0) continue;
            const gain = responseAt(chans[b], spend[b] + d) - responseAt(chans[b], spend[b]) - (responseAt(chans[a], spend[a]) - responseAt(chans[a], spend[a] - d));
            if (gain > 1e-12) {
              spend[a] -= d;
              spend[b] += d;
              moved = true;
            }
          }
        }
      }
    }
  }
  return { spend, response: spend.reduce((s, x, c) => s + responseAt(chans[c], x), 0) };
}

function describe(chans: AllocationInput['channels'], bounds: number[][], budget: number, spend: number[]): Allocation {
  const currentTotal = chans.reduce((s, c) => s + c.averageSpend, 0) || 1;
  const tol = 1e-6 * Math.max(1, budget);
  const rows = chans.map((c, i) => {
    const h = Math.max(1e-6, 1e-4 * (c.saturation.spendScale || 1));
    const x = spend[i];
    const mroi = (responseAt(c, x + h) - responseAt(c, Math.max(0, x - h))) / (x + h - Math.max(0, x - h));
    const binding: 'lower' | 'upper' | null = x <= bounds[i][0] + tol ? 'lower' : x >= bounds[i][1] - tol ? 'upper' : null;
    return { name: c.name, spend: round(x), current: round((c.averageSpend * budget) / currentTotal), lower: round(bounds[i][0]), upper: round(bounds[i][1]), binding, response: round(responseAt(c, x)), mroi: Math.round(mroi * 1e6) / 1e6 };
  });
  const response = spend.reduce((s, x, c) => s + responseAt(chans[c], x), 0);
  const currentResponse = chans.reduce((s, c) => s + responseAt(c, (c.averageSpend * budget) / currentTotal), 0);
  const freeRows = rows.filter((r) => !r.binding);
  const bound = rows.filter((r) => r.binding);
  const mroiText = freeRows.length ? `the free channels (${freeRows.map((r) => r.name).join(', ')}) end with equal marginal ROI (${freeRows.map((r) => r.mroi.toPrecision(3)).join(' ≈ ')}), so no move between them gains` : 'every channel sits on a bound';
  const boundText = bound.length ? `; at their bounds: ${bound.map((r) => `${r.name} (${r.binding}, marginal ROI ${r.mroi.toPrecision(3)})`).join(', ')}` : '';
  const gain = currentResponse ? (response / currentResponse - 1) * 100 : 0;
  return {
    budget: round(budget),
    channels: rows,
    response: round(response),
    currentResponse: round(currentResponse),
    explanation: `${mroiText}${boundText}. Predicted weekly media outcome ${round(response)} against ${round(currentResponse)} for today's split at the same total (${gain >= 0 ? '+' : ''}${gain.toFixed(1)}%).`,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
