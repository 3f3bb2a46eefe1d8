/**
 * A small weighted undirected graph over string nodes. Self-loops are dropped (a partner
 * collaborating with itself says nothing about its place in the network) and repeated
 * edges add their weights; isolated nodes are kept so every partner gets a score.
 */
export interface Graph {
  nodes: string[];
  /** neighbours[i]: [j, weight] pairs. */
  neighbours: [number, number][][];
  selfLoops: number;
}

export function buildGraph(nodes: Iterable<string>, edges: Iterable<{ a: string; b: string; weight?: number }>): Graph {
  const list = [...new Set(nodes)];
  const index = new Map(list.map((n, i) => [n, i]));
  const weights = list.map(() => new Map<number, number>());
  let selfLoops = 0;
  for (const e of edges) {
    for (const n of [e.a, e.b]) {
      if (!index.has(n)) {
        index.set(n, list.length);
        list.push(n);
        weights.push(new Map());
      }
    }
    const i = index.get(e.a)!;
    const j = index.get(e.b)!;
    if (i === j) {
      selfLoops++;
      continue;
    }
    const w = e.weight ?? 1;
    if (!(w > 0)) continue;
    weights[i].set(j, (weights[i].get(j) ?? 0) + w);
    weights[j].set(i, (weights[j].get(i) ?? 0) + w);
  }
  return { nodes: list, neighbours: weights.map((m) => [...m]), selfLoops };
}
