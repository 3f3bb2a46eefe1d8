import { EXPIRY_ALERT_DAYS, type ExclusivityClash } from '../../shared/rights';

/**
 * The rules of the rights register: when a licence window needs attention, and when two
 * partners' licences cannot both hold. Places and uses are compared as words, case and
 * width aside; 全球 / worldwide / global covers every place and 全渠道 / all covers every use.
 */
const EVERYWHERE = new Set(['全球', 'worldwide', 'global', 'world', '全世界']);
const EVERY_USE = new Set(['全渠道', 'all', 'all channels', 'any', '全部']);

export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function alertOf(end: string, today: string): { alert: 'expired' | 'expiring' | null; daysLeft: number } {
  const daysLeft = daysFrom(today, end);
  return { alert: daysLeft < 0 ? 'expired' : daysLeft <= EXPIRY_ALERT_DAYS ? 'expiring' : null, daysLeft };
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

function common(a: string[], b: string[], all: Set<string>): string[] | null {
  const A = a.map(norm);
  const B = b.map(norm);
  if (A.some((x) => all.has(x))) return b;
  if (B.some((x) => all.has(x))) return a;
  const shared = a.filter((x, i) => B.includes(A[i]));
  return shared.length ? shared : null;
}

export interface RegisterLicence {
  id: number;
  partnerId: string;
  territory: string[];
  channels: string[];
  start: string;
  end: string;
  exclusive: boolean;
}

/** Pairs of different partners' licences, one of them exclusive, sharing places, uses and days. */
export function exclusivityClashes(licences: RegisterLicence[]): ExclusivityClash[] {
  const out: ExclusivityClash[] = [];
  for (let i = 0; i < licences.length; i++) {
    for (let j = i + 1; j < licences.length; j++) {
      const a = licences[i];
      const b = licences[j];
      if (a.partnerId === b.partnerId || !(a.exclusive || b.exclusive)) continue;
      const from = a.start > b.start ? a.start : b.start;
      const to = a.end < b.end ? a.end : b.end;
      if (from > to) continue;
      const territory = common(a.territory, b.territory, EVERYWHERE);
      const channels = common(a.channels, b.channels, EVERY_USE);
      if (territory && channels) out.push({ a: a.id, b: b.id, territory, channels, from, to });
    }
  }
  return out;
}
