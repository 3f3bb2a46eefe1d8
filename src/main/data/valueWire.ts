/**
 * Table values across threads as UTF-8 bytes in a transferred ArrayBuffer: writing one
 * string and moving its buffer costs a fraction of structured-cloning thousands of values.
 * Each value is a tag and its text, values end with U+001F: `'text`, `#number`, `~` (null);
 * text holding U+001F is written as JSON (`"…"`).
 */
const END = '\u001f';

/**
 * `jsonColumns`: which columns (of rows `width` values wide) hold JSON text, which cannot
 * contain a raw U+001F — searching those long, freshly concatenated strings would cost more
 * than everything else here.
 */
export function encodeValues(values: readonly unknown[], width: number, jsonColumns: readonly boolean[]): { buffer: ArrayBuffer; length: number } {
  let text = '';
  for (let i = 0, col = 0; i < values.length; i++, col = col + 1 === width ? 0 : col + 1) {
    const v = values[i];
    if (v === null || v === undefined) text += '~' + END;
    else if (typeof v === 'number') text += '#' + String(v) + END;
    else {
      const s = String(v);
      text += (!jsonColumns[col] && s.includes(END) ? '"' + JSON.stringify(s) : "'" + s) + END;
    }
  }
  const buffer = new ArrayBuffer(text.length * 3);
  const length = Buffer.from(buffer).write(text, 'utf8');
  return { buffer, length };
}

export function decodeValues(buffer: ArrayBuffer, length: number): unknown[] {
  const parts = Buffer.from(buffer, 0, length).toString('utf8').split(END);
  parts.pop(); // after the last terminator
  const out = new Array<unknown>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const tag = p.charCodeAt(0);
    out[i] = tag === 39 ? p.slice(1) : tag === 35 ? Number(p.slice(1)) : tag === 126 ? null : (JSON.parse(p.slice(1)) as string);
  }
  return out;
}
