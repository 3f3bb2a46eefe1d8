import { PickedFileError, readPickedFile } from '../files/readPicked';
import { DomainError } from '../../shared/result';

/**
 * A key or sketch file someone handed over, read as the file itself within `maxBytes` (no
 * links, the size counted while reading): a refusal names the file and says why, in words.
 */
export function readHandedText(file: string, maxBytes: number, what: string): string {
  try {
    return readPickedFile(file, maxBytes).toString('utf8');
  } catch (e) {
    if (!(e instanceof PickedFileError)) throw e;
    throw new DomainError('invalid_input', e.problem === 'tooLarge' ? `${file} is not ${what}: ${e.message}, more than one can be.` : `${file} cannot be read: ${e.message}.`);
  }
}
