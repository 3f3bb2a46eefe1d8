import fs from 'node:fs';
import path from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

/**
 * Brand personality on the Partners page: the product and a partner rated by hand, another
 * partner from a survey file (one row per respondent), the pair on a radar with the fit per
 * dimension; in both languages and themes.
 */
test('the brand-personality card: ratings by hand and from a survey, the radar and the fit', async ({ browser, host }) => {
  test.setTimeout(300_000);
  const jobs = host.services.jobs as unknown as { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown }> };
  const projectId = ((await jobs.wait(jobs.start('demo', {}).id)).result as { projectId: number }).projectId;
  const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${host.url}#/p/${projectId}/partners`);
  const card = page.getByTestId('personality');
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByText('Rate our product first')).toBeVisible();
  const rate = async (subjectIndex: number, values: number[]) => {
    await card.getByTestId('personality-subject').selectOption({ index: subjectIndex });
    for (const [i, d] of ['sincerity', 'excitement', 'competence', 'sophistication', 'ruggedness'].entries()) await card.getByTestId(`personality-${d}`).fill(String(values[i]));
    await card.getByTestId('personality-save').click();
  };
  await rate(0, [4, 2, 4, 4.5, 1.5]);
  await expect(card.getByText('Rate a shortlisted partner')).toBeVisible();
  // Out of range: said where, and nothing saved.
  await card.getByTestId('personality-sincerity').fill('7');
  await expect(card.getByRole('alert')).toHaveText('Each rating is a number from 1 to 5.');
  await expect(card.getByTestId('personality-save')).toBeDisabled();
  await rate(1, [3, 3, 5, 4, 2]);
  await expect(card.getByTestId('personality-radar').locator('svg, canvas').first()).toBeVisible();
  await expect(card.getByTestId('personality-fit').locator('tbody tr')).toHaveCount(5);
  await expect(card.getByTestId('personality-overall')).toContainText(/Brand-personality fit with .+: 0\.\d\d/);

  const second = (await card.getByTestId('personality-subject').locator('option').nth(2).innerText()).trim();
  const survey = path.join(host.dataDir, 'survey.csv');
  fs.writeFileSync(survey, `\uFEFF评价对象,真诚,刺激,能力,高雅,粗犷\n${Array.from({ length: 24 }, (_, i) => `${second},${3 + (i % 3)},4,3,${2 + (i % 2)},4`).join('\n')}\n`);
  host.dialogAnswers.push(survey);
  await card.getByRole('button', { name: 'Import survey…' }).click();
  await expect(page.getByText(`Read 24 respondents for ${second}`)).toBeVisible();
  await expect(card.locator('.personality-fit select')).toBeVisible();
  await card.getByTestId('personality-subject').selectOption({ index: 2 });
  await expect(card.getByText('Means of 24 respondents (survey.csv).')).toBeVisible();
  await page.context().close();

  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const lang of [{ locale: 'en-US', code: 'en', title: 'Brand personality' }, { locale: 'zh-CN', code: 'zh-CN', title: '品牌个性' }]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 1200 } });
      const p = await context.newPage();
      await p.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${projectId}/partners`);
      const c = p.getByTestId('personality');
      await expect(c.getByRole('heading', { name: lang.title, exact: true })).toBeVisible();
      await expect(c.getByTestId('personality-fit').locator('tbody tr')).toHaveCount(5);
      await c.scrollIntoViewIfNeeded();
      await p.evaluate(() => document.fonts.ready);
      await c.screenshot({ path: path.join(SCREENSHOT_DIR, `partners-personality-${lang.code}-${theme}.png`) });
      await context.close();
    }
  }
});
