import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

async function demo(host: { services: { jobs: { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown }> } } }): Promise<number> {
  const job = host.services.jobs.start('demo', {});
  return ((await host.services.jobs.wait(job.id)).result as { projectId: number }).projectId;
}

test('work the risk checklist from the page: the gate, an item closed with evidence, not applicable needs a reason, ready refused', async ({ page, host, openApp }) => {
  const demoId = await demo(host);
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/risk`);
  await expect(page.getByRole('heading', { name: 'Risk & Rights', exact: true })).toBeVisible();
  await expect(page.getByTestId('gate')).toContainText('8 blocking items keep this project from “ready to pitch”');
  // The project-wide section first, then one per shortlisted partner.
  await expect(page.getByTestId('checklist-group')).toHaveCount(5);
  const overdueRow = page.locator('tr[data-item="project.competitor-exclusivity"]');
  await expect(overdueRow).toHaveClass(/overdue/);
  await expect(overdueRow).toContainText('days overdue');

  // Close a blocking item with a signed contract as evidence.
  await page.locator('tr[data-item="project.ad-labelling-cn"]').click();
  const dialog = page.getByRole('dialog');
  const evidence = path.join(host.dataDir, 'ad-label-screenshots.pdf');
  fs.writeFileSync(evidence, '%PDF-1.4 screenshots of labelled posts');
  host.dialogAnswers.push(evidence);
  await dialog.getByRole('button', { name: 'Add evidence file…' }).click();
  await expect(dialog.locator('ul.evidence')).toContainText('ad-label-screenshots.pdf');
  await dialog.getByRole('button', { name: /ad-label-screenshots\.pdf/ }).click();
  await expect.poll(() => host.openedFiles.length).toBe(1);
  expect(fs.readFileSync(host.openedFiles[0], 'utf8')).toBe('%PDF-1.4 screenshots of labelled posts');
  await dialog.getByLabel('Status').selectOption('done');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('gate')).toContainText('7 blocking items');
  await expect(page.locator('tr[data-item="project.ad-labelling-cn"]')).toContainText('Done');

  // Not applicable without a reason is refused at the field, and nothing changes.
  await page.locator('tr[data-item="project.ad-disclosure-intl"]').click();
  await dialog.getByLabel('Status').selectOption('na');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('[data-field="item-na"] .error')).toBeVisible();
  await dialog.getByLabel('Why it does not apply').fill('No posts go outside mainland China.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('tr[data-item="project.ad-disclosure-intl"]')).toContainText('Not applicable: No posts go outside mainland China.');

  // The history of the closed item says who changed what.
  await page.locator('tr[data-item="project.ad-labelling-cn"]').click();
  await expect(dialog.getByTestId('history')).toContainText('Status: In progress → Done');
  await expect(dialog.getByTestId('history')).toContainText('Evidence');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The overview shows the score, and refuses "ready to pitch" naming the open blocking items.
  await page.goto(`${host.url}#/p/${demoId}/overview`);
  await expect(page.getByTestId('risk-card')).toContainText('7 blocking open');
  await page.locator('#f-status').selectOption('ready');
  const refusal = page.getByTestId('save-refusal');
  await expect(refusal).toContainText('cannot be ready to pitch while 7 blocking checklist items are open');
  // Listed by title, no internal ids; each opens its item on the Risk page.
  await expect(refusal).not.toContainText('project.');
  await expect(refusal.getByRole('listitem')).toHaveCount(7);
  const first = (await refusal.getByRole('listitem').first().getByRole('button').textContent())!;
  await refusal.getByRole('listitem').first().getByRole('button').click();
  await expect(page.getByRole('dialog')).toContainText(first);
});

