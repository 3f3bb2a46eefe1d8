import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvParser, csvField, detectDelimiter } from '../../src/shared/tables/csvParser';
import { openTableSource, SourceError } from '../../src/main/data/tableSource';
import { tempDir } from './helpers';

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'gb18030';

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

function readAll(file: string): { rows: string[][]; lines: number[]; encoding: string | null; delimiter: string | null } {
  const source = openTableSource(file);
  const rows: string[][] = [];
  const lines: number[] = [];
  try {
    source.read((fields, line) => {
      rows.push(fields);
      lines.push(line);
    });
    return { rows, lines, encoding: source.encoding, delimiter: source.delimiter };
  } finally {
    source.close();
  }
}

// Cells: Chinese, English, the delimiters, quotes, line breaks, spaces; never a row of one empty cell (a blank line).
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', ',', ';', '\t', '"', '\n', '\r\n', '用', '户', '花', '费', '€', '—', '.'), maxLength: 12 }),
  fc.constantFrom('', '用户ID', 'spend', '1,234.5', '"quoted"', 'line\nbreak'),
);

describe('the CSV reader', () => {
  it('reads back any table written with quoting, in any delimiter and encoding (property)', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 2, maxLength: 12 }),
          ),
        ),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'gb18030'),
        fc.constantFrom('\n', '\r\n'),
        ([, table], delimiter, encoding, eol) => {
          const rows = table.filter((r) => !(r.length === 1 && r[0] === ''));
          // The header names the columns (non-empty, so the delimiter can be detected on it).
          const header = rows[0].map((_, i) => `col${i}`);
          const all = [header, ...rows];
          const text = all.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join(eol) + eol;
          const file = path.join(dir, 't.csv');
          fs.writeFileSync(file, encode(text, encoding));
          const back = readAll(file);
          expect(back.rows).toEqual(all);
          expect(back.delimiter).toBe(delimiter);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives any chunking the same rows and line numbers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(40), { maxLength: 6 }), (table, cuts) => {
        const text = table.map((r) => r.map((c) => csvField(c)).join(',')).join('\r\n');
        const whole: [string[], number][] = [];
        const p1 = new CsvParser(',', (f, l) => whole.push([f, l]));
        p1.push(text);
        p1.end();
        const pieces: [string[], number][] = [];
        const p2 = new CsvParser(',', (f, l) => pieces.push([f, l]));
        let at = 0;
        for (const c of [...cuts].sort((a, b) => a - b)) {
          const to = Math.min(text.length, c * 3);
          if (to > at) p2.push(text.slice(at, to));
          at = Math.max(at, to);
        }
        p2.push(text.slice(at));
        p2.end();
        expect(pieces).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers rows by the line they start on, counting breaks inside quotes', () => {
    const rows: [string[], number][] = [];
    const p = new CsvParser(',', (f, l) => rows.push([f, l]));
    p.push('a,b\n1,"two\nlines"\n\n3,x\r\n4,"a ""quote"""\n');
    p.end();
    expect(rows).toEqual([
      [['a', 'b'], 1],
      [['1', 'two\nlines'], 2],
      [['3', 'x'], 5],
      [['4', 'a "quote"'], 6],
    ]);
  });

  it('detects GBK text from Chinese Excel and UTF-8 text, and says where a quote is never closed', () => {
    const dir = tempDir();
    const gbk = path.join(dir, 'gbk.csv');
    fs.writeFileSync(gbk, iconv.encode('用户ID,城市\nu1,北京\n', 'gbk'));
    expect(readAll(gbk)).toMatchObject({ encoding: 'gb18030', rows: [['用户ID', '城市'], ['u1', '北京']] });
    const broken = path.join(dir, 'broken.csv');
    fs.writeFileSync(broken, 'a,b\n1,2\n3,"never closed\n4,5\n');
    expect(() => readAll(broken)).toThrowError(/line 3: a quoted field starts here and is never closed/);
    expect(() => readAll(broken)).toThrowError(SourceError);
  });

  it('picks the delimiter that splits the rows consistently', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a,b\n"x;y",2\n')).toBe(',');
  });

  it('refuses what is not a table, with the reason', () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    expect(() => openTableSource(empty)).toThrowError(/is empty/);
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(() => openTableSource(xls)).toThrowError(/old Excel \(\.xls\)/);
    expect(() => openTableSource(path.join(dir, 'missing.csv'))).toThrowError(/does not exist/);
  });
});
