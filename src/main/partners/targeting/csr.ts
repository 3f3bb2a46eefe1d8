/**
 * A sparse users × items matrix in compressed rows (and its transpose), the shape ALS
 * and the evaluation read: row u's items are cols[ptr[u] .. ptr[u + 1]), with their values.
 */
export interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

/** From (row, col, value) triples; repeated pairs add up. */
export function csrFrom(rows: number, cols: number, r: ArrayLike<number>, c: ArrayLike<number>, v: ArrayLike<number>): Csr {
  const n = r.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => r[a] - r[b] || c[a] - c[b]);
  const ptr = new Int32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  let last = -1;
  let lastRow = -1;
  for (const k of order) {
    if (r[k] === lastRow && c[k] === last) {
      val[val.length - 1] += v[k];
      continue;
    }
    idx.push(c[k]);
    val.push(v[k]);
    ptr[r[k] + 1]++;
    last = c[k];
    lastRow = r[k];
  }
  for (let i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
  return { rows, cols, ptr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

export function transpose(m: Csr): Csr {
  const ptr = new Int32Array(m.cols + 1);
  for (let k = 0; k < m.idx.length; k++) ptr[m.idx[k] + 1]++;
  for (let i = 0; i < m.cols; i++) ptr[i + 1] += ptr[i];
  const fill = ptr.slice(0, m.cols);
  const idx = new Int32Array(m.idx.length);
  const val = new Float32Array(m.idx.length);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.ptr[r]; k < m.ptr[r + 1]; k++) {
      const at = fill[m.idx[k]]++;
      idx[at] = r;
      val[at] = m.val[k];
    }
  }
  return { rows: m.cols, cols: m.rows, ptr, idx, val };
}

/** A Csr whose arrays live in shared memory, as worker threads receive it. */
export interface SharedCsr {
  rows: number;
  cols: number;
  ptr: SharedArrayBuffer;
  idx: SharedArrayBuffer;
  val: SharedArrayBuffer;
}

/** A copy of a typed array's bytes in shared memory (never empty: a zero-length buffer cannot be viewed everywhere). */
export function toShared(a: Int32Array | Float32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(Math.max(4, a.byteLength));
  new Uint8Array(buffer).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buffer;
}

export const shareCsr = (m: Csr): SharedCsr => ({ rows: m.rows, cols: m.cols, ptr: toShared(m.ptr), idx: toShared(m.idx), val: toShared(m.val) });

/** Views of a shared Csr (no copy), in the receiving thread; the lengths come from `ptr`. */
export function csrOfShared(c: SharedCsr): Csr {
  const ptr = new Int32Array(c.ptr, 0, c.rows + 1);
  const nnz = ptr[c.rows];
  return { rows: c.rows, cols: c.cols, ptr, idx: new Int32Array(c.idx, 0, nnz), val: new Float32Array(c.val, 0, nnz) };
}
