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

/**
 * Differential-evolution Markov chain Monte Carlo (ter Braak 2006): a population of chains
 * over the unit cube, each proposing a jump along the difference of two other chains (scaled
 * 2.38/√(2d), every tenth generation 1 so chains can hop between modes) plus a little noise,
 * accepted by the Metropolis rule on `logDensity`. The population's spread tunes the jumps
 * to the posterior's own shape, so no step size needs setting. Reflection at the cube's
 * faces keeps the proposal symmetric. Returns the chains' states of the last `keep`
 * generations (correlated draws from the posterior).
 */
export function sampleDeMc(start: number[][], logDensity: (genes: number[]) => number, o: { seed: number; generations: number; keep: number; onGeneration?: (g: number) => void }): { samples: { genes: number[]; logDensity: number }[]; acceptance: number; evaluations: number } {
  const random = new Random(o.seed);
  const size = start.length;
  const dim = start[0].length;
  const pop = start.map((g) => [...g]);
  const lp = pop.map(logDensity);
  const samples: { genes: number[]; logDensity: number }[] = [];
  let accepted = 0;
  let evaluations = size;
  for (let g = 0; g < o.generations; g++) {
    const gamma = g % 10 === 9 ? 1 : 2.38 / Math.sqrt(2 * dim);
    for (let i = 0; i < size; i++) {
      let a: number, b: number;
      do a = Math.floor(random.next() * size); while (a === i);
      do b = Math.floor(random.next() * size); while (b === i || b === a);
      const child = pop[i].map((x, d) => {
        const v = x + gamma * (pop[a][d] - pop[b][d]) + 1e-4 * random.normal();
        return v < 0 ? Math.min(1, -v) : v > 1 ? Math.max(0, 2 - v) : v;
      });
      const l = logDensity(child);
      evaluations++;
      if (Math.log(random.next()) < l - lp[i]) {
        pop[i] = child;
        lp[i] = l;
        accepted++;
      }
    }
    if (g >= o.generations - o.keep) pop.forEach((genes, i) => samples.push({ genes: [...genes], logDensity: lp[i] }));
    o.onGeneration?.(g + 1);
  }
  return { samples, acceptance: accepted / (size * o.generations), evaluations };
}
