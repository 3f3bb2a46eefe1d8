import type { AlsModel } from './als';
import type { Csr } from './csr';

/**
 * EASE (Steck 2019): a closed-form item-item model, B = I − P·diag(1/diag P) with
 * P = (XᵀX + λI)⁻¹ and a zero diagonal, so a user's score for item j is Σᵢ x_ui·B_ij.
 * On catalogs of a few thousand items it beats item-kNN (it learns which co-occurrences
 * to trust instead of normalising them), but it needs a dense n × n inverse, so it is a
 * candidate only for small catalogs (`easeFits`). It is returned in the factor-model
 * form the scoring and the concept placement use: a user's factors are their interaction
 * row, item j's factors the column B[·, j].
 */
export const EASE_MAX_ITEMS = 1500;
/** The dense user rows the factor form needs (floats). */
const EASE_MAX_CELLS = 40_000_000;

export const easeFits = (m: Csr) => m.cols <= EASE_MAX_ITEMS && m.rows * m.cols <= EASE_MAX_CELLS;

/** XᵀX (dense, n × n) from the rows' binary interactions, and its mean diagonal (λ is chosen relative to it). */
export function gramOf(m: Csr): { g: Float64Array; meanDiagonal: number } {
  const n = m.cols;
  const g = new Float64Array(n * n);
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

export function fitEase(m: Csr, lambda: number, gram = gramOf(m)): AlsModel {
  const n = m.cols;
  const a = Float64Array.from(gram.g);
  for (let i = 0; i < n; i++) a[i * n + i] += lambda;
  const p = invertSpd(a, n);
  const items = new Float32Array(n * n);
  // items[j·n + i] = B[i][j] = −P[i][j] / P[j][j] (i ≠ j).
  for (let j = 0; j < n; j++) {
    const pjj = p[j * n + j];
    for (let i = 0; i < n; i++) if (i !== j) items[j * n + i] = -p[i * n + j] / pjj;
  }
  const users = new Float32Array(m.rows * n);
  for (let u = 0; u < m.rows; u++) for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) users[u * n + m.idx[k]] = 1;
  return { factors: n, users, items };
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
