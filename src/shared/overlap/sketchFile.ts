import { type IdentifierKind, IDENTIFIER_KINDS } from './identifiers';
import { sha256Hex } from './sha256';
import { HASH_SPACE, type ThetaSketch } from './thetaSketch';

/**
 * The `.tsketch` file: JSON that says in words what it holds, the sketch's method, the deal
 * key's public id, what the column held, and one or more parts (the whole audience first,
 * then segments), each part's kept values as 7-byte big-endian integers in base64. A SHA-256
 * of the rest (keys sorted) closes it, so a damaged or edited file is refused, not misread.
 */

export const SKETCH_FORMAT = 'tandem-overlap-sketch';
export const SKETCH_VERSION = 1;
export const SKETCH_EXTENSION = '.tsketch';
/** Far above a real sketch (a part is about 150 KB of text), far below what would strain memory. */
export const MAX_SKETCH_BYTES = 64 * 1024 * 1024;
const MAX_PARTS = 256;
const MAX_K = 1 << 20;
const VALUE_BYTES = 7;

export const SKETCH_ABOUT =
  'An overlap sketch made by Tandem. For each part it keeps only the k smallest values of a keyed hash ' +
  '(the first 53 bits of HMAC-SHA-256 under the deal key) of the normalised identifiers: no identifier, ' +
  'no full hash, no other column. Without the deal key the values cannot be linked to anyone. A holder ' +
  'of the key can test whether a given identifier is among the kept values: at most k people per part, ' +
  'each member with chance k / (part size), or all of them when a part is no larger than k.';

export interface SketchInput {
  rows: number;
  empty: number;
  valid: number;
  invalid: number;
}

export interface SketchPart {
  name: string;
  sketch: ThetaSketch;
}

export interface SketchFile {
  label: string;
  identifier: IdentifierKind;
  keyId: string;
  createdAt: string;
  createdBy: string;
  input: SketchInput | null;
  parts: SketchPart[];
}

export type SketchFileErrorCode = 'not_sketch' | 'truncated' | 'version' | 'checksum' | 'invalid';

