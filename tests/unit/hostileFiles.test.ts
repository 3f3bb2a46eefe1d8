import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { filesNamedIn } from '../../src/main/api/pathGrants';
import { createServices } from '../../src/main/core/services';
import { CALL_NAMES, contract } from '../../src/shared/contract';
import { exportDataset } from '../../src/main/data/datasetExport';
import { mostlyUtf8 } from '../../src/main/data/encoding';
import { checkProjectFile } from '../../src/main/projectFile/inspect';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { safeOpenName } from '../../src/main/risk/evidenceOpen';
import { importFile } from '../../src/main/data/importer';
import { inert } from '../../src/main/data/tableWriter';
import { APP_ENTRY, appAssetPath, isSameAppUrl } from '../../src/main/appUrl';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { ReportSettingsStore } from '../../src/main/report/reportSettings';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { tempDir } from './helpers';

/** Crafted files from someone else (issue "Hostile files"): refused or neutralised, never run, never a crash. */
function setup() {
  const dir = tempDir();
  const lib = openLibrary(dir);
  const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'Hostile' }, new Date().toISOString());
  return { dir, lib, projectId };
}

function workbook(file: string, rowsXml: string): void {
  fs.writeFileSync(
    file,
    zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?><worksheet><sheetData>${rowsXml}</sheetData></worksheet>`),
    }),
  );
}

describe('hostile spreadsheets', () => {
  it('a 1 KB XLSX naming column ZZZZZZ is refused, located, without padding the row to millions of cells', () => {
    const { dir, lib, projectId } = setup();
    const file = path.join(dir, 'bomb.xlsx');
    workbook(file, '<row r="1"><c r="A1" t="inlineStr"><is><t>user_id</t></is></c></row><row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>');
    expect(fs.statSync(file).size).toBeLessThan(1024);
    const before = process.memoryUsage().rss;
    expect(() => importFile(lib.db, { projectId, kind: 'audience', file })).toThrowError(/row 2: the cell ZZZZZZ2 lies past Excel's last column \(XFD, 16,384 columns\)/);
    // Nothing was written, and the process did not balloon (the old reader reached 2.6 GB).
    expect(new DatasetsRepo(lib.db).count(projectId, 'audience')).toBe(0);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
  });

  it('a cell in XFD, Excel’s last column, still reads', () => {
    const { dir, lib, projectId } = setup();
    const file = path.join(dir, 'wide.xlsx');
    workbook(file, '<row r="1"><c r="A1" t="inlineStr"><is><t>user_id</t></is></c><c r="XFD1" t="inlineStr"><is><t>last</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>u1</t></is></c><c r="XFD2"><v>5</v></c></row>');
    const r = importFile(lib.db, { projectId, kind: 'audience', file });
    expect(r.rowsImported).toBe(1);
    expect(r.columns).toContain('last');
  });
});

describe('hostile values', () => {
  it('one 1 MB shared string referenced from 600 numeric cells is refused with short, located reasons; nothing is kept whole', () => {
    const { dir, lib, projectId } = setup();
    const file = path.join(dir, 'huge.xlsx');
    const col = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
    const cells = (row: number, f: (i: number) => string) => Array.from({ length: 601 }, (_, i) => `<c r="${col(i)}${row}"${f(i)}</c>`).join('');
    const header = cells(1, (i) => ` t="inlineStr"><is><t>${i ? `f${i}` : 'user_id'}</t></is>`);
    const good = (row: number) => cells(row, (i) => (i ? '><v>1</v>' : ` t="inlineStr"><is><t>u${row}</t></is>`));
    const bad = cells(6, (i) => (i ? ' t="s"><v>0</v>' : ' t="inlineStr"><is><t>u6</t></is>'));
    fs.writeFileSync(
      file,
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/sharedStrings.xml': strToU8(`<sst><si><t>${'x'.repeat(1 << 20)}</t></si></sst>`),
        'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData><row r="1">${header}</row>${[2, 3, 4, 5].map((r) => `<row r="${r}">${good(r)}</row>`).join('')}<row r="6">${bad}</row></sheetData></worksheet>`),
      }),
    );
    const r = importFile(lib.db, { projectId, kind: 'audience', file });
    expect(r).toMatchObject({ rowsImported: 4, rowsRejected: 1, rejectedTotal: 600 });
    expect(r.rejected[0]).toMatchObject({ row: 6, column: 'f1', code: 'number' });
    expect(Math.max(...r.rejected.map((x) => x.value.length))).toBeLessThanOrEqual(200);
    expect(Math.max(...r.rejected.map((x) => x.reason.length))).toBeLessThanOrEqual(200);
    const stored = lib.db.prepare('SELECT length(rejected) FROM import_reports WHERE project_id = ?').pluck().get(projectId) as number;
    expect(stored).toBeLessThan(600 * 600);
  });
});

