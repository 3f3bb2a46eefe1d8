/**
 * The identifiers two sides can match on, each written one way before it is hashed: both
 * sides must turn `138 0013 8000`, `+86 13800138000` and `008613800138000` into the same bytes,
 * or the same person hashes twice. Run identically by the CLI, the app and the partner kit.
 */

export const IDENTIFIER_KINDS = ['mobile', 'email', 'id'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The kinds in plain English, plural (the CLI's messages). */
export const IDENTIFIER_WORDS: Record<IdentifierKind, string> = { mobile: 'mobile numbers', email: 'e-mail addresses', id: 'ids' };

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const SEPARATORS = /[\s\-.()\u00a0\u3000]/g;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A mobile number in E.164 (`+8613800138000`), or null. A number without a country code is
 * read as mainland China only when it has that shape (11 digits from 13x to 19x); any other
 * bare number is ambiguous and refused rather than guessed. Spreadsheets' `13800138000.0`
 * is read; their `1.38E+10` has lost digits and is not.
 */
export function normaliseMobile(raw: string): string | null {
  let s = raw.trim();
  if (s.endsWith('.0')) s = s.slice(0, -2);
  s = s.replace(SEPARATORS, '');
  if (s.startsWith('00')) s = '+' + s.slice(2);
  if (s.startsWith('+')) {
    const digits = s.slice(1);
    if (!/^\d{8,15}$/.test(digits) || digits.startsWith('0')) return null;
    if (digits.startsWith('86')) return MAINLAND_MOBILE.test(digits.slice(2)) ? s : null;
    return s;
  }
  if (MAINLAND_MOBILE.test(s)) return '+86' + s;
  if (s.length === 13 && s.startsWith('86') && MAINLAND_MOBILE.test(s.slice(2))) return '+' + s;
  return null;
}

/** An e-mail address trimmed and lower-cased, or null when it is not shaped like one. */
export function normaliseEmail(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  return s.length <= 254 && EMAIL.test(s) ? s : null;
}

/** An opaque id (a union id, a member number) trimmed; case is kept, because it is part of the id. */
export function normaliseOpaqueId(raw: string): string | null {
  const s = raw.trim();
  // eslint-disable-next-line no-control-regex
  return s.length > 0 && s.length <= 256 && !/[\u0000-\u001f\u007f]/.test(s) ? s : null;
}

export function normaliseIdentifier(kind: IdentifierKind, raw: string): string | null {
  if (kind === 'mobile') return normaliseMobile(raw);
  if (kind === 'email') return normaliseEmail(raw);
  return normaliseOpaqueId(raw);
}

/**
 * The kind a column most likely holds, from a sample of its values: e-mail or mobile when at
 * least a fifth read as that (whichever more do), else an opaque id. A fifth, not a half: a
 * phone column full of junk must be read as a phone column, so that its junk is counted and
 * reported, not hashed as if it were ids (opaque ids almost never look like either).
 */
export function detectIdentifierKind(values: readonly string[]): IdentifierKind {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return 'id';
  const share = (f: (v: string) => string | null) => filled.filter((v) => f(v) !== null).length / filled.length;
  const email = share(normaliseEmail);
  const mobile = share(normaliseMobile);
  if (Math.max(email, mobile) < 0.2) return 'id';
  return email >= mobile ? 'email' : 'mobile';
}

/**
 * Writes the bytes that are hashed for one normalised identifier, `<kind>:<value>` in UTF-8
 * (the kind keeps an e-mail from ever matching an id that happens to read the same), into a
 * reused buffer; answers the length, or grows the buffer and answers it anew.
 */
export class IdentifierBytes {
  buffer = new Uint8Array(512);
  private encoder: InstanceType<typeof TextEncoder> | null = null;

  write(kind: IdentifierKind, value: string): number {
    const prefix = kind === 'mobile' ? 'mobile:' : kind === 'email' ? 'email:' : 'id:';
    const need = prefix.length + value.length * 3;
    if (need > this.buffer.length) this.buffer = new Uint8Array(need * 2);
    const buf = this.buffer;
    let n = 0;
    for (let i = 0; i < prefix.length; i++) buf[n++] = prefix.charCodeAt(i);
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return prefix.length + (this.encoder ??= new TextEncoder()).encodeInto(value, buf.subarray(prefix.length)).written;
      buf[n++] = c;
    }
    return n;
  }
}
