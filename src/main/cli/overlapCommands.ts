import { compareSketches, IncomparableSketches, type OverlapResult } from '../../shared/overlap/compareSketches';
import { DEFAULT_UNIVERSE } from '../../shared/overlap/overlapView';
import { dealKeyId } from '../../shared/overlap/dealKey';
import { IDENTIFIER_KINDS, IDENTIFIER_WORDS, type IdentifierKind } from '../../shared/overlap/identifiers';
import { distinctCount } from '../../shared/overlap/overlapEstimate';
import { DomainError } from '../../shared/result';
import { APP_VERSION } from '../core/version';
import { readKeyFile, writeNewKeyFile } from '../overlap/dealKeyFile';
import { writePartnerKit } from '../overlap/partnerKit';
import { loadSketchFile, saveSketchFile } from '../overlap/sketchFiles';
import { sketchIdsFile } from '../overlap/sketchIdsFile';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * The overlap commands for data teams (DESIGN §2): `key` makes a deal key, `sketch` turns an
 * identifier column into a `.tsketch` under it, `overlap` compares two sketches. None of them
 * touches the library; no identifier or hash of one is written anywhere but inside a sketch.
 */

export function keyCommand(ctx: CliContext, rest: string[]): number {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const o = ctx.opts(['out']);
  const out = o.string('out');
  if (!out) throw new UsageError('key needs --out FILE');
  const r = writeNewKeyFile(out);
  ctx.emit(r, `Wrote a new deal key to ${r.path} (key id ${r.keyId}). Share it with the partner over a channel you trust, and with no one else.`);
  return EXIT.ok;
}

