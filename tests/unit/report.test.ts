import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { ProjectService } from '../../src/main/projects/service';
import { buildReport } from '../../src/main/report/buildReport';
import { ReportSettingsStore } from '../../src/main/report/reportSettings';
import { writeReportPdf } from '../../src/main/report/reportPdf';
import { defaultReportSettings, MAX_LOGO_BYTES } from '../../src/shared/report';
import { refusal, tempDir } from './helpers';

/** A 1×1 PNG, the smallest real image a cover can take. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const poppler = (tool: string, ...args: string[]) => spawnSync(tool, args, { encoding: 'utf8' });

describe('the pitch report', () => {
  it('the CLI writes the demo’s report as a PDF in both languages: contents with page numbers, embedded CJK font, vector charts, every page numbered', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    expect(run('segment', '--project', '1').status).toBe(0);
    expect(run('forecast', 'mmm', '--project', '1', '--bootstrap', '20').status).toBe(0);
    for (const lang of ['zh-CN', 'en'] as const) {
      const out = path.join(dir, `pitch-${lang}.pdf`);
      const r = run('report', '--project', '1', '--out', out, '--lang', lang);
      expect(r.status, r.stderr).toBe(0);
      const printed = JSON.parse(r.stdout);
      expect(printed).toMatchObject({ path: out, sections: 9 });
      expect(printed.pages).toBeGreaterThanOrEqual(10);
      expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      const text = poppler('pdftotext', '-layout', out, '-').stdout;
      const pages = text.split('\f').filter((p) => p.trim());
      expect(pages).toHaveLength(printed.pages);
      if (lang === 'zh-CN') {
        expect(pages[1]).toContain('目录');
        for (const title of ['产品与目标', '受众画像', '合作方候选名单', '效果预测情景', '预算分配', '收益分成']) expect(text).toContain(title);
        expect(pages[2]).toContain(`第 3 页，共 ${printed.pages} 页`);
      } else {
        expect(pages[1]).toContain('Contents');
        for (const title of ['Product and goals', 'Audience personas', 'Partner shortlist', 'Forecast scenarios', 'Budget allocation', 'Revenue share']) expect(text).toContain(title);
        expect(pages.at(-1)).toContain(`Page ${printed.pages} of ${printed.pages}`);
      }
      // The contents' page numbers point at the pages that carry those headings.
      const contents = [...pages[1].matchAll(/^\s*(\S.*?\S)\s{2,}(\d+)\s*$/gm)].map((m) => ({ title: m[1], page: Number(m[2]) }));
      expect(contents.length).toBe(8);
      for (const c of contents) expect(pages[c.page - 1], c.title).toContain(c.title);
      // Every page after the cover is numbered.
      pages.slice(1).forEach((p, i) => expect(p).toMatch(lang === 'en' ? new RegExp(`Page ${i + 2} of`) : new RegExp(`第 ${i + 2} 页`)));
      const fonts = poppler('pdffonts', out).stdout;
      expect(fonts).toMatch(/NotoSansSC.*\byes\b/);
      // Charts are drawn as vectors: no raster image in a report without a logo.
      expect(poppler('pdfimages', '-list', out).stdout.trim().split('\n').length).toBe(2);
    }
  }, 180_000);

  it('sections follow the strategist’s order and choice, with their notes; sections with no data say so; the logo is checked', async () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const project = new ProjectService(lib.db).create({ name: 'Empty pitch', client: '知山学堂', kind: 'course' });
    const store = new ReportSettingsStore(lib.db);
    const settings = defaultReportSettings('en');
    settings.sections = [settings.sections[6], settings.sections[3], ...settings.sections.filter((_, i) => i !== 6 && i !== 3)].map((s) => ({ ...s, on: s.id !== 'revenue', note: s.id === 'partners' ? 'Ask the museum about exclusivity.' : '' }));
    store.save(project.id, settings);
    const doc = buildReport(lib.db, project.id);
    expect(doc.sections.map((s) => s.id)).toEqual(['forecast', 'partners', 'cover', 'product', 'audience', 'content', 'risk', 'allocation']);
    expect(doc.sections.find((s) => s.id === 'partners')).toMatchObject({ note: 'Ask the museum about exclusivity.', empty: expect.stringContaining('No partner is shortlisted yet'), blocks: [] });
    expect(doc.sections.find((s) => s.id === 'forecast')!.empty).toContain('has not been fitted yet');
    expect(buildReport(lib.db, project.id, 'zh-CN').sections[0].title).toBe('效果预测情景');

    // Bad settings are refused, located, and the stored ones stay.
    const dup = { ...settings, sections: settings.sections.map((s) => ({ ...s, id: 'cover' as const })) };
    expect(refusal(() => store.save(project.id, dup)).code).toBe('invalid_input');
    expect(store.get(project.id).settings.sections[0].id).toBe('forecast');

    // Logos: an oversized file and a non-image are refused and change nothing; a PNG is taken.
    const big = path.join(dir, 'big.png');
    fs.writeFileSync(big, Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]));
    expect(refusal(() => store.setLogo(project.id, big)).issues?.[0]).toMatchObject({ path: 'logo', message: 'report.problem.logoSize' });
    const text = path.join(dir, 'logo.png');
    fs.writeFileSync(text, 'not an image');
    expect(refusal(() => store.setLogo(project.id, text)).issues?.[0]).toMatchObject({ path: 'logo', message: 'report.problem.logoType' });
    expect(store.get(project.id).logo).toBeNull();
    const logo = path.join(dir, 'real.png');
    fs.writeFileSync(logo, PNG);
    expect(store.setLogo(project.id, logo).logo).toMatch(/^data:image\/png;base64,/);

    const out = path.join(dir, 'empty.pdf');
    const written = await writeReportPdf(lib.db, project.id, out);
    expect(written.sections).toBe(8);
    const pdfText = poppler('pdftotext', out, '-').stdout;
    expect(pdfText).toContain('No partner is shortlisted yet');
    expect(pdfText).toContain('Ask the museum about exclusivity.');
    expect(poppler('pdfimages', '-list', out).stdout.trim().split('\n').length).toBeGreaterThan(2);
    await expect(writeReportPdf(lib.db, project.id, path.join(dir, 'report.docx'))).rejects.toMatchObject({ code: 'invalid_input' });
    lib.close();
  }, 60_000);
});
