import { buildGraph } from '../graph/graph';
import { pagerank } from '../graph/pagerank';

/**
 * Keyword influence (TextRank, the seeds' "cultural value" ranking): words that appear
 * within `window` words of each other are linked, weighted by how often; PageRank over
 * that graph says which words carry the corpus. Returns the top words with their rank.
 */
export function keywordRank(docs: string[][], top = 20, window = 4): { term: string; rank: number }[] {
  const edges: { a: string; b: string }[] = [];
  const words = new Set<string>();
  for (const d of docs) {
    d.forEach((w, i) => {
      words.add(w);
      for (let j = i + 1; j < Math.min(d.length, i + window); j++) if (d[j] !== w) edges.push({ a: w, b: d[j] });
    });
  }
  const g = buildGraph(words, edges);
  const r = pagerank(g);
  return g.nodes
    .map((term, i) => ({ term, rank: r[i] }))
    .sort((a, b) => b.rank - a.rank || a.term.localeCompare(b.term))
    .slice(0, top);
}
