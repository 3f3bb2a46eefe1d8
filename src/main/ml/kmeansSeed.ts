import type { Random } from '../core/random';
import type { Assigner, Points } from './assign';

/**
 * Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's variant with 2 + ln k candidates
 * per centre, drawn by the D² rule, keeping the one that lowers the potential most). The
 * engine scores all candidates for a centre in one pass over the points, so seeding a
 * million rows costs k engine passes, not a JavaScript loop over k × trials × n × d.
 */
export async function seedPlusPlus(p: Points, k: number, random: Random, engine: Assigner): Promise<Float32Array> {
  const { X, n, d } = p;
  const centers = new Float32Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random.next() * n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  // Nothing is chosen yet, so every point's nearest centre is infinitely far.
  const closest = new Float32Array(n).fill(Infinity);
  const start = await engine.seed(p, centers.subarray(0, d), 1, closest);
  start.accept(0);
  let potential = start.potentials[0];
  const candidates = new Float32Array(trials * d);
  for (let c = 1; c < k; c++) {
    const picks = sampleByWeight(closest, potential, trials, random);
    picks.forEach((index, t) => candidates.set(X.subarray(index * d, index * d + d), t * d));
    const scored = await engine.seed(p, candidates, trials, closest);
    let best = 0;
    for (let t = 1; t < trials; t++) if (scored.potentials[t] < scored.potentials[best]) best = t;
    scored.accept(best);
    potential = scored.potentials[best];
    centers.set(X.subarray(picks[best] * d, picks[best] * d + d), c * d);
  }
  return centers;
}

/**
 * `count` indexes, each drawn with probability weight[i] / total (uniform when every weight
 * is zero), found in one sweep of the cumulative weights for all draws at once.
 */
function sampleByWeight(weight: Float32Array, total: number, count: number, random: Random): number[] {
  const draws = Array.from({ length: count }, () => random.next());
  if (!(total > 0)) return draws.map((u) => Math.floor(u * weight.length));
  const order = [...draws.keys()].sort((a, b) => draws[a] - draws[b]);
  const picks = new Array<number>(count).fill(weight.length - 1);
  let cumulative = 0;
  let next = 0;
  // The next draw's threshold kept in a local: the sweep over a million weights is one add and one compare each.
  let threshold = draws[order[0]] * total;
  for (let i = 0; i < weight.length; i++) {
    cumulative += weight[i];
    if (threshold >= cumulative) continue;
    while (next < count && threshold < cumulative) {
      picks[order[next++]] = i;
      threshold = next < count ? draws[order[next]] * total : Infinity;
    }
    if (next === count) break;
  }
  return picks;
}
