import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

type Jobs = { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown; state?: string; error?: string }> };

test('fit the marketing-mix model from the page: accuracy, fit with its band, contributions, response curves, channels, actuals and a refit with them, the campaign-level model; no campaigns says so', async ({ page, host, openApp }) => {
  const jobs = host.services.jobs as unknown as Jobs;
  const demoId = ((await jobs.wait(jobs.start('demo', {}).id)).result as { projectId: number }).projectId;
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/forecast`);
  await expect(page.getByRole('heading', { name: 'Forecast', exact: true })).toBeVisible();
  await expect(page.locator('.chart-empty')).toContainText('Fit the model');
  await page.getByTestId('mmm-fit').click();
  await expect(page.getByTestId('mmm-metrics')).toContainText('MAPE', { timeout: 60_000 });
  await expect(page.getByTestId('mmm-metrics')).toContainText('Fitted on 125 weeks, scored on the last 31');
  for (const chart of ['mmm-fit-chart', 'mmm-response-chart', 'mmm-contrib-chart']) await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
  await expect(page.getByTestId('mmm-channels').locator('tbody tr')).toHaveCount(5);

  // The allocator starts from the project's own budget over its twelve campaign weeks (800,000 / 12),
  // split best within ±30% of today's mix scaled to it; a budget below bounds set by hand is refused, located.
  const allocator = page.getByTestId('allocator');
  await expect(allocator.getByLabel('Weekly budget')).toHaveValue('66,666');
  await expect(allocator.getByTestId('campaign-frame')).toContainText('The campaign’s 12 weeks from Jan 4, 2027');
  await expect(allocator.getByTestId('allocator-over-budget')).toHaveCount(0);
  await allocator.getByTestId('allocate').click();
  await expect(page.getByTestId('allocation-explanation')).toContainText('equal marginal ROI');
  await expect(allocator.locator('.split-bars')).toHaveCount(5);
  await allocator.getByLabel('Weekly budget').fill('90000');
  await expect(allocator.getByTestId('allocator-over-budget')).toContainText('280,000 over the project’s budget');
  const lower = allocator.getByLabel('douyin Lower');
  await lower.fill((await lower.inputValue()).replace(/,/g, ''));
  await allocator.getByLabel('Weekly budget').fill('1000');
  await allocator.getByTestId('allocate').click();
  await expect(allocator.getByRole('alert').last()).toContainText('is below the sum of the lower bounds');
  // Scenarios: today's split twice, the second without douyin; compared under the model, kept on the project.
  const scenarios = page.getByTestId('scenarios');
  await scenarios.getByTestId('add-scenario').click();
  await scenarios.getByTestId('add-scenario').click();
  await expect(scenarios.locator('thead th input')).toHaveCount(2);
  await scenarios.getByLabel('Scenario 2 douyin').fill('0');
  await scenarios.locator('td.actions-cell').nth(1).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('scenarios-chart').locator('svg')).toBeVisible();
  const totals = scenarios.locator('tr.total td.num');
  await expect(totals).toHaveCount(2);
  // The first spends the project's budget over its weeks; nothing is flagged.
  const spent = Number((await scenarios.getByTestId('scenario-spend').first().textContent())!.replace(/\D/g, ''));
  expect(spent).toBeGreaterThan(799_900);
  expect(spent).toBeLessThanOrEqual(800_000);
  await expect(scenarios.getByTestId('scenario-flags')).toHaveCount(0);
  // Twenty weeks run past the campaign's end and over its budget: both are said.
  await scenarios.getByLabel('Scenario 2 Weeks').fill('20');
  await scenarios.getByLabel('Scenario 2 douyin').fill('0');
  await scenarios.locator('td.actions-cell').nth(1).getByRole('button', { name: 'Save' }).click();
  await expect(scenarios.getByTestId('scenario-flags')).toContainText('8 weeks outside the campaign dates');
  await scenarios.getByLabel('Scenario 2 Weeks').fill('12');
  await scenarios.locator('td.actions-cell').nth(1).getByRole('button', { name: 'Save' }).click();
  await expect(scenarios.getByTestId('scenario-flags')).toHaveCount(0);
  await expect.poll(async () => (await totals.nth(0).textContent()) !== (await totals.nth(1).textContent())).toBe(true);
  // Actuals: the demo has none yet, and the card says what to import.
  await expect(page.getByTestId('actuals-note')).toContainText('no actuals');
  // Bass: the plan's sign-up target as the market; fitted to an analog's weekly adopters; a short analog refused.
  const bass = page.getByTestId('bass');
  await expect(bass.getByTestId('bass-summary')).toContainText('of a market of 20,000');
  await expect(page.getByTestId('bass-chart').locator('svg')).toBeVisible();
  await bass.getByLabel(/Weekly adopters of an analogous campaign/).fill('120, 340, 610, 820, 760, 560, 350, 200, 110, 60');
  await bass.getByTestId('bass-fit').click();
  await expect(bass.getByTestId('bass-summary')).toContainText('Fitted to 10 weeks');
  await bass.getByLabel(/Weekly adopters of an analogous campaign/).fill('5, 9');
  await bass.getByTestId('bass-fit').click();
  await expect(bass.getByRole('alert')).toContainText('at least 4 weeks');
  // After launch: three weeks of daily actuals imported; drawn against the first scenario, then taken into a refit.
  const [first] = (await host.services.handlers['scenarios.list']({ projectId: demoId })) as { result: { weeks: { week: string; p50: number }[] } }[];
  const days = first.result.weeks.slice(0, 3).flatMap((w) => Array.from({ length: 7 }, (_, d) => [new Date(Date.parse(`${w.week}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10), Math.round((w.p50 * 1.1) / 7)]));
  const csv = path.join(os.tmpdir(), `tandem-actuals-${Date.now()}.csv`);
  fs.writeFileSync(csv, `date,signups\n${days.map((d) => d.join(',')).join('\n')}\n`);
  const imported = await jobs.wait(jobs.start('import', { projectId: demoId, dataset: 'actuals', path: csv }).id);
  expect(imported).toMatchObject({ state: 'done' });
  await page.reload();
  const actuals = page.getByTestId('actuals');
  await expect(actuals.locator('.metric').first()).toContainText('3');
  await expect(page.getByTestId('actuals-chart').locator('svg')).toBeVisible();
  await actuals.scrollIntoViewIfNeeded();
  await screenshot(page, 'forecast-actuals-en-light');
  // The campaign starts nine weeks after the history ends: the refit says what is missing.
  await actuals.getByTestId('actuals-refit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'import the campaign periods in between' })).toBeVisible({ timeout: 30_000 });
  // The campaign-level model: 15 past campaigns, better than the least-squares line, each shortlisted partner's outcome.
  const campaign = page.getByTestId('campaign-model');
  await expect(campaign.getByTestId('campaign-metrics')).toContainText('15');
  await expect(campaign.getByTestId('campaign-metrics')).toContainText('least-squares line of outcome on addressable audience');
  for (const chart of ['campaign-effects-chart', 'campaign-scatter-chart']) await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
  await expect(campaign.getByTestId('campaign-coefficients').locator('tbody tr').first()).toBeVisible();
  const predictions = campaign.getByTestId('campaign-predictions').locator('tbody tr');
  await expect(predictions.first()).toContainText(/\d{2},\d{3} \(\d{2},\d{3}–\d{2},\d{3}\)/);
  // Next to the ranking: what each partner shown would bring, in its row.
  await page.goto(`${host.url}#/p/${demoId}/partners`);
  await page.reload();
  const rows = page.getByTestId('ranking').locator('tbody tr');
  await expect(rows.first().getByTestId('ranking-forecast')).toContainText(/\d{2},\d{3}\s*\d{2},\d{3}–\d{2},\d{3}/);
  // The predictions follow the rows shown: while the ranking settles, a row it just added waits for its model answer.
  const cells = page.getByTestId('ranking').getByTestId('ranking-forecast');
  await expect.poll(async () => (await cells.count()) === (await rows.count()) && (await rows.count()) > 0).toBe(true);
  // The fit is kept: the page reopens on it.
  await page.goto(`${host.url}#/p/${demoId}/forecast`);
  await page.reload();
  await expect(page.getByTestId('mmm-metrics')).toContainText('MAPE');

  const empty = (await host.services.handlers['projects.create']({ name: 'No campaigns' })) as { id: number };
  await page.goto(`${host.url}#/p/${empty.id}/forecast`);
  await expect(page.getByTestId('campaign-model').getByRole('alert')).toContainText('No campaign period carries a campaign_id');
  await page.getByTestId('mmm-fit').click();
  await expect(page.locator('p.error[role="alert"]')).toContainText('no campaign periods');
});

