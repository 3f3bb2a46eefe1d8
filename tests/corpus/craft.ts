import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { contentHash } from '../../src/main/projectFile/contentHash';
import { MANIFEST_TABLE } from '../../src/main/projectFile/manifest';

/**
 * The hostile-file corpus (issue "Hostile files"): crafted CSV, XLSX, `.tandem` and evidence
 * files, each with what Tandem must answer. Bombs are generated here at test time, never
 * committed. `tests/unit/hostileCorpus.test.ts` runs every case through the built CLI and
 * holds it to the limits: ends within 30 s, under 1.5 GB, exit 0, 2 or 3, a located message,
 * the library intact and unchanged on refusal. Run this file directly
 * (`npx tsx tests/corpus/craft.ts OUT_DIR BASE.tandem`) to write the corpus for a look.
 */
export interface CorpusCase {
  name: string;
  /** How the CLI meets the file: an import, opening a project file, or adding evidence. */
  via: 'import' | 'open' | 'evidence';
  /** The dataset kind, for imports. */
  kind?: string;
  file: string;
  /** The exit codes allowed and what the output must say (located: a line, row, byte, table or name). */
  exit: number[];
  says: RegExp;
}

const SHEET_RELS = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';
const WORKBOOK = '<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** One part of a crafted ZIP: its raw deflate stream in pieces, its inflated size and CRC-32. */
interface RawPart {
  name: string;
  deflated: Buffer[];
  size: number;
  crc: number;
}

/** A part of ordinary text, deflated whole. */
function textPart(name: string, text: string): RawPart {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: [zlib.deflateRawSync(data)], size: data.length, crc: zlib.crc32(data) };
}

/**
 * A part of `head`, then `unit` repeated `times` times, then `tail`, written the way a bomb is
 * made: `unit` is deflated once, flushed to a byte boundary with no reference back, and the
 * same compressed bytes repeated — a gigabyte of XML costs a second to make, never its memory.
 */
function repeatedPart(name: string, head: string, unit: string, times: number, tail: string): RawPart {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const h = Buffer.from(head);
  const u = Buffer.from(unit);
  const t = Buffer.from(tail);
  const packedUnit = zlib.deflateRawSync(u, flush);
  let crc = zlib.crc32(h);
  for (let i = 0; i < times; i++) crc = zlib.crc32(u, crc);
  crc = zlib.crc32(t, crc);
  return {
    name,
    deflated: [zlib.deflateRawSync(h, flush), ...Array.from({ length: times }, () => packedUnit), zlib.deflateRawSync(t)],
    size: h.length + u.length * times + t.length,
    crc,
  };
}

/** Writes a ZIP of deflated parts (local headers, data, central directory), sizes stated truthfully. */
function writeZip(file: string, parts: RawPart[]): void {
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const p of parts) {
      const name = Buffer.from(p.name);
      const packed = p.deflated.reduce((n, b) => n + b.length, 0);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(p.crc >>> 0, 14);
      local.writeUInt32LE(packed, 18);
      local.writeUInt32LE(p.size >>> 0, 22);
      local.writeUInt16LE(name.length, 26);
      const at = offset;
      write(local);
      write(name);
      for (const b of p.deflated) write(b);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(p.crc >>> 0, 16);
      entry.writeUInt32LE(packed, 20);
      entry.writeUInt32LE(p.size >>> 0, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(at, 42);
      central.push(entry, name);
    }
    const cdStart = offset;
    for (const b of central) write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(offset - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    write(end);
  } finally {
    fs.closeSync(fd);
  }
}

/** Sets the size a ZIP's central directory states for one part (a lying directory). */
function stateSize(file: string, part: string, size: number): void {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const nameLength = buf.readUInt16LE(p + 28);
    if (buf.toString('utf8', p + 46, p + 46 + nameLength) === part) buf.writeUInt32LE(size, p + 24);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  fs.writeFileSync(file, buf);
}

