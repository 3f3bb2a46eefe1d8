import { RunsRepo } from '../audience/runsRepo';
import type { Db } from '../db/connection';
import { requireLiveProject } from '../db/projectsRepo';
import { DatasetsRepo } from '../db/datasetsRepo';
import { compareSketches, type OverlapResult } from '../../shared/overlap/compareSketches';
import { overlapForgetSchema, overlapSettingsSchema, type OverlapView, type PartnerDeal } from '../../shared/overlap/overlapView';
import { readSketchFile, type SketchFile } from '../../shared/overlap/sketchFile';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { segmentOfPart } from './audienceSketch';
import type { PartnerNames } from '../partners/partnerService';
import { OverlapRepo } from './overlapRepo';


/**
 * Overlap with partners, for the Partners page, the ranking and the report: the settings, the
 * deals, and what our stored sketch and the partner's say together (the kits: dealKits.ts). The
 * sketches themselves are made and checked by the overlap job in a worker thread; what is
 * read here is what Tandem wrote after checking.
 */
export class OverlapService {
  private readonly repo: OverlapRepo;

  constructor(
    private readonly db: Db,
    private readonly partnerNames: PartnerNames,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new OverlapRepo(db);
  }

  view(projectId: number): OverlapView {
    requireLiveProject(this.db, projectId);
    const settings = this.repo.settings(projectId);
    const datasets = new DatasetsRepo(this.db);
    const names = this.partnerNames(projectId);
    const run = new RunsRepo(this.db).chosen(projectId);
    const deals = this.repo.deals(projectId).map((d): PartnerDeal => {
      const theirs = d.theirSketch ? this.read(d.theirSketch) : null;
      const ours = d.ourSketch ? this.read(d.ourSketch) : null;
      const stale = d.ourBasis !== null && (d.ourBasis.column !== settings.column || (settings.kind !== null && d.ourBasis.kind !== settings.kind) || d.ourBasis.runId !== (run?.id ?? null));
      return {
        partnerId: d.partnerId,
        name: names.get(d.partnerId) ?? d.partnerId,
        keyId: d.keyId,
        createdAt: d.createdAt,
        theirs: theirs && { file: d.theirFile ?? '', importedAt: d.theirImportedAt ?? '', label: theirs.label, createdBy: theirs.createdBy, rows: theirs.input?.rows ?? null, valid: theirs.input?.valid ?? null },
        ours: d.ourBasis,
        stale,
        result: ours && theirs ? this.compare(ours, theirs, settings.universe, run) : null,
      };
    });
    return { settings, columns: ['user_id', ...datasets.layout(projectId).attributes], audienceRows: datasets.count(projectId, 'audience'), deals };
  }

  private readonly parsed = new Map<string, SketchFile>();

  /**
   * A stored sketch, parsed once: the ranking asks on every slider move, and checking a sketch
   * (its SHA-256 over a few hundred KB per part) costs milliseconds. The text's end holds its
   * checksum, so the same end is the same content.
   */
  private read(text: string): SketchFile {
    const key = text.slice(-120);
    let file = this.parsed.get(key);
    if (!file) {
      file = readSketchFile(text);
      if (this.parsed.size >= 64) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(key, file);
    }
    return file;
  }

  /** Segments come back under the run's names (today's, in the strategist's words where renamed). */
  private compare(ours: SketchFile, theirs: SketchFile, universe: number, run: ReturnType<RunsRepo['chosen']>): OverlapResult {
    const r = compareSketches(ours, theirs, universe);
    const byId = new Map((run?.segments ?? []).map((s) => [s.id, s]));
    return {
      ...r,
      segments: r.segments.map((s) => {
        const seg = byId.get(segmentOfPart(s.name) ?? -1);
        return seg ? { ...s, name: seg.name || seg.nameEn, names: { name: seg.name, nameEn: seg.nameEn, nameZh: seg.nameZh } } : s;
      }),
    };
  }

  /** Per partner with a current result (our side not stale), the figures the ranking's overlap factor scores. */
  rankingInput(projectId: number): { measure: OverlapView['settings']['measure']; byPartner: Map<string, { incrementalReach: number; affinity: number | null }> } {
    const v = this.view(projectId);
    const byPartner = new Map(v.deals.filter((d) => d.result && !d.stale).map((d) => [d.partnerId, { incrementalReach: d.result!.incrementalReach.estimate, affinity: d.result!.affinity }]));
    return { measure: v.settings.measure, byPartner };
  }

  saveSettings(input: unknown): OverlapView {
    const { projectId, ...patch } = parseOrRefuse(overlapSettingsSchema, input);
    requireLiveProject(this.db, projectId);
    const next = { ...this.repo.settings(projectId), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const columns = ['user_id', ...new DatasetsRepo(this.db).layout(projectId).attributes];
    if (!columns.includes(next.column)) {
      throw new DomainError('invalid_input', `The audience has no column "${next.column}".`, [{ path: 'column', message: 'overlap.problem.noColumn', params: { column: next.column } }]);
    }
    this.repo.saveSettings(projectId, next, this.now());
    return this.view(projectId);
  }

  forget(input: unknown): OverlapView {
    const { projectId, partnerId } = parseOrRefuse(overlapForgetSchema, input);
    requireLiveProject(this.db, projectId);
    this.repo.forgetTheirs(projectId, partnerId);
    return this.view(projectId);
  }

}
