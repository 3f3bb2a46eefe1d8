import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

/** The text encodings Tandem reads (names as TextDecoder spells them). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'];

const PROBE = 1 << 16;

/**
 * Names the encoding of a text file from its bytes: a BOM decides; otherwise the first
 * stretch holding non-ASCII bytes is tested as UTF-8, and anything that is not valid UTF-8
 * is read as GB18030 (a superset of GBK, what Chinese Excel writes as "CSV"). A file of
 * plain ASCII reads the same either way. UTF-16 without a BOM is told by its NUL bytes.
 */
export function detectEncoding(fd: number, size: number): TextEncodingName {
  const head = readAt(fd, 0, Math.min(PROBE, size));
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const nulEven = countNul(head, 0);
  const nulOdd = countNul(head, 1);
  if (head.length >= 4 && nulOdd > head.length / 4 && nulEven === 0) return 'utf-16le';
  if (head.length >= 4 && nulEven > head.length / 4 && nulOdd === 0) return 'utf-16be';

  // Scan forward (1 MiB at a time) to the first non-ASCII byte, then judge a window there.
  for (let offset = 0; offset < size; offset += 1 << 20) {
    const chunk = offset === 0 && head.length === size ? head : readAt(fd, offset, Math.min(1 << 20, size - offset));
    const at = firstNonAscii(chunk);
    if (at === -1) continue;
    const start = offset + Math.max(0, at - 4);
    const window = readAt(fd, start, Math.min(PROBE, size - start));
    const text = trimPartial(window, start + window.length < size);
    return isUtf8(text) || mostlyUtf8(text) ? 'utf-8' : 'gb18030';
  }
  return 'utf-8';
}

/**
 * UTF-8 with a few damaged bytes (a truncated export, one pasted value) is still UTF-8: read as
 * GB18030 every Chinese character in it would turn into two wrong ones. GBK text almost never
 * forms valid UTF-8 sequences (its trail bytes 0x40–0x7E are not continuation bytes, and a
 * lead and trail in UTF-8's ranges pair up about one time in seven), so "most multi-byte
 * sequences are valid UTF-8" tells the two apart.
 */
export function mostlyUtf8(buf: Uint8Array): boolean {
  let valid = 0;
  // Damage is counted in runs of bytes that do not decode: one bad byte inside a character
  // spoils the three around it, and it is still one place of damage.
  let damage = 0;
  let inRun = false;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      inRun = false;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
      inRun = false;
    } else {
      if (!inRun) damage++;
      inRun = true;
      i++;
    }
  }
  // GBK read this way forms a valid sequence for roughly one character in seven, between runs
  // of bytes that do not decode; damaged UTF-8 is almost all valid. Twice as many valid
  // characters as places of damage sits far from both.
  return valid >= 3 && valid >= 2 * damage;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

function countNul(buf: Buffer, parity: number): number {
  let n = 0;
  for (let i = parity; i < buf.length; i += 2) if (buf[i] === 0) n++;
  return n;
}

function firstNonAscii(buf: Buffer): number {
  // latin1 maps bytes 1:1 to code units, and the regex search runs natively.
  const m = /[\x80-\xff]/.exec(buf.toString('latin1'));
  return m ? m.index : -1;
}

/**
 * A window cut from the middle of a file may start inside or end inside a UTF-8
 * sequence: skip leading continuation bytes, and drop an incomplete sequence at the end.
 */
function trimPartial(buf: Buffer, cutAtEnd: boolean): Buffer {
  let start = 0;
  while (start < buf.length && start < 4 && (buf[start] & 0xc0) === 0x80) start++;
  let end = buf.length;
  if (cutAtEnd) {
    for (let back = 1; back <= 4 && end - back >= start; back++) {
      const b = buf[end - back];
      if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) end -= back;
      break;
    }
  }
  return buf.subarray(start, end);
}
