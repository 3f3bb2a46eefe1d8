/**
 * Conflict tags against the project and the shortlist. A tag such as 独家:知识付费平台
 * (exclusive with a knowledge-payment platform) clashes with the exclusion 知识付费平台; a
 * 竞品: tag (a competitor exclusivity) clashes with another shortlisted partner of the same
 * type; any other tag (形象争议, an image controversy) is a softer warning.
 */
export interface ConflictFinding {
  tag: string;
  kind: 'exclusion' | 'competitor' | 'warning';
  /** What it clashes with: the exclusion, or the other partner's id. */
  with: string | null;
  /** How much it counts against the partner, 0–1. */
  penalty: number;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const bare = (tag: string) => norm(tag).replace(/^[^:：]*[:：]/, '');

export function conflictsOf(
  partner: { id: string; type: string; conflictTags: string[] },
  exclusions: string[],
  shortlist: { id: string; type: string }[],
): ConflictFinding[] {
  const out: ConflictFinding[] = [];
  for (const tag of partner.conflictTags) {
    const b = bare(tag);
    if (!b) continue;
    const excluded = exclusions.find((e) => {
      const x = norm(e);
      return x && (b === x || b.includes(x) || x.includes(b));
    });
    if (excluded) {
      out.push({ tag, kind: 'exclusion', with: excluded, penalty: 1 });
      continue;
    }
    if (/^(竞品|competitor)/i.test(norm(tag))) {
      const rival = shortlist.find((s) => s.id !== partner.id && norm(s.type) === norm(partner.type));
      out.push(rival ? { tag, kind: 'competitor', with: rival.id, penalty: 0.6 } : { tag, kind: 'warning', with: null, penalty: 0.15 });
      continue;
    }
    out.push({ tag, kind: 'warning', with: null, penalty: 0.3 });
  }
  return out;
}
