import type { Assigner, Points, StepTotals } from './assign';

/*
 * The sums k-means keeps its books with, shared by Lloyd and mini-batch: the inertia of a
 * step from its totals, and the final labels with their exact inertia.
 */

/** Labels and the exact inertia (per-point squared distances summed in float64) of given centres. */
export async function finalAssignment(p: Points, centers: Float32Array, k: number, engine: Assigner): Promise<{ labels: Int32Array; inertia: number }> {
  const { n } = p;
  const labels = new Int32Array(n);
  const distances = new Float32Array(n);
  await engine.assign(p, centers, k, labels, distances);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += distances[i];
  return { labels, inertia };
}

/**
 * The inertia of the step's assignment, from its totals alone:
 * Σᵢ‖xᵢ − c₍ᵢ₎‖² = Σ‖x‖² − 2·Σⱼ cⱼ·sumⱼ + Σⱼ countⱼ‖cⱼ‖².
 */
export function inertiaFromTotals(xx: number, centers: Float32Array, { sums, counts }: StepTotals, k: number, d: number): number {
  let s = xx;
  for (let j = 0; j < k; j++) {
    let dot = 0;
    let cc = 0;
    for (let t = 0; t < d; t++) {
      const c = centers[j * d + t];
      dot += c * sums[j * d + t];
      cc += c * c;
    }
    s += counts[j] * cc - 2 * dot;
  }
  return Math.max(0, s);
}
