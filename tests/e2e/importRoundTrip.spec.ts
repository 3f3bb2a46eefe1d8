import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { storedColumnOf } from '../../src/shared/fields';
import type { DatasetKind } from '../../src/shared/project';
import { expect, screenshot, test } from './fixtures';

/**
 * Every data kind through the mapping dialog, with the dialog's own suggestions, under four
 * styles of header: after the import the dataset holds exactly the mapped columns, with
 * their values, and the import summary names them. Each file carries a refused row and a
 * duplicate key, the case that once dropped every open column of a Chinese-headed audience.
 */
type Style = 'zh' | 'en' | 'mixed' | 'punct';

interface KindCase {
  kind: DatasetKind;
  headers: Record<Style, string[]>;
  /** The targets the suggestions must give, column by column. */
  targets: string[];
  rows: string[][];
}

const CASES: KindCase[] = [
  {
    kind: 'audience',
    headers: {
      zh: ['用户ID', '听课分钟', '城市'],
      en: ['user_id', 'watch_minutes', 'city_tier'],
      mixed: ['User ID', '听课 minutes', 'City 城市'],
      punct: ['User-ID', 'Watch time (min.)', '城市/级别'],
    },
    targets: ['user_id', 'feature.*', 'attribute.*'],
    rows: [['u1', '10', '北京'], ['u2', '20', '上海'], ['u3', 'abc', '广州'], ['u1', '40', '深圳'], ['u4', '50', '杭州'], ['u5', '60', '成都']],
  },
  {
    kind: 'catalog',
    headers: {
      zh: ['课程ID', '标题', '简介', '标签', '分类', '价格', '讲师'],
      en: ['item_id', 'title', 'description', 'tags', 'category', 'price', 'lecturer'],
      mixed: ['Course ID', 'Title', '简介', 'Tags', '分类', 'Price', '讲师 Lecturer'],
      punct: ['Item.ID', 'Title:', 'Description:', '标签/Tags', 'Category', '单价', 'Note, "quoted"'],
    },
    targets: ['item_id', 'title', 'description', 'tags', 'category', 'price', 'extra.*'],
    rows: [
      ['c1', '宋画十二讲', '从范宽到王希孟', '宋画,美育', '艺术', '199', '李老师'],
      ['c2', 'AI for Everyone', 'A plain course', 'AI;tech', 'tech', '-5', 'Ng'],
      ['c3', '千里江山', '青绿山水', '宋画', '艺术', '99', '王老师'],
      ['c1', 'again', 'dup', '', '', '1', 'x'],
    ],
  },
  {
    kind: 'interactions',
    headers: {
      zh: ['用户ID', '课程ID', '行为', '权重', '时间'],
      en: ['user_id', 'item_id', 'event', 'weight', 'timestamp'],
      mixed: ['User ID', '课程ID', 'Event', '权重', 'Time'],
      punct: ['user.id', 'item-id', 'event (type)', 'weight:', 'time/时间'],
    },
    targets: ['user_id', 'item_id', 'event', 'weight', 'timestamp'],
    rows: [
      ['u1', 'c1', 'purchase', '1', '2026-05-01'],
      ['u2', 'c3', 'listen', '2', '2026-05-02'],
      ['u2', 'c1', 'finish', 'many', '2026-05-03'],
      ['u4', 'c3', 'view', '1', '2026-05-04'],
    ],
  },
  {
    kind: 'partners',
    headers: {
      zh: ['合作方ID', '名称', '类型', '行业', '简介', '风格', '粉丝数', '粉丝画像', '声誉', '报价', '冲突标签', '城市'],
      en: ['partner_id', 'name', 'type', 'industry', 'description', 'tags', 'audience_size', 'audience_profile', 'reputation', 'fee', 'conflict_tags', 'city'],
      mixed: ['Partner ID', '名称', 'Type', '行业', 'Description', '风格', 'Followers', '粉丝画像', 'Reputation', '报价', 'Conflicts', 'City 城市'],
      punct: ['Partner-ID', 'Name:', '类型（type）', 'Industry/行业', 'Desc.', 'Style tags', '粉丝 数', 'Audience profile', '声誉 (0-100)', 'Fee', 'Conflict tags', 'HQ (city)'],
    },
    targets: ['partner_id', 'name', 'type', 'industry', 'description', 'tags', 'audience_size', 'audience_profile', 'reputation', 'fee', 'conflict_tags', 'extra.*'],
    rows: [
      ['p1', '故宫文创', 'museum', '文博', '宫廷美学', '国风,宋画', '1200000', '25-40 女性', '92', '300000', '独家:文博', '北京'],
      ['p2', '青绿汽车', 'automaker', '汽车', '新能源', '科技', '800000', '30-45', '150', '500000', '竞品:汽车', '上海'],
      ['p3', '山水画院', 'school', '艺术培训', '国画课程', '宋画', '50000', '家长', '80', '60000', '', '杭州'],
      ['p1', 'dup', '', '', '', '', '', '', '', '', '', ''],
    ],
  },
  {
    kind: 'collaborations',
    headers: {
      zh: ['合作方A', '合作方B', '年份', '合作类型', '结果'],
      en: ['partner_a', 'partner_b', 'year', 'kind', 'outcome'],
      mixed: ['Partner A', '合作方B', 'Year', '合作类型', 'Outcome'],
      punct: ['partner-a', 'partner.b', '年份：', 'Collab type', 'Result (text)'],
    },
    targets: ['partner_a', 'partner_b', 'year', 'kind', 'outcome'],
    rows: [
      ['p1', 'p3', '2024', '联名课程', '成功'],
      ['p1', 'p9', '2023', '展览', 'ok'],
      ['p3', 'p1', '2025', '讲座', '好评'],
    ],
  },
  {
    kind: 'campaigns',
    headers: {
      zh: ['日期', '报名', '花费_抖音', '花费_小红书', '节假日', '活动编号'],
      en: ['period', 'outcome', 'spend_tv', 'spend_search', 'holiday', 'campaign_id'],
      mixed: ['Date', '报名', 'Spend 抖音', '小红书 cost', 'Holiday 节假日', '活动ID'],
      punct: ['Week (start)', 'Sales/销量', 'spend: TV', 'Search-spend', 'promo (0/1)', 'Campaign.ID'],
    },
    targets: ['period', 'outcome', 'spend.*', 'spend.*', 'control.*', 'campaign_id'],
    rows: [
      ['2026-01-05', '120', '1000', '500', '0', 'A'],
      ['2026-01-12', '140', '1200', 'lots', '0', 'A'],
      ['2026-01-19', '160', '1300', '600', '1', 'A'],
      ['2026-01-19', '10', '1', '1', '0', 'B'],
      ['2026-01-26', '150', '0', '700', '0', 'B'],
    ],
  },
  {
    kind: 'actuals',
    headers: {
      zh: ['日期', '报名人数'],
      en: ['date', 'signups'],
      mixed: ['Date', '报名 signups'],
      punct: ['Day (date)', 'Sign-ups (#)'],
    },
    targets: ['date', 'kpi.*'],
    rows: [['2027-01-04', '30'], ['2027-01-05', 'n/a'], ['2027-01-06', '45'], ['2027-01-07', '41'], ['2027-01-08', '52'], ['2027-01-09', '38']],
  },
];

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function writeCase(dir: string, style: Style, c: KindCase): string {
  const file = path.join(dir, `${c.kind}-${style}.csv`);
  const lines = [c.headers[style], ...c.rows].map((r) => r.map(csvCell).join(','));
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

const STYLES: { style: Style; locale: 'en' | 'zh-CN'; theme: 'light' | 'dark' }[] = [
  { style: 'zh', locale: 'zh-CN', theme: 'light' },
  { style: 'punct', locale: 'zh-CN', theme: 'dark' },
  { style: 'en', locale: 'en', theme: 'dark' },
  { style: 'mixed', locale: 'en', theme: 'light' },
];

for (const { style, locale, theme } of STYLES) {
  test(`every kind through the mapping dialog keeps its mapped columns: ${style} headers, ${locale} ${theme}`, async ({ browser, host }) => {
    const project = host.services.projects!.create({ name: `Headers ${style}`, kind: 'course' });
    const context = await browser.newContext({ locale, colorScheme: theme, viewport: { width: 1360, height: 860 } });
    const page: Page = await context.newPage();
    await page.goto(host.url + `#/p/${project.id}/data`);
    await page.getByTestId('import-audience').waitFor();

    for (const c of CASES) {
      const file = writeCase(host.dataDir, style, c);
      host.dialogAnswers.push(file);
      await page.getByTestId(`import-${c.kind}`).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('mapping')).toContainText(c.headers[style][0]);
      // The dialog's suggestions, as they stand.
      const mapping: Record<string, string> = {};
      for (const h of c.headers[style]) mapping[h] = await dialog.locator('tr', { has: page.locator('td b', { hasText: h }) }).first().locator('select').inputValue();
      c.targets.forEach((want, i) => {
        const got = mapping[c.headers[style][i]];
        if (want.endsWith('.*')) expect(got, `${c.kind} ${c.headers[style][i]}`).toMatch(new RegExp(`^${want.slice(0, -2)}\\.`));
        else expect(got, `${c.kind} ${c.headers[style][i]}`).toBe(want);
      });
      await expect(dialog.getByTestId('mapping-problems')).toHaveCount(0);
      await dialog.getByTestId('import-start').click();
      await expect(dialog).toHaveCount(0);

      const expected = Object.values(mapping).map(storedColumnOf).filter((x): x is string => !!x);
      const summary = page.getByTestId('import-columns');
      for (const col of expected) await expect(summary).toContainText(col);
      // What the library holds: the same columns, each with values in the imported rows.
      const stored = await host.services.handlers['datasets.page']({ projectId: project.id, kind: c.kind, offset: 0, limit: 100 });
      for (const col of expected) {
        const i = stored.columns.indexOf(col);
        expect(i, `${c.kind}: column ${col} among ${stored.columns.join(', ')}`).toBeGreaterThanOrEqual(0);
        expect(stored.rows.some((r) => r[i] !== null && r[i] !== ''), `${c.kind}: ${col} has values`).toBe(true);
      }
      // And the export writes them too.
      const out = path.join(host.dataDir, `${c.kind}-${style}-export.csv`);
      const job = host.services.jobs.start('datasetExport', { projectId: project.id, dataset: c.kind, path: out });
      expect((await host.services.jobs.wait(job.id)).state).toBe('done');
      const header = fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0];
      for (const col of expected) expect(header).toContain(col.includes(',') || col.includes('"') ? `"${col.replace(/"/g, '""')}"` : col);
      if (c.kind === 'audience') await screenshot(page, `import-summary-${style}-${locale}-${theme}`);
    }
    await context.close();
  });
}
