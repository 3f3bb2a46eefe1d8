import type { Csr } from './csr';

/**
 * One ALS half-iteration's arithmetic, shared by the main thread and the ALS workers: each
 * row's system (YᵀY + λI + Σ (cᵢ − 1) yᵢyᵢᵀ) x = Σ cᵢ yᵢ solved by a few conjugate-gradient
 * steps warm-started from the row's last value.
 */
/** YᵀY (f × f, float64): shared by every row of a half-iteration. */
export function gram(Y: Float32Array, n: number, f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let i = 0; i < n; i++) {
    const o = i * f;
    for (let a = 0; a < f; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      for (let b = a; b < f; b++) g[a * f + b] += ya * Y[o + b];
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
  return g;
}

/** Solves rows [from, to) of X against the fixed factors Y, given YᵀY. */
export function solveRows(m: Csr, X: Float32Array, Y: Float32Array, YtY: Float64Array, f: number, reg: number, alpha: number, steps: number, from = 0, to = m.rows): void {
  const x = new Float64Array(f);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const Ap = new Float64Array(f);
  const { ptr, idx, val } = m;
  // A·v = (YᵀY + λI)·v + Σᵢ (cᵢ − 1)(yᵢ·v) yᵢ over the row's items (a plain function the JIT
  // inlines: a closure over the loop's state ran a third slower).
  const times = (row: number, v: Float64Array, out: Float64Array) => multiply(YtY, Y, idx, val, ptr[row], ptr[row + 1], f, reg, alpha, v, out);
  for (let row = from; row < to; row++) {
    const start = m.ptr[row];
    const end = m.ptr[row + 1];
    const xo = row * f;
    if (start === end) {
      X.fill(0, xo, xo + f);
      continue;
    }
    for (let a = 0; a < f; a++) x[a] = X[xo + a];
    // r = b − A·x, with b = Σ cᵢ yᵢ.
    times(row, x, Ap);
    for (let a = 0; a < f; a++) r[a] = -Ap[a];
    for (let k = start; k < end; k++) {
      const o = m.idx[k] * f;
      const c = 1 + alpha * m.val[k];
      for (let a = 0; a < f; a++) r[a] += c * Y[o + a];
    }
    p.set(r);
    let rs = 0;
    for (let a = 0; a < f; a++) rs += r[a] * r[a];
    for (let s = 0; s < steps && rs > 1e-20; s++) {
      times(row, p, Ap);
      let pAp = 0;
      for (let a = 0; a < f; a++) pAp += p[a] * Ap[a];
      const step = rs / pAp;
      let next = 0;
      for (let a = 0; a < f; a++) {
        x[a] += step * p[a];
        r[a] -= step * Ap[a];
        next += r[a] * r[a];
      }
      for (let a = 0; a < f; a++) p[a] = r[a] + (next / rs) * p[a];
      rs = next;
    }
    for (let a = 0; a < f; a++) X[xo + a] = x[a];
  }
}

function multiply(YtY: Float64Array, Y: Float32Array, idx: Int32Array, val: Float32Array, start: number, end: number, f: number, reg: number, alpha: number, v: Float64Array, out: Float64Array): void {
  for (let a = 0, base = 0; a < f; a++, base += f) {
    let s = reg * v[a];
    for (let b = 0; b < f; b++) s += YtY[base + b] * v[b];
    out[a] = s;
  }
  for (let k = start; k < end; k++) {
    const o = idx[k] * f;
    let dot = 0;
    for (let b = 0; b < f; b++) dot += Y[o + b] * v[b];
    dot *= alpha * val[k];
    for (let a = 0; a < f; a++) out[a] += dot * Y[o + a];
  }
}
