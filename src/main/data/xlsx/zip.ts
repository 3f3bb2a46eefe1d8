import fs from 'node:fs';
import { Inflate } from 'fflate';

/**
 * Just enough of ZIP to read an XLSX file without holding it in memory: the central
 * directory names the entries, and one entry is inflated chunk by chunk.
 */
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

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();

  constructor(
    private readonly fd: number,
    private readonly fileSize: number,
  ) {
    const tailLength = Math.min(fileSize, 65557);
    const tail = this.read(fileSize - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at === -1) throw new ZipError('it is not an XLSX workbook (no ZIP directory found)');
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipError('workbooks over 4 GB (ZIP64) are not supported');
    if (cdOffset + cdSize > fileSize) throw new ZipError('the workbook is truncated (its ZIP directory points past the end)');
    const cd = this.read(cdOffset, cdSize);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipError('the workbook\'s ZIP directory is damaged');
      const nameLength = cd.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      };
      this.entries.set(entry.name, entry);
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A whole (small) entry as text. */
  text(name: string): string {
    const parts: string[] = [];
    const decoder = new TextDecoder('utf-8');
    this.stream(name, (chunk) => {
      parts.push(decoder.decode(chunk, { stream: true }));
    });
    parts.push(decoder.decode());
    return parts.join('');
  }

  /**
   * Inflates an entry, handing each piece to `onChunk`; `onChunk` returns false to stop
   * early. `onProgress` gets the compressed bytes read so far.
   */
  stream(name: string, onChunk: (data: Uint8Array) => boolean | void, onProgress?: (compressedRead: number) => void): void {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError(`the workbook has no part ${name}`);
    const local = this.read(entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipError(`the workbook part ${name} is damaged`);
    const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > this.fileSize) throw new ZipError('the workbook is truncated');
    let stopped = false;
    const deliver = (data: Uint8Array) => {
      if (!stopped && data.length && onChunk(data) === false) stopped = true;
    };
    const inflater = entry.method === 8 ? new Inflate((data) => deliver(data)) : null;
    if (entry.method !== 8 && entry.method !== 0) throw new ZipError(`the workbook part ${name} uses an unsupported compression (${entry.method})`);
    const step = 1 << 20;
    for (let done = 0; done < entry.compressedSize && !stopped; done += step) {
      const length = Math.min(step, entry.compressedSize - done);
      const chunk = this.read(dataStart + done, length);
      const last = done + length >= entry.compressedSize;
      try {
        if (inflater) inflater.push(chunk, last);
        else deliver(chunk);
      } catch (e) {
        throw new ZipError(`the workbook part ${name} is damaged (${(e as Error).message})`);
      }
      onProgress?.(done + length);
    }
  }

  private read(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    const n = fs.readSync(this.fd, buf, 0, length, position);
    return buf.subarray(0, n);
  }
}
