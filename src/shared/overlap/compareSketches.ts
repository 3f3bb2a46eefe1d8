import { estimateOverlap, type Interval } from './overlapEstimate';
import { DEFAULT_UNIVERSE } from './overlapView';
import { incomparable, type SketchFile } from './sketchFile';

/**
 * Two sketch files compared: what the CLI's `overlap` prints, the Partners page shows and the
 * report states. Counts are whole people; shares and the affinity keep four decimals.
 */
export interface CountBand {
  estimate: number;
  p10: number;
  p90: number;
}

export interface SketchSide extends CountBand {
  label: string;
  exact: boolean;
}

export interface SegmentOverlap {
  name: string;
  /** In the app: the segment's names in both languages (the strategist's own first). */
  names?: { name: string; nameEn: string; nameZh: string };
  size: CountBand;
  overlap: CountBand;
  /** Of the segment's people, the share the other side also reaches. */
  share: number;
  shareP10: number;
  shareP90: number;
}

export interface OverlapResult {
  keyId: string;
  identifier: string;
  a: SketchSide;
  b: SketchSide;
  overlap: CountBand & { p05: number; p95: number };
  shareOfA: number;
  shareOfAP10: number;
  shareOfAP90: number;
  shareOfB: number;
  shareOfBP10: number;
  shareOfBP90: number;
  /** B's people A does not reach yet. */
  incrementalReach: CountBand;
  affinity: number | null;
  affinityP10: number | null;
  affinityP90: number | null;
  universe: number | null;
  /** A's segments (its parts after the first) against all of B. */
  segments: SegmentOverlap[];
}


export class IncomparableSketches extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncomparableSketches';
  }
}

const count = (i: Interval): CountBand => ({ estimate: Math.round(i.estimate), p10: Math.round(i.p10), p90: Math.round(i.p90) });
const ratio = (v: number) => Math.round(v * 10_000) / 10_000;

export function compareSketches(a: SketchFile, b: SketchFile, universe: number | null = DEFAULT_UNIVERSE): OverlapResult {
  const why = incomparable(a, b);
  if (why) throw new IncomparableSketches(why);
  const e = estimateOverlap(a.parts[0].sketch, b.parts[0].sketch, universe);
  const segments = a.parts.slice(1).map((part): SegmentOverlap => {
    const s = estimateOverlap(part.sketch, b.parts[0].sketch, null);
    return { name: part.name, size: count(s.a), overlap: count(s.overlap), share: ratio(s.shareOfA.estimate), shareP10: ratio(s.shareOfA.p10), shareP90: ratio(s.shareOfA.p90) };
  });
  return {
    keyId: a.keyId,
    identifier: a.identifier,
    a: { label: a.label, exact: e.a.exact, ...count(e.a) },
    b: { label: b.label, exact: e.b.exact, ...count(e.b) },
    overlap: { ...count(e.overlap), p05: Math.round(e.overlap.p05), p95: Math.round(e.overlap.p95) },
    shareOfA: ratio(e.shareOfA.estimate),
    shareOfAP10: ratio(e.shareOfA.p10),
    shareOfAP90: ratio(e.shareOfA.p90),
    shareOfB: ratio(e.shareOfB.estimate),
    shareOfBP10: ratio(e.shareOfB.p10),
    shareOfBP90: ratio(e.shareOfB.p90),
    incrementalReach: count(e.incrementalReach),
    affinity: e.affinity ? ratio(e.affinity.estimate) : null,
    affinityP10: e.affinity ? ratio(e.affinity.p10) : null,
    affinityP90: e.affinity ? ratio(e.affinity.p90) : null,
    universe,
    segments,
  };
}
