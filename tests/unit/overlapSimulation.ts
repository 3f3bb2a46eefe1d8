import { Random } from '../../src/main/core/random';
import { HASH_SPACE, SketchBuilder, type ThetaSketch } from '../../src/shared/overlap/thetaSketch';

/**
 * Two audiences' sketches as keyed hashing would give them, without hashing ten million
 * identifiers: a good keyed hash makes each person's value uniform on [0, 2^53), and a
 * sketch only ever keeps values near the bottom, so each of the three disjoint parts (only
 * A, both, only B) draws just its values below a window safely above where each sketch
 * containing it will stop (eight standard deviations past k + 1 expected values).
 */
export interface SimulatedPair {
  a: ThetaSketch;
  b: ThetaSketch;
  sizeA: number;
  sizeB: number;
  overlap: number;
}

function binomial(rng: Random, m: number, t: number): number {
  if (t >= 1) return m;
  if (m <= 200_000) {
    let c = 0;
    for (let i = 0; i < m; i++) if (rng.next() < t) c++;
    return c;
  }
  const mean = m * t;
  return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean * (1 - t)))));
}

function windowFor(size: number, k: number): number {
  const need = (k + 1) * (1 + 8 / Math.sqrt(k + 1));
  return Math.min(1, need / size);
}

/** Sketches of k values for A and kB (k unless given) for B. */
export function simulatePair(sizeA: number, sizeB: number, overlap: number, k: number, seed: number, kB = k): SimulatedPair {
  const rng = new Random(seed);
  const tA = windowFor(sizeA, k);
  const tB = windowFor(sizeB, kB);
  const ba = new SketchBuilder(k);
  const bb = new SketchBuilder(kB);
  const draw = (m: number, t: number, into: SketchBuilder[]) => {
    const n = binomial(rng, m, t);
    for (let i = 0; i < n; i++) {
      const h = Math.floor(rng.next() * t * HASH_SPACE);
      for (const s of into) s.add(h);
    }
  };
  draw(sizeA - overlap, tA, [ba]);
  draw(overlap, Math.max(tA, tB), [ba, bb]);
  draw(sizeB - overlap, tB, [bb]);
  const a = ba.finish();
  const b = bb.finish();
  if ((tA < 1 && a.theta >= tA) || (tB < 1 && b.theta >= tB)) throw new Error('the simulated window was too narrow');
  return { a, b, sizeA, sizeB, overlap };
}
