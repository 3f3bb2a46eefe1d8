import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { points } from '../../src/main/ml/assign';
import { jsAssigner } from '../../src/main/ml/backends/jsEngine';
import { wasmAssigner } from '../../src/main/ml/backends/wasmEngine';
import { kmeans } from '../../src/main/ml/kmeans';
import { Body, wasmModule } from '../../src/main/ml/simd/wasmEncoder';
import { lloydModule, seedModule } from '../../src/main/ml/simd/kmeansKernels';

/** Runs `op` on the vectors a = [1, 4, 9, 16] and b = [2, 4, 1, 20] (mask [-1, 0, -1, 0] third) and reads the result's lanes. */
function lanes(op: (b: Body) => void, read: 'f32' | 'i32' = 'f32'): number[] {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
  new Float32Array(memory.buffer).set([1, 4, 9, 16, 2, 4, 1, 20]);
  new Int32Array(memory.buffer).set([-1, 0, -1, 0], 12);
  const body = new Body([]);
  body.i32(64);
  op(body);
  body.v128Store();
  const bytes = wasmModule([{ name: 'run', params: [], body }], { minPages: 1, maxPages: 1, shared: false });
  expect(WebAssembly.validate(bytes)).toBe(true);
  (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.run as () => void)();
  return Array.from((read === 'f32' ? new Float32Array(memory.buffer) : new Int32Array(memory.buffer)).subarray(16, 20));
}
const a = (b: Body) => b.i32(0).v128Load();
const bv = (b: Body) => b.i32(16).v128Load();

describe('the WebAssembly encoder', () => {
  it('encodes every vector instruction the kernels use to the operation it names', () => {
    expect(lanes((b) => (a(b), bv(b), b.f32x4Add()))).toEqual([3, 8, 10, 36]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Sub()))).toEqual([-1, 0, 8, -4]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Mul()))).toEqual([2, 16, 9, 320]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Min()))).toEqual([1, 4, 1, 16]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Max()))).toEqual([2, 4, 9, 20]);
    expect(lanes((b) => (a(b), b.f32x4Sqrt()))).toEqual([1, 2, 3, 4]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Lt()), 'i32')).toEqual([-1, 0, 0, -1]);
    expect(lanes((b) => (a(b), bv(b), b.f32x4Eq()), 'i32')).toEqual([0, -1, 0, 0]);
    expect(lanes((b) => (a(b), bv(b), b.i32(48).v128Load(), b.v128Bitselect()))).toEqual([1, 4, 9, 20]);
    expect(lanes((b) => (a(b), b.i32(48).v128Load(), b.v128And()))).toEqual([1, 0, 9, 0]);
    expect(lanes((b) => b.i32(4).v128Load32Splat())).toEqual([4, 4, 4, 4]);
    expect(lanes((b) => (a(b), bv(b), b.shuffle32([2, 3, 4, 1])))).toEqual([9, 16, 2, 4]);
    expect(lanes((b) => b.i32x4Const([7, -1, 3, 9]), 'i32')).toEqual([7, -1, 3, 9]);
    expect(lanes((b) => (b.i32x4Const([7, -1, 3, 9]), b.i32x4Const([2, 5, 3, 1]), b.i32x4MinS()), 'i32')).toEqual([2, -1, 3, 1]);
    expect(lanes((b) => (b.i32x4Const([7, -1, 3, 9]), b.i32x4Const([2, 5, 3, 1]), b.i32x4Eq()), 'i32')).toEqual([0, 0, -1, 0]);
    expect(lanes((b) => (b.i32(5), b.i32x4Splat()), 'i32')).toEqual([5, 5, 5, 5]);
  });

  it('writes the same valid module for the same shape, for shapes from one feature and one centre up', () => {
    const memory = { minPages: 1, maxPages: 16384, shared: true };
    for (const [k, d] of [[1, 1], [3, 2], [4, 4], [5, 7], [13, 16], [64, 40]]) {
      const bytes = lloydModule(k, d).bytes(memory);
      expect(WebAssembly.validate(bytes), `${k}x${d}`).toBe(true);
      expect([...lloydModule(k, d).bytes(memory)]).toEqual([...bytes]);
      for (const m of [1, 4, 8]) expect(WebAssembly.validate(seedModule(d, m).bytes(memory)), `seed ${d} ${m}`).toBe(true);
    }
  });
});

