import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

test('segment the demo audience from the page: personas, four charts, runs to compare and rename', async ({ page, host, openApp }) => {
  const job = host.services.jobs.start('demo', {});
  const demoId = ((await host.services.jobs.wait(job.id)).result as { projectId: number }).projectId;
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/audience`);
  await expect(page.getByRole('heading', { name: 'Audience', exact: true })).toBeVisible();
  await expect(page.getByTestId('feature-toggles')).toContainText('listen_minutes');
  // The status bar says which engines loaded.
  await expect(page.getByTestId('engine')).toContainText(/SIMD ×\d · ONNX cpu · TF\.js wasm/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Fix k' }).click();
  await page.locator('.seg-row input[type=number]').first().fill('5');
  await page.getByTestId('run-segmentation').click();
  await expect(page.getByTestId('persona')).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('run-summary')).toContainText('5 segments of 20,000 users');
  for (const chart of ['map-chart', 'radar-chart', 'sizes-chart']) await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
  await expect(page.getByTestId('silhouette-chart')).toContainText('k was fixed at 5');

  // A second run chooses k for stable segments (and says how); the first stays the one the project uses until changed.
  await page.getByRole('button', { name: 'Choose k for stable segments' }).click();
  await page.getByTestId('run-segmentation').click();
  await expect(page.getByTestId('runs').locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('silhouette-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('k-rule')).toContainText('between 3 and 8');
  await page.getByTestId('runs').getByRole('button', { name: 'Use this run' }).click();
  await expect(page.getByTestId('runs').locator('tbody tr').first()).toContainText('Used by the project');

  // Renaming a persona keeps the name.
  await page.getByTestId('persona').first().getByRole('button', { name: 'Rename the segment' }).click();
  await page.getByRole('textbox', { name: 'Rename the segment' }).fill('Night-time listeners');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('persona').first()).toContainText('Night-time listeners');
});

test('screenshots of the audience page in both languages and themes', async ({ browser, host }) => {
  const job = host.services.jobs.start('demo', {});
  const demoId = ((await host.services.jobs.wait(job.id)).result as { projectId: number }).projectId;
  const seg = host.services.jobs.start('segment', { projectId: demoId, settings: { kMin: 2, kMax: 7, seed: 3 } });
  expect((await host.services.jobs.wait(seg.id)).state).toBe('done');
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Audience' }, { locale: 'zh-CN', code: 'zh-CN', title: '受众' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/audience`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await expect(page.getByTestId('map-chart').locator('svg')).toBeVisible();
      // The status bar names the engine once it has probed the backends (after a short delay).
      await expect(page.getByTestId('engine')).toBeVisible({ timeout: 15_000 });
      await page.waitForTimeout(700);
      await screenshot(page, `audience-${lang.code}-${theme}`);
      await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(400);
      await screenshot(page, `audience-charts-${lang.code}-${theme}`);
      await context.close();
    }
  }
});
