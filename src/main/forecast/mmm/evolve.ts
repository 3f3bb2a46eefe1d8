import { Random } from '../../core/random';

/**
 * Differential evolution (rand/1/bin) over the unit cube: a population of candidate
 * hyper-parameter vectors, each child a mutation of three others crossed with its parent,
 * kept when it scores lower. Seeded, so the same seed gives the same search. The final
 * population comes back too: its members near the best say how sharply the data pin it.
 */
export function evolve(dim: number, score: (genes: number[]) => number, o: { seed: number; population?: number; generations?: number; f?: number; cr?: number; onGeneration?: (g: number, best: number) => void }): { genes: number[]; score: number; evaluations: number; population: { genes: number[]; score: number }[]; evaluated: { genes: number[]; score: number }[] } {
  const random = new Random(o.seed);
  const size = o.population ?? Math.min(60, Math.max(20, 6 * dim));
  const generations = o.generations ?? 60;
  const f = o.f ?? 0.6;
  const cr = o.cr ?? 0.9;
  const pop = Array.from({ length: size }, () => Array.from({ length: dim }, () => random.next()));
  const fit = pop.map(score);
  // Every candidate scored, in order: the region the data cannot tell from the best is
  // sampled from these (the final population has collapsed around the best by then).
  const evaluated = pop.map((genes, i) => ({ genes, score: fit[i] }));
  let evaluations = size;
  for (let g = 0; g < generations; g++) {
    for (let i = 0; i < size; i++) {
      let a: number, b: number, c: number;
      do a = Math.floor(random.next() * size); while (a === i);
      do b = Math.floor(random.next() * size); while (b === i || b === a);
      do c = Math.floor(random.next() * size); while (c === i || c === a || c === b);
      const forced = Math.floor(random.next() * dim);
      const child = pop[i].map((x, d) => {
        if (d !== forced && random.next() > cr) return x;
        const v = pop[a][d] + f * (pop[b][d] - pop[c][d]);
        // Reflect back into the cube rather than clip, so the bounds are not over-sampled.
        return v < 0 ? Math.min(1, -v) : v > 1 ? Math.max(0, 2 - v) : v;
      });
      const s = score(child);
      evaluations++;
      evaluated.push({ genes: child, score: s });
      if (s <= fit[i]) {
        pop[i] = child;
        fit[i] = s;
      }
    }
    o.onGeneration?.(g + 1, Math.min(...fit));
  }
  const best = fit.indexOf(Math.min(...fit));
  return { genes: pop[best], score: fit[best], evaluations, population: pop.map((genes, i) => ({ genes, score: fit[i] })), evaluated };
}
