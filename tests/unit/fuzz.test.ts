import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/data/importer';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { checkProjectFile, ProjectFileError } from '../../src/main/projectFile/inspect';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { DomainError } from '../../src/shared/result';
import { sha256, tempDir } from './helpers';

/** Byte-level damage: flips, inserted junk, deleted runs, a cut end. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

const flip = fc.record({ op: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) });

function mutate(source: Buffer, mutations: { op: string; at: number; byte?: number; bytes?: Uint8Array; length?: number }[]): Buffer {
  let b = Buffer.from(source);
  for (const m of mutations) {
    const at = Math.min(b.length - 1, Math.floor(m.at * b.length));
    if (m.op === 'flip') b[at] = m.byte!;
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes!), b.subarray(at)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length!)]);
    else b = b.subarray(0, Math.max(1, at));
  }
  return b;
}

const CSV = Buffer.from(
  '用户ID,收听分钟,消费金额,城市级别,注册日期\r\n' +
    Array.from({ length: 40 }, (_, i) => `u${i},${i * 3.5},"¥${(i * 1234).toLocaleString('en')}",${['一线', '二线', '"新一线\n城市"'][i % 3]},2024/5/${(i % 28) + 1}`).join('\r\n'),
  'utf8',
);

describe('fuzzing the readers', () => {
  it('600 mutated CSV files: a clean import or a located refusal, never a crash; a refusal changes nothing', () => {
    const dir = tempDir();
    const lib = openLibrary(path.join(dir, 'lib'));
    const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'fuzz' }, new Date().toISOString());
    const file = path.join(dir, 'm.csv');
    let refused = 0;
    let imported = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom('utf8', 'gb18030'), (mutations, _enc) => {
        fs.writeFileSync(file, mutate(CSV, mutations));
        lib.db.pragma('wal_checkpoint(TRUNCATE)');
        const before = sha256(path.join(dir, 'lib', 'library.sqlite'));
        try {
          const r = importFile(lib.db, { projectId, kind: 'audience', file, mode: 'replace' });
          imported++;
          for (const rej of r.rejected) {
            expect(rej.row).toBeGreaterThanOrEqual(2);
            expect(rej.reason.length).toBeGreaterThan(0);
          }
        } catch (e) {
          // Refusals are DomainErrors with a message saying what and where.
          expect(e).toBeInstanceOf(DomainError);
          expect((e as Error).message.length).toBeGreaterThan(10);
          refused++;
          lib.db.pragma('wal_checkpoint(TRUNCATE)');
          expect(sha256(path.join(dir, 'lib', 'library.sqlite'))).toBe(before);
        }
      }),
      { numRuns: 600 },
    );
    expect(imported + refused).toBe(600);
    lib.close();
  });

  it('400 mutated .tandem files: accepted only when intact, otherwise refused with a reason; the library untouched', () => {
    const dir = tempDir();
    const lib = openLibrary(path.join(dir, 'lib'));
    const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'fuzz' }, new Date().toISOString());
    importFile(lib.db, { projectId, kind: 'partners', file: path.resolve('tests/fixtures/import/partners.tsv') });
    const good = path.join(dir, 'good.tandem');
    exportProject(lib.db, projectId, good);
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha256(path.join(dir, 'lib', 'library.sqlite'));
    const original = fs.readFileSync(good);
    const file = path.join(dir, 'm.tandem');
    fs.mkdirSync(path.join(dir, 'scratch'));
    const outcomes = new Map<string, number>();
    fc.assert(
      // Half the files keep their size (byte flips only), so the checks past the size one get exercised.
      fc.property(fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.array(flip, { minLength: 1, maxLength: 4 })), (mutations) => {
        fs.writeFileSync(file, mutate(original, mutations));
        let outcome = 'accepted';
        try {
          checkProjectFile(file, path.join(dir, 'scratch')).dispose();
        } catch (e) {
          expect(e).toBeInstanceOf(ProjectFileError);
          outcome = (e as ProjectFileError).problem;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: 400 },
    );
    expect(sha256(path.join(dir, 'lib', 'library.sqlite'))).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'scratch'))).toEqual([]);
    // Most damage is caught; the rest fell in bytes SQLite never reads (free space, padding).
    expect((outcomes.get('damaged') ?? 0) + (outcomes.get('tampered') ?? 0) + (outcomes.get('not_tandem') ?? 0)).toBeGreaterThan(200);
    lib.close();
  });
});
