import type { Graph } from './graph';

/**
 * Eigenvector centrality (weighted), by power iteration on A + I as networkx does — the
 * identity keeps the iteration from oscillating on bipartite graphs without changing the
 * eigenvector. Scaled so the most central node scores 1; isolated nodes score 0, and in a
 * graph without edges every node does.
 */
export function eigenvectorCentrality(g: Graph, tol = 1e-10, maxIter = 500): Float64Array {
  const n = g.nodes.length;
  let x = new Float64Array(n).fill(1);
  if (n === 0 || g.neighbours.every((a) => a.length === 0)) return new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    const next = Float64Array.from(x);
    for (let i = 0; i < n; i++) for (const [j, w] of g.neighbours[i]) next[j] += x[i] * w;
    let norm = 0;
    for (const v of next) norm += v * v;
    norm = Math.sqrt(norm);
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= norm;
      delta += Math.abs(next[i] - x[i]);
    }
    x = next;
    if (delta < n * tol) break;
  }
  // Isolated nodes keep only their own (identity) share, which fades as others grow: zero them.
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (g.neighbours[i].length === 0) x[i] = 0;
    max = Math.max(max, x[i]);
  }
  if (max > 0) for (let i = 0; i < n; i++) x[i] /= max;
  return x;
}
