import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en';
import { zhCN } from '../../src/shared/i18n/zh-CN';

function files(dir: string, ext = /\.(ts|tsx)$/): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);

describe('the architecture', () => {
  it('keeps electron out of the domain services (src/main/<area>/)', () => {
    const offenders = fs
      .readdirSync('src/main', { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => files(path.join('src/main', e.name)))
      .filter((f) => importsOf(f).some((i) => i === 'electron' || i.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('lets the renderer reach main only through src/shared', () => {
    const offenders = files('src/renderer').filter((f) => importsOf(f).some((i) => /(^|\/)(main|preload)\//.test(i) || ['electron', 'better-sqlite3', 'node:fs'].includes(i)));
    expect(offenders).toEqual([]);
  });

  it('keeps the shared contract free of node and electron', () => {
    const offenders = files('src/shared').filter((f) => importsOf(f).some((i) => i.startsWith('node:') || i === 'electron' || i.includes('/main/')));
    expect(offenders).toEqual([]);
  });

  it('opens a window only with the secure web preferences', () => {
    const main = fs.readFileSync('src/main/index.ts', 'utf8');
    for (const rule of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webviewTag: false']) expect(main).toContain(rule);
    expect(main).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true/);
    const html = fs.readFileSync('src/renderer/index.html', 'utf8');
    expect(html).toMatch(/Content-Security-Policy[^>]+default-src 'none'; script-src 'self'/);
  });
});

describe('the translations', () => {
  it('have every key in both languages, none left empty or untranslated', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter((k) => {
      const key = k as keyof typeof en;
      return !zhCN[key].trim() || (zhCN[key] === en[key] && /[a-z]{4,}/.test(en[key]));
    });
    expect(same).toEqual([]);
  });

  it('cover every key the renderer and main ask for', () => {
    const used = new Set<string>();
    for (const f of [...files('src/renderer'), ...files('src/main')]) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt(?:ranslate(?:Now)?)?\(\s*(?:lang,\s*|'en',\s*)?'([a-zA-Z]+\.[\w.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
