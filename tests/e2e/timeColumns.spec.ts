import fs from 'node:fs';
import path from 'node:path';
import { storedColumnOf } from '../../src/shared/fields';
import { expect, screenshot, test } from './fixtures';

/**
 * Time as event logs write it (issue "Targeting that wins on real data", item 1): a ratings
 * log whose time column is Unix seconds imports every row; the mapping dialog says how the
 * column will be read, and the import summary says how it was.
 */
for (const { locale, theme } of [
  { locale: 'en', theme: 'light' },
  { locale: 'zh-CN', theme: 'dark' },
  { locale: 'zh-CN', theme: 'light' },
  { locale: 'en', theme: 'dark' },
] as const) {
  test(`a log with Unix seconds: the dialog and the summary say how its time column is read (${locale} ${theme})`, async ({ browser, host }) => {
    const project = host.services.projects!.create({ name: `Ratings ${locale} ${theme}`, kind: 'course' });
    const file = path.join(host.dataDir, `ratings-${locale}-${theme}.csv`);
    fs.writeFileSync(file, 'user_id,item_id,rating,timestamp\n196,242,3,881250949\n186,302,3,891717742\n22,377,1,878887116\n244,51,2,880606923\n');
    const context = await browser.newContext({ locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(host.url + `#/p/${project.id}/data`);
    host.dialogAnswers.push(file);
    await page.getByTestId('import-interactions').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('reading-timestamp')).toHaveText(locale === 'en' ? 'Read as Unix seconds (UTC)' : '按 Unix 秒（UTC）读取');
    await screenshot(page, `import-unix-time-dialog-${locale}-${theme}`);
    await dialog.getByTestId('import-start').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('import-notes')).toContainText(locale === 'en' ? 'Column timestamp was read as Unix time in seconds (UTC), for every row.' : '列 timestamp 按 Unix 时间（秒，UTC）读取，全列一致。');
    await screenshot(page, `import-unix-time-summary-${locale}-${theme}`);
    const stored = await host.services.handlers['datasets.page']({ projectId: project.id, kind: 'interactions', offset: 0, limit: 10 });
    expect(stored.total).toBe(4);
    const ts = stored.columns.indexOf(storedColumnOf('timestamp')!);
    expect(ts).toBeGreaterThanOrEqual(0);
    expect(stored.rows.map((r) => r[ts])).toEqual(['1997-12-04 15:55:49', '1998-04-04 19:22:22', '1997-11-07 07:18:36', '1997-11-27 05:02:03']);
    await context.close();
  });
}
