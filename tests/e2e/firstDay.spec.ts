import type { Browser, Page } from '@playwright/test';
import type { TestHost } from '../../src/main/testhost/server';
import { expect, screenshot, test } from './fixtures';

/** What a strategist's first day got wrong (issue "Nothing lost, nothing misleading"), in both languages. */
const LANGS = [
  { locale: 'en', theme: 'light', nav: { data: 'Data', overview: 'Overview' }, invalid: 'Not saved: correct the marked fields', number: 'Enter a number.' },
  { locale: 'zh-CN', theme: 'dark', nav: { data: '数据', overview: '概览' }, invalid: '未保存：请更正标出的字段', number: '请输入数字。' },
] as const;

async function open(browser: Browser, host: TestHost, lang: (typeof LANGS)[number], hash: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang.locale, colorScheme: lang.theme, viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(host.url + hash);
  await page.locator('.sidebar').waitFor();
  return page;
}

for (const lang of LANGS) {
  test(`overview edits save themselves and survive leaving the page (${lang.locale})`, async ({ browser, host }) => {
    const project = host.services.projects!.create({ name: 'First day', kind: 'course', budget: 120000 });
    const page = await open(browser, host, lang, `#/p/${project.id}/overview`);
    const state = page.getByTestId('save-state');

    // A valid edit, and the page left at once: it is saved on the way out.
    await page.locator('#f-name').fill('First day — 宋画联名');
    await page.locator('.sidebar').getByRole('button', { name: lang.nav.data, exact: true }).click();
    await expect.poll(async () => (await host.services.handlers['projects.get']({ id: project.id })).name).toBe('First day — 宋画联名');

    // A wrong value is never saved, and never lost: it is there on the way back, marked.
    await page.goto(host.url + `#/p/${project.id}/overview`);
    await page.locator('#f-budget').fill('八十万');
    await expect(state).toHaveAttribute('data-state', 'invalid');
    await expect(state).toHaveText(lang.invalid);
    await expect(page.locator('#f-budget-error')).toHaveText(lang.number);
    await page.goto(host.url + `#/p/${project.id}/data`);
    await page.goto(host.url + `#/p/${project.id}/overview`);
    await expect(page.locator('#f-budget')).toHaveValue('八十万');
    await expect(state).toHaveAttribute('data-state', 'invalid');
    expect((await host.services.handlers['projects.get']({ id: project.id })).budget).toBe(120000);
    await screenshot(page, `overview-unsaved-${lang.locale}-${lang.theme}`);

    // Numbers as people type them: 80万, ¥800,000 and 8e5 are all 800,000.
    for (const typed of ['80万', '¥800,000', '8e5']) {
      await page.locator('#f-budget').fill('1');
      await expect(state).toHaveAttribute('data-state', 'saved');
      await page.locator('#f-budget').fill(typed);
      await expect(state).toHaveAttribute('data-state', 'saved');
      expect((await host.services.handlers['projects.get']({ id: project.id })).budget, typed).toBe(800000);
    }
    // "Saved" is a calm pill in the head, not the warning banner.
    await expect(page.getByTestId('save-refusal')).toHaveCount(0);
    const look = await state.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(look).not.toBe(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--warn-soft')));
    await page.reload();
    await expect(page.locator('#f-budget')).toHaveValue('800,000');
    await screenshot(page, `overview-saved-${lang.locale}-${lang.theme}`);
    await page.context().close();
  });
}

test('a fee cap typed as 5万 filters the ranking; text that is not a number is marked, not ignored', async ({ page, host, openApp }) => {
  const job = host.services.jobs.start('demo', {});
  const id = ((await host.services.jobs.wait(job.id)).result as { projectId: number }).projectId;
  await openApp();
  await page.goto(`${host.url}#/p/${id}/partners`);
  const cap = page.getByTestId('fee-cap');
  await cap.fill('5万');
  await cap.blur();
  await expect(cap).toHaveValue('50,000');
  const fees = await host.services.handlers['partners.rank']({ projectId: id, feeCap: 50000 });
  expect(fees.partners.length).toBeGreaterThan(0);
  expect(fees.partners.every((p) => p.fee === null || p.fee <= 50000)).toBe(true);
  await expect(page.getByTestId('ranking')).toContainText(fees.partners[0].name);
  await cap.fill('five');
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').first()).toContainText('Enter a number.');
});
