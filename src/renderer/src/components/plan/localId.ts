/** The next free id for a plan row ("c-1", "c-2"…): ids stay stable while rows are reordered or removed. */
export function newLocalId(prefix: string, taken: string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