function uniform(n: number, d: number, seed: number): Float32Array {
  const r = new Random(seed);
  return Float32Array.from({ length: n * d }, () => r.next() * 4 - 2);
}

describe('the SIMD engine', () => {
  it('gives the reference engine’s labels, sums, counts, seeding and silhouette sums for any shape', async () => {
    const js = jsAssigner();
    const simd = await wasmAssigner();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 8 }), fc.nat(), async (k, d, n, m, seed) => {
        const X = uniform(n, d, seed);
        const C = uniform(k, d, seed + 1);
        const P = points(X, n, d);
        const l1 = new Int32Array(n);
        const d1 = new Float32Array(n);
        const l2 = new Int32Array(n);
        const d2 = new Float32Array(n);
        await js.assign(P, C, k, l1, d1);
        await simd.assign(P, C, k, l2, d2);
        const ref = await js.step(P, C, k);
        const got = await simd.step(P, C, k);
        // Random float data has no exact ties, so every label must match.
        expect([...l2]).toEqual([...l1]);
        expect([...got.counts]).toEqual([...ref.counts]);
        got.sums.forEach((v, i) => expect(Math.abs(v - ref.sums[i])).toBeLessThan(1e-3));
        d2.forEach((v, i) => expect(Math.abs(v - d1[i])).toBeLessThan(1e-4 * Math.max(1, d1[i])));
        const closest = Float32Array.from(uniform(n, 1, seed + 2), (v) => v + 2);
        const c1 = closest.slice();
        const c2 = closest.slice();
        const candidates = uniform(m, d, seed + 3);
        const s1 = await js.seed(P, candidates, m, c1);
        const s2 = await simd.seed(P, candidates, m, c2);
        s2.potentials.forEach((v, t) => expect(Math.abs(v - s1.potentials[t])).toBeLessThan(1e-4 * Math.max(1, s1.potentials[t])));
        s1.accept(m - 1);
        s2.accept(m - 1);
        c2.forEach((v, i) => expect(Math.abs(v - c1[i])).toBeLessThan(1e-5 * Math.max(1, c1[i])));
        const own = Int32Array.from({ length: n }, (_, i) => l1[i]);
        const t1 = await js.clusterDistances(X, n, d, own, k);
        const t2 = await simd.clusterDistances(X, n, d, own, k);
        t2.forEach((v, i) => expect(Math.abs(v - t1[i])).toBeLessThan(1e-4 * Math.max(1, t1[i])));
      }),
      { numRuns: 40 },
    );
    await simd.dispose();
  });

  it('breaks ties toward the lower centre number, as the reference does', async () => {
    // Whole-number points and centres placed so that many points are exactly as far from several.
    const d = 2;
    const n = 400;
    const X = Float32Array.from({ length: n * d }, (_, i) => (i * 7) % 5);
    const C = Float32Array.from([0, 0, 2, 2, 2, 2, 4, 0, 0, 4, 4, 4]); // centres 1 and 2 coincide
    const k = C.length / d;
    const labels = [new Int32Array(n), new Int32Array(n)];
    const simd = await wasmAssigner();
    await jsAssigner().assign(points(X, n, d), C, k, labels[0], new Float32Array(n));
    await simd.assign(points(X, n, d), C, k, labels[1], new Float32Array(n));
    expect([...labels[1]]).toEqual([...labels[0]]);
    expect(labels[1].includes(2)).toBe(false); // the twin of centre 1 never wins
    expect((await simd.step(points(X, n, d), C, k)).counts[2]).toBe(0);
    await simd.dispose();
  });

  it('splits the points between its threads and fits the same clusters on one thread or several', async () => {
    const n = 200_000;
    const d = 6;
    const X = uniform(n, d, 4);
    const one = await wasmAssigner({ threads: 1 });
    const two = await wasmAssigner({ threads: 2 });
    expect(two.threads).toBe(2);
    const a = await kmeans(X, n, d, one, { k: 5, seed: 2, restarts: 1, maxIter: 20 });
    const b = await kmeans(X, n, d, two, { k: 5, seed: 2, restarts: 1, maxIter: 20 });
    expect(b.iterations).toBe(a.iterations);
    expect([...b.labels]).toEqual([...a.labels]);
    expect(Math.abs(b.inertia - a.inertia) / a.inertia).toBeLessThan(1e-6);
    await Promise.all([one.dispose(), two.dispose()]);
  });
});
