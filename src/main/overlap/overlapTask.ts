import path from 'node:path';
import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { APP_VERSION } from '../core/version';
import { fromHex } from '../../shared/overlap/sha256';
import { overlapStartSchema } from '../../shared/overlap/overlapView';
import { writeSketchFile } from '../../shared/overlap/sketchFile';
import { DomainError } from '../../shared/result';
import { sketchAudience } from './audienceSketch';
import { OverlapRepo } from './overlapRepo';
import { loadSketchFile } from './sketchFiles';

/**
 * The overlap job, in a worker thread: the partner's sketch read and checked (when one is
 * given), ours made again under the deal's key for today's identifier column and segments,
 * and both stored in one transaction. Nothing is stored when either side is refused.
 */
export function runOverlapTask(params: unknown, ctx: TaskContext) {
  const p = overlapStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    const repo = new OverlapRepo(library.db);
    const deal = repo.deal(p.projectId, p.partnerId);
    if (!deal) throw new DomainError('refused', `There is no deal with partner ${p.partnerId} yet: write its partner kit first, which makes the deal's key.`);
    ctx.progress(0.02, 'job.overlap.reading');
    let theirs: { sketch: string; file: string; at: string; identifier: string } | null = null;
    if (p.path) {
      const file = loadSketchFile(p.path);
      if (file.keyId !== deal.keyId) {
        throw new DomainError('refused', `${path.basename(p.path)} was made with another deal key (key id ${file.keyId}; this deal's is ${deal.keyId}): its values cannot be compared with ours. Ask the partner to use the kit of this deal.`);
      }
      // Only the whole audience is kept, re-written by Tandem: the stored text is Tandem's own.
      theirs = { sketch: writeSketchFile({ ...file, parts: [file.parts[0]] }), file: path.basename(p.path), at: new Date().toISOString(), identifier: file.identifier };
    }
    const settings = repo.settings(p.projectId);
    const project = library.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(p.projectId) as string | undefined;
    ctx.progress(0.05, 'job.overlap.hashing');
    const ours = sketchAudience(library.db, p.projectId, {
      column: settings.column,
      kind: settings.kind,
      key: fromHex(deal.dealKey)!,
      label: project ?? 'Tandem',
      createdBy: `Tandem ${APP_VERSION}`,
      now: new Date(),
      onProgress: (f) => ctx.progress(0.05 + 0.9 * f, 'job.overlap.hashing'),
    });
    const theirKind = theirs?.identifier ?? (deal.theirSketch ? (JSON.parse(deal.theirSketch) as { identifier: string }).identifier : null);
    if (theirKind !== null && theirKind !== ours.basis.kind) {
      throw new DomainError('refused', `The partner sketched ${theirKind} identifiers and our column "${settings.column}" holds ${ours.basis.kind}: the same person would not match. Choose the column that holds the same kind.`);
    }
    ctx.progress(0.97, 'job.overlap.storing');
    repo.storeSketches(p.projectId, p.partnerId, { sketch: writeSketchFile(ours.sketch), basis: ours.basis }, theirs);
    return { partnerId: p.partnerId, basis: ours.basis, imported: theirs !== null };
  } finally {
    library.close();
  }
}
