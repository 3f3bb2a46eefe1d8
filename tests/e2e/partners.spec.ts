import type { Page } from '@playwright/test';
import { demoWithSegments, expect, screenshot, test } from './fixtures';

test('rank partners from the page: presets and sliders move the ranking, filters hide, the portfolio explains itself', async ({ page, host, openApp }) => {
  // One targeting fit (the whole model search) on a 2-core machine: slower when it is busy, never red.
  test.setTimeout(300_000);
  const demoId = await demoWithSegments(host);
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/partners`);
  await expect(page.getByRole('heading', { name: 'Partners', exact: true })).toBeVisible();
  const rows = page.getByTestId('ranking').locator('tbody tr');
  await expect(rows).toHaveCount(30);
  await expect(page.getByText('Audience fit measured against the 5 segments of the chosen run.')).toBeVisible();
  await expect(rows.first().locator('.reason')).toContainText('Ranks 1 of 120');
  const first = await rows.first().getAttribute('data-partner');

  // Only reputation counts: the first row is then the best-reputed partner.
  for (const f of ['Audience fit', 'Content fit', 'Network influence', 'Cost efficiency']) await page.getByRole('slider', { name: f }).fill('0');
  await expect(rows.first().locator('.reason')).toContainText('reputation');
  // Every factor at zero is refused with a message, the last ranking kept.
  await page.getByRole('slider', { name: 'Reputation' }).fill('0');
  await expect(page.getByRole('alert')).toContainText('Every factor weight is zero');
  await page.getByRole('button', { name: 'Engagement' }).click();
  await expect(rows.first()).toHaveAttribute('data-partner', first!);

  // Filter to museums.
  await page.locator('.filters label.chip', { hasText: 'Museum' }).locator('input').check();
  await expect(rows.first().locator('.pname')).toContainText('Museum');

  await expect(page.getByTestId('network-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('keyword-chart').locator('svg')).toBeVisible();

  // The demo's shortlist is compared side by side; starring a partner adds it (and its checklist items).
  await expect(page.getByTestId('comparison').locator('table.compare thead th')).toHaveCount(5);
  await page.locator('.filters label.chip', { hasText: 'Museum' }).locator('input').uncheck();
  const star = rows.nth(2).locator('button.star');
  if ((await star.getAttribute('aria-pressed')) === 'true') await rows.nth(3).locator('button.star').click();
  else await star.click();
  await expect(page.getByTestId('comparison').locator('table.compare thead th')).toHaveCount(5); // still four shown at most
  const view = await host.services.handlers['checklist.get']({ projectId: demoId });
  expect((view as { shortlist: unknown[] }).shortlist).toHaveLength(5);

  // Targeting: the concept with a shortlisted partner, the addressable audience per segment, the list exported.
  const targeting = page.getByTestId('targeting');
  await targeting.getByRole('combobox').selectOption({ index: 1 });
  await targeting.getByRole('button', { name: 'Find the audience' }).click();
  await expect(page.getByTestId('targeting-summary')).toContainText('are the addressable audience', { timeout: 150_000 });
  await expect(page.getByTestId('targeting-quality')).toContainText('most popular');
  await expect(page.getByTestId('targeting-quality')).toContainText('item-kNN');
  await expect(page.getByTestId('targeting-model')).toContainText('Chosen:');
  // How it was chosen: one row per model family, the chosen one marked; every candidate one click away.
  const search = page.getByTestId('targeting-search');
  await expect(search.locator('> table tbody tr')).toHaveCount(5);
  await expect(search.locator('> table tbody tr.chosen')).toHaveCount(1);
  await search.locator('details summary').click();
  expect(await search.locator('details tbody tr').count()).toBeGreaterThan(20);
  await expect(targeting.locator('table.segments-reach tbody tr')).toHaveCount(5);

  // Event weights: the demo's event types with their rows; a purchase made heavier is saved for the next run.
  const weights = page.getByTestId('event-weights');
  await weights.locator('summary').click();
  const purchase = weights.getByRole('textbox', { name: 'Weight of purchase' });
  await expect(purchase).toHaveValue('5');
  await purchase.fill('-2');
  await expect(weights.getByRole('alert')).toContainText('zero or more');
  await expect(weights.getByRole('button', { name: 'Save weights' })).toBeDisabled();
  await purchase.fill('8');
  await weights.getByRole('button', { name: 'Save weights' }).click();
  await expect(page.getByText('Event weights saved')).toBeVisible();
  const saved = (await host.services.handlers['targeting.eventWeights']({ projectId: demoId })) as { weights: Record<string, number> };
  expect(saved.weights.purchase).toBe(8);
  const list = `${host.dataDir}/targets.csv`;
  host.dialogAnswers.push(list);
  await targeting.getByRole('button', { name: 'Export the target list…' }).click();
  await expect.poll(async () => (await import('node:fs')).existsSync(list), { timeout: 60_000 }).toBe(true);

  const folio = page.getByTestId('portfolio');
  await folio.getByRole('textbox').first().fill('150000');
  await folio.getByRole('button', { name: 'Find the best set' }).click();
  await expect(folio).toContainText('partners, total score');
  await folio.getByRole('textbox').first().fill('1');
  await folio.getByRole('button', { name: 'Find the best set' }).click();
  await expect(folio).toContainText('No partner fits this budget.');
  await expect(folio).toContainText('does not fit the remaining budget');
});

test('screenshots of the partners page in both languages and themes', async ({ browser, host }) => {
  // Four targeting fits (each language and theme) on a 2-core machine: slower when it is busy, never red.
  test.setTimeout(600_000);
  const demoId = await demoWithSegments(host);
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Partners' }, { locale: 'zh-CN', code: 'zh-CN', title: '合作伙伴' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/partners`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await expect(page.getByTestId('ranking').locator('tbody tr')).toHaveCount(30);
      await expect(page.getByTestId('network-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(600);
      await screenshot(page, `partners-${lang.code}-${theme}`);
      await page.getByTestId('portfolio').getByRole('button').click();
      await expect(page.getByTestId('portfolio').locator('ol li').first()).toBeVisible();
      await page.locator('.main').evaluate((el) => el.scrollTo(0, 520));
      await page.waitForTimeout(300);
      await screenshot(page, `partners-network-${lang.code}-${theme}`);
      await page.getByTestId('comparison').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('comparison-chart').locator('svg')).toBeVisible();
      await expect(page.getByTestId('keyword-chart').locator('svg')).toBeVisible();
      await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(400);
      await screenshot(page, `partners-compare-${lang.code}-${theme}`);
      {
        await page.getByTestId('targeting').getByRole('button').first().click();
        await expect(page.getByTestId('targeting-summary')).toBeVisible({ timeout: 150_000 });
        await page.getByTestId('event-weights').locator('summary').click();
        await page.getByTestId('targeting-search').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await screenshot(page, `partners-targeting-search-${lang.code}-${theme}`);
        await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await page.waitForTimeout(300);
        await screenshot(page, `partners-targeting-${lang.code}-${theme}`);
      }
      await context.close();
    }
  }
});
