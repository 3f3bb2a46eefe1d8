/**
 * The portfolio optimiser: the set of at most `maxCount` partners with the largest total
 * score whose fees fit the budget and in which no two partners conflict. Exact, by branch
 * and bound: candidates in order of score, each either taken or left; a branch is cut when
 * even the best case left — the fractional-knapsack bound on the remaining budget, and the
 * sum of the best scores that still fit the count — cannot beat the best set found.
 */
export interface PortfolioCandidate {
  id: string;
  score: number;
  fee: number;
}

export interface PortfolioInput {
  candidates: PortfolioCandidate[];
  budget: number;
  maxCount: number;
  /** Pairs that may not both be chosen (a partner paired with itself is ignored). */
  conflicts: [string, string][];
}

export type ExclusionReason = 'conflict' | 'count' | 'budget' | 'lower total';

export interface PortfolioResult {
  selected: string[];
  totalScore: number;
  totalFee: number;
  /** Why each candidate scoring at least the weakest chosen one was left out. */
  excluded: { id: string; why: ExclusionReason; with?: string }[];
  /** Branches explored (for the curious and the bench). */
  nodes: number;
}

export function optimisePortfolio(input: PortfolioInput): PortfolioResult {
  const budget = Math.max(0, input.budget);
  const order = input.candidates
    .filter((c) => c.score > 0 && c.fee <= budget)
    .sort((a, b) => b.score - a.score || a.fee - b.fee || a.id.localeCompare(b.id));
  const n = order.length;
  const index = new Map(order.map((c, i) => [c.id, i]));
  const clash: Set<number>[] = order.map(() => new Set());
  for (const [a, b] of input.conflicts) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined && i !== j) {
      clash[i].add(j);
      clash[j].add(i);
    }
  }
  // For the fractional bound: the candidates by score per unit of fee (free ones first).
  const byRatio = [...order.keys()].sort((a, b) => ratio(order[b]) - ratio(order[a]));
  let best: number[] = [];
  let bestScore = 0;
  let nodes = 0;
  const chosen: number[] = [];
  const blocked = new Int32Array(n);

  const bound = (from: number, room: number, slots: number, current: number): number => {
    // Best scores that fit the count (order is by score), ignoring the budget…
    let byCount = current;
    let taken = 0;
    for (let k = from; k < n && taken < slots; k++) if (!blocked[k]) (byCount += order[k].score), taken++;
    // …and the fractional knapsack on the budget, ignoring the count.
    let byBudget = current;
    let left = room;
    for (const k of byRatio) {
      if (k < from || blocked[k]) continue;
      const c = order[k];
      if (c.fee <= left) {
        byBudget += c.score;
        left -= c.fee;
      } else {
        byBudget += (c.score * left) / c.fee;
        break;
      }
    }
    return Math.min(byCount, byBudget);
  };

  const visit = (k: number, room: number, current: number): void => {
    nodes++;
    if (current > bestScore + 1e-12) {
      bestScore = current;
      best = [...chosen];
    }
    if (k >= n || chosen.length >= input.maxCount) return;
    if (bound(k, room, input.maxCount - chosen.length, current) <= bestScore + 1e-12) return;
    const c = order[k];
    if (!blocked[k] && c.fee <= room) {
      chosen.push(k);
      for (const j of clash[k]) blocked[j]++;
      visit(k + 1, room - c.fee, current + c.score);
      for (const j of clash[k]) blocked[j]--;
      chosen.pop();
    }
    visit(k + 1, room, current);
  };
  visit(0, budget, 0);

  const selected = best.map((k) => order[k]);
  const totalFee = selected.reduce((s, c) => s + c.fee, 0);
  // The strong candidates left out: those scoring at least the weakest chosen one, or the
  // ten best when nothing could be chosen (a budget below every fee, say).
  const weakest = selected.length ? Math.min(...selected.map((c) => c.score)) : -Infinity;
  const excluded: PortfolioResult['excluded'] = [];
  const chosenIds = new Set(selected.map((c) => c.id));
  for (const c of [...input.candidates].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))) {
    if (excluded.length >= 10 && !selected.length) break;
    if (chosenIds.has(c.id) || c.score < weakest || !(c.score > 0)) continue;
    const rival = selected.find((s) => input.conflicts.some(([a, b]) => (a === c.id && b === s.id) || (b === c.id && a === s.id)));
    if (rival) excluded.push({ id: c.id, why: 'conflict', with: rival.id });
    else if (c.fee > budget - totalFee) excluded.push({ id: c.id, why: 'budget' });
    else if (selected.length >= input.maxCount) excluded.push({ id: c.id, why: 'count' });
    else excluded.push({ id: c.id, why: 'lower total' });
  }
  return { selected: selected.map((c) => c.id), totalScore: bestScore, totalFee, excluded, nodes };
}

function ratio(c: PortfolioCandidate): number {
  return c.fee > 0 ? c.score / c.fee : Infinity;
}
