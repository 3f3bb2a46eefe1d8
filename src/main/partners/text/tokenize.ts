import domainWords from '../../../../resources/text/domain-words.json';
import { STOP_EN, STOP_ZH } from './stopwords';

/**
 * Words of a Chinese or English text. `Intl.Segmenter` splits 博物馆 into 博物|馆 and 营销
 * into 营|销, so the domain words of resources/text/domain-words.json are found first
 * (longest match) and kept whole; the stretches between them go to the segmenter. English
 * words are lower-cased; stop words of both languages, numbers and stray single Latin
 * letters are dropped. Single Han characters stay (茶, 画 and 书 mean something).
 */
/** Domain words by their first character, longest first: a text is scanned once, not sliced at every length. */
const BY_FIRST = new Map<string, string[]>();
for (const w of [...(domainWords as string[])].sort((a, b) => b.length - a.length)) {
  const list = BY_FIRST.get(w[0]) ?? [];
  list.push(w);
  BY_FIRST.set(w[0], list);
}
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

export function tokenize(text: string): string[] {
  const s = text.normalize('NFKC');
  // Domain words first, blanked out in the copy the segmenter reads: one segmenter call per
  // text (a call per stretch between domain words cost twice as much), merged by position.
  const found: [number, string][] = [];
  let rest = '';
  for (let i = 0; i < s.length; ) {
    const match = HAN.test(s[i]) ? (BY_FIRST.get(s[i])?.find((w) => s.startsWith(w, i)) ?? '') : '';
    if (match) {
      found.push([i, match]);
      rest += ' '.repeat(match.length);
      i += match.length;
    } else {
      rest += s[i];
      i++;
    }
  }
  const out: string[] = [];
  let next = 0;
  for (const seg of segmenter.segment(rest)) {
    if (!seg.isWordLike) continue;
    while (next < found.length && found[next][0] < seg.index) out.push(found[next++][1]);
    keep(seg.segment.toLowerCase(), out);
  }
  while (next < found.length) out.push(found[next++][1]);
  return out;
}

function keep(w: string, out: string[]): void {
  if (/^\d+([.,]\d+)?$/.test(w)) return;
  if (HAN.test(w)) {
    if (!STOP_ZH.has(w)) out.push(w);
  } else if (w.length > 1 && !STOP_EN.has(w)) out.push(w);
}
