import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

const fixture = (name: string) => path.resolve('tests/fixtures/import', name);

test('import through the mapping dialog, see the rejected rows, then open an exported file as a copy', async ({ page, host, openApp }) => {
  const project = host.services.projects!.create({ name: '宋画联名 Song painting collab', kind: 'course' });
  await openApp();
  await page.goto(`${host.url}#/p/${project.id}/data`);
  await expect(page.getByRole('heading', { name: 'Data', exact: true })).toBeVisible();

  host.dialogAnswers.push(fixture('catalog.csv'));
  await page.getByTestId('import-catalog').click();
  const dialog = page.getByRole('dialog', { name: 'Import Catalog' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('mapping')).toContainText('课程ID');
  await expect(dialog.getByLabel('Field for column 标题')).toHaveValue('title');
  // Unmapping a required field is caught before anything is written.
  await dialog.getByLabel('Field for column 标题').selectOption('ignore');
  await expect(dialog.getByTestId('mapping-problems')).toContainText('No column goes to the required field title.');
  await expect(dialog.getByTestId('import-start')).toBeDisabled();
  await dialog.getByLabel('Field for column 标题').selectOption('title');
  await dialog.getByLabel('Field for column 简介').selectOption('extra.简介');
  await dialog.getByTestId('import-start').click();

  const rejected = page.getByTestId('rejected');
  await expect(rejected).toContainText('2 rows of Catalog were rejected');
  await expect(rejected).toContainText('title is required');
  await expect(rejected).toContainText('price must be at least 0');
  await expect(page.getByTestId('dataset-table')).toContainText('AI for Everyone');
  // The report of rejected rows saves as CSV (UTF-8 with BOM) where the save dialog says.
  const report = path.join(host.dataDir, 'rejected.csv');
  host.dialogAnswers.push(report);
  await rejected.getByRole('button', { name: 'Save report…' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved ${report}`);
  expect(fs.readFileSync(report, 'utf8')).toBe('\ufeffrow,column,value,reason\r\n4,标题,,title is required\r\n5,价格,-5,price must be at least 0\r\n');
  await expect(page.getByTestId('profiles')).toContainText('price');
  expect(host.services.projects!.get(project.id).datasets).toEqual([expect.objectContaining({ kind: 'catalog', rows: 2 })]);

  // Export the project, then open the file again: it is already here, so open it as a copy.
  const file = path.join(host.dataDir, 'collab.tandem');
  const job = host.services.jobs.start('projectExport', { projectId: project.id, path: file });
  expect((await host.services.jobs.wait(job.id)).state).toBe('done');
  host.dialogAnswers.push(file);
  await page.keyboard.press('Control+o');
  const conflict = page.getByRole('dialog', { name: 'This project is already in your library' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Open as a copy' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.locator('#f-name')).toHaveValue('宋画联名 Song painting collab (copy)');
  expect(host.services.projects!.list({})).toHaveLength(2);
});

const LANGUAGES = [
  { locale: 'en-US', code: 'en', data: 'Data', importTitle: 'Import Audience' },
  { locale: 'zh-CN', code: 'zh-CN', data: '数据', importTitle: '导入受众' },
] as const;

test('screenshots of the data page and the mapping dialog in both languages and themes', async ({ browser, host }) => {
  const job = host.services.jobs.start('demo', {});
  const ended = await host.services.jobs.wait(job.id);
  const demoId = (ended.result as { projectId: number }).projectId;
  for (const lang of LANGUAGES) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang.locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
      const page: Page = await context.newPage();
      await page.goto(host.url.replace('/?', `/?_=${theme}&`) + `#/p/${demoId}/data`);
      await expect(page.getByRole('heading', { name: lang.data, exact: true })).toBeVisible();
      await expect(page.getByTestId('profiles')).toBeVisible();
      await expect(page.getByTestId('dataset-table')).toContainText('u000');
      await screenshot(page, `data-${lang.code}-${theme}`);
      // The audience filtered by a value of one of its attributes.
      const bar = page.getByTestId('audience-filter');
      await bar.locator('select').selectOption('city_tier');
      await bar.locator('input').first().fill('一线');
      await bar.getByRole('button').first().click();
      await expect(bar.getByRole('status')).toContainText(/\d/);
      await page.getByTestId('audience-filter').scrollIntoViewIfNeeded();
      await screenshot(page, `data-filter-${lang.code}-${theme}`);
      // Scrolling deep into 200,000 interactions fetches just the rows in view.
      await page.locator('[data-kind="interactions"]').click();
      await expect(page.getByTestId('dataset-table')).toContainText('item_id');
      await page.getByTestId('dataset-table').evaluate((el) => el.scrollTo(0, 28 * 150_000));
      await expect(page.getByTestId('dataset-table')).toContainText('150,0');
      expect(await page.locator('.vrow').count()).toBeLessThan(80);
      await page.locator('[data-kind="audience"]').click();
      host.dialogAnswers.push(path.resolve('tests/fixtures/import/audience-zh.csv'));
      await page.getByTestId('import-audience').click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await screenshot(page, `import-mapping-${lang.code}-${theme}`);
      await context.close();
    }
  }
});

test('an audience of 400,000 users scrolls from the first row to the last (past the height a browser lays out)', async ({ page, host, openApp }) => {
  const project = host.services.projects!.create({ name: 'Large audience', kind: 'course' });
  const csv = path.join(host.dataDir, 'large.csv');
  const lines = ['user_id,minutes,city_tier'];
  for (let i = 0; i < 400_000; i++) lines.push(`user${i},${i % 500},${['一线', '二线', '三线'][i % 3]}`);
  fs.writeFileSync(csv, lines.join('\n') + '\n');
  const imported = await host.services.jobs.wait(host.services.jobs.start('import', { projectId: project.id, dataset: 'audience', path: csv }).id);
  expect(imported.state).toBe('done');
  await openApp();
  await page.goto(`${host.url}#/p/${project.id}/data`);
  const table = page.getByTestId('dataset-table');
  await expect(table).toContainText('user0');
  // 400,000 rows of 28 px are 11 million pixels: the body is capped and the scrollbar maps onto them.
  const body = await table.locator('.vbody').evaluate((el) => el.getBoundingClientRect().height);
  expect(body).toBeLessThanOrEqual(8_000_000);
  await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table).toContainText('user399999');
  await expect(table).toContainText('400,000');
  await table.evaluate((el) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) / 2));
  await expect(table).toContainText('200,0');
  expect(await page.locator('.vrow').count()).toBeLessThan(80);
  // The rows in view sit inside the table's box, not millions of pixels below it.
  const box = (await table.boundingBox())!;
  const last = (await table.getByText('200,0').first().boundingBox())!;
  expect(last.y).toBeGreaterThanOrEqual(box.y);
  expect(last.y).toBeLessThanOrEqual(box.y + box.height);
  await screenshot(page, 'data-large-audience-en-light');

  // Filtering the 400,000: a text column by a value, a number column by a range, then all again.
  const bar = page.getByTestId('audience-filter');
  await bar.getByLabel('Column').selectOption('city_tier');
  await bar.getByLabel('Equals').fill('二线');
  await bar.getByRole('button', { name: 'Apply' }).click();
  await expect(bar.getByRole('status')).toHaveText('133,333 of 400,000 users match');
  await expect(table).toContainText('user1');
  await expect(table).not.toContainText('user0');
  await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table).toContainText('user399997');
  await bar.getByLabel('Column').selectOption('minutes');
  await bar.getByLabel('At least').fill('10');
  await bar.getByLabel('At most').fill('5');
  // A range upside down is refused at the fields before anything is asked.
  await expect(bar.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await bar.getByLabel('At most').fill('10');
  await bar.getByRole('button', { name: 'Apply' }).click();
  await expect(bar.getByRole('status')).toHaveText('800 of 400,000 users match');
  await expect(table).toContainText('user10');
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(bar.getByRole('status')).toContainText('Filters scan the stored column');
  await expect(table).toContainText('user0');
  // The contract refuses a filter of the wrong kind, naming why.
  await expect(async () => host.services.handlers['datasets.page']({ projectId: project.id, kind: 'audience', offset: 0, limit: 10, filter: { column: 'minutes', equals: '5' } })).rejects.toThrow(/a number: filter it by a range/);
});