test('screenshots of the forecast page in both languages and themes', async ({ browser, host }) => {
  test.setTimeout(300_000);
  const jobs = host.services.jobs as unknown as Jobs;
  const demoId = ((await jobs.wait(jobs.start('demo', {}).id)).result as { projectId: number }).projectId;
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Forecast', fit: 'Fit the model' }, { locale: 'zh-CN', code: 'zh-CN', title: '效果预测', fit: '拟合模型' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/forecast`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await page.getByRole('button', { name: lang.fit }).click();
      await expect(page.getByTestId('mmm-fit')).toBeEnabled({ timeout: 60_000 });
      await expect(page.getByTestId('mmm-fit-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(600);
      await screenshot(page, `forecast-${lang.code}-${theme}`);
      await page.getByTestId('allocate').click();
      await expect(page.getByTestId('allocation-explanation')).toBeVisible();
      await page.locator('.main').evaluate((el) => el.scrollTo(0, 700));
      await page.waitForTimeout(400);
      await screenshot(page, `forecast-contributions-${lang.code}-${theme}`);
      await page.getByTestId('allocator').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await screenshot(page, `forecast-allocator-${lang.code}-${theme}`);
      // The channels' table: every share, ROI and marginal ROI with its P10–P90.
      await page.getByTestId('mmm-channels').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('mmm-channels').locator('tbody tr').first().locator('.interval')).toHaveCount(3);
      await page.waitForTimeout(300);
      await screenshot(page, `forecast-channels-${lang.code}-${theme}`);
      if (!(await page.getByTestId('scenarios-chart').count())) {
        await page.getByTestId('add-scenario').click();
        await page.getByTestId('add-scenario').click();
        await page.getByTestId('scenarios').locator('input[aria-label$=" douyin"]').nth(1).fill('80000');
        await page.getByTestId('scenarios').locator('td.actions-cell').nth(1).locator('button.primary').click();
      }
      await expect(page.getByTestId('scenarios-chart').locator('svg')).toBeVisible();
      await page.getByTestId('scenarios').scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      await screenshot(page, `forecast-scenarios-${lang.code}-${theme}`);
      await page.getByTestId('campaign-model').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('campaign-effects-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(400);
      await screenshot(page, `forecast-campaign-${lang.code}-${theme}`);
      await page.getByTestId('campaign-predictions').scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await screenshot(page, `forecast-campaign-partners-${lang.code}-${theme}`);
      await page.getByTestId('bass').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('bass-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(400);
      await screenshot(page, `forecast-bass-${lang.code}-${theme}`);
      await context.close();
    }
  }
});
