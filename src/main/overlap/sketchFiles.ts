import fs from 'node:fs';
import { MAX_SKETCH_BYTES, readSketchFile, type SketchFile, SketchFileError, writeSketchFile } from '../../shared/overlap/sketchFile';
import { DomainError } from '../../shared/result';

/** Reads a `.tsketch` from disk within the format's size bound; a refusal names the file. */
export function loadSketchFile(file: string): SketchFile {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_SKETCH_BYTES) throw new DomainError('invalid_input', `${file} is not a sketch: it is ${size} bytes, more than a sketch can be.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DomainError('invalid_input', code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read (${code ?? (e as Error).message}).`);
  }
  try {
    return readSketchFile(text);
  } catch (e) {
    if (e instanceof SketchFileError) throw new DomainError('invalid_input', `${file}: ${e.message}`);
    throw e;
  }
}

/** Writes a sketch whole or not at all: a temporary file renamed over the target. */
export function saveSketchFile(file: string, sketch: SketchFile): number {
  const text = writeSketchFile(sketch);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return Buffer.byteLength(text);
}