/** `kit --key-file K --out FILE.html`: the partner kit for a deal (an extension of DESIGN §2's list). */
export async function kitCommand(ctx: CliContext, rest: string[]): Promise<number> {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const o = ctx.opts(['key-file', 'out', 'deal', 'partner', 'lang', 'id-kind']);
  const keyFile = o.string('key-file');
  const out = o.string('out');
  if (!keyFile || !out) throw new UsageError('kit needs --key-file K --out FILE.html');
  const lang = o.string('lang') ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError('--lang must be zh-CN or en');
  const kind = o.string('id-kind');
  if (kind !== undefined && !(IDENTIFIER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--id-kind must be one of ${IDENTIFIER_KINDS.join(', ')}`);
  const partner = o.string('partner') ?? 'Partner';
  const r = await writePartnerKit(out, {
    key: readKeyFile(keyFile),
    deal: o.string('deal') ?? `Tandem × ${partner}`,
    partner,
    lang,
    kind: (kind as IdentifierKind | undefined) ?? null,
    createdBy: `Tandem ${APP_VERSION} partner kit`,
  });
  ctx.emit(r, `Wrote the partner kit ${r.path} (${(r.bytes / 1024).toFixed(0)} KB, key id ${r.keyId}). It holds the deal key: send it only to the partner.`);
  return EXIT.ok;
}

export function sketchCommand(ctx: CliContext, rest: string[]): number {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const o = ctx.opts(['ids', 'column', 'key-file', 'out', 'id-kind', 'sheet', 'label', 'k']);
  const ids = o.string('ids');
  const column = o.string('column');
  const keyFile = o.string('key-file');
  const out = o.string('out');
  if (!ids || !column || !keyFile || !out) throw new UsageError('sketch needs --ids FILE --column C --key-file K --out FILE.tsketch');
  const kind = o.string('id-kind');
  if (kind !== undefined && !(IDENTIFIER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--id-kind must be one of ${IDENTIFIER_KINDS.join(', ')}`);
  const k = o.integer('k');
  if (k !== undefined && (k < 1024 || k > 1 << 20)) throw new UsageError('--k must be from 1024 to 1048576');
  const started = performance.now();
  const key = readKeyFile(keyFile);
  const r = sketchIdsFile({
    file: ids,
    column,
    key,
    createdBy: `Tandem ${APP_VERSION} (command line)`,
    ...(kind ? { kind: kind as IdentifierKind } : {}),
    ...(o.string('sheet') !== undefined ? { sheet: o.string('sheet') } : {}),
    ...(o.string('label') !== undefined ? { label: o.string('label') } : {}),
    ...(k !== undefined ? { k } : {}),
  });
  const bytes = saveSketchFile(out, r.sketch);
  const part = r.sketch.parts[0].sketch;
  const size = distinctCount(part);
  const c = r.counts;
  const result = {
    path: out,
    keyId: dealKeyId(key),
    identifier: r.kind,
    label: r.sketch.label,
    rows: c.rows,
    empty: c.empty,
    valid: c.valid,
    invalid: c.invalid,
    examples: c.examples,
    distinct: { estimate: Math.round(size.estimate), p10: Math.round(size.p10), p90: Math.round(size.p90), exact: size.exact },
    k: part.k,
    kept: part.values.length,
    bytes,
    ms: Math.round(performance.now() - started),
  };
  const invalidNote = c.invalid ? ` ${c.invalid} values were not ${IDENTIFIER_WORDS[r.kind]} and were left out.` : '';
  ctx.emit(
    result,
    `Wrote ${out}: ${c.valid} ${IDENTIFIER_WORDS[r.kind]} of ${c.rows} rows${kind ? '' : ' (the kind detected; --id-kind to choose)'}, about ${result.distinct.estimate} distinct (${size.exact ? 'exact' : `P10–P90 ${result.distinct.p10}–${result.distinct.p90}`}); ${part.values.length} hashed values kept, ${(bytes / 1024).toFixed(0)} KB, ${result.ms} ms.${invalidNote}`,
  );
  return EXIT.ok;
}

export function overlapCommand(ctx: CliContext, rest: string[]): number {
  const o = ctx.opts(['universe', 'key-file']);
  if (rest.length !== 2) throw new UsageError('overlap needs two sketch files: overlap A.tsketch B.tsketch');
  const universe = o.number('universe') ?? DEFAULT_UNIVERSE;
  if (!(universe >= 1)) throw new UsageError('--universe must be a number of people, 1 or more');
  const [a, b] = rest.map(loadSketchFile);
  const keyFile = o.string('key-file');
  if (keyFile) {
    const id = dealKeyId(readKeyFile(keyFile));
    for (const [file, s] of [[rest[0], a], [rest[1], b]] as const) {
      if (s.keyId !== id) throw new DomainError('refused', `${file} was made with another deal key (key id ${s.keyId}, not ${id}).`);
    }
  }
  let r: OverlapResult;
  try {
    r = compareSketches(a, b, universe);
  } catch (e) {
    if (e instanceof IncomparableSketches) throw new DomainError('refused', e.message);
    throw e;
  }
  for (const [name, side] of [['A', r.a], ['B', r.b]] as const) {
    if (side.estimate > universe) throw new UsageError(`--universe ${universe} is smaller than audience ${name} (${side.estimate})`);
  }
  ctx.emit(r, describeOverlap(r));
  return EXIT.ok;
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

function describeOverlap(r: OverlapResult): string {
  const band = (b: { estimate: number; p10: number; p90: number }) => (b.p10 === b.p90 ? `${b.estimate}` : `${b.estimate} (P10–P90 ${b.p10}–${b.p90})`);
  const lines = [
    `A ${r.a.label}: ${band(r.a)} people${r.a.exact ? ' (exact)' : ''}`,
    `B ${r.b.label}: ${band(r.b)} people${r.b.exact ? ' (exact)' : ''}`,
    `In both: ${band(r.overlap)}: ${pct(r.shareOfA)} of A (${pct(r.shareOfAP10)}–${pct(r.shareOfAP90)}), ${pct(r.shareOfB)} of B (${pct(r.shareOfBP10)}–${pct(r.shareOfBP90)})`,
    `New to A through B: ${band(r.incrementalReach)}`,
  ];
  if (r.affinity !== null) {
    lines.push(`Affinity: ${r.affinity.toFixed(2)} (P10–P90 ${r.affinityP10?.toFixed(2)}–${r.affinityP90?.toFixed(2)}) against a universe of ${r.universe}: ${r.affinity > 1 ? 'more overlap than two random audiences of these sizes' : 'no more overlap than chance'}`);
  }
  for (const s of r.segments) lines.push(`  segment ${s.name}: ${band(s.overlap)} of ${s.size.estimate} (${pct(s.share)})`);
  return lines.join('\n');
}