describe('exports that cannot run', () => {
  it('writes formula-like text with a leading apostrophe in CSV; numbers and ordinary text unchanged', () => {
    for (const bad of ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", '@SUM(A1:A2)', '=DDE("cmd";"/C calc";"x")', '-2+3+cmd|x', '\t=1+2', '\r=1']) expect(inert(bad), bad).toBe(`'${bad}`);
    for (const ok of ['-5', '+86', '1,200.5', '-12.5%', '宋画', 'user=1', 'a-b', '']) expect(inert(ok), ok).toBe(ok);
  });

  it('a partner list received with formulas in it exports as inert text', () => {
    const { dir, lib, projectId } = setup();
    const file = path.join(dir, 'partners.csv');
    fs.writeFileSync(file, 'partner_id,name,description\np1,"=HYPERLINK(""http://evil.example"",""open"")",@SUM(A1)\np2,"+cmd|\' /C calc\'!A0",-3\n');
    importFile(lib.db, { projectId, kind: 'partners', file });
    const out = path.join(dir, 'out.csv');
    exportDataset(lib.db, projectId, 'partners', out);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain("'+cmd|' /C calc'!A0");
    expect(text).not.toMatch(/(^|,)[=+@]/m);
  });
});

describe('evidence from someone else opens as data, never as a program', () => {
  it('names the copy so that only viewable types keep their extension', () => {
    expect(safeOpenName('licence-summary.pdf')).toEqual({ name: 'licence-summary.pdf', renamed: false });
    expect(safeOpenName('PIPL-consent-signed.pdf.bat').name).toBe('PIPL-consent-signed.pdf.bat.txt');
    for (const bad of ['run.cmd', 'page.hta', 'x.js', 'short.lnk', 'setup.exe', 'screen.scr', 'pkg.msi', 'evil.bat.', 'evil.bat  ', 'macro.xlsm', 'image.svg', 'noext']) {
      expect(safeOpenName(bad).name, bad).toMatch(/\.txt$/);
    }
    expect(safeOpenName('..').name).toBe('evidence.txt');
    expect(safeOpenName('../../etc/passwd').name).toBe('passwd.txt');
    expect(safeOpenName('C:\\\\Windows\\\\x.pdf').name).toBe('x.pdf');
  });

  it('opening a .bat evidence hands the system a .txt copy, under the data folder', async () => {
    const dataDir = tempDir();
    const opened: string[] = [];
    const services = createServices({ dataDir, locale: 'en', dialogs: { open: async () => null, save: async () => null, openFile: async (f) => void opened.push(f) } });
    try {
      const project = services.projects!.create({ name: 'Evidence' });
      const item = services.handlers['checklist.get']({ projectId: project.id }) as Awaited<ReturnType<(typeof services.handlers)['checklist.get']>>;
      const itemId = item.items[0].id;
      const file = path.join(dataDir, 'PIPL-consent-signed.pdf.bat');
      fs.writeFileSync(file, '@echo off\r\ncalc.exe\r\n');
      const view = await services.handlers['checklist.addEvidence']({ projectId: project.id, itemId, path: file });
      const sha256 = view.items.find((i) => i.id === itemId)!.evidence[0].sha256;
      const r = await services.handlers['checklist.openEvidence']({ projectId: project.id, itemId, sha256 });
      expect(opened).toEqual([r.path]);
      expect(path.basename(r.path)).toBe('PIPL-consent-signed.pdf.bat.txt');
      expect(r.path.startsWith(dataDir)).toBe(true);
      expect(fs.readFileSync(r.path, 'utf8')).toContain('calc.exe');
    } finally {
      await services.close();
    }
  });
});

describe('a crafted project file', () => {
  it('is compared with Tandem’s schema before its own constraints run: a CHECK of its own is refused as tampering, never evaluated', () => {
    const { dir, lib, projectId } = setup();
    const file = path.join(dir, 'crafted.tandem');
    exportProject(lib.db, projectId, file);
    const raw = new Database(file);
    raw.pragma('ignore_check_constraints = ON');
    raw.exec('CREATE TABLE slow (x INTEGER CHECK (x < 0))');
    const insert = raw.prepare('INSERT INTO slow VALUES (?)');
    for (let i = 0; i < 40; i++) insert.run(i);
    raw.close();
    const scratch = path.join(dir, 'scratch');
    // Before: the integrity check ran first, evaluated the file's own CHECK and called the file "damaged".
    expect(() => checkProjectFile(file, scratch)).toThrowError(/does not have the structure Tandem writes \(table slow\)/);
    // And the refusal leaves no scratch copy behind.
    expect(fs.readdirSync(scratch)).toEqual([]);
  });
});

describe('the app’s own page, as the navigation guard and the IPC sender check see it', () => {
  const app = 'file:///opt/Tandem/resources/app.asar/out/renderer/index.html';
  it('accepts the page itself, with any route', () => {
    expect(isSameAppUrl(app, app)).toBe(true);
    expect(isSameAppUrl(`${app}#/project/3/data`, app)).toBe(true);
    expect(isSameAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
  });
  it('refuses a file: URL on another host with the same path (every file: origin is "null"), and anything else', () => {
    expect(isSameAppUrl('file://attacker.example/opt/Tandem/resources/app.asar/out/renderer/index.html', app)).toBe(false);
    expect(isSameAppUrl('file:///tmp/index.html', app)).toBe(false);
    expect(isSameAppUrl('https://opt/Tandem/resources/app.asar/out/renderer/index.html', app)).toBe(false);
    expect(isSameAppUrl('http://user:pw@localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isSameAppUrl('not a url', app)).toBe(false);
  });
});

describe('the renderer served from app://tandem', () => {
  const root = '/opt/Tandem/resources/app.asar/out/renderer';
  it('maps the app’s own URLs to files under the renderer folder', () => {
    expect(appAssetPath(root, APP_ENTRY)).toBe(`${root}/index.html`);
    expect(appAssetPath(root, 'app://tandem/')).toBe(`${root}/index.html`);
    expect(appAssetPath(root, 'app://tandem/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(appAssetPath(root, 'app://tandem/assets/Noto%20Sans.woff2')).toBe(`${root}/assets/Noto Sans.woff2`);
    expect(appAssetPath('C:\\Tandem\\renderer', 'app://tandem/assets/a.css', '\\')).toBe('C:\\Tandem\\renderer\\assets\\a.css');
    expect(isSameAppUrl(`${APP_ENTRY}#/p/1/data`, APP_ENTRY)).toBe(true);
  });
  it('serves nothing outside it: traversal, encoded traversal, backslashes, NUL, drive letters, other hosts and schemes', () => {
    // The URL parser folds `..` and `%2e%2e` segments itself: they end at the folder's top, inside it.
    for (const url of ['app://tandem/../../../etc/passwd', 'app://tandem/%2e%2e/%2e%2e/etc/passwd']) expect(appAssetPath(root, url)).toBe(`${root}/etc/passwd`);
    for (const url of [
      'app://tandem/assets/..%2f..%2fsecret',
      'app://tandem/assets%5c..%5c..%5csecret',
      'app://tandem/a%00.js',
      'app://tandem/C:/Windows/win.ini',
      'app://tandem/%E0%A4%A',
      'app://other/index.html',
      'file:///opt/Tandem/resources/app.asar/out/renderer/index.html',
      'not a url',
    ]) expect(appAssetPath(root, url), url).toBeNull();
    expect(isSameAppUrl('app://other/index.html', APP_ENTRY)).toBe(false);
  });
});

describe('a renderer names only files the user chose', () => {
  it('a path no dialog returned is refused; the one the dialog returned is read, and only read', async () => {
    const dataDir = tempDir();
    const answers: string[] = [];
    const services = createServices({ dataDir, locale: 'en', dialogs: { open: async () => answers.shift() ?? null, save: async () => answers.shift() ?? null, openFile: async () => {} } });
    try {
      const project = services.projects!.create({ name: 'Grants' });
      const secret = path.join(dataDir, 'id_rsa.csv');
      fs.writeFileSync(secret, 'key\nPRIVATE\n');
      const preview = { projectId: project.id, kind: 'audience', path: secret };
      const refused = await services.rendererCall('imports.preview', preview);
      expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/reads only files chosen in its own dialogs .*id_rsa\.csv was not chosen/) } });
      // The same call from the CLI (the user's own hand) is not held to it.
      expect((await services.handlers['imports.preview'](preview as never)).headers).toEqual(['key']);

      answers.push(secret);
      expect(await services.rendererCall('dialogs.open', { purpose: 'importTable' })).toEqual({ ok: true, value: { path: secret } });
      expect(await services.rendererCall('imports.preview', preview)).toMatchObject({ ok: true, value: { headers: ['key'] } });
      // Chosen to be read, not to be written over.
      expect(await services.rendererCall('reports.saveRejected', { path: secret, rejected: [] })).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(await services.rendererCall('jobs.start', { kind: 'projectExport', projectId: project.id, path: secret })).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(fs.readFileSync(secret, 'utf8')).toBe('key\nPRIVATE\n');
    } finally {
      await services.close();
    }
  });

  it('knows every call of the contract that names a file', () => {
    const named = CALL_NAMES.filter((name) => {
      const shape = (contract[name].input as unknown as { shape?: Record<string, unknown> }).shape;
      return shape && Object.keys(shape).some((k) => /path$/i.test(k));
    });
    expect(named.length).toBeGreaterThan(8);
    for (const name of named) expect(filesNamedIn(name, { path: '/x', outPath: '/x' }), name).not.toEqual([]);
    // Jobs: each kind that takes a file.
    for (const kind of ['import', 'projectOpen', 'datasetExport', 'projectExport', 'report']) expect(filesNamedIn('jobs.start', { kind, path: '/x' }), kind).toHaveLength(1);
    expect(filesNamedIn('jobs.start', { kind: 'target', outPath: '/x' })).toEqual([{ file: '/x', access: 'write' }]);
    expect(filesNamedIn('jobs.start', { kind: 'segment', assignmentsPath: '/x' })).toEqual([{ file: '/x', access: 'write' }]);
  });
});

describe('damaged UTF-8 is told from GBK', () => {
  const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 3, maxLength: 80 });
  it('UTF-8 with a damaged byte anywhere, even inside a character, stays UTF-8 (8 or more Chinese characters)', () => {
    fc.assert(
      fc.property(cjk.filter((t) => t.length >= 8), fc.nat(), fc.constantFrom(0xff, 0xfe, 0xc0, 0x80), (text, at, bad) => {
        const bytes = Buffer.from(`u1,${text},5\n`);
        const cut = at % bytes.length;
        expect(mostlyUtf8(Buffer.concat([bytes.subarray(0, cut), Buffer.from([bad]), bytes.subarray(cut)]))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('GBK text is almost never taken for damaged UTF-8 (a few characters, like 一, are valid UTF-8 in GBK too)', () => {
    const texts = fc.sample(cjk, { numRuns: 2000, seed: 16 });
    const taken = texts.filter((t) => mostlyUtf8(iconv.encode(`u1,${t},5\n`, 'gbk'))).length;
    expect(taken / texts.length).toBeLessThan(0.01);
  });
});

describe('previews off the main process', () => {
  it('a preview that runs past its time is stopped with a plain refusal, and the next one still works', async () => {
    const dataDir = tempDir();
    const services = createServices({ dataDir, locale: 'en' });
    try {
      const project = services.projects!.create({ name: 'Reader' });
      const file = path.join(dataDir, 'users.csv');
      fs.writeFileSync(file, 'user_id,minutes\nu1,5\n');
      const params = { projectId: project.id, kind: 'audience', path: file, remembered: null, existingRows: 0 };
      await expect(services.jobs.call('importPreview', params, { timeoutMs: 1 })).rejects.toThrowError(/took longer than 0 s and was stopped/);
      // The main process kept going: a timer fires while a worker reads.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const preview = (await services.jobs.call('importPreview', params)) as { headers: string[] };
      clearInterval(timer);
      expect(preview.headers).toEqual(['user_id', 'minutes']);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await services.close();
    }
  });
});

describe('a logo the user picked is read as the file itself', () => {
  it('refuses a link (even to a real PNG) and a /proc file, changing nothing', () => {
    const { dir, lib, projectId } = setup();
    const store = new ReportSettingsStore(lib.db);
    const png = path.join(dir, 'real.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const link = path.join(dir, 'logo.png');
    fs.symlinkSync(png, link);
    expect(() => store.setLogo(projectId, link)).toThrowError(/cannot be read: it is a link to another file/);
    if (fs.existsSync('/proc/self/status')) expect(() => store.setLogo(projectId, '/proc/self/status')).toThrowError(/changed size while being read/);
    expect(() => store.setLogo(projectId, dir)).toThrowError(/cannot be read: it is not a file/);
    expect(store.get(projectId).logo).toBeNull();
    expect(store.setLogo(projectId, png).logo).toMatch(/^data:image\/png;base64,/);
  });
});
