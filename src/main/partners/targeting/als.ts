import { Random } from '../../core/random';
import { type Csr, transpose } from './csr';

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008): preference p = 1 where a user touched
 * an item, confidence c = 1 + α·r; user and item factors alternate, each row solved with
 * a few conjugate-gradient steps warm-started from its last value (as the `implicit`
 * library does), so a row costs O(nnz·f + f²) and never forms its f × f system.
 */
export interface AlsOptions {
  factors?: number;
  reg?: number;
  alpha?: number;
  iterations?: number;
  /** Conjugate-gradient steps per row and half-iteration. */
  cgSteps?: number;
  seed?: number;
  onIteration?: (iteration: number) => void;
}

export interface AlsModel {
  factors: number;
  users: Float32Array;
  items: Float32Array;
}

export function fitAls(m: Csr, opts: AlsOptions = {}): AlsModel {
  const f = opts.factors ?? 32;
  const reg = opts.reg ?? 0.05;
  const alpha = opts.alpha ?? 20;
  const steps = opts.cgSteps ?? 3;
  const random = new Random(opts.seed ?? 0);
  const init = (n: number) => Float32Array.from({ length: n * f }, () => (random.next() - 0.5) * 0.02);
  const users = init(m.rows);
  const items = init(m.cols);
  const mt = transpose(m);
  for (let it = 0; it < (opts.iterations ?? 10); it++) {
    solveRows(m, users, items, f, reg, alpha, steps);
    solveRows(mt, items, users, f, reg, alpha, steps);
    opts.onIteration?.(it + 1);
  }
  return { factors: f, users, items };
}

/** YᵀY (f × f, float64): shared by every row of a half-iteration. */
function gram(Y: Float32Array, n: number, f: number): Float64Array {
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

function solveRows(m: Csr, X: Float32Array, Y: Float32Array, f: number, reg: number, alpha: number, steps: number): void {
  const YtY = gram(Y, m.cols, f);
  const x = new Float64Array(f);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const Ap = new Float64Array(f);
  // A·v = (YᵀY + λI)·v + Σᵢ (cᵢ − 1)(yᵢ·v) yᵢ over the row's items.
  const times = (row: number, v: Float64Array, out: Float64Array) => {
    for (let a = 0; a < f; a++) {
      let s = reg * v[a];
      for (let b = 0; b < f; b++) s += YtY[a * f + b] * v[b];
      out[a] = s;
    }
    for (let k = m.ptr[row]; k < m.ptr[row + 1]; k++) {
      const o = m.idx[k] * f;
      const c1 = alpha * m.val[k];
      let dot = 0;
      for (let b = 0; b < f; b++) dot += Y[o + b] * v[b];
      dot *= c1;
      for (let a = 0; a < f; a++) out[a] += dot * Y[o + a];
    }
  };
  for (let row = 0; row < m.rows; row++) {
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
