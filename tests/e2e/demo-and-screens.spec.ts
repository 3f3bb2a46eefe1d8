import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

test('the demo job shows progress, can be cancelled leaving nothing, and then builds the demo', async ({ page, host, openApp }) => {
  await openApp();
  await page.getByRole('button', { name: 'Create the demo project' }).click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText('Cancelled: nothing was saved.');
  await expect(progress).toBeHidden();
  expect(await host.services.handlers['projects.list']({})).toHaveLength(0);

  await page.getByRole('button', { name: 'Create the demo project' }).click();
  // A finished demo opens on its overview.
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#f-name')).toHaveValue(/Song Painting/);
  await page.getByRole('navigation').getByRole('button', { name: 'Data' }).click();
  const table = page.getByTestId('datasets');
  await expect(table).toContainText('20,000');
  await expect(table).toContainText('200,000');
  await page.getByRole('navigation').getByRole('button', { name: 'Audience' }).click();
  await expect(page.getByTestId('no-runs')).toContainText('No segmentation yet');
  await page.getByRole('navigation').getByRole('button', { name: 'Partners' }).click();
  await expect(page.getByTestId('ranking').locator('tbody tr')).toHaveCount(30);
  await page.getByRole('navigation').getByRole('button', { name: 'Report' }).click();
  await expect(page.getByTestId('report-preview').locator('.paper').first()).toBeVisible();
});

const THEMES = ['light', 'dark'] as const;
const LANGUAGES = [
  { locale: 'en-US', code: 'en', overview: 'Overview', projects: 'Projects' },
  { locale: 'zh-CN', code: 'zh-CN', overview: '概览', projects: '项目' },
] as const;

test('screenshots of the library and the overview in both languages and themes', async ({ browser, host }) => {
  const job = host.services.jobs.start('demo', {});
  const ended = await host.services.jobs.wait(job.id);
  expect(ended.state).toBe('done');
  const demoId = (ended.result as { projectId: number }).projectId;
  host.services.projects!.create({ name: '博物馆夜游沙龙 Museum night salon', client: '西湖美术馆', kind: 'live', budget: 120000, tags: ['看展', '沙龙'] });
  host.services.projects!.create({ name: 'Tea & calligraphy limited box', kind: 'ebook', budget: 45000, status: 'draft' });

  for (const lang of LANGUAGES) {
    for (const theme of THEMES) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
      const page: Page = await context.newPage();
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: lang.projects, exact: true })).toBeVisible();
      await expect(page.getByTestId('project-card')).toHaveCount(3);
      await screenshot(page, `library-${lang.code}-${theme}`);
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/overview`);
      await expect(page.getByRole('heading', { name: lang.overview })).toBeVisible();
      await expect(page.getByTestId('kpi-chart').locator('svg')).toBeVisible();
      await expect(page.getByTestId('budget-chart').locator('svg')).toBeVisible();
      await page.waitForTimeout(600); // chart entry animation
      await screenshot(page, `overview-${lang.code}-${theme}`);
      await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(300);
      await screenshot(page, `overview-lower-${lang.code}-${theme}`);
      await context.close();
    }
  }
});
