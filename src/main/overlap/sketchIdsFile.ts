import { IDENTIFIER_WORDS, type IdentifierKind } from '../../shared/overlap/identifiers';
import { type IdentifierCounts, IdentifierSketcher } from '../../shared/overlap/identifierSketcher';
import { dealKeyId } from '../../shared/overlap/dealKey';
import type { SketchFile } from '../../shared/overlap/sketchFile';
import { DEFAULT_K } from '../../shared/overlap/thetaSketch';
import { DomainError } from '../../shared/result';
import { openTableSource, SourceError } from '../data/tableSource';

export interface SketchIdsOptions {
  file: string;
  column: string;
  key: Uint8Array;
  kind?: IdentifierKind;
  sheet?: string;
  label?: string;
  k?: number;
  createdBy: string;
  now?: Date;
}

export interface SketchIdsResult {
  sketch: SketchFile;
  kind: IdentifierKind;
  counts: IdentifierCounts;
}

/**
 * Reads one identifier column of a CSV or XLSX (the import's own bounded readers) and sketches
 * it under the deal key. Refuses, before anything is written, a column that is not there and
 * one whose filled values are mostly not of the kind, with the counts and a few examples.
 */
export function sketchIdsFile(o: SketchIdsOptions): SketchIdsResult {
  let source;
  try {
    source = openTableSource(o.file, o.sheet === undefined ? {} : { sheet: o.sheet });
  } catch (e) {
    if (e instanceof SourceError) throw new DomainError('invalid_input', e.message);
    throw e;
  }
  const sketcher = new IdentifierSketcher(o.key, o.kind ?? null, o.k ?? DEFAULT_K);
  let index = -1;
  let header: string[] | null = null;
  try {
    source.read((fields, line) => {
      if (header === null) {
        header = fields;
        index = findColumn(fields, o.column);
        if (index === -1) return false;
        return;
      }
      sketcher.offer(fields[index] ?? '', line);
    });
  } catch (e) {
    if (e instanceof SourceError) throw new DomainError('invalid_input', `${source.fileName}${e.line ? `, line ${e.line}` : ''}: ${e.message}`);
    throw e;
  } finally {
    source.close();
  }
  if (header === null) throw new DomainError('invalid_input', `${source.fileName} has no header row.`);
  if (index === -1) {
    const names = (header as string[]).map((h) => JSON.stringify(h)).join(', ');
    throw new DomainError('invalid_input', `--column ${o.column}: ${source.fileName} has no such column (its columns: ${names}).`);
  }
  const kind = sketcher.kind;
  if (sketcher.mostlyInvalid()) {
    const c = sketcher.counts;
    const filled = c.valid + c.invalid;
    const examples = c.examples.map((x) => `line ${x.row} "${x.value}"`).join(', ');
    throw new DomainError(
      'invalid_input',
      filled === 0
        ? `--column ${o.column}: all ${c.rows} values are empty; nothing was written.`
        : `--column ${o.column}: ${c.invalid} of ${filled} filled values (${Math.round((100 * c.invalid) / filled)}%) are not ${IDENTIFIER_WORDS[kind]}${examples ? ` (${examples})` : ''}; ${c.valid} are, ${c.empty} are empty. Nothing was written: pass --id-kind if the column holds another kind.`,
    );
  }
  const sketch = sketcher.finish();
  return {
    kind,
    counts: sketcher.counts,
    sketch: {
      label: o.label ?? source.fileName,
      identifier: kind,
      keyId: dealKeyId(o.key),
      createdAt: (o.now ?? new Date()).toISOString(),
      createdBy: o.createdBy,
      input: { rows: sketcher.counts.rows, empty: sketcher.counts.empty, valid: sketcher.counts.valid, invalid: sketcher.counts.invalid },
      parts: [{ name: 'all', sketch }],
    },
  };
}

/** The column named, matched exactly, else ignoring case and surrounding space. */
function findColumn(header: string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact !== -1) return exact;
  const want = name.trim().toLowerCase();
  return header.findIndex((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase() === want);
}
