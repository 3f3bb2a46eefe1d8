/**
 * An audience row's behaviour features as stored: float64 values, little-endian, in the
 * dataset's layout order, NaN where a value is missing. Eight bytes a value, no text to
 * format or parse — the million-row import and the segmentation's feature matrix both read
 * and write these directly.
 */
export function featureBlob(names: readonly string[], values: Readonly<Record<string, number>>): Buffer {
  const out = Buffer.allocUnsafe(names.length * 8);
  for (let i = 0; i < names.length; i++) {
    const v = values[names[i]];
    out.writeDoubleLE(v === undefined || !Number.isFinite(v) ? NaN : v, i * 8);
  }
  return out;
}

/** The values of a stored blob by layout position (null where missing). */
export function blobValues(blob: Uint8Array | null | undefined): (number | null)[] {
  if (!blob) return [];
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Array<number | null>(buf.length >> 3);
  for (let i = 0; i < out.length; i++) {
    const v = buf.readDoubleLE(i * 8);
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}
