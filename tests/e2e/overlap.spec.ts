import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { demoWithSegments, expect, SCREENSHOT_DIR, test } from './fixtures';

/**
 * Audience overlap on the Partners page, end to end: the strategist writes a partner kit from
 * the card, the partner (here the CLI, with the key from that kit) sketches 3,000 of the demo's
 * users and 20,000 of its own (more than its sketch keeps, so the figures come with bands), and the sketch imported back shows the overlap with its band,
 * both shares, the new people, the affinity and the overlap per segment.
 */
const tandem = (dataDir: string, ...args: string[]) => execFileSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--data-dir', dataDir, '--json', ...args], { encoding: 'utf8' });

test('the overlap card: a kit out, a sketch back, the overlap with its bands and per segment, in both languages and themes', async ({ browser, host }) => {
  test.setTimeout(400_000);
  const projectId = await demoWithSegments(host);
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'overlap-'));
  const audience = path.join(dir, 'audience.csv');
  tandem(host.dataDir, 'dataset', 'export', '--project', String(projectId), '--kind', 'audience', '--out', audience);
  const ours = fs.readFileSync(audience, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[0]);
  const theirs = path.join(dir, 'members.csv');
  fs.writeFileSync(theirs, `uid\n${[...ours.slice(0, 3000), ...Array.from({ length: 20_000 }, (_, i) => `bookclub-${i}`)].join('\n')}\n`);

  const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${host.url}#/p/${projectId}/partners`);
  const card = page.getByTestId('overlap');
  await card.scrollIntoViewIfNeeded();
  const row = card.locator('tbody tr').first();
  await expect(row).toBeVisible();
  const kit = path.join(dir, 'kit.html');
  host.dialogAnswers.push(kit);
  await row.getByRole('button', { name: 'Partner kit…' }).click();
  await expect(row).toContainText('key ');
  const key = path.join(dir, 'deal.key');
  fs.writeFileSync(key, JSON.parse(/id="tandem-deal">(.*?)<\/script>/.exec(fs.readFileSync(kit, 'utf8'))![1]).key);
  const sketch = path.join(dir, 'members.tsketch');
  tandem(host.dataDir, 'sketch', '--ids', theirs, '--column', 'uid', '--key-file', key, '--out', sketch, '--id-kind', 'id');

  host.dialogAnswers.push(sketch);
  await row.getByRole('button', { name: 'Import sketch…' }).click();
  const result = card.locator('.overlap-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  const both = Number((await result.getByTestId('overlap-both').innerText()).split(' ')[0].replace(/,/g, ''));
  expect(Math.abs(both - 3000) / 3000).toBeLessThan(0.1);
  await expect(result.getByTestId('overlap-new')).toContainText('(');
  await expect(result.getByTestId('overlap-affinity')).toBeVisible();
  await expect(result.locator('.segments-reach tbody tr')).toHaveCount(5);
  await expect(row).toContainText('members.tsketch');
  await page.context().close();

  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Audience overlap' }, { locale: 'zh-CN', code: 'zh-CN', title: '受众重合度' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 1700 } });
      const p = await context.newPage();
      await p.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${projectId}/partners`);
      const c = p.getByTestId('overlap');
      await expect(c.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await expect(c.locator('.overlap-result .segments-reach tbody tr')).toHaveCount(5);
      await c.getByTestId('overlap-privacy').locator('summary').click();
      await c.scrollIntoViewIfNeeded();
      await p.evaluate(() => document.fonts.ready);
      await c.screenshot({ path: path.join(SCREENSHOT_DIR, `partners-overlap-${lang.code}-${theme}.png`) });
      await context.close();
    }
  }
});
