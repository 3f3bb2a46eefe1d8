import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { DealKeyError, dealKeyId, formatDealKey, KEY_BYTES, parseDealKey } from '../../shared/overlap/dealKey';
import { DomainError } from '../../shared/result';
import { readHandedText } from './userFile';

/** A fresh deal key from the operating system's random source. */
export function newDealKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/**
 * Writes a new key file, readable by its owner only, and never over an existing one: a deal
 * key that is overwritten takes every sketch made under it with it.
 */
export function writeNewKeyFile(file: string): { path: string; keyId: string } {
  const key = newDealKey();
  try {
    fs.writeFileSync(file, `${formatDealKey(key)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new DomainError('refused', `${file} exists already: a deal key is never overwritten (sketches made under it would no longer match). Choose another file.`);
    throw new DomainError('invalid_input', `${file} cannot be written (${code ?? (e as Error).message}).`);
  }
  return { path: file, keyId: dealKeyId(key) };
}

/** Reads a key file (a few bytes of hex; anything larger is not a key file). */
export function readKeyFile(file: string): Uint8Array {
  const text = readHandedText(file, 1024, 'a deal key file');
  try {
    return parseDealKey(text);
  } catch (e) {
    if (e instanceof DealKeyError) throw new DomainError('invalid_input', `${file}: ${e.message}`);
    throw e;
  }
}
