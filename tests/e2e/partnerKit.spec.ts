import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { XlsxWriter } from '../../src/main/data/xlsx/writer';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/**
 * The partner kit, end to end: the built CLI writes a deal key and the kit; Chromium opens the
 * kit from disk with every request outside the file refused and counted; the partner's list
 * goes in as CSV and as XLSX, and the sketch the kit saves must be the one `tandem sketch`
 * makes of the same file under the same key, value for value.
 */
const tandem = (...args: string[]) => execFileSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', ...args], { encoding: 'utf8' });
const phone = (i: number) => String(13_500_000_000 + i * 7_919);

function deal() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-kit-'));
  const key = path.join(dir, 'deal.key');
  tandem('key', '--out', key);
  const kit = path.join(dir, 'kit.html');
  tandem('kit', '--key-file', key, '--out', kit, '--partner', '某书店会员', '--deal', '宋画沙龙 × 某书店');
  const csv = path.join(dir, '会员名单.csv');
  // 25,000 members, numbers written the ways people type them, a few blanks and one bad value.
  const rows = Array.from({ length: 25_000 }, (_, i) => `${i},${i % 5 === 0 ? `+86 ${phone(i)}` : i % 7 === 0 ? '' : phone(i)},张${i}`);
  rows[17] = '17,请致电,张17';
  fs.writeFileSync(csv, `\uFEFF编号,手机号码,姓名\n${rows.join('\n')}\n`);
  const xlsx = path.join(dir, 'members.xlsx');
  const fd = fs.openSync(xlsx, 'w');
  const w = new XlsxWriter(fd, '会员');
  w.writeRow(['Name', 'Mobile']);
  for (let i = 0; i < 8_000; i++) w.writeRow([`n${i}`, phone(i * 3)]);
  w.close();
  fs.closeSync(fd);
  return { dir, key, kit, csv, xlsx };
}

/** The parts of a sketch file that must agree wherever it was made. */
const parts = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { parts: unknown[] }).parts;

/** Makes the sketch of the file on the page, saves what the kit offers, and the CLI's of the same file beside it. */
async function kitAgainstCli(page: Page, d: ReturnType<typeof deal>, file: string, column: string, name: string): Promise<{ kit: string; cli: string }> {
  await page.locator('#make').click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'done');
  const download = page.waitForEvent('download');
  await page.locator('#save').click();
  const kit = path.join(d.dir, `${name}-kit.tsketch`);
  await (await download).saveAs(kit);
  const cli = path.join(d.dir, `${name}-cli.tsketch`);
  tandem('sketch', '--ids', file, '--column', column, '--key-file', d.key, '--out', cli);
  expect(parts(kit)).toEqual(parts(cli));
  return { kit, cli };
}

test('the kit sketches a CSV and an XLSX offline, exactly as the CLI does', async ({ page }) => {
  const d = deal();
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(d.kit).href);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('h1')).toHaveText('受众重合度工具包');

  await page.locator('#file').setInputFiles(d.csv);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  // The kit picks the phone column by itself and shows how the numbers will be written.
  await expect(page.locator('#column')).toHaveValue('1');
  await expect(page.locator('ul.preview li').first()).toHaveText(`+86${phone(0)}`);
  await page.locator('#make').click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'done');
  const blanks = Array.from({ length: 25_000 }, (_, i) => i).filter((i) => i % 5 !== 0 && i % 7 === 0).length;
  await expect(page.locator('#counts')).toContainText(`共读取 ${(25_000).toLocaleString('zh-CN')} 行`);
  await expect(page.locator('#counts')).toContainText(`空值 ${blanks.toLocaleString('zh-CN')} 个`);
  await expect(page.locator('#counts')).toContainText('不可用 1 个');
  await screenshot(page, 'kit-done-zh-CN-light');

  const download = page.waitForEvent('download');
  await page.locator('#save').click();
  const saved = path.join(d.dir, 'from-kit.tsketch');
  await (await download).saveAs(saved);
  expect((await download).suggestedFilename()).toBe('会员名单.tsketch');
  await expect(page.locator('#saved')).toBeVisible();

  const cli = path.join(d.dir, 'from-cli.tsketch');
  tandem('sketch', '--ids', d.csv, '--column', '手机号码', '--key-file', d.key, '--out', cli);
  expect(parts(saved)).toEqual(parts(cli));
  const fromKit = JSON.parse(fs.readFileSync(saved, 'utf8'));
  expect(fromKit).toMatchObject({ label: '某书店会员', identifier: 'mobile', input: { rows: 25_000, invalid: 1, empty: blanks } });
  // The CLI reads the kit's file as a sketch of the same deal: the two lists overlap wholly.
  const overlap = JSON.parse(tandem('overlap', saved, cli, '--key-file', d.key));
  expect(overlap.shareOfA).toBe(1);

  // The same page, the XLSX: its sheet, its column, the same hashes as the CLI's.
  await page.locator('#file').setInputFiles(d.xlsx);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#column')).toHaveValue('1');
  await kitAgainstCli(page, d, d.xlsx, 'Mobile', 'xlsx');
  // A GBK-encoded CSV (what Excel on a Chinese Windows saves): the header reads right, the same sketch.
  const gbk = path.join(d.dir, '名单-gbk.csv');
  fs.writeFileSync(gbk, iconv.encode(`姓名,手机号\n${Array.from({ length: 3_000 }, (_, i) => `张${i},${phone(i)}`).join('\n')}\n`, 'gbk'));
  await page.locator('#file').setInputFiles(gbk);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#column option').nth(1)).toHaveText('手机号');
  await expect(page.locator('#column')).toHaveValue('1');
  await kitAgainstCli(page, d, gbk, '手机号', 'gbk');
  expect(outside).toEqual([]);
});

test('the kit refuses a column that mostly is not the identifier, with the counts, and saves nothing', async ({ page }) => {
  const d = deal();
  const junk = path.join(d.dir, 'junk.csv');
  fs.writeFileSync(junk, `phone\n${Array.from({ length: 300 }, (_, i) => (i % 4 ? `ask ${i}` : phone(i))).join('\n')}\n`);
  await page.goto(pathToFileURL(d.kit).href);
  await page.locator('#lang').click();
  await page.locator('#file').setInputFiles(junk);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await page.locator('#make').click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'refused');
  await expect(page.locator('#counts')).toContainText('Most filled values (225 of 300) are not mobile numbers');
  await expect(page.locator('#counts')).toContainText('line 3: “ask 1”');
  await expect(page.locator('#save')).toHaveCount(0);
});

test('screenshots of the kit in both languages and themes', async ({ browser }) => {
  const d = deal();
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ colorScheme: theme, viewport: { width: 900, height: 1500 } });
    await page.goto(pathToFileURL(d.kit).href);
    for (const lang of ['zh-CN', 'en']) {
      if (lang === 'en') await page.locator('#lang').click();
      await page.locator('#file').setInputFiles(d.csv);
      await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
      await page.locator('#make').click();
      await expect(page.locator('body')).toHaveAttribute('data-state', 'done');
      await screenshot(page, `kit-${lang}-${theme}`);
    }
    await page.close();
  }
});
