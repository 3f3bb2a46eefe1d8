import domainWords from '../../../../resources/text/domain-words.json';
import { STOP_EN, STOP_ZH } from './stopwords';

/**
 * Words of a Chinese or English text. `Intl.Segmenter` splits 博物馆 into 博物|馆 and 营销
 * into 营|销, so the domain words of resources/text/domain-words.json are found first
 * (longest match) and kept whole; the stretches between them go to the segmenter. English
 * words are lower-cased; stop words of both languages, numbers and stray single Latin
 * letters are dropped. Single Han characters stay (茶, 画 and 书 mean something).
 */
const DOMAIN = new Set(domainWords as string[]);
const LONGEST = Math.max(...(domainWords as string[]).map((w) => w.length));
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const s = text.normalize('NFKC');
  let plain = '';
  const flush = () => {
    if (!plain) return;
    for (const seg of segmenter.segment(plain)) if (seg.isWordLike) keep(seg.segment.toLowerCase(), out);
    plain = '';
  };
  for (let i = 0; i < s.length; ) {
    let match = '';
    if (HAN.test(s[i])) {
      for (let len = Math.min(LONGEST, s.length - i); len >= 2; len--) {
        const w = s.slice(i, i + len);
        if (DOMAIN.has(w)) {
          match = w;
          break;
        }
      }
    }
    if (match) {
      flush();
      out.push(match);
      i += match.length;
    } else {
      plain += s[i];
      i++;
    }
  }
  flush();
  return out;
}

function keep(w: string, out: string[]): void {
  if (/^\d+([.,]\d+)?$/.test(w)) return;
  if (HAN.test(w)) {
    if (!STOP_ZH.has(w)) out.push(w);
  } else if (w.length > 1 && !STOP_EN.has(w)) out.push(w);
}
