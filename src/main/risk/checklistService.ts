import crypto from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/connection';
import {
  type ChecklistChange,
  type ChecklistItem,
  type ChecklistSummary,
  type ChecklistView,
  EVIDENCE_MAX_BYTES,
  type ItemPatch,
  SEVERITY_WEIGHT,
  type Severity,
} from '../../shared/checklist';
import { plainFileName } from '../../shared/fileNames';
import { DomainError } from '../../shared/result';
import { PickedFileError, readPickedFile } from '../files/readPicked';
import { ChecklistRepo, type StoredItem } from './checklistRepo';
import { localDay, dueBefore } from './days';
import { PROJECT_KIND, TEMPLATES, templateForPartnerType } from './templates';

/**
 * The risk and rights checklist of a project: the project-wide items plus, for each
 * shortlisted partner, the items of its cooperation kind; the strategist's custom items;
 * every change logged with who and when; evidence files kept in the project with their
 * SHA-256 and checked again on every read. One transaction per logical write.
 */
export class ChecklistService {
  private readonly repo: ChecklistRepo;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly who: () => string = () => 'unknown',
  ) {
    this.repo = new ChecklistRepo(db);
  }

  view(projectId: number): ChecklistView {
    this.sync(projectId);
    const partners = this.partners(projectId);
    const today = localDay(this.now());
    const evidence = this.repo.evidence(projectId);
    const broken = this.tamperedEvidence(projectId);
    const items: ChecklistItem[] = this.repo.items(projectId).map((s) => ({
      id: s.key,
      kind: s.kind,
      partnerId: s.partnerId,
      partnerName: s.partnerId ? (partners.get(s.partnerId)?.name ?? null) : null,
      title: { en: s.titleEn, 'zh-CN': s.titleZh },
      detail: { en: s.detailEn, 'zh-CN': s.detailZh },
      severity: s.severity,
      status: s.status,
      owner: s.owner,
      due: s.due,
      notes: s.notes,
      naReason: s.naReason,
      overdue: isOverdue(s, today),
      evidence: evidence.filter((e) => e.key === s.key).map((e) => ({ name: e.name, sha256: e.sha256, size: e.size, addedAt: e.addedAt, intact: !broken.has(`${e.key}|${e.sha256}`), receivedFrom: e.receivedFrom ?? null })),
      updatedAt: s.updatedAt,
    }));
    const shortlist = this.repo.shortlist(projectId).map((id) => ({ partnerId: id, name: partners.get(id)?.name ?? id, type: partners.get(id)?.type ?? '' }));
    return { items, summary: summarise(items), shortlist, today };
  }

  /** The open blocking items that keep a project from "ready to pitch". */
  openBlocking(projectId: number): ChecklistItem[] {
    return this.view(projectId).items.filter((i) => i.severity === 'blocking' && isOpen(i.status));
  }

  set(projectId: number, itemId: string, patch: ItemPatch): ChecklistView {
    this.db.transaction(() => {
      const current = this.existing(projectId, itemId);
      const next: StoredItem = { ...current, ...definedOf(patch), updatedAt: this.now().toISOString() };
      if (next.status === 'na' && !next.naReason.trim()) {
        throw new DomainError('invalid_input', `Say why "${current.titleEn}" does not apply (a reason is required to mark an item not applicable).`, [{ path: 'naReason', message: 'validation.required' }]);
      }
      if (next.status !== 'na') next.naReason = patch.naReason ?? (current.status === 'na' ? '' : current.naReason);
      const fields = ['status', 'severity', 'owner', 'due', 'notes', 'naReason'] as const;
      const changed = fields.filter((f) => (current[f] ?? '') !== (next[f] ?? ''));
      if (!changed.length) return;
      this.repo.update(projectId, next);
      for (const f of changed) this.log(projectId, itemId, f, String(current[f] ?? ''), String(next[f] ?? ''));
    })();
    return this.view(projectId);
  }

  add(projectId: number, input: { title: string; severity: Severity; partnerId?: string | null; owner?: string; due?: string | null }): ChecklistView {
    this.db.transaction(() => {
      this.sync(projectId);
      if (input.partnerId && !this.partners(projectId).has(input.partnerId)) throw new DomainError('not_found', `The project has no partner ${input.partnerId}.`);
      const taken = new Set(this.repo.items(projectId).map((i) => i.key));
      let n = 1;
      while (taken.has(`custom-${n}`)) n++;
      const key = `custom-${n}`;
      const at = this.now().toISOString();
      this.repo.insert(projectId, {
        key, kind: 'custom', partnerId: input.partnerId ?? null, titleEn: input.title, titleZh: input.title, detailEn: '', detailZh: '',
        severity: input.severity, status: 'todo', owner: input.owner ?? '', due: input.due ?? null, notes: '', naReason: '',
        position: this.repo.nextPosition(projectId), updatedAt: at,
      });
      this.log(projectId, key, 'created', '', input.title);
    })();
    return this.view(projectId);
  }

  history(projectId: number, itemId: string): ChecklistChange[] {
    this.existing(projectId, itemId);
    return this.repo.history(projectId, itemId);
  }

  /** Copies a file into the project as evidence for an item, with its SHA-256. */
  addEvidence(projectId: number, itemId: string, file: string): ChecklistView {
    this.existing(projectId, itemId);
    return this.addEvidenceBytes(projectId, itemId, plainFileName(file) || 'evidence', readEvidence(file));
  }

  addEvidenceBytes(projectId: number, itemId: string, name: string, data: Buffer): ChecklistView {
    const sha256 = sha256Of(data);
    this.db.transaction(() => {
      this.existing(projectId, itemId);
      this.repo.addEvidence(projectId, itemId, { key: itemId, sha256, name, size: data.length, addedAt: this.now().toISOString() }, data);
      this.log(projectId, itemId, 'evidence', '', `${name} (sha256 ${sha256.slice(0, 12)}…)`);
    })();
    return this.view(projectId);
  }

  /** An evidence file's bytes and name, refused when they no longer match their recorded hash. */
  evidenceFile(projectId: number, itemId: string, sha256: string): { name: string; data: Buffer } {
    const meta = this.repo.evidence(projectId).find((e) => e.key === itemId && e.sha256 === sha256);
    const data = this.repo.evidenceBytes(projectId, itemId, sha256);
    if (!meta || !data) throw new DomainError('not_found', `Item ${itemId} has no evidence ${sha256.slice(0, 12)}….`);
    if (sha256Of(data) !== sha256) throw new DomainError('refused', `${meta.name} has changed since it was added (its SHA-256 no longer matches); it was not opened.`);
    return { name: meta.name, data };
  }

  setShortlist(projectId: number, partnerIds: string[]): ChecklistView {
    const known = this.partners(projectId);
    const unknown = partnerIds.filter((id) => !known.has(id));
    if (unknown.length) throw new DomainError('not_found', `The project has no partner ${unknown.join(', ')}.`);
    this.db.transaction(() => {
      this.repo.setShortlist(projectId, [...new Set(partnerIds)], this.now().toISOString());
      this.sync(projectId);
    })();
    return this.view(projectId);
  }

  /**
   * Brings the items in line with the templates and the shortlist: missing items are added
   * (due their lead time before the project's start); items of a partner no longer on the
   * shortlist go only if nobody has touched them, so no one's work is ever dropped.
   */
  private sync(projectId: number): void {
    const start = this.db.prepare('SELECT start_date FROM projects WHERE id = ?').pluck().get(projectId) as string | null | undefined;
    if (start === undefined) throw new DomainError('not_found', `No project with id ${projectId}.`);
    const partners = this.partners(projectId);
    const shortlisted = this.repo.shortlist(projectId).filter((id) => partners.has(id));
    const wanted: { key: string; kind: string; partnerId: string | null; item: (typeof TEMPLATES)[number]['items'][number] }[] = [];
    for (const item of TEMPLATES.find((t) => t.kind === PROJECT_KIND)!.items) wanted.push({ key: `${PROJECT_KIND}.${item.key}`, kind: PROJECT_KIND, partnerId: null, item });
    for (const id of shortlisted) {
      const template = templateForPartnerType(partners.get(id)!.type);
      for (const item of template?.items ?? []) wanted.push({ key: `${template!.kind}.${item.key}@${id}`, kind: template!.kind, partnerId: id, item });
    }
    const existing = new Map(this.repo.items(projectId).map((i) => [i.key, i]));
    const missing = wanted.filter((w) => !existing.has(w.key));
    const wantedKeys = new Set(wanted.map((w) => w.key));
    const stale = [...existing.values()].filter((i) => i.kind !== 'custom' && !wantedKeys.has(i.key) && this.untouched(projectId, i));
    if (!missing.length && !stale.length) return;
    this.db.transaction(() => {
      let position = this.repo.nextPosition(projectId);
      const at = this.now().toISOString();
      for (const w of missing) {
        this.repo.insert(projectId, {
          key: w.key, kind: w.kind, partnerId: w.partnerId, titleEn: w.item.title.en, titleZh: w.item.title['zh-CN'], detailEn: w.item.detail.en, detailZh: w.item.detail['zh-CN'],
          severity: w.item.severity, status: 'todo', owner: '', due: start ? dueBefore(start, w.item.leadDays) : null, notes: '', naReason: '', position: position++, updatedAt: at,
        });
      }
      for (const i of stale) this.repo.remove(projectId, i.key);
    })();
  }

  private untouched(projectId: number, i: StoredItem): boolean {
    return i.status === 'todo' && !i.owner && !i.notes && this.repo.history(projectId, i.key).length === 0 && !this.repo.evidence(projectId).some((e) => e.key === i.key);
  }

  private existing(projectId: number, itemId: string): StoredItem {
    this.sync(projectId);
    const item = this.repo.item(projectId, itemId);
    if (!item) throw new DomainError('not_found', `Project ${projectId} has no checklist item "${itemId}" (see the ids that \`checklist\` lists).`);
    return item;
  }

  private log(projectId: number, key: string, field: string, from: string, to: string): void {
    this.repo.logChange(projectId, key, { at: this.now().toISOString(), who: this.who(), field, from, to });
  }

  private partners(projectId: number): Map<string, { name: string; type: string }> {
    const rows = this.db.prepare('SELECT partner_id, name, type FROM partners WHERE project_id = ?').all(projectId) as { partner_id: string; name: string; type: string }[];
    return new Map(rows.map((r) => [r.partner_id, { name: r.name, type: r.type }]));
  }

  /** Evidence whose bytes no longer hash to the recorded SHA-256, as `key|sha256`. */
  private tamperedEvidence(projectId: number): Set<string> {
    const out = new Set<string>();
    for (const e of this.repo.evidenceBlobs(projectId)) if (sha256Of(e.data) !== e.sha256) out.add(`${e.key}|${e.sha256}`);
    return out;
  }
}

