import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { expect, screenshot, test } from './fixtures';

/**
 * Files from someone else through the Data page (issue "Hostile files"): text whose bytes do
 * not decode is named by line in the mapping dialog and in the import summary, and a crafted
 * workbook is refused with a message that says where, while the page stays usable.
 */
const COMBOS = [
  { locale: 'zh-CN', theme: 'light' },
  { locale: 'en', theme: 'dark' },
  { locale: 'zh-CN', theme: 'dark' },
  { locale: 'en', theme: 'light' },
] as const;

for (const { locale, theme } of COMBOS) {
  test(`damaged text is named by line and a crafted workbook is refused, located: ${locale} ${theme}`, async ({ browser, host }) => {
    const project = host.services.projects!.create({ name: `Hostile ${locale} ${theme}`, kind: 'course' });
    const context = await browser.newContext({ locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(host.url + `#/p/${project.id}/data`);
    await page.getByTestId('import-audience').waitFor();

    // UTF-8 with two bytes that are not UTF-8 on line 3 (a value cut by another tool).
    const damaged = path.join(host.dataDir, `damaged-${locale}-${theme}.csv`);
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('用户ID,城市,听课分钟\nu1,北京,5\nu2,上'), Buffer.from([0xff, 0xfe]), Buffer.from('海,7\nu3,广州,9\n')]));
    host.dialogAnswers.push(damaged);
    await page.getByTestId('import-audience').click();
    const dialog = page.getByRole('dialog');
    const line = locale === 'en' ? /Line 3 holds bytes that are not valid UTF-8 text/ : /第 3 行含有不是有效 UTF-8 文本的字节/;
    await expect(dialog.getByTestId('preview-notes')).toContainText(line);
    await screenshot(page, `import-damaged-preview-${locale}-${theme}`);
    await dialog.getByTestId('import-start').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('import-notes')).toContainText(line);
    await screenshot(page, `import-damaged-summary-${locale}-${theme}`);
    const stored = await host.services.handlers['datasets.page']({ projectId: project.id, kind: 'audience', offset: 0, limit: 10 });
    expect(stored.total).toBe(3);

    // A 1 KB workbook naming column ZZZZZZ: refused before any row is read, the page still works.
    const bomb = path.join(host.dataDir, `bomb-${locale}-${theme}.xlsx`);
    fs.writeFileSync(
      bomb,
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>user_id</t></is></c></row><row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'),
      }),
    );
    host.dialogAnswers.push(bomb);
    await page.getByTestId('import-audience').click();
    await expect(page.getByText(/row 2: the cell ZZZZZZ2 lies past Excel's last column/)).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await screenshot(page, `import-bomb-refused-${locale}-${theme}`);
    expect((await host.services.handlers['datasets.page']({ projectId: project.id, kind: 'audience', offset: 0, limit: 10 })).total).toBe(3);
    await context.close();
  });
}

for (const { locale, theme } of [COMBOS[0], COMBOS[1]]) {
  test(`evidence that arrived in a project file is marked as from another library, and opens as a copy: ${locale} ${theme}`, async ({ browser, host }) => {
    // A project with evidence, exported and opened back as a copy: its evidence is the sender's now.
    const project = host.services.projects!.create({ name: `Sender ${locale} ${theme}`, kind: 'course' });
    const item = 'project.ad-labelling-cn';
    const evidence = path.join(host.dataDir, `contract-${locale}-${theme}.pdf.bat`);
    fs.writeFileSync(evidence, '@echo off\r\ncalc.exe\r\n');
    await host.services.handlers['checklist.addEvidence']({ projectId: project.id, itemId: item, path: evidence });
    const file = path.join(host.dataDir, `sender-${locale}-${theme}.tandem`);
    const exported = host.services.jobs.start('projectExport', { projectId: project.id, path: file });
    expect((await host.services.jobs.wait(exported.id)).state).toBe('done');
    const opened = host.services.jobs.start('projectOpen', { path: file, as: 'copy', copySuffix: ' (received)' });
    const done = await host.services.jobs.wait(opened.id);
    expect(done.state).toBe('done');
    const copyId = (done.result as { projectId: number }).projectId;

    const context = await browser.newContext({ locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(host.url + `#/p/${copyId}/risk`);
    await page.locator(`tr[data-item="${item}"]`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('evidence-received')).toHaveText(locale === 'en' ? 'From another library' : '来自其他资料库');
    await expect(dialog.locator('.evidence-origin')).toContainText(`sender-${locale}-${theme}.tandem`);
    await screenshot(page, `evidence-received-${locale}-${theme}`);
    const before = host.openedFiles.length;
    await dialog.getByRole('button', { name: /contract-.*\.pdf\.bat/ }).click();
    await expect.poll(() => host.openedFiles.length).toBe(before + 1);
    // Handed to the system as text, never as a batch file.
    expect(host.openedFiles.at(-1)).toMatch(/\.pdf\.bat\.txt$/);
    await expect(page.getByText(locale === 'en' ? /Opened a copy of evidence from another library/ : /已打开来自其他资料库的证据副本/)).toBeVisible();
    await context.close();
  });
}