export class SketchFileError extends Error {
  constructor(
    readonly code: SketchFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SketchFileError';
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    line += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (left > 1 ? B64[(n >> 6) & 63] : '=') + (left > 2 ? B64[n & 63] : '=');
    if (line.length >= 4096) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

function fromBase64(text: string, where: string): Uint8Array {
  if (text.length % 4 !== 0) throw new SketchFileError('invalid', `${where}: base64 text whose length is not a multiple of 4.`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const v = c < 128 ? B64_INDEX[c] : -1;
      const isPad = c === 61 && i + j >= text.length - pad;
      if (v < 0 && !isPad) throw new SketchFileError('invalid', `${where}: a character that is not base64 at position ${i + j}.`);
      n = (n << 6) | (isPad ? 0 : v);
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function packValues(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * VALUE_BYTES);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const hi = Math.floor(v / 2 ** 32); // 21 bits
    const lo = v - hi * 2 ** 32;
    const o = i * VALUE_BYTES;
    bytes[o] = hi >>> 16;
    bytes[o + 1] = hi >>> 8;
    bytes[o + 2] = hi;
    bytes[o + 3] = lo >>> 24;
    bytes[o + 4] = lo >>> 16;
    bytes[o + 5] = lo >>> 8;
    bytes[o + 6] = lo;
  }
  return toBase64(bytes);
}

function unpackValues(text: string, where: string): Float64Array {
  const bytes = fromBase64(text, where);
  if (bytes.length % VALUE_BYTES !== 0) throw new SketchFileError('invalid', `${where}: ${bytes.length} bytes, not a whole number of ${VALUE_BYTES}-byte values.`);
  const out = new Float64Array(bytes.length / VALUE_BYTES);
  for (let i = 0; i < out.length; i++) {
    const o = i * VALUE_BYTES;
    const hi = (bytes[o] << 16) | (bytes[o + 1] << 8) | bytes[o + 2];
    const lo = ((bytes[o + 3] << 24) | (bytes[o + 4] << 16) | (bytes[o + 5] << 8) | bytes[o + 6]) >>> 0;
    out[i] = hi * 2 ** 32 + lo;
  }
  return out;
}

/** JSON with every object's keys sorted: the text the checksum is taken over, on any machine. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function writeSketchFile(file: SketchFile): string {
  const body = {
    format: SKETCH_FORMAT,
    version: SKETCH_VERSION,
    about: SKETCH_ABOUT,
    method: { sketch: 'kmv', hash: 'hmac-sha256', bits: 53 },
    keyId: file.keyId,
    identifier: file.identifier,
    label: file.label,
    createdAt: file.createdAt,
    createdBy: file.createdBy,
    input: file.input,
    parts: file.parts.map((p) => ({
      name: p.name,
      k: p.sketch.k,
      // Kept values are all below this integer; 2^53 when the part holds every value.
      limit: Math.round(p.sketch.theta * HASH_SPACE),
      count: p.sketch.values.length,
      values: packValues(p.sketch.values),
    })),
  };
  const checksum = `sha256:${sha256Hex(canonical(body))}`;
  return `${JSON.stringify({ ...body, checksum }, null, 1)}\n`;
}

type Json = Record<string, unknown>;

function field<T>(obj: Json, name: string, where: string, ok: (v: unknown) => v is T, what: string): T {
  const v = obj[name];
  if (!ok(v)) throw new SketchFileError('invalid', `${where}${name}: expected ${what}.`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const shortText = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;

function readPart(raw: unknown, i: number): SketchPart {
  const where = `parts[${i}].`;
  if (!isObject(raw)) throw new SketchFileError('invalid', `parts[${i}]: expected an object.`);
  const name = field(raw, 'name', where, shortText(200), 'a name of at most 200 characters');
  const k = field(raw, 'k', where, (v): v is number => isCount(v) && v >= 16 && v <= MAX_K, `an integer from 16 to ${MAX_K}`);
  const limit = field(raw, 'limit', where, (v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= HASH_SPACE, 'an integer from 1 to 2^53');
  const count = field(raw, 'count', where, (v): v is number => isCount(v) && v <= k, `a count no larger than k (${k})`);
  const text = field(raw, 'values', where, isString, 'base64 text');
  const values = unpackValues(text, `${where}values`);
  if (values.length !== count) throw new SketchFileError('invalid', `${where}values: holds ${values.length} values where count says ${count}.`);
  if (limit < HASH_SPACE && count !== k) {
    throw new SketchFileError('invalid', `${where}count: a sampled part keeps exactly k (${k}) values, not ${count}.`);
  }
  for (let j = 0; j < values.length; j++) {
    if (values[j] >= limit || (j > 0 && values[j] <= values[j - 1])) {
      throw new SketchFileError('invalid', `${where}values: value ${j + 1} is ${values[j] >= limit ? 'not below the part\'s limit' : 'not above the one before it'}.`);
    }
  }
  return { name, sketch: { k, theta: limit / HASH_SPACE, values } };
}

/** Reads a `.tsketch` file's text, refusing (with where and why) anything that is not one intact. */
export function readSketchFile(text: string): SketchFile {
  if (text.length > MAX_SKETCH_BYTES) throw new SketchFileError('invalid', `The file is larger than a sketch can be (${MAX_SKETCH_BYTES / 1024 / 1024} MB).`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trimEnd();
    if (trimmed.startsWith('{') && !trimmed.endsWith('}')) {
      throw new SketchFileError('truncated', `The file ends early (${text.length} characters): it was cut off while being written or copied.`);
    }
    throw new SketchFileError('not_sketch', `This is not a Tandem sketch: it is not JSON (${(e as Error).message}).`);
  }
  if (!isObject(parsed) || parsed.format !== SKETCH_FORMAT) throw new SketchFileError('not_sketch', `This is not a Tandem sketch: it has no "format": "${SKETCH_FORMAT}".`);
  if (parsed.version !== SKETCH_VERSION) {
    throw new SketchFileError('version', `The sketch is of format version ${String(parsed.version)}; this Tandem reads version ${SKETCH_VERSION}${typeof parsed.version === 'number' && parsed.version > SKETCH_VERSION ? ' (it was made by a newer Tandem)' : ''}.`);
  }
  const checksum = parsed.checksum;
  const { checksum: _omit, ...body } = parsed;
  if (typeof checksum !== 'string' || checksum !== `sha256:${sha256Hex(canonical(body))}`) {
    throw new SketchFileError('checksum', 'The sketch\'s checksum does not match its content: it was changed or damaged after it was written.');
  }
  const identifier = field(parsed, 'identifier', '', (v): v is IdentifierKind => IDENTIFIER_KINDS.includes(v as IdentifierKind), 'mobile, email or id');
  const keyId = field(parsed, 'keyId', '', (v): v is string => typeof v === 'string' && /^[0-9a-f]{16}$/.test(v), '16 hexadecimal characters');
  const label = field(parsed, 'label', '', shortText(500), 'a label of at most 500 characters');
  const createdAt = field(parsed, 'createdAt', '', shortText(40), 'a time');
  const createdBy = field(parsed, 'createdBy', '', shortText(200), 'the maker');
  let input: SketchInput | null = null;
  if (parsed.input !== null) {
    const raw = field(parsed, 'input', '', isObject, 'an object or null');
    input = {
      rows: field(raw, 'rows', 'input.', isCount, 'a count'),
      empty: field(raw, 'empty', 'input.', isCount, 'a count'),
      valid: field(raw, 'valid', 'input.', isCount, 'a count'),
      invalid: field(raw, 'invalid', 'input.', isCount, 'a count'),
    };
  }
  const parts = field(parsed, 'parts', '', (v): v is unknown[] => Array.isArray(v) && v.length >= 1 && v.length <= MAX_PARTS, `1 to ${MAX_PARTS} parts`);
  return { label, identifier, keyId, createdAt, createdBy, input, parts: parts.map(readPart) };
}

/** Why two sketches cannot be compared, or null when they can. */
export function incomparable(a: SketchFile, b: SketchFile): string | null {
  if (a.keyId !== b.keyId) {
    return `The two sketches were made with different deal keys (${a.keyId} and ${b.keyId}): their values are unrelated, so any overlap read from them would be noise. Both sides must use the key of the same deal.`;
  }
  if (a.identifier !== b.identifier) {
    return `The two sketches hash different identifiers (${a.identifier} and ${b.identifier}): the same person would not match. Both sides must sketch the same kind of identifier.`;
  }
  return null;
}
