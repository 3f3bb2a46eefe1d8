/**
 * Table values across threads in two transferred ArrayBuffers: the text of the values
 * (UTF-8) and the bytes of the blobs. The batch goes column by column: a column of plain
 * strings or of numbers is one native `join`, a column of blobs their lengths; a mixed
 * column (nulls, text holding the separator) writes each value as a tag and its text
 * (`'text`, `#number`, `~` null, `"json`, `b` + a blob's length). Joining a column natively and moving two
 * buffers costs a fraction of structured-cloning thousands of values, or of concatenating
 * them one by one. A column of blobs all the same length (an audience's features) writes that
 * length once (`sized`); a column of one number throughout (the project id) writes it once (`same`).
 */
const END = '\u001f';

type Mode = 'strings' | 'numbers' | 'same' | 'blobs' | 'sized' | 'tagged';

export interface WireBatch {
  text: ArrayBuffer;
  textLength: number;
  blobs: ArrayBuffer;
  rows: number;
  /** Per column: how it is written and how long its text is (in UTF-16 code units). */
  columns: { mode: Mode; length: number }[];
}

/**
 * `width` values make a row; `cleanColumns` marks columns that cannot hold a raw U+001F
 * (JSON text, keys refused with control characters), so they are not searched for one.
 */
export function encodeValues(values: readonly unknown[], width: number, cleanColumns: readonly boolean[]): WireBatch {
  const rows = values.length / width;
  const texts: string[] = [];
  const columns: WireBatch['columns'] = [];
  const blobParts: Uint8Array[] = [];
  let blobBytes = 0;
  for (let c = 0; c < width; c++) {
    const column = new Array<unknown>(rows);
    for (let r = 0, i = c; r < rows; r++, i += width) column[r] = values[i];
    const mode = modeOf(column, cleanColumns[c]);
    let text: string;
    if (mode === 'same') text = String(column[0]);
    else if (mode === 'sized') {
      text = String((column[0] as Uint8Array).byteLength);
      for (const b of column as Uint8Array[]) blobParts.push(b);
      blobBytes += rows * (column[0] as Uint8Array).byteLength;
    } else if (mode === 'blobs') {
      text = column.map((b) => (b as Uint8Array).byteLength).join(END);
      for (const b of column as Uint8Array[]) {
        blobParts.push(b);
        blobBytes += b.byteLength;
      }
    } else if (mode === 'tagged') {
      text = column
        .map((v) => {
          if (!(v instanceof Uint8Array)) return tag(v);
          blobParts.push(v);
          blobBytes += v.byteLength;
          return 'b' + v.byteLength;
        })
        .join(END);
    } else text = column.join(END);
    texts.push(text);
    columns.push({ mode, length: text.length });
  }
  // Each column's text is written where it goes: no joined copy of the whole batch.
  // allocUnsafeSlow: an unpooled, unzeroed buffer of its own, which can be transferred.
  const target = Buffer.allocUnsafeSlow(texts.reduce((n, t) => n + t.length * 3, 0));
  const text = target.buffer as ArrayBuffer;
  let textLength = 0;
  for (const t of texts) textLength += target.write(t, textLength, 'utf8');
  const blobs = new Uint8Array(Buffer.allocUnsafeSlow(blobBytes).buffer, 0, blobBytes);
  let at = 0;
  // Consecutive views into one slab (the audience builder's features) are copied as one run.
  for (let k = 0; k < blobParts.length; ) {
    const first = blobParts[k];
    let end = first.byteOffset + first.byteLength;
    let next = k + 1;
    while (next < blobParts.length && blobParts[next].buffer === first.buffer && blobParts[next].byteOffset === end) {
      end += blobParts[next].byteLength;
      next++;
    }
    const run = new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset);
    blobs.set(run, at);
    at += run.byteLength;
    k = next;
  }
  return { text, textLength, blobs: blobs.buffer, rows, columns };
}

function modeOf(column: unknown[], clean: boolean): Mode {
  const first = column[0];
  if (first instanceof Uint8Array) {
    if (!column.every((v) => v instanceof Uint8Array)) return 'tagged';
    const length = first.byteLength;
    return column.every((v) => (v as Uint8Array).byteLength === length) ? 'sized' : 'blobs';
  }
  if (typeof first === 'number') {
    if (!column.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'tagged';
    return column.every((v) => Object.is(v, first)) ? 'same' : 'numbers';
  }
  if (typeof first === 'string') {
    for (const v of column) if (typeof v !== 'string' || (!clean && v.includes(END))) return 'tagged';
    return 'strings';
  }
  return 'tagged';
}

function tag(v: unknown): string {
  if (v === null || v === undefined) return '~';
  if (typeof v === 'number') return '#' + String(v);
  const s = String(v);
  return s.includes(END) ? '"' + JSON.stringify(s) : "'" + s;
}

function untag(p: string): unknown {
  const t = p.charCodeAt(0);
  if (t === 39) return p.slice(1);
  if (t === 35) return Number(p.slice(1));
  if (t === 126) return null;
  return JSON.parse(p.slice(1)) as string;
}

/** The flat row-major values again. */
export function decodeValues(batch: WireBatch): unknown[] {
  const all = Buffer.from(batch.text, 0, batch.textLength).toString('utf8');
  const width = batch.columns.length;
  const out = new Array<unknown>(batch.rows * width);
  let from = 0;
  let blobAt = 0;
  batch.columns.forEach(({ mode, length }, c) => {
    const text = all.slice(from, from + length);
    from += length;
    if (mode === 'same') {
      const v = Number(text);
      for (let r = 0, i = c; r < batch.rows; r++, i += width) out[i] = v;
      return;
    }
    if (mode === 'sized') {
      // One length for the whole column: views into the blob bytes, no text per row.
      const n = Number(text);
      for (let r = 0, i = c; r < batch.rows; r++, i += width) {
        out[i] = Buffer.from(batch.blobs, blobAt, n);
        blobAt += n;
      }
      return;
    }
    const parts = batch.rows ? text.split(END) : [];
    for (let r = 0, i = c; r < batch.rows; r++, i += width) {
      const p = parts[r];
      if (mode === 'strings') out[i] = p;
      else if (mode === 'numbers') out[i] = Number(p);
      else if (mode === 'blobs') {
        const n = Number(p);
        out[i] = Buffer.from(batch.blobs, blobAt, n);
        blobAt += n;
      } else if (p.charCodeAt(0) === 98) {
        const n = Number(p.slice(1));
        out[i] = Buffer.from(batch.blobs, blobAt, n);
        blobAt += n;
      } else out[i] = untag(p);
    }
  });
  return out;
}
