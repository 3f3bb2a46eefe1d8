import fs from 'node:fs';
import { MAX_SKETCH_BYTES, readSketchFile, type SketchFile, SketchFileError, writeSketchFile } from '../../shared/overlap/sketchFile';
import { DomainError } from '../../shared/result';
import { readHandedText } from './userFile';

/** Reads a `.tsketch` from disk within the format's size bound; a refusal names the file. */
export function loadSketchFile(file: string): SketchFile {
  const text = readHandedText(file, MAX_SKETCH_BYTES, 'a sketch');
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
