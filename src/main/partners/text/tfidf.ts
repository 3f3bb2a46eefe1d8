/**
 * TF-IDF over tokenised documents (scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1,
 * raw counts, L2-normalised), as sparse maps so a few thousand partners and items with
 * free-text descriptions cost little. Cosine similarity of two such vectors is their dot.
 */
export type SparseVector = Map<string, number>;

export interface TfidfModel {
  idf: Map<string, number>;
  /** The idf of a word no document had: the largest possible. */
  unseenIdf: number;
  vectorize(tokens: string[]): SparseVector;
}

export function fitTfidf(docs: string[][]): TfidfModel {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [w, c] of df) idf.set(w, Math.log((1 + n) / (1 + c)) + 1);
  const unseenIdf = Math.log(1 + n) + 1;
  return {
    idf,
    unseenIdf,
    vectorize(tokens) {
      const v: SparseVector = new Map();
      for (const w of tokens) v.set(w, (v.get(w) ?? 0) + 1);
      let norm = 0;
      for (const [w, c] of v) {
        const x = c * (idf.get(w) ?? unseenIdf);
        v.set(w, x);
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [w, x] of v) v.set(w, x / norm);
      return v;
    },
  };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

/** The k words with the largest weight (ties by the word, so the order is stable). */
export function topTerms(v: SparseVector, k: number): { term: string; weight: number }[] {
  return [...v].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k).map(([term, weight]) => ({ term, weight }));
}
