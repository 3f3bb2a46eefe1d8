import type { ImportNote } from '../../../../shared/data';

/** A note of the importer in the UI's language: a `kind` parameter is a dataset kind and is named as the UI names it. */
export function importNoteText(t: (key: string, params?: Record<string, string | number>) => string, note: ImportNote): string {
  const params = { ...note.params };
  if (params.kind) params.kind = t(`dataset.${params.kind}`);
  return t(note.key, params);
}
