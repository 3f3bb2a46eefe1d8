import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDataset, exportRejected } from '../../src/main/data/datasetExport';
import { importFile, type ImportRequest } from '../../src/main/data/importer';
import { readPreview } from '../../src/main/data/preview';
import { DataService } from '../../src/main/data/service';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { audienceFilterSchema } from '../../src/shared/data';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { tempDir } from './helpers';

const fixture = (name: string) => path.resolve('tests/fixtures/import', name);

function setup() {
  const dir = tempDir();
  const lib = openLibrary(dir);
  const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'Import test' }, new Date().toISOString());
  const run = (req: Omit<ImportRequest, 'projectId'>) => importFile(lib.db, { projectId, ...req });
  const rows = (kind: Parameters<DatasetsRepo['page']>[1]) => new DatasetsRepo(lib.db).page(projectId, kind, 0, 1000);
  return { dir, lib, projectId, run, rows };
}

const reasons = (r: { rejected: { row: number; column: string; code: string }[] }) => r.rejected.map((x) => `${x.row}:${x.column}:${x.code}`);

describe('importing each data kind', () => {
  it('audience filter: a value of an attribute or a range of a feature, paged over the matches; refused when it does not fit the column', () => {
    const { lib, projectId, dir } = setup();
    const file = path.join(dir, 'filter.csv');
    const lines = ['user_id,minutes,city'];
    for (let i = 0; i < 70_000; i++) lines.push(`u${i},${i % 100 === 0 ? '' : i % 50},${['一线', '二线'][i % 2]}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    importFile(lib.db, { projectId, kind: 'audience', file });
    const data = new DataService(lib.db);
    const city = data.page(projectId, 'audience', 0, 3, { column: 'city', equals: '二线' });
    expect(city).toMatchObject({ total: 35_000, of: 70_000 });
    expect(city.rows.map((r) => r[0])).toEqual(['u1', 'u3', 'u5']);
    // The last page of the matches lies in the second chunk.
    expect(data.page(projectId, 'audience', 34_999, 5, { column: 'city', equals: '二线' }).rows.map((r) => r[0])).toEqual(['u69999']);
    // A range keeps missing values out; its ends are inclusive.
    const range = data.page(projectId, 'audience', 0, 1000, { column: 'minutes', min: 49, max: 49 });
    expect(range.total).toBe(1_400);
    expect(range.rows.slice(0, 2).map((r) => r[0])).toEqual(['u49', 'u99']);
    expect(data.page(projectId, 'audience', 0, 1, { column: 'minutes', max: 0 }).total).toBe(700);
    expect(data.page(projectId, 'audience', 0, 1, { column: 'city', equals: '三线' }).total).toBe(0);
    expect(() => data.page(projectId, 'audience', 0, 1, { column: 'minutes', equals: '5' })).toThrow(/a number: filter it by a range/);
    expect(() => data.page(projectId, 'audience', 0, 1, { column: 'city', min: 1 })).toThrow(/text: filter it by a value/);
    expect(() => data.page(projectId, 'audience', 0, 1, { column: 'age', equals: 'x' })).toThrow(/no column "age"/);
    expect(() => data.page(projectId, 'catalog', 0, 1, { column: 'price', min: 1 })).toThrow(/Only an audience/);
    expect(audienceFilterSchema.safeParse({ column: 'minutes', min: 5, max: 1 }).success).toBe(false);
    expect(audienceFilterSchema.safeParse({ column: 'city', equals: 'a', min: 1 }).success).toBe(false);
    // Imported again with other users, the same filter answers for the new audience.
    fs.writeFileSync(file, 'user_id,minutes,city\nz1,1,二线\nz2,2,一线\n');
    importFile(lib.db, { projectId, kind: 'audience', file, mode: 'replace' });
    expect(data.page(projectId, 'audience', 0, 10, { column: 'city', equals: '二线' })).toMatchObject({ total: 1, of: 2, rows: [['z1', 1, '二线']] });
  });

  it.each([false, true])('audience across column chunks (writer thread: %s): a user repeated two chunks later or already stored is refused, located; the rest kept in file order', (writerThread) => {
    const { lib, projectId, dir } = setup();
    const n = 140_000;
    const file = path.join(dir, 'many.csv');
    const lines = ['user_id,minutes,city'];
    for (let i = 0; i < n; i++) lines.push(`u${(i * 11) % n},${i % 97},${['一线', '二线', ''][i % 3]}`);
    // The first user again, 140,000 rows later: far past the chunks held in memory.
    lines.push('u0,1,一线');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const first = importFile(lib.db, { projectId, kind: 'audience', file }, undefined, { writerThread });
    expect(first).toMatchObject({ rowsRead: n + 1, rowsImported: n, rowsRejected: 1 });
    expect(reasons(first)).toEqual([`${n + 2}:user_id:duplicate`]);
    const repo = new DatasetsRepo(lib.db);
    expect(repo.page(projectId, 'audience', 65_535, 3).map((r) => r.userId)).toEqual([65_535, 65_536, 65_537].map((i) => `u${(i * 11) % n}`));
    expect(repo.page(projectId, 'audience', n - 1, 5)).toEqual([{ userId: `u${((n - 1) * 11) % n}`, features: { minutes: (n - 1) % 97 }, attributes: { city: '二线' } }]);
    // Appending: users stored in the first and the third chunk are refused; a new one is kept.
    const more = path.join(dir, 'more.csv');
    fs.writeFileSync(more, `user_id,minutes,city\nu${(5 * 11) % n},1,一线\nnew1,2,三线\nu${(139_000 * 11) % n},3,\n`);
    const again = importFile(lib.db, { projectId, kind: 'audience', file: more, mode: 'append' }, undefined, { writerThread });
    expect(reasons(again)).toEqual(['2:user_id:duplicate', '4:user_id:duplicate']);
    expect(repo.count(projectId, 'audience')).toBe(n + 1);
    expect(repo.page(projectId, 'audience', n, 1)).toEqual([{ userId: 'new1', features: { minutes: 2 }, attributes: { city: '三线' } }]);
  });


  it.each([false, true])('a refused user leaves no trace of its values (writer thread: %s): not in the stored dictionary, not in the profile, even when a kept user brings the value batches later', (writerThread) => {
    const { lib, projectId, dir } = setup();
    const file = path.join(dir, 'ghost.csv');
    const lines = ['user_id,minutes,city,tier'];
    for (let i = 0; i < 10_000; i++) lines.push(`u${i},${i % 7},${['一线', '二线'][i % 2]},t${i % 3}`);
    // Repeats early on (first batch) carry values no kept user has yet; one of them, 幽灵, comes back
    // with a kept user three batches later, the other (鬼城) never does.
    lines.splice(3, 0, 'u0,1,幽灵,t9', 'u1,2,鬼城,t9');
    lines.push('late,3,幽灵,t1');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const r = importFile(lib.db, { projectId, kind: 'audience', file }, undefined, { writerThread });
    expect(reasons(r)).toEqual(['4:user_id:duplicate', '5:user_id:duplicate']);
    const store = new DatasetsRepo(lib.db);
    expect(store.page(projectId, 'audience', 10_000, 1)).toEqual([{ userId: 'late', features: { minutes: 3 }, attributes: { city: '幽灵', tier: 't1' } }]);
    expect(store.page(projectId, 'audience', 0, 2).map((u) => u.attributes)).toEqual([{ city: '一线', tier: 't0' }, { city: '二线', tier: 't1' }]);
    const profile = new DataService(lib.db).list(projectId)[0].profile!;
    const city = profile.columns.find((c) => c.name === 'city')!;
    expect(city).toMatchObject({ distinct: 3, histogram: [{ label: '一线', count: 5000 }, { label: '二线', count: 5000 }, { label: '幽灵', count: 1 }] });
    expect(profile.columns.find((c) => c.name === 'tier')).toMatchObject({ distinct: 3 });
    expect(profile.columns.find((c) => c.name === 'minutes')).toMatchObject({ min: 0, max: 6 });
    // The stored dictionaries hold only kept users' values: the refused users' 鬼城 and t9 are not in them.
    expect(store.audience.dictionary(projectId, 0).sort()).toEqual(['一线', '二线', '幽灵'].sort());
    expect(store.audience.dictionary(projectId, 1).sort()).toEqual(['t0', 't1', 't2']);
    expect(new DataService(lib.db).page(projectId, 'audience', 0, 5, { column: 'city', equals: '鬼城' })).toMatchObject({ total: 0 });
    expect(new DataService(lib.db).page(projectId, 'audience', 0, 5, { column: 'city', equals: '幽灵' })).toMatchObject({ total: 1 });
  });
  it('audience: suggests the fields from Chinese headers, reads GBK, numbers become features and text attributes', () => {
    const { run, rows, dir } = setup();
    const file = path.join(dir, 'aud.csv');
    fs.writeFileSync(file, Buffer.from('用户ID,收听分钟,消费金额,城市级别\r\nu1,120,"¥1,200",一线\r\nu2,30,12.5%,二线\r\nu3,abc,5,三线\r\nu1,1,1,一线\r\n,2,2,二线\r\n', 'utf8'));
    const r = run({ kind: 'audience', file });
    expect(r).toMatchObject({ rowsRead: 5, rowsImported: 2, rowsRejected: 3, written: true, encoding: 'utf-8', delimiter: ',' });
    expect(reasons(r)).toEqual(['4:收听分钟:number', '5:用户ID:duplicate', '6:用户ID:required']);
    expect(rows('audience')).toEqual([
      { userId: 'u1', features: { 收听分钟: 120, 消费金额: 1200 }, attributes: { 城市级别: '一线' } },
      { userId: 'u2', features: { 收听分钟: 30, 消费金额: 0.125 }, attributes: { 城市级别: '二线' } },
    ]);
    // A duplicate key makes the profile come from the table: it must read it under the new layout.
    expect(r.columns).toEqual(['user_id', '收听分钟', '消费金额', '城市级别']);
  });

  it('a replace whose rows hit the key keeps every column in the profile, the table and the export', () => {
    const { run, lib, projectId, dir } = setup();
    const first = path.join(dir, 'old.csv');
    fs.writeFileSync(first, 'user_id,minutes\nu1,1\nu2,2\n');
    run({ kind: 'audience', file: first });
    const file = path.join(dir, 'new.csv');
    fs.writeFileSync(file, '用户ID,听课分钟,城市\nu1,10,北京\nu1,20,上海\nu3,30,广州\n');
    const r = run({ kind: 'audience', file, mode: 'replace' });
    expect(r.columns).toEqual(['user_id', '听课分钟', '城市']);
    const service = new DataService(lib.db);
    expect(service.list(projectId)[0].profile!.columns.map((c) => c.name)).toEqual(['user_id', '听课分钟', '城市']);
    expect(service.page(projectId, 'audience', 0, 10)).toMatchObject({ columns: ['user_id', '听课分钟', '城市'], rows: [['u1', 10, '北京'], ['u3', 30, '广州']] });
    const out = path.join(dir, 'out.csv');
    exportDataset(lib.db, projectId, 'audience', out);
    expect(fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0]).toBe('user_id,听课分钟,城市');
  });

  it('profiles every column as it imports: type, missing share, min/mean/max, histogram, top values', () => {
    const { run, lib, projectId, dir } = setup();
    const file = path.join(dir, 'aud.csv');
    let text = 'user_id,minutes,city\n';
    for (let i = 0; i < 1000; i++) text += `u${i},${i % 10 === 0 ? '' : i === 999 ? 100000 : i % 100},${['一线', '二线', '二线'][i % 3]}\n`;
    fs.writeFileSync(file, text);
    run({ kind: 'audience', file });
    const profile = new DataService(lib.db).list(projectId)[0].profile!;
    const minutes = profile.columns.find((c) => c.name === 'minutes')!;
    expect(minutes).toMatchObject({ type: 'number', missing: 0.1, min: 1, max: 100000 });
    const values = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 10 !== 0).map((i) => (i === 999 ? 100000 : i % 100));
    expect(minutes.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    expect(minutes.histogram.reduce((n, b) => n + b.count, 0)).toBe(900);
    // The one heavy user sits in the last bin instead of squashing the rest into the first.
    expect(minutes.histogram.at(-1)!.label).toMatch(/^≥/);
    expect(minutes.histogram[0].count).toBeLessThan(200);
    const city = profile.columns.find((c) => c.name === 'city')!;
    expect(city).toMatchObject({ type: 'text', missing: 0, distinct: 2, histogram: [{ label: '二线', count: 666 }, { label: '一线', count: 334 }] });
    expect(profile.columns.find((c) => c.name === 'user_id')).toMatchObject({ type: 'id', distinct: 1000 });
  });

  it('catalog, interactions (with references checked), partners (TSV, ranges), collaborations, campaigns, actuals', () => {
    const { run, rows } = setup();
    const cat = run({ kind: 'catalog', file: fixture('catalog.csv') });
    expect(reasons(cat)).toEqual(['4:标题:required', '5:价格:min']);
    expect(rows('catalog')[1]).toMatchObject({ itemId: 'c2', title: 'AI for Everyone', tags: ['tech', 'ai'], category: '科技', price: 1299 });

    // Interactions before the audience: users cannot be checked yet, and a note says so.
    const early = run({ kind: 'interactions', file: fixture('interactions.csv') });
    expect(early.notes).toContainEqual({ key: 'import.note.refsUnchecked', params: { kind: 'audience' } });
    expect(reasons(early)).toEqual(['5:course_id:unknownItem', '6:weight:number']);
    expect(rows('interactions')[0]).toEqual({ userId: 'u1', itemId: 'c1', event: 'listen', weight: 1, ts: '2024-05-01 08:00:00' });

    const partners = run({ kind: 'partners', file: fixture('partners.tsv') });
    expect(partners.delimiter).toBe('\t');
    expect(reasons(partners)).toEqual(['3:声誉:max', '4:报价:min', '5:合作方ID:duplicate']);
    expect(rows('partners')[0]).toMatchObject({ partnerId: 'p1', name: '故宫文创', tags: ['国潮', '传统'], audienceSize: 12000, reputation: 92, fee: 300000 });

    const collab = run({ kind: 'collaborations', file: fixture('collaborations.csv') });
    // p2 was refused, so it is unknown too: references follow what was imported.
    expect(reasons(collab)).toEqual(['2:partner_b:unknownPartner', '3:partner_b:selfEdge', '4:partner_b:unknownPartner', '5:year:number']);
    expect(collab.rowsImported).toBe(0);

    const camp = run({ kind: 'campaigns', file: fixture('campaigns.csv') });
    expect(reasons(camp)).toEqual(['4:revenue:required', '5:抖音花费:min']);
    expect(rows('campaigns')[1]).toEqual({
      period: '2024-01-08',
      outcome: 1100,
      spend: { tv: 0, 抖音: 60, search: 20 },
      controls: { holiday: 1, events: 'promo' },
      campaignId: null,
    });

    const act = run({ kind: 'actuals', file: fixture('actuals.csv') });
    expect(reasons(act)).toEqual(['4:日期:duplicate', '5:日期:date']);
    expect(rows('actuals')[0]).toEqual({ date: '2024-06-01', kpis: { 注册: 120, 销售额: 12000 } });
  });

  it('strict mode writes nothing when a row is refused; a second import must choose replace or append', () => {
    const { run, rows } = setup();
    const strict = run({ kind: 'catalog', file: fixture('catalog.csv'), strict: true });
    expect(strict).toMatchObject({ written: false, rowsImported: 0, rowsRejected: 2 });
    expect(rows('catalog')).toEqual([]);
    run({ kind: 'catalog', file: fixture('catalog.csv') });
    expect(() => run({ kind: 'catalog', file: fixture('catalog.csv') })).toThrowError(/already holds 2 catalog rows: choose to replace them or append/);
    const again = run({ kind: 'catalog', file: fixture('catalog.csv'), mode: 'append' });
    // Appending the same items again: every one is a duplicate, never a silent second copy.
    expect(again.rejected.filter((r) => r.code === 'duplicate').map((r) => r.value)).toEqual(['c1', 'c2']);
    expect(rows('catalog')).toHaveLength(2);
    run({ kind: 'catalog', file: fixture('catalog.csv'), mode: 'replace' });
    expect(rows('catalog')).toHaveLength(2);
  });

  it('refuses a mapping without a required field or with a field twice, naming it, and writes nothing', () => {
    const { run, rows } = setup();
    expect(() => run({ kind: 'catalog', file: fixture('catalog.csv'), mapping: { 标题: 'ignore' } })).toThrowError(/no column is mapped to the required field title/);
    expect(() => run({ kind: 'catalog', file: fixture('catalog.csv'), mapping: { 简介: 'title' } })).toThrowError(/title is mapped from more than one column/);
    expect(() => run({ kind: 'catalog', file: fixture('catalog.csv'), mapping: { nope: 'title' } })).toThrowError(/The file has no column "nope"/);
    expect(rows('catalog')).toEqual([]);
  });

  it('a remembered mapping covers only the columns the new file has: a missing key column is refused, not a crash', () => {
    // Found by the fuzz test: the second file's columns are all remembered, but its user_id column is gone.
    const { dir, run, rows } = setup();
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, ',用户ID,收听分钟\nx,u1,5\ny,u2,7\n');
    expect(run({ kind: 'audience', file: first }).rowsImported).toBe(2);
    const second = path.join(dir, 'second.csv');
    fs.writeFileSync(second, ',收听分钟\nx,5\n');
    expect(() => run({ kind: 'audience', file: second, mode: 'replace' })).toThrowError(/no column is mapped to the required field user_id/);
    expect(rows('audience')).toHaveLength(2);
  });

  it('remembers the mapping per project and kind, and the preview offers it with the inferred types', () => {
    const { lib, projectId, run } = setup();
    run({ kind: 'catalog', file: fixture('catalog.csv'), mapping: { 简介: 'extra.blurb' } });
    const { remembered, existingRows } = new DataService(lib.db).previewContext(projectId, 'catalog');
    const preview = readPreview(fixture('catalog.csv'), 'catalog', remembered, existingRows);
    expect(preview.remembered).toMatchObject({ 简介: 'extra.blurb', 课程ID: 'item_id' });
    expect(preview.suggested).toEqual(preview.remembered);
    expect(preview.inferred).toMatchObject({ 课程ID: 'text', 价格: 'number' });
    expect(preview.existingRows).toBe(2);
  });

  it('reads XLSX sheets by name: shared strings, inline strings, dates styled as dates', () => {
    const { dir, run, rows } = setup();
    const file = path.join(dir, 'book.xlsx');
    const sheet = (rowsXml: string) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
    fs.writeFileSync(
      file,
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="数据" sheetId="2" r:id="rId2"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>'),
        'xl/sharedStrings.xml': strToU8('<sst><si><t>日期</t></si><si><t>注册</t></si><si><r><t>销</t></r><r><t>售额</t></r></si></sst>'),
        'xl/styles.xml': strToU8('<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
        'xl/worksheets/sheet1.xml': strToU8(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>read me</t></is></c></row>')),
        'xl/worksheets/sheet2.xml': strToU8(
          sheet(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
              '<row r="2"><c r="A2" s="1"><v>45413</v></c><c r="B2"><v>12</v></c><c r="C2"><v>99.5</v></c></row>' +
              '<row r="4"><c r="A4" s="1"><v>45414</v></c><c r="C4"><v>7</v></c></row>',
          ),
        ),
      }),
    );
    expect(() => run({ kind: 'actuals', file, sheet: '没有' })).toThrowError(/has no sheet named "没有" \(it has: 说明, 数据\)/);
    const r = run({ kind: 'actuals', file, sheet: '数据' });
    expect(r).toMatchObject({ format: 'xlsx', sheet: '数据', rowsImported: 2 });
    expect(rows('actuals')).toEqual([
      { date: '2024-05-01', kpis: { 注册: 12, 销售额: 99.5 } },
      { date: '2024-05-02', kpis: { 销售额: 7 } },
    ]);
  });

  it('exports a dataset to CSV (UTF-8 with BOM) and XLSX that import back the same', () => {
    const { dir, run, rows, lib, projectId } = setup();
    run({ kind: 'partners', file: fixture('partners.tsv') });
    const before = rows('partners');
    for (const ext of ['csv', 'xlsx']) {
      const out = path.join(dir, `partners.${ext}`);
      expect(exportDataset(lib.db, projectId, 'partners', out).rows).toBe(before.length);
      if (ext === 'csv') expect([...fs.readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const again = run({ kind: 'partners', file: out, mode: 'replace' });
      expect(again.rejected).toEqual([]);
      expect(rows('partners')).toEqual(before);
    }
    const report = path.join(dir, 'rejected.csv');
    exportRejected([{ row: 3, column: '声誉', value: '105', reason: 'reputation must be at most 100' }], report);
    expect(fs.readFileSync(report, 'utf8')).toBe('\ufeffrow,column,value,reason\r\n3,声誉,105,reputation must be at most 100\r\n');
  });
});

describe('time as event logs write it', () => {
  it('a ratings log with Unix seconds imports every row, its time column read one way and said so', () => {
    const { dir, run, lib, projectId } = setup();
    const file = path.join(dir, 'ratings.tsv');
    // The public ratings log's layout: user, item, rating, Unix seconds (nine digits in 1997).
    fs.writeFileSync(file, 'user_id\titem_id\trating\ttimestamp\n196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n244\t51\t2\t880606923\n');
    const { remembered, existingRows } = new DataService(lib.db).previewContext(projectId, 'interactions');
    const preview = readPreview(file, 'interactions', remembered, existingRows);
    expect(preview.suggested.timestamp).toBe('timestamp');
    expect(preview.timeReadings).toEqual({ timestamp: 'unixSeconds' });
    const r = run({ kind: 'interactions', file });
    expect(r).toMatchObject({ rowsRead: 4, rowsImported: 4, rowsRejected: 0 });
    expect(r.notes).toContainEqual({ key: 'import.note.read.unixSeconds', params: { column: 'timestamp' } });
    const stored = lib.db.prepare('SELECT ts FROM interactions WHERE project_id = ? ORDER BY rowid').pluck().all(projectId);
    expect(stored).toEqual(['1997-12-04 15:55:49', '1998-04-04 19:22:22', '1997-11-07 07:18:36', '1997-11-27 05:02:03']);
  });

  it('a column of YYYYMMDD numbers is read as dates for every row, and a stray value is refused by line', () => {
    const { dir, run, lib, projectId } = setup();
    const file = path.join(dir, 'events.csv');
    fs.writeFileSync(file, 'user_id,item_id,time\nu1,c1,20240501\nu2,c1,20240502\nu3,c2,1714550400\n');
    const r = run({ kind: 'interactions', file });
    expect(r.notes.filter((n) => n.key.startsWith('import.note.read.'))).toEqual([]);
    // Two readings in one column: none is forced; each value reads alone (the Unix one as a time).
    expect(lib.db.prepare('SELECT ts FROM interactions WHERE project_id = ? ORDER BY rowid').pluck().all(projectId)).toEqual(['2024-05-01', '2024-05-02', '2024-05-01 08:00:00']);
    const column = path.join(dir, 'dates.csv');
    fs.writeFileSync(column, `user_id,item_id,time\n${Array.from({ length: 250 }, (_, i) => `u${i},c1,202405${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\nlate,c1,1714550400\n`);
    const again = run({ kind: 'interactions', file: column, mode: 'replace' });
    expect(again.notes).toContainEqual({ key: 'import.note.read.yyyymmdd', params: { column: 'time' } });
    expect(again.rejected).toEqual([expect.objectContaining({ row: 252, column: 'time', reason: expect.stringContaining('is not a date written YYYYMMDD, as the rest of its column is') })]);
  });
});
