import type { Csr } from './csr';
import type { ItemWeights } from './itemScore';
import { modelPath } from '../../ml/modelPath';

/**
 * EASE (Steck 2019): a closed-form item-item model, B = I − P·diag(1/diag P) with
 * P = (XᵀX + λI)⁻¹ and a zero diagonal, so a user's score for item j is Σᵢ x_ui·B_ij. On
 * catalogs of a few thousand items it is the strongest simple model (it learns which
 * co-occurrences to trust instead of normalising them), but it needs a dense n × n inverse:
 * onnxruntime's Inverse kernel (ease-inverse.onnx, float32) up to 5,000 items, a JavaScript
 * Cholesky (float64, far slower) up to 1,500 where onnxruntime does not load. Memory: the
 * Gram, its regularised copy and the inverse, 3·n² floats (300 MB at 5,000 items).
 */
export const EASE_MAX_ITEMS = 5000;
const EASE_MAX_ITEMS_JS = 1500;

let onnxInverse: Promise<((a: Float32Array, n: number) => Promise<Float32Array>) | null> | null = null;

/** The onnxruntime inverse, or null where it cannot load (loaded once per thread). */
function inverter() {
  onnxInverse ??= (async () => {
    try {
      const ort = await import('onnxruntime-node');
      const session = await ort.InferenceSession.create(modelPath('ease-inverse.onnx'));
      return async (a: Float32Array, n: number) => (await session.run({ A: new ort.Tensor('float32', a, [n, n]) })).P.data as Float32Array;
    } catch {
      return null;
    }
  })();
  return onnxInverse;
}

/** Whether EASE is a candidate for this catalog here. */
export async function easeFits(m: Csr): Promise<boolean> {
  return m.cols <= EASE_MAX_ITEMS_JS || (m.cols <= EASE_MAX_ITEMS && (await inverter()) !== null);
}

/** XᵀX (dense, n × n, exact counts in float32) of who took what, and its mean diagonal (λ is chosen relative to it). */
export function gramOf(m: Csr): { g: Float32Array; meanDiagonal: number } {
  const n = m.cols;
  const g = new Float32Array(n * n);
  for (let u = 0; u < m.rows; u++) {
    for (let a = m.ptr[u]; a < m.ptr[u + 1]; a++) {
      const row = m.idx[a] * n;
      for (let b = m.ptr[u]; b < m.ptr[u + 1]; b++) g[row + m.idx[b]] += 1;
    }
  }
  let diag = 0;
  let used = 0;
  for (let i = 0; i < n; i++) if (g[i * n + i] > 0) (diag += g[i * n + i]), used++;
  return { g, meanDiagonal: used ? diag / used : 1 };
}

/** B (row-major, row i = B[i][·]) for one λ, from the Gram (which it leaves as it was). */
export async function fitEase(m: Csr, lambda: number, gram = gramOf(m)): Promise<ItemWeights & { kind: 'dense' }> {
  const n = m.cols;
  const a = Float32Array.from(gram.g);
  for (let i = 0; i < n; i++) a[i * n + i] += lambda;
  const onnx = await inverter();
  const p = onnx ? await onnx(a, n) : Float32Array.from(invertSpd(Float64Array.from(a), n));
  // B[i][j] = −P[i][j] / P[j][j] (i ≠ j), in place of P.
  const diagonal = Float64Array.from({ length: n }, (_, j) => p[j * n + j]);
  for (let i = 0; i < n; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) p[o + j] = i === j ? 0 : -p[o + j] / diagonal[j];
  }
  return { kind: 'dense', items: n, b: p };
}

/** The inverse of a symmetric positive definite matrix (row-major, n × n) by Cholesky: A = LLᵀ, then A⁻¹ = L⁻ᵀL⁻¹. */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    const lj = j * n;
    for (let k = 0; k < j; k++) d -= l[lj + k] * l[lj + k];
    if (!(d > 0)) throw new Error(`matrix not positive definite at ${j}`);
    const s = Math.sqrt(d);
    l[lj + j] = s;
    for (let i = j + 1; i < n; i++) {
      const li = i * n;
      let v = a[li + j];
      for (let k = 0; k < j; k++) v -= l[li + k] * l[lj + k];
      l[li + j] = v / s;
    }
  }
  // L⁻¹ (lower triangular), by forward substitution column by column.
  const inv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let v = i === c ? 1 : 0;
      const li = i * n;
      for (let k = c; k < i; k++) v -= l[li + k] * inv[k * n + c];
      inv[li + c] = v / l[li + i];
    }
  }
  // A⁻¹ = (L⁻¹)ᵀ L⁻¹: entry (i, j) = Σ_k inv[k][i]·inv[k][j], k ≥ max(i, j).
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const row = k * n;
    for (let i = 0; i <= k; i++) {
      const x = inv[row + i];
      if (x === 0) continue;
      const oi = i * n;
      for (let j = 0; j <= i; j++) out[oi + j] += x * inv[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}
