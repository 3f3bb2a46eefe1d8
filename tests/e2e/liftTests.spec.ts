import type { Page } from '@playwright/test';
import type { MmmResult } from '../../src/shared/forecast';
import { expect, screenshot, test } from './fixtures';

type Jobs = { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown; state?: string; error?: string }> };

/**
 * Lift tests on the Forecast page: entered by hand (bad entries refused at their field,
 * nothing saved), the refit honouring them (the model's figure beside the measurement, the
 * ROI intervals narrowed), the next test to run, and the channels' share intervals drawn.
 */
test('enter a lift test by hand, refit with it, see it honoured and the next test to run', async ({ page, host, openApp }) => {
  test.setTimeout(300_000);
  const jobs = host.services.jobs as unknown as Jobs;
  const demoId = ((await jobs.wait(jobs.start('demo', {}).id)).result as { projectId: number }).projectId;
  const fitted = await jobs.wait(jobs.start('mmm', { projectId: demoId, bootstrap: 60 }).id);
  expect(fitted.state).toBe('done');
  const fit = fitted.result as MmmResult;
  // A test of four weeks on douyin, measuring 30% more than the uncalibrated model says.
  const at = fit.series.periods.indexOf(fit.series.periods[40]);
  const window = fit.series.periods.slice(at, at + 4);
  const modelSays = fit.series.contributions.douyin.slice(at, at + 4).reduce((s, v) => s + v, 0);
  const end = new Date(Date.parse(`${window[3]}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);

  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/forecast`);
  const card = page.getByTestId('experiments');
  await expect(card.getByTestId('experiments-empty')).toContainText('No lift tests yet');
  await expect(page.getByTestId('next-test-advice')).toContainText('next: its ROI lies between');
  await expect(page.getByTestId('mmm-shares-chart').locator('svg')).toBeVisible();

  const form = card.getByTestId('experiment-form');
  await form.getByLabel('Test', { exact: true }).fill('douyin spring holdout');
  await form.getByLabel('Channel').selectOption('douyin');
  await form.getByLabel('First day').fill(window[0]);
  await form.getByLabel('Last day').fill(end);
  await form.getByLabel('Measured lift', { exact: true }).fill(String(Math.round(modelSays * 1.3)));
  // A standard error of 0 is refused at its field; an end before the start at its own.
  await form.getByLabel('Standard error').fill('0');
  await form.getByTestId('experiment-add').click();
  await expect(form.locator('[data-field="exp-se"] .error')).toHaveText('Must be above 0.');
  await form.getByLabel('Standard error').fill(String(Math.round(modelSays * 0.1)));
  await form.getByLabel('Last day').fill(fit.series.periods[0]);
  await form.getByTestId('experiment-add').click();
  await expect(form.locator('[data-field="exp-end"] .error')).toHaveText('The end date is before the start date.');
  expect((await host.services.handlers['forecast.experiments']({ projectId: demoId })).experiments).toHaveLength(0);
  await form.getByLabel('Last day').fill(end);
  await form.getByTestId('experiment-add').click();
  const row = card.getByTestId('experiments-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('next fit');

  // The refit takes the test in: the model's figure moves to the measurement, within its error.
  await card.getByTestId('experiments-refit').click();
  await expect(row.locator('.chip')).toBeVisible({ timeout: 120_000 });
  const latest = (await host.services.handlers['forecast.latest']({ projectId: demoId })).fit!.result;
  const e = latest.calibration!.experiments[0];
  expect(Math.abs(e.z)).toBeLessThan(2);
  expect(Math.abs(e.model - e.lift)).toBeLessThan(Math.abs(e.uncalibrated - e.lift));
  await expect(card.getByTestId('experiments-narrowing')).toContainText('douyin');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'forecast-lift-tests-en-light');
  // Removing it says the next fit will differ again.
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(card.getByTestId('experiments-empty')).toBeVisible();
  expect((await host.services.handlers['forecast.experiments']({ projectId: demoId })).experiments).toHaveLength(0);
  await host.services.handlers['forecast.addExperiment']({ projectId: demoId, experiment: { name: 'douyin spring holdout', channel: 'douyin', start: window[0], end, lift: Math.round(modelSays * 1.3), standardError: Math.round(modelSays * 0.1) } });

  for (const lang of [{ locale: 'en-US', code: 'en', advice: 'Test ' }, { locale: 'zh-CN', code: 'zh-CN', advice: '下一个先测' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await page.context().browser()!.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const p: Page = await context.newPage();
      await p.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/forecast`);
      await expect(p.getByTestId('experiments').locator('tbody tr .chip')).toBeVisible();
      await p.getByTestId('next-test').scrollIntoViewIfNeeded();
      await expect(p.getByTestId('next-test-advice')).toContainText(lang.advice);
      await screenshot(p, `forecast-next-test-${lang.code}-${theme}`);
      await p.getByTestId('mmm-shares-chart').scrollIntoViewIfNeeded();
      await expect(p.getByTestId('mmm-shares-chart').locator('svg')).toBeVisible();
      await screenshot(p, `forecast-share-intervals-${lang.code}-${theme}`);
      await p.getByTestId('experiments').scrollIntoViewIfNeeded();
      await screenshot(p, `forecast-lift-tests-${lang.code}-${theme}`);
      await context.close();
    }
  }
});
