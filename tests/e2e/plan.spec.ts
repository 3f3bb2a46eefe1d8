import type { Page } from '@playwright/test';
import { demoWithSegments, expect, screenshot, test } from './fixtures';


type PlanView = { plan: { step: string; needs: { segments: { ids: number[] } | null }; cooperation: { model: string; preset: string }; compare: string[]; content: { end: string | null }[]; metrics: { metric: string; target: number | null }[] }; campaign: { budget: number } };

test('walk the selection wizard: it resumes where it was left, saves every step, refuses bad dates and numbers', async ({ page, host, openApp }) => {
  const demoId = await demoWithSegments(host);
  const saved = async () => (await host.services.handlers['plan.get']({ projectId: demoId })) as PlanView;
  await openApp();
  await page.goto(`${host.url}#/p/${demoId}/plan`);
  await expect(page.getByRole('heading', { name: 'Campaign plan', exact: true })).toBeVisible();
  // The demo's plan was left on step 4: the wizard opens there.
  await expect(page.getByTestId('plan-step-content')).toBeVisible();
  await expect(page.getByTestId('content-item')).toHaveCount(4);
  await expect(page.getByTestId('timeline-chart').locator('svg')).toBeVisible();

  // Step 1: two target segments; the ranking then measures audience fit against them only.
  await page.locator('[data-step="needs"]').click();
  const picks = page.getByTestId('plan-segments').locator('input[type="checkbox"]');
  await expect(picks).toHaveCount(5);
  await picks.nth(0).check();
  await picks.nth(2).check();
  await expect(page.getByTestId('plan-reach')).toContainText('2 segments chosen');
  await expect(page.getByTestId('plan-save')).toContainText('Saved');
  await expect.poll(async () => (await saved()).plan.needs.segments?.ids).toEqual([0, 2]);
  // A budget that is not a number stays on the page, marked, and is not saved; 80万 is a number.
  await page.locator('#plan-budget').fill('八十万');
  await expect(page.locator('[data-field="plan-budget"] .error')).toHaveText('Enter a number.');
  await page.locator('#plan-budget').fill('80万');
  await expect.poll(async () => (await saved()).campaign.budget).toBe(800000);
  await page.locator('#plan-budget').fill('900,000');
  await expect.poll(async () => (await saved()).campaign.budget).toBe(900000);

  // Step 2: a model and a goal preset; the preview speaks of the plan's segments.
  await page.getByTestId('plan-next').click();
  await expect(page.getByTestId('plan-step-cooperation')).toBeVisible();
  await page.getByRole('radio', { name: /Content co-creation/ }).click();
  await page.getByRole('button', { name: 'Conversion' }).click();
  await expect(page.getByTestId('plan-preview')).toContainText('2 target segments chosen in the campaign plan');
  await expect.poll(async () => (await saved()).plan.cooperation).toMatchObject({ model: 'contentCoCreation', preset: 'conversion' });

  // Step 3: the shortlist compared; dropping a partner drops it from the comparison.
  await page.getByTestId('plan-next').click();
  await expect(page.getByTestId('comparison').locator('table.compare thead th')).toHaveCount(5);
  await page.getByTestId('plan-shortlist').locator('li').first().getByRole('button').click();
  await expect(page.getByTestId('comparison').locator('table.compare thead th')).toHaveCount(4);
  await expect.poll(async () => (await saved()).plan.compare.length).toBe(3);
  await expect(page.getByTestId('plan-gaps')).not.toContainText('No partner');

  // Step 4: an item ending before it starts is refused with the field's message; fixed, it saves.
  await page.getByTestId('plan-next').click();
  await page.getByTestId('plan-add-content').click();
  const item = page.getByTestId('content-item').nth(4);
  await item.getByLabel('Start').fill('2027-02-10');
  await item.getByLabel('End').fill('2027-02-01');
  await expect(page.getByRole('alert').first()).toContainText('The end date is before the start date.');
  await expect(page.getByTestId('plan-save')).toHaveText('Not saved');
  expect((await saved()).plan.content).toHaveLength(4);
  await item.getByLabel('End').fill('2027-02-20');
  await expect.poll(async () => (await saved()).plan.content.length).toBe(5);
  await expect(page.getByTestId('plan-gaps')).toContainText('Content 5 has no launch channel.');

  // Step 5: metrics suggested from the needs; a target that is not a number is never saved.
  await page.getByTestId('plan-next').click();
  await expect(page.getByTestId('plan-metrics').locator('tbody tr')).toHaveCount(4);
  await page.getByTestId('plan-suggest-metrics').click();
  await expect(page.getByTestId('plan-metrics').locator('tbody tr')).toHaveCount(7);
  const last = page.getByTestId('plan-metrics').locator('tbody tr').last();
  await last.getByLabel('Target').fill('12abc');
  await expect(last.locator('.error')).toHaveText('Enter a number.');
  await last.getByLabel('Target').fill('45');
  await expect.poll(async () => (await saved()).plan.metrics.at(-1)).toMatchObject({ target: 45 });
  await expect(page.getByTestId('plan-summary')).toContainText('Content co-creation');

  // Leave and come back: the wizard reopens on the metrics step with everything in place.
  await page.goto(`${host.url}#/p/${demoId}/overview`);
  await page.goto(`${host.url}#/p/${demoId}/plan`);
  await expect(page.getByTestId('plan-step-metrics')).toBeVisible();
  await expect(page.getByTestId('plan-metrics').locator('tbody tr')).toHaveCount(7);
  expect((await saved()).plan.step).toBe('metrics');
});

test('screenshots of the wizard steps in both languages and themes', async ({ browser, host }) => {
  const demoId = await demoWithSegments(host);
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Campaign plan' }, { locale: 'zh-CN', code: 'zh-CN', title: '合作方案' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 900 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/plan`);
      await expect(page.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      for (const step of ['needs', 'cooperation', 'shortlist', 'content', 'metrics']) {
        await page.locator(`[data-step="${step}"]`).click();
        await expect(page.getByTestId(`plan-step-${step}`)).toBeVisible();
        if (step === 'needs' && theme === 'light' && lang.code === 'en') await page.getByTestId('plan-segments').locator('input[type="checkbox"]').nth(1).check();
        if (step === 'shortlist') await expect(page.getByTestId('comparison-chart').locator('svg')).toBeVisible();
        if (step === 'content') await expect(page.getByTestId('timeline-chart').locator('svg')).toBeVisible();
        await page.waitForTimeout(500);
        await screenshot(page, `plan-${step}-${lang.code}-${theme}`);
      }
      await context.close();
    }
  }
});
