/** The few XML helpers the workbook reader and writer need (no DTDs, no namespaces beyond prefixes). */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped rather than written as a broken file.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));
}

/** The attributes of one start tag's attribute text: `r="A1" t="s"` → {r: 'A1', t: 's'}. */
export function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** The text of every <t> element inside `xml` (rich text runs joined), phonetic runs left out. */
export function textRuns(xml: string): string {
  const clean = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  const re = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) out += unescapeXml(m[1] ?? '');
  return out;
}