test('the rights register and the revenue-share calculator: alerts, clashes, refusals at the field, hand-computed takes', async ({ page, host, openApp }) => {
  const demoId = await demo(host);
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/risk`);
  await page.getByRole('tab', { name: 'Rights register' }).click();
  await expect(page.getByTestId('register').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('rights-alerts')).toContainText('1 licence ends within 90 days or has ended.');
  await expect(page.getByTestId('clash')).toHaveCount(1);
  await expect(page.getByTestId('register')).toContainText('Ends in 40 days');

  // A window that ends before it starts is refused at the field; nothing is added.
  await page.getByRole('button', { name: 'Add licence' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Licensor', { exact: true }).fill('Studio Qing');
  await dialog.getByLabel('Licensed asset', { exact: true }).fill('Font family for posters');
  await dialog.getByLabel('Territory', { exact: true }).fill('中国大陆');
  await dialog.getByLabel('Channels', { exact: true }).fill('海报, social');
  await dialog.getByLabel('Starts', { exact: true }).fill('2027-03-01');
  await dialog.getByLabel('Ends', { exact: true }).fill('2027-01-01');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('[data-field="lic-end"] .error')).toContainText('The end date is before the start date.');
  await dialog.getByLabel('Ends', { exact: true }).fill('2027-12-31');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('register').locator('tbody tr')).toHaveCount(5);
  // The register exports to CSV (the test stands in for the save dialog).
  const csv = path.join(host.dataDir, 'register.csv');
  host.dialogAnswers.push(csv);
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect.poll(() => fs.existsSync(csv)).toBe(true);
  const lines = fs.readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(6);
  expect(lines[0]).toContain('exclusivity clash with');
  expect(lines.some((l) => l.includes('Font family for posters'))).toBe(true);

  // Revenue share: the demo's baseline at P50 (800,000), as computed by hand.
  await page.getByRole('tab', { name: 'Revenue share' }).click();
  const table = page.getByTestId('revenue-table');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(table.locator('tbody tr').nth(0)).toContainText('96,000'); // guarantee 30,000 or 12%: 12%
  await expect(table.locator('tbody tr').nth(1)).toContainText('76,000'); // 8% of 500,000 + 12% of 300,000
  await expect(table.locator('tr.total')).toContainText('528,000');
  await expect(page.getByTestId('revenue-chart').locator('svg')).toBeVisible();

  // Overlapping tiers are refused at the tier, and nothing is saved.
  await page.getByRole('button', { name: 'New scenario' }).click();
  await dialog.getByLabel('Scenario name').fill('Museum first');
  for (const [label, amount] of [['P10', '200000'], ['P50', '600000'], ['P90', '1000000']]) await dialog.getByLabel(`Revenue at ${label}`).fill(amount);
  const party = dialog.getByTestId('party').first();
  await party.getByLabel('Party', { exact: true }).fill('Museum');
  await party.getByLabel('Split model').selectOption('tiered');
  await party.getByRole('button', { name: 'Add tier' }).click();
  await party.getByLabel('Tier 1 up to').fill('500000');
  await party.getByLabel('Share %').nth(0).fill('8');
  await party.getByLabel('Tier 2 up to').fill('300000');
  await party.getByLabel('Share %').nth(1).fill('12');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(party).toContainText('the tiers overlap');
  await party.getByLabel('Tier 2 up to').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(/\d+/);
  await expect(table.locator('tbody tr').first()).toContainText('CN¥52,000'); // at P50 (600,000): 8% of 500,000 + 12% of the 100,000 above
});

test('screenshots of the risk page and an item in both languages and themes', async ({ browser, host }) => {
  const demoId = await demo(host);
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Risk & Rights' }, { locale: 'zh-CN', code: 'zh-CN', title: '风险与版权' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/risk`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await expect(page.getByTestId('checklist-group')).toHaveCount(5);
      await page.waitForTimeout(300);
      await screenshot(page, `risk-${lang.code}-${theme}`);
      await page.locator('tr[data-item^="artist-ip.chain-of-title"]').click();
      await expect(page.getByRole('dialog').locator('ul.evidence')).toContainText('licence-summary.txt');
      await page.waitForTimeout(200);
      await screenshot(page, `risk-item-${lang.code}-${theme}`);
      await page.keyboard.press('Escape');
      await page.getByRole('tab').nth(1).click();
      await expect(page.getByTestId('register').locator('tbody tr')).toHaveCount(4);
      await screenshot(page, `risk-register-${lang.code}-${theme}`);
      await page.getByRole('tab').nth(2).click();
      await expect(page.getByTestId('revenue-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(400);
      await screenshot(page, `risk-revenue-${lang.code}-${theme}`);
      await page.locator('.panel-actions .btn').first().click();
      await expect(page.getByRole('dialog').getByTestId('party')).toHaveCount(4);
      await screenshot(page, `risk-scenario-${lang.code}-${theme}`);
      await context.close();
    }
  }
});
