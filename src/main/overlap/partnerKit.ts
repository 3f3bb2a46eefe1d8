import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { dealKeyId, formatDealKey } from '../../shared/overlap/dealKey';
import type { IdentifierKind } from '../../shared/overlap/identifiers';
import { DomainError } from '../../shared/result';

export interface PartnerKitOptions {
  key: Uint8Array;
  /** The deal's name as both sides know it ("宋画沙龙 × 某书店"). */
  deal: string;
  /** Who the kit is for; it becomes the label of the sketch the partner saves. */
  partner: string;
  lang: 'zh-CN' | 'en';
  /** The identifier both sides agreed on, or null to detect it from the partner's column. */
  kind: IdentifierKind | null;
  createdBy: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The partner kit: one HTML file with the deal key and the kit's script inline. Its CSP
 * allows that one script (by hash) and nothing to be fetched or sent (`default-src 'none'`),
 * so the page works offline in any current browser and cannot leak what is dropped on it.
 */
export async function partnerKitHtml(o: PartnerKitOptions): Promise<string> {
  // Loaded when a kit is written, not when the module is: the script is a module the build
  // makes (scripts/partnerKitPlugin.ts), and code run from source outside vite (tsx) imports
  // this file without ever writing a kit.
  const kitScript = (await import('virtual:partner-kit-script')).default;
  if (kitScript.includes('</script')) throw new Error('the kit script would end its own tag');
  const config = JSON.stringify({ key: formatDealKey(o.key), deal: o.deal, partner: o.partner, lang: o.lang, kind: o.kind, createdBy: o.createdBy }).replace(/</g, '\\u003c');
  const hash = createHash('sha256').update(kitScript).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(o.createdBy)}">
<title>${escapeHtml(o.deal)}</title>
</head>
<body>
<noscript>This page needs JavaScript to make the sketch on this computer. 本页面需要启用 JavaScript，在本机生成草图。</noscript>
<script type="application/json" id="tandem-deal">${config}</script>
<script>${kitScript}</script>
</body>
</html>
`;
}

/** Writes the kit for a deal (whole or not at all) and answers where, how big, and the key's id. */
export async function writePartnerKit(file: string, o: PartnerKitOptions): Promise<{ path: string; bytes: number; keyId: string }> {
  const html = await partnerKitHtml(o);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, html, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new DomainError('invalid_input', `${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return { path: file, bytes: Buffer.byteLength(html), keyId: dealKeyId(o.key) };
}
