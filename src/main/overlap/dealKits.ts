import type { Db } from '../db/connection';
import { requireLiveProject } from '../db/projectsRepo';
import { APP_VERSION } from '../core/version';
import { dealKeyId, formatDealKey } from '../../shared/overlap/dealKey';
import { fromHex } from '../../shared/overlap/sha256';
import { overlapKitSchema } from '../../shared/overlap/overlapView';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { newDealKey } from './dealKeyFile';
import { OverlapRepo, type DealRow } from './overlapRepo';
import { writePartnerKit } from './partnerKit';
import type { PartnerNames } from '../partners/partnerService';

/**
 * The partner kit of a deal, written from the Partners page. Kept apart from OverlapService:
 * the kit's script is bundled in by the build (a virtual module), and the report and the jobs,
 * which read overlap results in worker threads, need none of it.
 */
export class DealKits {
  private readonly repo: OverlapRepo;

  constructor(
    private readonly db: Db,
    private readonly partnerNames: PartnerNames,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new OverlapRepo(db);
  }

  /** Writes the partner kit for a deal, making the deal (and its key) the first time. */
  write(input: unknown): Promise<{ path: string; bytes: number; keyId: string }> {
    const { projectId, partnerId, path, lang } = parseOrRefuse(overlapKitSchema, input);
    requireLiveProject(this.db, projectId);
    const names = this.partnerNames(projectId);
    const partner = names.get(partnerId);
    if (partner === undefined) throw new DomainError('not_found', `Project ${projectId} has no partner ${partnerId}.`);
    let deal: DealRow | null = this.repo.deal(projectId, partnerId);
    if (!deal) {
      const key = newDealKey();
      this.repo.createDeal(projectId, partnerId, formatDealKey(key), dealKeyId(key), this.now());
      deal = this.repo.deal(projectId, partnerId)!;
    }
    const project = this.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(projectId) as string;
    const settings = this.repo.settings(projectId);
    return writePartnerKit(path, {
      key: fromHex(deal.dealKey)!,
      deal: `${project} × ${partner}`,
      partner,
      lang,
      kind: settings.kind,
      createdBy: `Tandem ${APP_VERSION} partner kit`,
    });
  }
}
