import { commonWindow, distinctEstimate, type ThetaSketch, type Window } from './thetaSketch';

/**
 * What two sketches say about the two audiences and their overlap, each figure with its
 * 80% (P10–P90) and 90% (P05–P95) interval.
 *
 * Inside the common window theta = min(theta_A, theta_B) both sketches hold every one of
 * their people whose hash falls there, so the window is a random sample of the union, taken
 * at rate theta. Of A's n_A people in it, x are in B as well: the share of A that B also
 * reaches is x / n_A, a sample proportion (Wilson interval, finite-population corrected by
 * 1 − theta). The overlap is that share times |A|, A being the smaller audience (its share
 * is measured on the larger part of its sample, DataSketches' intersection estimate x / theta
 * being the noisier of the two). The sketch's own distinct count carries a relative standard
 * error of sqrt((1 − theta) / k), combined in quadrature where figures multiply.
 */

export interface Interval {
  estimate: number;
  p05: number;
  p10: number;
  p90: number;
  p95: number;
}

export interface OverlapEstimate {
  a: Interval & { exact: boolean };
  b: Interval & { exact: boolean };
  overlap: Interval;
  /** Of A's people, the share B also reaches; and the other way round. */
  shareOfA: Interval;
  shareOfB: Interval;
  /** B's people A does not hold yet (what a partner B adds to A's reach). */
  incrementalReach: Interval;
  /**
   * The overlap over what the two sizes alone would give if both audiences were drawn at random
   * from a universe of `universe` people (duplication of purchase): |A∩B| · N / (|A| · |B|).
   * Above 1: B's people are more likely to be A's than chance. Null without a universe.
   */
  affinity: Interval | null;
  universe: number | null;
  window: Window;
}

const Z80 = 1.2815515655446004;
const Z90 = 1.6448536269514722;

function exact(v: number): Interval {
  return { estimate: v, p05: v, p10: v, p90: v, p95: v };
}

/**
 * Wilson's score interval with continuity correction (Newcombe 1998, method 4) for x successes
 * in n draws, the draws counted as n / fpc (sampling without replacement). The correction keeps
 * coverage at or above the nominal level where few people fall in the window.
 */
function wilson(x: number, n: number, fpc: number, z: number): [number, number] {
  if (n === 0) return [0, 1];
  if (fpc <= 0) return [x / n, x / n];
  const m = n / fpc;
  const p = x / n;
  const z2 = z * z;
  const lower = p === 0 ? 0 : (2 * m * p + z2 - 1 - z * Math.sqrt(Math.max(0, z2 - 2 - 1 / m + 4 * p * (m * (1 - p) + 1)))) / (2 * (m + z2));
  const upper = p === 1 ? 1 : (2 * m * p + z2 + 1 + z * Math.sqrt(Math.max(0, z2 + 2 - 1 / m + 4 * p * (m * (1 - p) - 1)))) / (2 * (m + z2));
  return [Math.max(0, lower), Math.min(1, upper)];
}

/** Relative standard error of a sketch's distinct count. */
function relativeError(s: ThetaSketch): number {
  return s.theta === 1 ? 0 : Math.sqrt((1 - s.theta) / Math.max(1, s.values.length));
}

/** How many distinct people one sketch stands for, with its interval (exact when theta is 1). */
export function distinctCount(s: ThetaSketch): Interval & { exact: boolean } {
  const n = distinctEstimate(s);
  if (s.theta === 1) return { ...exact(n), exact: true };
  const r = relativeError(s);
  const at = (z: number, sign: number) => n * Math.exp(sign * z * r);
  return { estimate: n, p05: at(Z90, -1), p10: at(Z80, -1), p90: at(Z80, 1), p95: at(Z90, 1), exact: false };
}

/**
 * A proportion's interval scaled by `factor` whose own relative error is `r`: the share's
 * relative deviations and the factor's are combined in quadrature on the log scale.
 */
function scaled(x: number, n: number, fpc: number, factor: number, r: number): Interval {
  const p = n === 0 ? 0 : x / n;
  const est = p * factor;
  const side = (z: number, lower: boolean): number => {
    const [lo, hi] = wilson(x, n, fpc, z);
    const bound = lower ? lo : hi;
    if (p === 0 || bound === 0) return bound * factor * (lower ? Math.exp(-z * r) : Math.exp(z * r));
    const d = Math.log(bound / p);
    const combined = Math.sqrt(d * d + (z * r) ** 2);
    return est * Math.exp(lower ? -combined : combined);
  };
  return { estimate: est, p05: side(Z90, true), p10: side(Z80, true), p90: side(Z80, false), p95: side(Z90, false) };
}

function clampInterval(i: Interval, lo: number, hi: number): Interval {
  const c = (v: number) => Math.min(hi, Math.max(lo, v));
  return { estimate: c(i.estimate), p05: c(i.p05), p10: c(i.p10), p90: c(i.p90), p95: c(i.p95) };
}

export function estimateOverlap(a: ThetaSketch, b: ThetaSketch, universe: number | null = null): OverlapEstimate {
  const w = commonWindow(a, b);
  const sizeA = distinctCount(a);
  const sizeB = distinctCount(b);
  const fpc = 1 - w.theta;
  const shareOfA = clampInterval(scaled(w.inBoth, w.inA, fpc, 1, 0), 0, 1);
  const shareOfB = clampInterval(scaled(w.inBoth, w.inB, fpc, 1, 0), 0, 1);
  // The overlap from the smaller side's share, which more of that side's sample measures.
  const aSmaller = a.theta >= b.theta;
  const small = aSmaller ? a : b;
  const overlapRaw =
    w.theta === 1
      ? exact(w.inBoth)
      : scaled(w.inBoth, aSmaller ? w.inA : w.inB, fpc, distinctEstimate(small), relativeError(small));
  const overlap = clampInterval(overlapRaw, 0, Math.min(sizeA.estimate, sizeB.estimate));
  // B's people outside the window's overlap, scaled by B's size (whose own error counts here).
  const incrementalReach =
    w.theta === 1 ? exact(w.inB - w.inBoth) : scaled(w.inB - w.inBoth, w.inB, fpc, distinctEstimate(b), relativeError(b));
  let affinity: Interval | null = null;
  if (universe !== null && sizeA.estimate > 0 && sizeB.estimate > 0) {
    // |A∩B| N / (|A||B|) = (share of the smaller side) · N / |larger side|.
    const large = aSmaller ? b : a;
    const factor = universe / distinctEstimate(large);
    affinity = w.theta === 1 ? exact((w.inBoth / (aSmaller ? w.inA : w.inB)) * factor) : scaled(w.inBoth, aSmaller ? w.inA : w.inB, fpc, factor, relativeError(large));
  }
  return { a: sizeA, b: sizeB, overlap, shareOfA, shareOfB, incrementalReach, affinity, universe, window: w };
}
