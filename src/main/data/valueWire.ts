/**
 * Table values across threads in two transferred ArrayBuffers: the text of every value
 * (UTF-8) and the bytes of every blob. Writing one string and moving two buffers costs a
 * fraction of structured-cloning thousands of values. In the text, each value is a tag and
 * its text ending in U+001F: `'text`, `#number`, `~` (null), `b` + byte length (the next
 * bytes of the blob buffer); text holding U+001F is written as JSON (`"…"`).
 */
const END = '\u001f';

export interface WireBatch {
  text: ArrayBuffer;
  textLength: number;
  blobs: ArrayBuffer;
}

/**
 * `jsonColumns`: which columns (of rows `width` values wide) hold JSON text, which cannot
 * contain a raw U+001F — searching those freshly concatenated strings would cost more than
 * everything else here.
 */
export function encodeValues(values: readonly unknown[], width: number, jsonColumns: readonly boolean[]): WireBatch {
  let text = '';
  let blobBytes = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof Uint8Array) blobBytes += v.byteLength;
  }
  const blobs = new Uint8Array(blobBytes);
  let at = 0;
  for (let i = 0, col = 0; i < values.length; i++, col = col + 1 === width ? 0 : col + 1) {
    const v = values[i];
    if (v === null || v === undefined) text += '~' + END;
    else if (typeof v === 'number') text += '#' + String(v) + END;
    else if (v instanceof Uint8Array) {
      blobs.set(v, at);
      at += v.byteLength;
      text += 'b' + v.byteLength + END;
    } else {
      const s = String(v);
      text += (!jsonColumns[col] && s.includes(END) ? '"' + JSON.stringify(s) : "'" + s) + END;
    }
  }
  const buffer = new ArrayBuffer(text.length * 3);
  const textLength = Buffer.from(buffer).write(text, 'utf8');
  return { text: buffer, textLength, blobs: blobs.buffer };
}

export function decodeValues(batch: WireBatch): unknown[] {
  const parts = Buffer.from(batch.text, 0, batch.textLength).toString('utf8').split(END);
  parts.pop(); // after the last terminator
  const out = new Array<unknown>(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const tag = p.charCodeAt(0);
    if (tag === 39) out[i] = p.slice(1);
    else if (tag === 35) out[i] = Number(p.slice(1));
    else if (tag === 126) out[i] = null;
    else if (tag === 98) {
      const n = Number(p.slice(1));
      out[i] = Buffer.from(batch.blobs, at, n);
      at += n;
    } else out[i] = JSON.parse(p.slice(1)) as string;
  }
  return out;
}