const smallWorkbook = (file: string, sheet: string, extra: Record<string, string> = {}) =>
  fs.writeFileSync(
    file,
    zipSync({
      'xl/workbook.xml': strToU8(WORKBOOK),
      'xl/_rels/workbook.xml.rels': strToU8(SHEET_RELS),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
    }),
  );

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A copy of `base` changed by `sql`, its manifest hash made to match again (only the content check can tell). */
export function craftedProject(base: string, file: string, sql: string, params: unknown[] = []): void {
  fs.copyFileSync(base, file);
  const db = new Database(file);
  db.pragma('ignore_check_constraints = ON');
  // A crafter can recompute an audience chunk's CRC-32 as easily as the file's hash.
  db.function('crc32', (data: unknown) => (Buffer.isBuffer(data) ? zlib.crc32(data) : 0));
  // Several statements (no parameters) run as a script.
  if (params.length === 0) db.exec(sql);
  else db.prepare(sql).run(...params);
  db.prepare(`UPDATE ${MANIFEST_TABLE} SET value = ? WHERE key = 'contentSha256'`).run(contentHash(db));
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** Writes the corpus into `dir`; `base` is a real exported project the `.tandem` cases start from. */
export function writeCorpus(dir: string, base: string): CorpusCase[] {
  fs.mkdirSync(dir, { recursive: true });
  const at = (name: string) => path.join(dir, name);
  const cases: CorpusCase[] = [];
  const add = (c: Omit<CorpusCase, 'file'> & { file?: string }, write?: (file: string) => void) => {
    const file = c.file ?? at(c.name);
    const t0 = performance.now();
    write?.(file);
    if (process.env.CORPUS_TIMES) process.stderr.write(`${c.name} ${Math.round(performance.now() - t0)} ms\n`);
    cases.push({ ...c, file });
  };
  const importCase = (name: string, exit: number[], says: RegExp, write: (file: string) => void, kind = 'audience') => add({ name, via: 'import', kind, exit, says }, write);

  // --- CSV -------------------------------------------------------------------------------
  // A long run of digits ending in a letter, in a column of numbers (the old number check was quadratic on it).
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => `u${i},${i % 97}`).join('\n');
  importCase('digits-60k.csv', [0], /Imported 9 of 10 rows[\s\S]*line 11, minutes: .*not a number/, (f) => fs.writeFileSync(f, `user_id,minutes\n${numbers(9)}\nbad,${'9'.repeat(60_000)}x\n`));
  importCase('digits-20mb.csv', [0], /Imported 2,000 of 2,500 rows[\s\S]*line 2002, minutes: .*not a number/, (f) => {
    const rows = Array.from({ length: 500 }, (_, i) => `bad${i},${'7'.repeat(40_000)}x`).join('\n');
    fs.writeFileSync(f, `user_id,minutes\n${numbers(2000)}\n${rows}\n`);
  });
  importCase('utf8-damaged.csv', [0], /Note: Line 3 holds bytes that are not valid UTF-8 text/, (f) =>
    fs.writeFileSync(f, Buffer.concat([Buffer.from('user_id,城市,minutes\nu1,北京,5\nu2,上'), Buffer.from([0xff, 0xfe]), Buffer.from('海,7\nu3,广州,9\n'.repeat(50))])),
  );
  importCase('gbk-damaged.csv', [0], /Note: Line 4 holds bytes that are not valid GB18030 text/, (f) =>
    fs.writeFileSync(f, Buffer.concat([iconv.encode('user_id,城市,minutes\nu1,北京,5\nu2,上海,7\nu3,', 'gb18030'), Buffer.from([0x81, 0x20]), iconv.encode(',9\n', 'gb18030')])),
  );
  importCase('binary.csv', [2], /binary\.csv is not a text table \(it holds binary data\)/, (f) => fs.writeFileSync(f, Buffer.from([0x75, 0x73, 0x65, 0x72, 0, 1, 2, 3, 0x0a, 0, 0])));
  importCase('unclosed-quote.csv', [2], /line 2: a quoted field starts here and runs past 16 M characters/, (f) => {
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, 'user_id,note\nu1,"never closed ');
    const block = 'abcdefgh'.repeat(1 << 17);
    for (let i = 0; i < 20; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
  });
  importCase('wide-record.csv', [2], /line 2: the record has more than 65,536 fields/, (f) => fs.writeFileSync(f, `user_id,minutes\nu1${',1'.repeat(70_000)}\n`));
  importCase('empty.csv', [2], /empty\.csv is empty/, (f) => fs.writeFileSync(f, ''));
  importCase('old-excel.xls', [2], /old Excel \(\.xls\) workbook/, (f) => fs.writeFileSync(f, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])));

  // --- XLSX ------------------------------------------------------------------------------
  importCase('column-bomb.xlsx', [2], /row 2: the cell ZZZZZZ2 lies past Excel's last column/, (f) => smallWorkbook(f, `<row r="1">${inline('A1', 'user_id')}</row><row r="2">${inline('ZZZZZZ2', 'x')}</row>`));
  importCase('zzzz-200-rows.xlsx', [2], /row 2: the cell ZZZZ2 lies past Excel's last column/, (f) =>
    smallWorkbook(f, `<row r="1">${inline('A1', 'user_id')}</row>${Array.from({ length: 200 }, (_, i) => `<row r="${i + 2}">${inline(`ZZZZ${i + 2}`, 'x')}</row>`).join('')}`),
  );
  // Long digit runs ending in a letter, packed small (a 19 KB workbook once ran past 400 s).
  importCase('digits.xlsx', [0], /Imported 200 of 300 rows[\s\S]*line 202, minutes: .*not a number/, (f) =>
    smallWorkbook(
      f,
      `<row r="1">${inline('A1', 'user_id')}${inline('B1', 'minutes')}</row>` +
        Array.from({ length: 200 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `u${i}`)}<c r="B${i + 2}"><v>${i}</v></c></row>`).join('') +
        Array.from({ length: 100 }, (_, i) => `<row r="${i + 202}">${inline(`A${i + 202}`, `bad${i}`)}${inline(`B${i + 202}`, `${'9'.repeat(40_000)}x`)}</row>`).join(''),
    ),
  );
  importCase('wide-rows.xlsx', [0], /Imported 0 of 20,000 rows.*\n.*line 2, \(\d+ fields\): the row has 3 fields but the header names 2/, (f) =>
    smallWorkbook(f, `<row r="1">${inline('A1', 'user_id')}${inline('B1', 'minutes')}</row>${Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `u${i}`)}<c r="XFD${i + 2}"><v>1</v></c></row>`).join('')}`),
  );
  // A shared-strings bomb (680 KB → 700 MB in the review), then the same with its directory lying about the size, or stating none.
  const stringsBomb = (f: string) =>
    writeZip(f, [
      textPart('xl/workbook.xml', WORKBOOK),
      textPart('xl/_rels/workbook.xml.rels', SHEET_RELS),
      repeatedPart('xl/sharedStrings.xml', '<sst><si><t>', 'x'.repeat(1 << 20), 700, '</t></si></sst>'),
      textPart('xl/worksheets/sheet1.xml', `<worksheet><sheetData><row r="1">${inline('A1', 'user_id')}</row><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>`),
    ]);
  importCase('strings-bomb.xlsx', [2], /xl\/sharedStrings\.xml says it inflates to 700 MB .*a ZIP bomb/, stringsBomb);
  importCase('strings-bomb-lying.xlsx', [2], /xl\/sharedStrings\.xml inflates past the 1 MB its directory states/, (f) => {
    stringsBomb(f);
    stateSize(f, 'xl/sharedStrings.xml', 1 << 20);
  });
  importCase('strings-bomb-unstated.xlsx', [2], /xl\/sharedStrings\.xml inflates more than 250 times its packed size/, (f) => {
    stringsBomb(f);
    stateSize(f, 'xl/sharedStrings.xml', 0);
  });
  // A sheet whose row never ends, packing no better than real data (so only the row limit can stop it).
  importCase('no-row-end.xlsx', [2], /row 2: holds more than 64 MB of XML without ending/, (f) => {
    const noise = Buffer.alloc(1 << 20);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) noise[i] = 48 + ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 10;
    // Each megabyte of digits differs from the last by its place (deflate sees 1 MB back at most 32 KB, so it cannot repeat it).
    const pieces = Array.from({ length: 72 }, (_, i) => `<c><v>${noise.toString('latin1', 0, noise.length - i)}</v></c>`);
    const sheet = `<worksheet><sheetData><row r="1">${inline('A1', 'user_id')}</row><row r="2">${pieces.join('')}</sheetData></worksheet>`;
    writeZip(f, [textPart('xl/workbook.xml', WORKBOOK), textPart('xl/_rels/workbook.xml.rels', SHEET_RELS), { ...textPart('xl/worksheets/sheet1.xml', sheet) }]);
  });
  // A row bomb (3.9 MB → 1.15 GB in the review): rows that each name column XFD.
  importCase('row-bomb.xlsx', [2], /xl\/worksheets\/sheet1\.xml says it inflates to 1,0\d\d MB .*a ZIP bomb/, (f) =>
    writeZip(f, [
      textPart('xl/workbook.xml', WORKBOOK),
      textPart('xl/_rels/workbook.xml.rels', SHEET_RELS),
      repeatedPart('xl/worksheets/sheet1.xml', `<worksheet><sheetData><row r="1">${inline('A1', 'user_id')}</row>`, '<row><c r="XFD1"><v>1</v></c></row>'.repeat(1 << 15), 977, '</sheetData></worksheet>'),
    ]),
  );
  importCase('laughs.xlsx', [0, 2], /Imported|row|entity|not/, (f) =>
    smallWorkbook(f, '<row r="1"><c r="A1" t="inlineStr"><is><t>user_id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'.replace('<row', '<!DOCTYPE l [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><row')),
  );
  importCase('truncated.xlsx', [2], /truncated\.xlsx: it is not an XLSX workbook \(no ZIP directory found\)|truncated/, (f) => {
    smallWorkbook(f, `<row r="1">${inline('A1', 'user_id')}</row>`);
    const b = fs.readFileSync(f);
    fs.writeFileSync(f, b.subarray(0, b.length >> 1));
  });
  importCase('not-a-workbook.xlsx', [2], /not-a-workbook\.xlsx: it is a ZIP file but not an XLSX workbook/, (f) => fs.writeFileSync(f, zipSync({ 'readme.txt': strToU8('hello') })));

  // --- project files -----------------------------------------------------------------------
  const openCase = (name: string, exit: number[], says: RegExp, write: (file: string) => void) => add({ name, via: 'open', exit, says }, write);
  openCase('random.tandem', [2], /random\.tandem is not a Tandem project file/, (f) => fs.writeFileSync(f, Buffer.alloc(4096, 0x5a)));
  openCase('truncated.tandem', [2], /truncated\.tandem is truncated/, (f) => {
    const b = fs.readFileSync(base);
    fs.writeFileSync(f, b.subarray(0, Math.floor(b.length / 2 / 4096) * 4096 + 100));
  });
  openCase('own-check.tandem', [2], /does not have the structure Tandem writes \(table slow\)/, (f) => {
    fs.copyFileSync(base, f);
    const db = new Database(f);
    db.pragma('ignore_check_constraints = ON');
    db.exec('CREATE TABLE slow (x INTEGER CHECK (x < 0))');
    for (let i = 0; i < 40; i++) db.prepare('INSERT INTO slow VALUES (?)').run(i);
    db.pragma('journal_mode = DELETE');
    db.close();
  });
  openCase('trigger.tandem', [2], /holds a trigger "t"/, (f) => {
    fs.copyFileSync(base, f);
    const db = new Database(f);
    db.exec("CREATE TRIGGER t AFTER INSERT ON projects BEGIN SELECT 1; END");
    db.pragma('journal_mode = DELETE');
    db.close();
  });
  openCase('profile-shape.tandem', [2], /holds data Tandem never writes \(datasets, row \d+, profile: rows/, (f) => craftedProject(base, f, 'UPDATE datasets SET profile = ?', ['{"rows":"many","columns":1}']));
  openCase('long-name.tandem', [2], /holds data Tandem never writes \(projects, row 1, name/, (f) => craftedProject(base, f, 'UPDATE projects SET name = ?', ['x'.repeat(10 << 20)]));
  openCase('edited.tandem', [2], /has been changed since it was exported/, (f) => {
    fs.copyFileSync(base, f);
    const db = new Database(f);
    db.prepare("UPDATE projects SET name = 'changed'").run();
    db.pragma('journal_mode = DELETE');
    db.close();
  });

  // --- evidence ----------------------------------------------------------------------------
  const evidence = (name: string, says: RegExp, file?: string, write?: (file: string) => void) => add({ name, via: 'evidence', exit: [2], says, file }, write);
  evidence('passwd-link.pdf', /is a link to another file; add the file itself/, undefined, (f) => fs.symlinkSync('/etc/passwd', f));
  if (fs.existsSync('/proc/self/status')) evidence('proc-status', /changed size while being read/, '/proc/self/status');
  evidence('folder.pdf', /it is not a file/, undefined, (f) => fs.mkdirSync(f));
  return cases;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, base] = process.argv.slice(2);
  if (!out || !base) {
    process.stderr.write('usage: npx tsx tests/corpus/craft.ts OUT_DIR BASE.tandem\n');
    process.exit(2);
  }
  for (const c of writeCorpus(out, base)) process.stdout.write(`${c.via}\t${c.file}\n`);
}
