import type { Graph } from './graph';

/**
 * Weighted PageRank (damping 0.85 by default) by power iteration, as networkx computes it:
 * each node passes its rank to its neighbours in proportion to the edge weights; a node
 * without edges (dangling) spreads its rank evenly over all nodes. The scores sum to 1.
 */
export function pagerank(g: Graph, damping = 0.85, tol = 1e-10, maxIter = 200): Float64Array {
  const n = g.nodes.length;
  let x = new Float64Array(n).fill(n ? 1 / n : 0);
  if (n === 0) return x;
  const outWeight = g.neighbours.map((adj) => adj.reduce((s, [, w]) => s + w, 0));
  for (let it = 0; it < maxIter; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (outWeight[i] === 0) {
        dangling += x[i];
        continue;
      }
      for (const [j, w] of g.neighbours[i]) next[j] += (damping * x[i] * w) / outWeight[i];
    }
    const spread = (damping * dangling + (1 - damping)) / n;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i] += spread;
      delta += Math.abs(next[i] - x[i]);
    }
    x = next;
    if (delta < n * tol) break;
  }
  return x;
}
