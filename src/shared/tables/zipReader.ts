import { Inflate } from 'fflate';

/**
 * Just enough of ZIP to read an XLSX file without holding it in memory: the central
 * directory names the entries, and one entry is inflated chunk by chunk. The bytes come from
 * a `ByteSource` (a file descriptor in main, a dropped file's buffer in the partner kit), so
 * the same bounded reader serves both.
 */
export interface ByteSource {
  size: number;
  /** Up to `length` bytes from `position` (fewer at the end). */
  read(position: number, length: number): Uint8Array;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Bounds on what one part may inflate to (issue "Hostile files", item 4). Excel's XML packs
 * about 5–30 : 1 and a sheet of one repeated value stays under 150 : 1; deflate itself cannot
 * exceed about 1,032 : 1, which is what a bomb uses. The ratio is judged only once a part has
 * inflated past RATIO_FLOOR, so small, very regular parts (styles, a tiny sheet) never trip it.
 */
export const MAX_RATIO = 250;
const RATIO_FLOOR = 32 << 20;
/** Parts read whole into memory (workbook, relationships, styles). */
export const MAX_WHOLE_PART = 64 << 20;
/** Compressed bytes handed to the inflater at once: even a bomb's 1,032 : 1 stays near 64 MB per piece. */
const STEP = 64 << 10;

export interface StreamLimits {
  /** Most inflated bytes this part may hold. */
  maxBytes?: number;
}

const mb = (n: number) => `${Math.round(n / (1 << 20)).toLocaleString('en')} MB`;

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();

  private readonly fileSize: number;

  constructor(private readonly bytes: ByteSource) {
    const fileSize = bytes.size;
    this.fileSize = fileSize;
    const tailLength = Math.min(fileSize, 65557);
    const tail = this.read(fileSize - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (u32(tail, i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at === -1) throw new ZipError('it is not an XLSX workbook (no ZIP directory found)');
    const count = u16(tail, at + 10);
    const cdSize = u32(tail, at + 12);
    const cdOffset = u32(tail, at + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipError('workbooks over 4 GB (ZIP64) are not supported');
    if (cdOffset + cdSize > fileSize) throw new ZipError('the workbook is truncated (its ZIP directory points past the end)');
    const cd = this.read(cdOffset, cdSize);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || u32(cd, p) !== CENTRAL) throw new ZipError('the workbook\'s ZIP directory is damaged');
      const nameLength = u16(cd, p + 28);
      const entry: ZipEntry = {
        method: u16(cd, p + 10),
        compressedSize: u32(cd, p + 20),
        size: u32(cd, p + 24),
        localOffset: u32(cd, p + 42),
        name: utf8.decode(cd.subarray(p + 46, p + 46 + nameLength)),
      };
      this.entries.set(entry.name, entry);
      p += 46 + nameLength + u16(cd, p + 30) + u16(cd, p + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A whole (small) entry as text. */
  text(name: string): string {
    const parts: string[] = [];
    const decoder = new TextDecoder('utf-8');
    this.stream(
      name,
      (chunk) => {
        parts.push(decoder.decode(chunk, { stream: true }));
      },
      undefined,
      { maxBytes: MAX_WHOLE_PART },
    );
    parts.push(decoder.decode());
    return parts.join('');
  }

  /**
   * Inflates an entry, handing each piece to `onChunk`; `onChunk` returns false to stop
   * early. `onProgress` gets the compressed bytes read so far.
   */
  stream(name: string, onChunk: (data: Uint8Array) => boolean | void, onProgress?: (compressedRead: number) => void, limits: StreamLimits = {}): void {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError(`the workbook has no part ${name}`);
    const local = this.read(entry.localOffset, 30);
    if (local.length < 30 || u32(local, 0) !== LOCAL) throw new ZipError(`the workbook part ${name} is damaged`);
    const dataStart = entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
    if (dataStart + entry.compressedSize > this.fileSize) throw new ZipError('the workbook is truncated');
    if (entry.method === 8 && entry.size > RATIO_FLOOR && entry.size > entry.compressedSize * MAX_RATIO) {
      throw new ZipError(`the workbook part ${name} says it inflates to ${mb(entry.size)} from ${mb(entry.compressedSize)} (more than ${MAX_RATIO} times): a ZIP bomb, not a spreadsheet`);
    }
    let stopped = false;
    let inflated = 0;
    let read = 0;
    const deliver = (data: Uint8Array) => {
      if (stopped || !data.length) return;
      inflated += data.length;
      // The directory's size is what a real writer stores; more than that is a lie or damage.
      if (entry.size > 0 && inflated > entry.size) throw new ZipError(`the workbook part ${name} inflates past the ${mb(entry.size)} its directory states: the file is damaged or crafted`);
      if (limits.maxBytes !== undefined && inflated > limits.maxBytes) throw new ZipError(`the workbook part ${name} is larger than Tandem reads (${mb(limits.maxBytes)} unpacked)`);
      if (inflated > RATIO_FLOOR && inflated > read * MAX_RATIO) {
        throw new ZipError(`the workbook part ${name} inflates more than ${MAX_RATIO} times its packed size (${mb(inflated)} from ${mb(read)} so far): a ZIP bomb, not a spreadsheet`);
      }
      if (onChunk(data) === false) stopped = true;
    };
    const inflater = entry.method === 8 ? new Inflate((data) => deliver(data)) : null;
    if (entry.method !== 8 && entry.method !== 0) throw new ZipError(`the workbook part ${name} uses an unsupported compression (${entry.method})`);
    for (let done = 0; done < entry.compressedSize && !stopped; done += STEP) {
      const length = Math.min(STEP, entry.compressedSize - done);
      const chunk = this.read(dataStart + done, length);
      const last = done + length >= entry.compressedSize;
      read = done + length;
      try {
        if (inflater) inflater.push(chunk, last);
        else deliver(chunk);
      } catch (e) {
        if (e instanceof ZipError) throw e;
        throw new ZipError(`the workbook part ${name} is damaged (${(e as Error).message})`);
      }
      onProgress?.(done + length);
    }
  }

  private read(position: number, length: number): Uint8Array {
    return this.bytes.read(position, length);
  }
}

const utf8 = new TextDecoder('utf-8');
const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
