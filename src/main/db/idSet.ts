/**
 * The set of user ids an audience import has seen, for refusing a repeated one, without
 * keeping the ids: each is held as a 53-bit hash and the row it came from (12 bytes a slot,
 * open addressing). A matching hash is confirmed by the id itself, fetched through `idAt`
 * (the rows already stored), so a collision never refuses a valid user. A JavaScript Set of
 * a million strings cost half a second and kept every string — and a parser's slice of a
 * long id can pin the whole decoded text it came from.
 */
/** Slots filled before the table doubles: linear probes stay short, ten million ids fit in 268 MB. */
const MAX_LOAD = 0.7;

export class IdSet {
  /** Slot i: [2i] the hash (0: empty), [2i + 1] the row — side by side, one cache line a probe. */
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly idAt: (row: number) => string,
    capacity = 1 << 16,
  ) {
    let size = 1 << 4;
    while (size * MAX_LOAD < capacity) size <<= 1;
    this.slots = new Float64Array(size * 2);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `id` as row `row`; false, adding nothing, when the set already holds it. */
  add(id: string, row: number): boolean {
    const h = hashOf(id);
    const slots = this.slots;
    for (let slot = startOf(Math.floor(h / 2 ** 21)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = slots[slot * 2];
      if (stored === 0) {
        slots[slot * 2] = h;
        slots[slot * 2 + 1] = row;
        if (++this.count > (this.mask + 1) * MAX_LOAD) this.grow();
        return true;
      }
      if (stored === h && this.idAt(slots[slot * 2 + 1]) === id) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i];
      if (h === 0) continue;
      let slot = startOf(Math.floor(h / 2 ** 21)) & this.mask;
      while (this.slots[slot * 2] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = h;
      this.slots[slot * 2 + 1] = old[i + 1];
    }
  }
}

/** Two 32-bit FNV-1a style hashes of the UTF-16 units → one 53-bit value, never 0 (its high 32 bits pick the slot). */
function hashOf(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const h = (a >>> 0) * 2 ** 21 + ((b >>> 11) & 0x1fffff);
  return h === 0 ? 1 : h;
}

/** Spreads a hash's high half over the slots (the low bits of FNV alone cluster). */
function startOf(high: number): number {
  let x = high >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}
