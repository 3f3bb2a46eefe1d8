import fs from 'node:fs';
import type { ByteSource } from '../../../shared/tables/zipReader';

/** An open file's bytes for the ZIP reader, read where asked and never held whole. */
export function fileBytes(fd: number, size: number): ByteSource {
  return {
    size,
    read(position, length) {
      const buf = Buffer.allocUnsafe(length);
      const n = fs.readSync(fd, buf, 0, length, position);
      return buf.subarray(0, n);
    },
  };
}