const isOpen = (status: string) => status === 'todo' || status === 'in_progress';
const isOverdue = (i: { status: string; due: string | null }, today: string) => isOpen(i.status) && i.due !== null && i.due < today;
const sha256Of = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

function definedOf(patch: ItemPatch): Partial<StoredItem> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<StoredItem>;
}

/**
 * The risk score: open items weighted by severity (blocking 10, high 5, medium 2, low 1) as
 * a share of every applicable item's weight, 0–100; overdue open items count half again.
 * Partner ranking reads it per partner (that partner's items only).
 */
export function riskScore(items: Pick<ChecklistItem, 'severity' | 'status' | 'overdue'>[]): number {
  let open = 0;
  let all = 0;
  for (const i of items) {
    if (i.status === 'na') continue;
    const w = SEVERITY_WEIGHT[i.severity];
    all += w;
    if (isOpen(i.status)) open += w * (i.overdue ? 1.5 : 1);
  }
  return all ? Math.min(100, Math.round((100 * open) / all)) : 0;
}

function summarise(items: ChecklistItem[]): ChecklistSummary {
  return {
    riskScore: riskScore(items),
    open: items.filter((i) => isOpen(i.status)).length,
    openBlocking: items.filter((i) => i.severity === 'blocking' && isOpen(i.status)).length,
    overdue: items.filter((i) => i.overdue).length,
    done: items.filter((i) => i.status === 'done').length,
    total: items.length,
    tampered: items.reduce((n, i) => n + i.evidence.filter((e) => !e.intact).length, 0),
    byPartner: Object.fromEntries(partnersOf(items).map((p) => [p, riskScore(items.filter((i) => i.partnerId === p))])),
    blockingByPartner: Object.fromEntries(
      partnersOf(items).map((p) => {
        const blocking = items.filter((i) => i.partnerId === p && i.severity === 'blocking' && i.status !== 'na');
        return [p, { open: blocking.filter((i) => isOpen(i.status)).length, total: blocking.length }];
      }),
    ),
  };
}

function partnersOf(items: ChecklistItem[]): string[] {
  return [...new Set(items.map((i) => i.partnerId).filter((p): p is string => !!p))];
}

/** A file's bytes, refused (located, with the limit) when it is too large, not a file or unreadable. */
/** An evidence file the strategist picked, read as the file itself and bounded (files/readPicked.ts). */
function readEvidence(file: string): Buffer {
  const cannot = (why: string) => new DomainError('invalid_input', `The evidence file ${path.basename(file)} cannot be added: ${why}.`);
  let data: Buffer;
  try {
    data = readPickedFile(file, EVIDENCE_MAX_BYTES);
  } catch (e) {
    if (!(e instanceof PickedFileError)) throw e;
    throw cannot(e.problem === 'tooLarge' ? `${e.message}, and evidence files may be at most ${EVIDENCE_MAX_BYTES / 1024 ** 2} MB` : e.message);
  }
  if (data.length === 0) throw cannot('it is empty');
  return data;
}
