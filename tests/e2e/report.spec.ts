import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoWithSegments, expect, screenshot, test } from './fixtures';

type Jobs = { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown; state?: string }> };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The demo with a segmentation, a marketing-mix fit and one saved scenario: every section has something to show. */
async function fullDemo(host: Parameters<typeof demoWithSegments>[0]): Promise<number> {
  const id = await demoWithSegments(host);
  const jobs = host.services.jobs as unknown as Jobs;
  expect((await jobs.wait(jobs.start('mmm', { projectId: id, bootstrap: 20 }).id)).state).toBe('done');
  await host.services.handlers['scenarios.save']({ projectId: id, scenario: { name: 'Launch', weeks: 12, spend: { douyin: 60000, wechat: 40000, xiaohongshu: 30000, bilibili: 20000, search: 12000 } } });
  return id;
}

test('the report page: sections picked, ordered and noted, a logo checked, the PDF exported, the slides walked, a chart and a table exported', async ({ page, host, openApp }) => {
  test.setTimeout(240_000);
  const id = await fullDemo(host);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-report-'));
  await openApp();
  await page.goto(`${host.url}#/p/${id}/report`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Report', exact: true })).toBeVisible();
  const preview = page.getByTestId('report-preview');
  // The report's language is its own: English here while the app stays English too, then Chinese.
  await page.getByTestId('report-lang').selectOption('en');
  await expect(preview.locator('[data-section="partners"] h2')).toHaveText('Partner shortlist');
  await expect(preview.locator('[data-section="forecast"] .report-chart svg')).toBeVisible();
  // Leave revenue out, move the forecast above the partners, note the partners section.
  const sections = page.getByTestId('report-sections');
  await sections.locator('li[data-section="revenue"] input[type="checkbox"]').uncheck();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Move Forecast scenarios up' }).click();
  await page.getByLabel('Note for Partner shortlist').fill('Ask the museum about exclusivity before the pitch.');
  await expect(preview.locator('[data-section="revenue"]')).toHaveCount(0);
  await expect(preview.locator('[data-section="partners"] .report-note')).toContainText('Ask the museum about exclusivity');
  const order = await preview.locator('.report-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
  expect(order.indexOf('forecast')).toBeLessThan(order.indexOf('partners'));

  // A logo that is not an image is refused with a message; a PNG goes on the cover.
  const bogus = path.join(dir, 'logo.png');
  fs.writeFileSync(bogus, 'not an image');
  host.dialogAnswers.push(bogus);
  await page.getByTestId('logo-pick').click();
  await expect(page.getByRole('alert')).toContainText('PNG or JPEG');
  const real = path.join(dir, 'real.png');
  fs.writeFileSync(real, PNG);
  host.dialogAnswers.push(real);
  await page.getByTestId('logo-pick').click();
  await expect(page.getByTestId('logo-preview')).toBeVisible();
  await expect(preview.locator('.cover-logo')).toBeVisible();

  // The PDF from the page: the same path as the CLI.
  const pdf = path.join(dir, 'pitch.pdf');
  host.dialogAnswers.push(pdf);
  await page.getByTestId('export-pdf').click();
  await expect(page.getByText(/Report saved to .*pitch\.pdf \(\d+ pages\)/)).toBeVisible({ timeout: 60_000 });
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('Contents');
  expect(text).toContain('Ask the museum about exclusivity before the pitch.');
  const contents = text.split('\f')[1];
  expect(contents).not.toContain('Revenue share');
  expect(contents.indexOf('Forecast scenarios')).toBeGreaterThan(0);
  expect(contents.indexOf('Forecast scenarios')).toBeLessThan(contents.indexOf('Partner shortlist'));

  // A chart from its corner menu, as SVG and as PNG.
  const chart = preview.locator('[data-section="forecast"] .chart-frame').first();
  await chart.hover();
  for (const format of ['svg', 'png'] as const) {
    const file = path.join(dir, `scenarios.${format}`);
    host.dialogAnswers.push(file);
    await chart.getByRole('button', { name: /Chart menu/ }).click();
    await chart.getByRole('menuitem', { name: `Save as ${format.toUpperCase()}…` }).click();
    await expect.poll(() => fs.existsSync(file)).toBe(true);
  }
  expect(fs.readFileSync(path.join(dir, 'scenarios.svg'), 'utf8')).toMatch(/^<svg/);
  expect(fs.readFileSync(path.join(dir, 'scenarios.png')).subarray(1, 4).toString()).toBe('PNG');
  // A table to XLSX from the button its hover shows.
  const table = preview.locator('[data-section="forecast"] table.data').first();
  await table.hover();
  const xlsx = path.join(dir, 'channels.xlsx');
  host.dialogAnswers.push(xlsx);
  await page.getByTestId('table-export').click();
  await expect.poll(() => fs.existsSync(xlsx)).toBe(true);
  const sheet = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print("".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/")))', xlsx], { encoding: 'utf8' }).stdout;
  expect(sheet).toContain('Share of effect');
  expect(sheet).toContain('douyin');

  // Presentation, with the network cut: the cover, then one slide per section, by keyboard; the timer runs; Esc leaves.
  await page.context().setOffline(true);
  await page.getByTestId('present').click();
  const slides = page.getByTestId('presentation');
  await expect(slides.getByTestId('slide-number')).toHaveText(/Slide 1 of \d+/);
  await expect(slides.locator('.slide-cover h1')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(slides.getByTestId('slide-number')).toHaveText(/Slide 2 of/);
  await expect(slides.locator('.report-section h2')).toBeVisible();
  await page.keyboard.press('End');
  const total = Number(/of (\d+)/.exec((await slides.getByTestId('slide-number').textContent()) ?? '')![1]);
  await expect(slides.getByTestId('slide-number')).toHaveText(`Slide ${total} of ${total}`);
  await page.keyboard.press('ArrowLeft');
  await expect(slides.getByTestId('slide-number')).toHaveText(`Slide ${total - 1} of ${total}`);
  await expect(slides.getByTestId('presenter-timer')).toHaveText(/^00:0[1-9]|^00:[1-5]\d/, { timeout: 5000 });
  await screenshot(page, 'report-slide-en');
  await page.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  await page.context().setOffline(false);
});

test('screenshots of the report page in both languages and themes, and a section with no data says so', async ({ browser, host }) => {
  test.setTimeout(240_000);
  const id = await fullDemo(host);
  const empty = (await host.services.handlers['projects.create']({ name: 'Blank pitch' })) as { id: number };
  for (const lang of [{ locale: 'en-US', code: 'en' as const, title: 'Report' }, { locale: 'zh-CN', code: 'zh-CN' as const, title: '提案报告' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${id}/report`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await page.getByTestId('report-lang').selectOption(lang.code);
      await expect(page.getByTestId('report-preview').locator('[data-section="partners"] .report-chart svg').first()).toBeVisible();
      await page.waitForTimeout(500);
      await screenshot(page, `report-${lang.code}-${theme}`);
      await page.getByTestId('report-preview').locator('[data-section="forecast"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await screenshot(page, `report-forecast-${lang.code}-${theme}`);
      if (theme === 'light') {
        await page.getByTestId('present').click();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(400);
        await screenshot(page, `report-slide-${lang.code}`);
        await page.keyboard.press('Escape');
      }
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${empty.id}/report`);
      await page.reload();
      await expect(page.getByTestId('section-empty').first()).toBeVisible();
      await context.close();
    }
  }
});
