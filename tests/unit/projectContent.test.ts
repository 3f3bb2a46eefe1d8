import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/main/core/services';
import { checkProjectFile } from '../../src/main/projectFile/inspect';
import { craftedProject } from '../corpus/craft';
import { sketchIdsFile } from '../../src/main/overlap/sketchIdsFile';
import { saveSketchFile } from '../../src/main/overlap/sketchFiles';
import { parseDealKey } from '../../src/shared/overlap/dealKey';
import { tempDir } from './helpers';

/**
 * A received project whose hash is valid is still held to what Tandem writes (issue
 * "Hostile files", item 12): anyone can export a crafted project, so the hash is an
 * integrity check, not a signature. Every table of a real, full project passes; each
 * crafted value — re-hashed so that only the content check can catch it — is refused,
 * named by table, row and column, before anything reaches the library.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let full = '';
let work = '';

beforeAll(async () => {
  // Not tempDir(): that one is emptied after each test, and this project serves them all.
  work = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'tandem-content-'));
  const dataDir = path.join(work, 'lib');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 3) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  };
  cli('demo');
  cli('segment', '--project', '1', '--k', '4');
  cli('forecast', 'mmm', '--project', '1', '--bootstrap', '20');
  cli('import', '--project', '1', '--kind', 'actuals', path.resolve('tests/fixtures/import/actuals.csv'));
  const services = createServices({ dataDir, locale: 'en', dialogs: { open: async () => null, save: async () => null, openFile: async () => {} } });
  try {
    const logo = path.join(work, 'logo.png');
    fs.writeFileSync(logo, PNG);
    await services.handlers['scenarios.save']({ projectId: 1, scenario: { name: 'Push social', weeks: 8, spend: { social: 20_000, search: 8_000 } } });
    const settings = (await services.handlers['report.get']({ projectId: 1 })).settings;
    await services.handlers['report.save']({ projectId: 1, settings: { ...settings, title: '联名提案', client: 'Client' } });
    await services.handlers['report.setLogo']({ projectId: 1, path: logo });
    await services.handlers['targeting.saveEventWeights']({ projectId: 1, weights: { purchase: 8 } });
    const lift = await services.handlers['forecast.experiments']({ projectId: 1 });
    await services.handlers['forecast.addExperiment']({ projectId: 1, experiment: { name: '小红书 holdout', channel: lift.channels[0], start: lift.from!, end: lift.from!, lift: 900, standardError: 150 } });
    // A deal with both sides' sketches, the overlap settings, and brand-personality ratings.
    const partnerId = (await services.handlers['checklist.get']({ projectId: 1 })).shortlist[0].partnerId;
    await services.handlers['overlap.saveSettings']({ projectId: 1, universe: 50_000_000 });
    const kit = path.join(work, 'kit.html');
    await services.handlers['overlap.kit']({ projectId: 1, partnerId, path: kit, lang: 'en' });
    const key = parseDealKey(JSON.parse(/id="tandem-deal">(.*?)<\/script>/.exec(fs.readFileSync(kit, 'utf8'))![1]).key);
    const ids = path.join(work, 'members.csv');
    fs.writeFileSync(ids, `uid\n${Array.from({ length: 500 }, (_, i) => `member-${i}`).join('\n')}\n`);
    const theirs = path.join(work, 'members.tsketch');
    saveSketchFile(theirs, sketchIdsFile({ file: ids, column: 'uid', key, kind: 'id', createdBy: 'test' }).sketch);
    const job = await services.jobs.wait(services.jobs.start('overlap', { projectId: 1, partnerId, path: theirs }).id);
    if (job.state !== 'done') throw new Error(`overlap job: ${job.error}`);
    await services.handlers['personality.save']({ projectId: 1, subject: 'product', ratings: { sincerity: 4, excitement: 2, competence: 4, sophistication: 4.5, ruggedness: 1.5 } });
    await services.handlers['personality.save']({ projectId: 1, subject: partnerId, ratings: { sincerity: 3, excitement: 3, competence: 5, sophistication: 4, ruggedness: 2 } });
  } finally {
    await services.close();
  }
  full = path.join(work, 'full.tandem');
  cli('export', '--project', '1', '--out', full);
}, 300_000);

/** A copy of the full project with `sql` applied and the manifest's hash made to match again. */
function crafted(sql: string, params: unknown[] = []): string {
  const file = path.join(tempDir(), 'crafted.tandem');
  craftedProject(full, file, sql, params);
  return file;
}

