import fs from 'node:fs';

/** Why a file the user picked could not be taken in. */
export type PickedFileProblem = 'missing' | 'link' | 'notFile' | 'tooLarge' | 'changed' | 'unreadable';

export class PickedFileError extends Error {
  constructor(
    readonly problem: PickedFileProblem,
    message: string,
    /** The size it states or was read to, where that is the problem. */
    readonly bytes = 0,
  ) {
    super(message);
    this.name = 'PickedFileError';
  }
}

/**
 * Reads a file the user picked (evidence, a logo) as the file itself, at most `maxBytes`: a
 * link is refused (a symlink named `contract.pdf` could store /etc/passwd in a project sent to
 * someone else), and the size is counted while reading, never taken from `stat` alone (files
 * under /proc say 0 and hold more). Nothing over the limit is held in memory. Messages say the
 * problem in words ("it is a link to another file"); callers name the file and what it was for.
 */
export function readPickedFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    if (fs.lstatSync(file).isSymbolicLink()) throw new PickedFileError('link', 'it is a link to another file; add the file itself');
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    if (e instanceof PickedFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PickedFileError('missing', 'it does not exist');
    if (code === 'ELOOP') throw new PickedFileError('link', 'it is a link to another file; add the file itself');
    throw new PickedFileError('unreadable', (e as Error).message);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new PickedFileError('notFile', 'it is not a file');
    if (stat.size > maxBytes) throw new PickedFileError('tooLarge', `it is ${(stat.size / 1024 ** 2).toFixed(1)} MB`, stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
      total += n;
      if (total > maxBytes) throw new PickedFileError('tooLarge', `it holds more than ${(maxBytes / 1024 ** 2).toFixed(1)} MB`, total);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    // A file whose length is not what it says (a system file, one being written) is not a document.
    if (total !== stat.size) {
      throw new PickedFileError('changed', `it changed size while being read (${stat.size.toLocaleString('en')} bytes stated, ${total.toLocaleString('en')} read): it is not an ordinary document`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof PickedFileError) throw e;
    throw new PickedFileError('unreadable', (e as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}
