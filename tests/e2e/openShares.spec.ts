import path from 'node:path';
import { expect, openIn, screenshot, test } from './fixtures';

/**
 * Robyn's simulated weeks: a fit that forecasts well (R² 0.95 on the held-out weeks) but
 * leaves two channels' shares of media open (P10–P90 wider than a fifth of media). The
 * verdict says so by name, in both languages, instead of "Good".
 */
const LANGS = [
  { locale: 'en', theme: 'light', care: 'Usable with care', open: 'open (P10–P90 up to', fit: 'Fit' },
  { locale: 'zh-CN', theme: 'dark', care: '谨慎使用', open: '数据无法确定', fit: '拟合' },
] as const;


for (const lang of LANGS) {
  test(`a fit that forecasts well but leaves channels' shares open is to be used with care, and names them (${lang.locale})`, async ({ browser, host }) => {
    test.setTimeout(300_000);
    const project = host.services.projects!.create({ name: 'Robyn simulated', kind: 'course', budget: 5_000_000 });
    const csv = path.resolve('tests/fixtures/mmm/robyn_campaigns.csv');
    const imported = await host.services.jobs.wait(host.services.jobs.start('import', { projectId: project.id, dataset: 'campaigns', path: csv }).id);
    expect(imported.state).toBe('done');
    const page = await openIn(browser, host, lang, `#/p/${project.id}/forecast`);
    await page.getByTestId('mmm-fit').click();
    const verdict = page.getByTestId('mmm-verdict');
    await expect(verdict).toHaveAttribute('data-level', 'care', { timeout: 120_000 });
    await expect(verdict).toContainText(lang.care);
    await expect(verdict).toContainText(lang.open);
    // The channels named are those whose interval in the table is that wide.
    await expect(verdict).toContainText('search_S');
    await expect(verdict).not.toContainText('facebook_S');
    await screenshot(page, `verdict-open-shares-${lang.locale}-${lang.theme}`);
    await page.context().close();
  });
}
