import { fromHex, KeyedHash, toHex } from './sha256';

/**
 * A deal key: 32 random bytes that the two sides of one deal share, written as 64 hex
 * characters. Only holders of the key can hash an identifier the way a sketch does, so a
 * sketch made under one key says nothing to anyone without it, and nothing at all next to a
 * sketch made under another key (the values are unrelated).
 */
export const KEY_BYTES = 32;

export class DealKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DealKeyError';
  }
}

/** Reads a key file's text: 64 hex characters, surrounding white space allowed. */
export function parseDealKey(text: string): Uint8Array {
  const hex = text.trim();
  const bytes = hex.length === KEY_BYTES * 2 ? fromHex(hex) : null;
  if (!bytes) {
    throw new DealKeyError(`A deal key is ${KEY_BYTES * 2} hexadecimal characters (0-9, a-f); this text has ${hex.length} characters${hex.length === KEY_BYTES * 2 ? ' that are not all hexadecimal' : ''}.`);
  }
  return bytes;
}

export function formatDealKey(key: Uint8Array): string {
  return toHex(key);
}

const ID_LABEL = new TextEncoder().encode('tandem deal key id v1');

/**
 * The key's public name: the first 8 bytes of HMAC(key, a fixed label). Two sketches with the
 * same id were made under the same key; the id reveals nothing of the key itself.
 */
export function dealKeyId(key: Uint8Array): string {
  return toHex(new KeyedHash(key).mac(ID_LABEL).subarray(0, 8));
}
