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
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('savebar')).toContainText('cannot be ready to pitch while 7 blocking checklist items are open');
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
      await context.close();
    }
  }
});