function tables(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM ${n}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

describe('the content of a received project', () => {
  it('a full project — every table holding rows — passes as Tandem wrote it', () => {
    const counts = tables(full);
    const empty = Object.entries(counts).filter(([n, c]) => c === 0 && n !== 'settings').map(([n]) => n);
    // Every table the check covers holds something here, so a rule stricter than the writer would show.
    expect(empty).toEqual([]);
    const checked = checkProjectFile(full, path.join(tempDir(), 'scratch'));
    checked.dispose();
  });

  const cases: [string, string, unknown[], RegExp][] = [
    ['a 10 MB project name', 'UPDATE projects SET name = ?', ['名'.repeat(10 << 20)], /projects, row 1, name: .*(long|characters)/i],
    ['tags that are not a list of labels', 'UPDATE projects SET tags = ?', ['{"a":1}'], /projects, row 1, tags/],
    ['a dataset profile of the wrong shape', "UPDATE datasets SET profile = ? WHERE kind = 'audience'", ['{"rows":"many","columns":3}'], /datasets, row \d+, profile: rows/],
    ['a dataset layout of the wrong shape', "UPDATE datasets SET layout = ? WHERE kind = 'audience'", ['{"features":"x","attributes":[]}'], /datasets, row \d+, layout: features/],
    ['an audience chunk whose checksum does not match', "UPDATE audience_chunks SET crc32 = crc32 + 1 WHERE rowid = (SELECT min(rowid) FROM audience_chunks WHERE field = 'feature')", [], /audience_chunks, row \d+, data: feature 0, chunk 0: its checksum does not match/],
    ['a feature chunk cut short (checksum recomputed)', "UPDATE audience_chunks SET data = substr(data, 1, 8), crc32 = crc32(substr(data, 1, 8)) WHERE rowid = (SELECT min(rowid) FROM audience_chunks WHERE field = 'feature')", [], /audience_chunks, row \d+, data: feature 0, chunk 0: its length is not [\d,]+ values/],
    ['an attribute code past its dictionary', "UPDATE audience_chunks SET data = CAST(x'63000000' || substr(data, 5) AS BLOB), crc32 = crc32(CAST(x'63000000' || substr(data, 5) AS BLOB)) WHERE rowid = (SELECT min(rowid) FROM audience_chunks WHERE field = 'attribute')", [], /audience_chunks, row \d+, data: attribute 0, chunk 0: a code 99 outside its dictionary/],
    ['a user twice (checksum recomputed)', "UPDATE audience_chunks SET data = CAST(json_set(CAST(data AS TEXT), '$[1]', json_extract(CAST(data AS TEXT), '$[0]')) AS BLOB), crc32 = crc32(CAST(json_set(CAST(data AS TEXT), '$[1]', json_extract(CAST(data AS TEXT), '$[0]')) AS BLOB)) WHERE field = 'id' AND chunk = 0", [], /audience_chunks, data: the user \S+ twice \(row 2\)/],
    [
      'a user twice, in two chunks (checksums recomputed)',
      `INSERT INTO audience_chunks SELECT project_id, field, position, 1, 1,
         CASE field WHEN 'id' THEN CAST(json_array(json_extract(CAST(data AS TEXT), '$[0]')) AS BLOB) WHEN 'feature' THEN substr(data, 1, 8) ELSE substr(data, 1, 4) END, 0
       FROM audience_chunks WHERE chunk = 0 AND field <> 'dictionary';
       UPDATE audience_chunks SET crc32 = crc32(data) WHERE chunk = 1;
       UPDATE datasets SET rows = rows + 1 WHERE kind = 'audience';`,
      [],
      /audience_chunks, data: the user \S+ twice \(row [\d,]+\)/,
    ],
    ['chunks claiming more users than Tandem writes in one', "UPDATE audience_chunks SET rows = 70000 WHERE chunk = 0 AND field <> 'dictionary'", [], /audience_chunks, row \d+, data: \w+ \d+, chunk 0: more than 65,536 rows/],
    ['ids that are not a list of text', "UPDATE audience_chunks SET data = CAST('[1]' AS BLOB), crc32 = crc32(CAST('[1]' AS BLOB)) WHERE field = 'id' AND chunk = 0", [], /audience_chunks, row \d+, data: id 0, chunk 0: not [\d,]+ values/],
    ['evidence named ..', "UPDATE checklist_evidence SET name = '..'", [], /checklist_evidence, row 1, name: "\.\." is not a plain file name/],
    ['evidence named with a path', "UPDATE checklist_evidence SET name = '../../.bashrc'", [], /checklist_evidence, row 1, name/],
    ['segment labels cut short (checksum recomputed)', "UPDATE segment_labels SET data = substr(data, 1, 8), crc32 = crc32(substr(data, 1, 8)) WHERE rowid = (SELECT min(rowid) FROM segment_labels)", [], /segment_labels, row 1, data: chunk 0: its length is not [\d,]+ labels/],
    ['a segment label chunk whose checksum does not match', 'UPDATE segment_labels SET crc32 = crc32 + 1 WHERE rowid = (SELECT min(rowid) FROM segment_labels)', [], /segment_labels, row 1, data: chunk 0: its checksum does not match/],
    ['a segment label past the run’s segments', "UPDATE segment_labels SET data = CAST(x'63000000' || substr(data, 5) AS BLOB), crc32 = crc32(CAST(x'63000000' || substr(data, 5) AS BLOB)) WHERE rowid = (SELECT min(rowid) FROM segment_labels)", [], /segment_labels, row 1, data: chunk 0: a label 99 outside/],
    ['a run missing its labels', 'DELETE FROM segment_labels', [], /segment_runs, row 1, users: [\d,]+ users but 0 segment labels/],
    ['a fit whose channels are not a list', "UPDATE mmm_fits SET result = json_set(result, '$.channels', 'x')", [], /mmm_fits, row 1, result: channels/],
    ['campaign spend as text', "UPDATE campaign_periods SET spend = '{\"social\":\"lots\"}' WHERE rowid = (SELECT min(rowid) FROM campaign_periods)", [], /campaign_periods, row 1, spend: social/],
    ['rejections of the wrong shape', "UPDATE import_reports SET rejected = '[1,2,3]'", [], /import_reports, row 1, rejected: 0/],
    ['a logo that is not an image', "UPDATE report_settings SET logo = x'3c7376673e', logo_mime = 'image/png'", [], /report_settings, row 1, logo: not a PNG or JPEG/],
    ['an event weight below zero', "UPDATE targeting_settings SET event_weights = '{\"view\":-1}'", [], /targeting_settings, row 1, event_weights: view/],
    ['a partner sketch edited after Tandem checked it', "UPDATE overlap_deals SET their_sketch = json_set(their_sketch, '$.label', 'someone else')", [], /overlap_deals, row 1, their_sketch: .*checksum does not match/],
    ['our sketch’s basis naming an identifier kind Tandem does not have', "UPDATE overlap_deals SET our_basis = json_set(our_basis, '$.kind', 'passport')", [], /overlap_deals, row 1, our_basis: kind/],
    ['brand-personality standard errors of text', "UPDATE brand_personality SET standard_errors = '{\"sincerity\":\"x\"}' WHERE subject = 'product'", [], /brand_personality, row \d+, standard_errors: sincerity/],
    ['a licence territory of numbers', "UPDATE licences SET territory = '[1]' WHERE id = (SELECT min(id) FROM licences)", [], /licences, row 1, territory: 0/],
  ];
  it.each(cases)('refuses %s, naming where it is, with nothing left behind', (_what, sql, params, message) => {
    const file = crafted(sql, params);
    const scratch = path.join(tempDir(), 'scratch');
    let error: unknown;
    try {
      checkProjectFile(file, scratch).dispose();
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(message);
    expect(String(error)).toMatch(/holds data Tandem never writes .*; it was not opened\./);
    expect(fs.readdirSync(scratch)).toEqual([]);
  });
});
