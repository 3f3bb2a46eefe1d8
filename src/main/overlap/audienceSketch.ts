import { RunsRepo } from '../audience/runsRepo';
import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import { dealKeyId } from '../../shared/overlap/dealKey';
import { IdentifierSketcher } from '../../shared/overlap/identifierSketcher';
import { detectIdentifierKind, IDENTIFIER_WORDS, type IdentifierKind } from '../../shared/overlap/identifiers';
import type { OurSketchBasis } from '../../shared/overlap/overlapView';
import type { SketchFile } from '../../shared/overlap/sketchFile';
import { OWN_K } from '../../shared/overlap/thetaSketch';
import { DomainError } from '../../shared/result';

/** A part of our sketch that stands for one segment of the run: `segment:<id>`. */
export const segmentPart = (id: number) => `segment:${id}`;
export const segmentOfPart = (name: string): number | null => (/^segment:\d+$/.test(name) ? Number(name.slice(8)) : null);

export interface AudienceSketchOptions {
  column: string;
  kind: IdentifierKind | null;
  key: Uint8Array;
  label: string;
  createdBy: string;
  now: Date;
  onProgress?: (fraction: number) => void;
}

/**
 * Our audience's sketch under one deal's key: a part for everyone, then one per segment of the
 * chosen segmentation run (when its labels still match the audience), all from the same
 * identifier column read as one kind. The identifiers are read a chunk of users at a time.
 */
export function sketchAudience(db: Db, projectId: number, o: AudienceSketchOptions): { sketch: SketchFile; basis: OurSketchBasis } {
  const datasets = new DatasetsRepo(db);
  const n = datasets.count(projectId, 'audience');
  if (n === 0) throw new DomainError('refused', 'The project has no audience yet: import one before comparing it with a partner.');
  const values = identifierValues(datasets, projectId, o.column);
  const run = new RunsRepo(db).chosen(projectId);
  const labels = run ? new RunsRepo(db).assignments(run.id) : null;
  const segmented = run !== null && labels !== null && labels.length === n;

  const sample: string[] = [];
  for (let i = 0; i < n && sample.length < 1000; i++) {
    const v = values(i);
    if (v.trim() !== '') sample.push(v);
  }
  const kind = o.kind ?? detectIdentifierKind(sample);
  const all = new IdentifierSketcher(o.key, kind, OWN_K);
  const segments = new Map<number, IdentifierSketcher>();
  if (segmented) for (const s of run.segments) segments.set(s.id, new IdentifierSketcher(o.key, kind, OWN_K));
  const step = Math.max(1, Math.floor(n / 50));
  for (let i = 0; i < n; i++) {
    const v = values(i);
    all.offer(v, i + 2);
    if (segmented) segments.get(labels[i])?.offer(v, i + 2);
    if (i % step === 0) o.onProgress?.(i / n);
  }
  if (all.mostlyInvalid()) {
    const c = all.counts;
    throw new DomainError(
      'refused',
      `Our audience's column "${o.column}" does not hold ${IDENTIFIER_WORDS[kind]} for most users (${c.invalid.toLocaleString('en')} of ${(c.valid + c.invalid).toLocaleString('en')} filled values are not; ${c.empty.toLocaleString('en')} empty). Choose the column and identifier both sides sketch.`,
    );
  }
  const parts = [{ name: 'all', sketch: all.finish() }, ...[...segments].map(([id, s]) => ({ name: segmentPart(id), sketch: s.finish() }))];
  const c = all.counts;
  return {
    sketch: { label: o.label, identifier: kind, keyId: dealKeyId(o.key), createdAt: o.now.toISOString(), createdBy: o.createdBy, input: { rows: c.rows, empty: c.empty, valid: c.valid, invalid: c.invalid }, parts },
    basis: { column: o.column, kind, runId: segmented ? run.id : null, rows: c.rows, valid: c.valid, invalid: c.invalid, madeAt: o.now.toISOString() },
  };
}

/** Row i's identifier text from `user_id` or one attribute column. */
function identifierValues(datasets: DatasetsRepo, projectId: number, column: string): (row: number) => string {
  if (column === 'user_id') {
    const ids = datasets.audience.ids(projectId);
    return (i) => ids[i] ?? '';
  }
  const layout = datasets.layout(projectId);
  const a = layout.attributes.indexOf(column);
  if (a === -1) {
    throw new DomainError('invalid_input', `The audience has no column "${column}" (it has user_id${layout.attributes.length ? `, ${layout.attributes.join(', ')}` : ''}).`, [{ path: 'column', message: 'overlap.problem.noColumn', params: { column } }]);
  }
  const data = datasets.audience.columns(projectId, layout, { features: [], attributes: true, ids: false });
  const { codes, values } = data.attributes[a];
  return (i) => (codes[i] >= 0 ? values[codes[i]] : '');
}
