/**
 * SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104) in plain TypeScript, so that the CLI, the
 * app and the partner kit (a lone HTML file in any browser) hash identifiers with one code
 * and the same bytes come out. WebCrypto would be async per identifier and Node's
 * createHmac allocates per call; with the key's inner and outer pads absorbed once, one
 * short identifier costs two compressions here (tests check it against node:crypto).
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Int32Array(64);

/** Folds one 64-byte block of `bytes` at `offset` into the eight-word state `h`. */
function compress(h: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  compressW(h);
}

/** Folds the block whose sixteen words are already in W[0..16) into `h`. */
function compressW(h: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15];
    const b = W[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

const tail = new Uint8Array(128);

/**
 * Hashes `len` bytes of `bytes` into `h`, which holds the state after `prefixBytes` bytes were
 * absorbed already (0 for plain SHA-256, 64 for HMAC's padded key).
 */
function absorb(h: Int32Array, bytes: Uint8Array, len: number, prefixBytes: number): void {
  let offset = 0;
  for (; offset + 64 <= len; offset += 64) compress(h, bytes, offset);
  const rest = len - offset;
  const blocks = rest + 9 <= 64 ? 1 : 2;
  for (let i = 0; i < rest; i++) tail[i] = bytes[offset + i];
  tail[rest] = 0x80;
  tail.fill(0, rest + 1, blocks * 64 - 8);
  const bits = (prefixBytes + len) * 8;
  const end = blocks * 64;
  // The length as a 64-bit big-endian count of bits; messages here stay far below 2^53 bits.
  const hi = Math.floor(bits / 2 ** 32);
  tail[end - 8] = hi >>> 24;
  tail[end - 7] = hi >>> 16;
  tail[end - 6] = hi >>> 8;
  tail[end - 5] = hi;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  compress(h, tail, 0);
  if (blocks === 2) compress(h, tail, 64);
}

function digestBytes(h: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = h[i] >>> 24;
    out[i * 4 + 1] = h[i] >>> 16;
    out[i * 4 + 2] = h[i] >>> 8;
    out[i * 4 + 3] = h[i];
  }
  return out;
}

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const h = Int32Array.from(IV);
  absorb(h, bytes, bytes.length, 0);
  return digestBytes(h);
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const utf8 = new TextEncoder();

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export function sha256Hex(text: string): string {
  return toHex(sha256(utf8.encode(text)));
}

/**
 * HMAC-SHA-256 under one key, with the key's padded blocks absorbed once. `hash53` is what
 * the sketches keep: the digest's first 53 bits as an integer (exact in a double), so a
 * sketch's values compare and sort as plain numbers.
 */
export class KeyedHash {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly h = new Int32Array(8);

  constructor(key: Uint8Array) {
    const k = key.length > 64 ? sha256(key) : key;
    const pad = new Uint8Array(64);
    this.inner.set(IV);
    for (let i = 0; i < 64; i++) pad[i] = (k[i] ?? 0) ^ 0x36;
    compress(this.inner, pad, 0);
    this.outer.set(IV);
    for (let i = 0; i < 64; i++) pad[i] = (k[i] ?? 0) ^ 0x5c;
    compress(this.outer, pad, 0);
  }

  /** Leaves HMAC(key, bytes[0..len)) in `this.h`. */
  private run(bytes: Uint8Array, len: number): void {
    const h = this.h;
    h.set(this.inner);
    absorb(h, bytes, len, 64);
    // The outer hash's one block: the inner digest, then fixed padding for 64 + 32 bytes.
    for (let i = 0; i < 8; i++) W[i] = h[i];
    W[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = (64 + 32) * 8;
    h.set(this.outer);
    compressW(h);
  }

  /** The full 32-byte HMAC of `bytes[0..len)`. */
  mac(bytes: Uint8Array, len = bytes.length): Uint8Array {
    this.run(bytes, len);
    return digestBytes(this.h);
  }

  /** The HMAC's first 53 bits, big-endian, as an integer in [0, 2^53). */
  hash53(bytes: Uint8Array, len = bytes.length): number {
    this.run(bytes, len);
    return (this.h[0] >>> 0) * 2 ** 21 + (this.h[1] >>> 11);
  }
}

export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
