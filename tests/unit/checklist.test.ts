import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { writeDemo } from '../../src/main/demo/write';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { checkProjectFile, ProjectFileError } from '../../src/main/projectFile/inspect';
import { copyIntoLibrary } from '../../src/main/projectFile/openProject';
import { ProjectService } from '../../src/main/projects/service';
import { ChecklistService, riskScore } from '../../src/main/risk/checklistService';
import { dueBefore } from '../../src/main/risk/days';
import { TEMPLATES, templateForPartnerType } from '../../src/main/risk/templates';
import recipe from '../../resources/demo/recipe.json';
import { EVIDENCE_MAX_BYTES } from '../../src/shared/checklist';
import { tempDir } from './helpers';

const NOW = new Date('2026-11-23T10:00:00');

function demoWorld() {
  const lib = openLibrary(tempDir());
  const id = writeDemo(lib.db, generateDemo(20261123), NOW);
  const service = new ChecklistService(lib.db, () => NOW, () => 'tester');
  return { lib, id, service };
}

const countRows = (lib: { db: Database.Database }, table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('checklist templates', () => {
  it('are complete in both languages, with unique keys, valid severities and a kind for every demo partner type', () => {
    expect(TEMPLATES.map((t) => t.kind)).toEqual(['project', 'artist-ip', 'museum-heritage', 'consumer-brand', 'automotive', 'art-school', 'kol-livestream']);
    for (const t of TEMPLATES) {
      expect(t.title.en && /\p{Script=Han}/u.test(t.title['zh-CN']), t.kind).toBeTruthy();
      expect(new Set(t.items.map((i) => i.key)).size).toBe(t.items.length);
      for (const i of t.items) {
        expect(i.title.en.length, `${t.kind}.${i.key}`).toBeGreaterThan(10);
        expect(i.detail.en.length).toBeGreaterThan(30);
        expect(/\p{Script=Han}/u.test(i.title['zh-CN']) && /\p{Script=Han}/u.test(i.detail['zh-CN']), `${t.kind}.${i.key} zh`).toBe(true);
        expect(['blocking', 'high', 'medium', 'low']).toContain(i.severity);
        expect(Number.isInteger(i.leadDays) && i.leadDays >= 0).toBe(true);
      }
    }
    for (const p of recipe.partnerTypes) expect(templateForPartnerType(p.type.toUpperCase()), p.type).toBeDefined();
    // The project-wide items hold the laws the issue names.
    const project = JSON.stringify(TEMPLATES[0]);
    for (const must of ['广告', 'PIPL', 'GDPR', 'GARM', 'FTC']) expect(project).toContain(must);
  });
});

describe('the risk checklist', () => {
  it('holds the project-wide items and those of each shortlisted partner kind, due before the start', () => {
    const { service, id } = demoWorld();
    const view = service.view(id);
    const project = TEMPLATES[0];
    expect(view.shortlist.map((s) => s.type)).toEqual(['artist', 'museum', 'brand', 'kol']);
    expect(view.items.filter((i) => i.kind === 'project')).toHaveLength(project.items.length);
    const artist = view.shortlist[0].partnerId;
    const artistItems = view.items.filter((i) => i.partnerId === artist);
    expect(artistItems.map((i) => i.kind)).toEqual(Array(TEMPLATES[1].items.length).fill('artist-ip'));
    expect(artistItems[0]).toMatchObject({ id: `artist-ip.chain-of-title@${artist}`, partnerName: view.shortlist[0].name });
    // The demo starts 2027-01-04; chain of title has 30 days' lead.
    expect(view.items.find((i) => i.id === 'project.deliverables-approval')!.due).toBe(dueBefore('2027-01-04', 21));
    expect(view.items.find((i) => i.id === 'project.deliverables-approval')!.due).toBe('2026-12-14');
    expect(view.summary.total).toBe(view.items.length);
    // Per partner, the score of its own items (partner ranking's risk factor).
    for (const p of view.shortlist) expect(view.summary.byPartner[p.partnerId]).toBe(riskScore(view.items.filter((i) => i.partnerId === p.partnerId)));
    expect(Object.keys(view.summary.byPartner)).toHaveLength(4);
    const artistId = view.shortlist[0].partnerId;
    const artistBlocking = view.items.filter((i) => i.partnerId === artistId && i.severity === 'blocking');
    expect(view.summary.blockingByPartner[artistId]).toEqual({ open: artistBlocking.filter((i) => i.status === 'todo' || i.status === 'in_progress').length, total: artistBlocking.length });
  });

  it('gates "ready to pitch" on the open blocking items, naming them, until they are closed', () => {
    const { lib, service, id } = demoWorld();
    const projects = new ProjectService(lib.db, () => NOW);
    const blocking = service.openBlocking(id);
    expect(blocking.length).toBeGreaterThan(2);
    const before = projects.get(id).status;
    let refusal: Error | null = null;
    try {
      projects.setStatus(id, 'ready');
    } catch (e) {
      refusal = e as Error;
    }
    expect(refusal?.message).toContain(`${blocking.length} blocking checklist items are open`);
    for (const b of blocking) expect(refusal?.message).toContain(b.id);
    expect(projects.get(id).status).toBe(before);
    expect(projects.setStatus(id, 'draft').status).toBe('draft');
    for (const b of blocking.slice(1)) service.set(id, b.id, { status: 'done' });
    service.set(id, blocking[0].id, { status: 'na', naReason: 'No artwork is used after all.' });
    expect(projects.setStatus(id, 'ready').status).toBe('ready');
  });

  it('flags overdue open items against today, not done or not-applicable ones, and weighs them in the risk score', () => {
    const { service, id } = demoWorld();
    const view = service.view(id);
    expect(view.today).toBe('2026-11-23');
    const overdue = view.items.filter((i) => i.overdue).map((i) => i.id);
    expect(overdue).toContain('project.competitor-exclusivity');
    expect(view.summary.overdue).toBe(overdue.length);
    service.set(id, 'project.deliverables-approval', { due: '2026-11-22' });
    expect(service.view(id).items.find((i) => i.id === 'project.deliverables-approval')!.overdue).toBe(true);
    service.set(id, 'project.deliverables-approval', { due: '2026-11-23' });
    expect(service.view(id).items.find((i) => i.id === 'project.deliverables-approval')!.overdue).toBe(false);
    service.set(id, 'project.competitor-exclusivity', { status: 'done' });
    expect(service.view(id).items.find((i) => i.id === 'project.competitor-exclusivity')!.overdue).toBe(false);
    // Hand-computed: one open blocking (10) of blocking + high + medium (17); overdue counts 1.5×.
    expect(riskScore([{ severity: 'blocking', status: 'todo', overdue: false }, { severity: 'high', status: 'done', overdue: false }, { severity: 'medium', status: 'done', overdue: false }])).toBe(59);
    expect(riskScore([{ severity: 'blocking', status: 'todo', overdue: true }, { severity: 'high', status: 'done', overdue: false }, { severity: 'low', status: 'na', overdue: false }])).toBe(100);
    expect(riskScore([{ severity: 'low', status: 'in_progress', overdue: false }, { severity: 'high', status: 'done', overdue: false }])).toBe(17);
  });

  it('keeps who changed what when, and refuses bad changes without changing anything', () => {
    const { lib, service, id } = demoWorld();
    service.set(id, 'project.revenue-share', { owner: 'Mia', notes: '70/30 after the guarantee' });
    const history = service.history(id, 'project.revenue-share');
    expect(history.slice(-2)).toEqual([
      { at: NOW.toISOString(), who: 'tester', field: 'owner', from: '陈舟（商务）', to: 'Mia' },
      { at: NOW.toISOString(), who: 'tester', field: 'notes', from: '', to: '70/30 after the guarantee' },
    ]);
    const before = countRows(lib, 'checklist_history');
    expect(() => service.set(id, 'project.revenue-share', { status: 'na' })).toThrow(/reason is required/);
    expect(() => service.set(id, 'project.nope', { status: 'done' })).toThrow(/no checklist item "project.nope"/);
    const big = path.join(tempDir(), 'scan.pdf');
    fs.writeFileSync(big, Buffer.alloc(EVIDENCE_MAX_BYTES + 1));
    expect(() => service.addEvidence(id, 'project.revenue-share', big)).toThrow(/scan.pdf cannot be added: it is 25.0 MB, and evidence files may be at most 25 MB/);
    expect(() => service.addEvidence(id, 'project.revenue-share', path.join(tempDir(), 'missing.pdf'))).toThrow(/does not exist/);
    expect(() => service.addEvidence(id, 'project.revenue-share', tempDir())).toThrow(/is not a file/);
    expect(countRows(lib, 'checklist_history')).toBe(before);
    expect(service.view(id).items.find((i) => i.id === 'project.revenue-share')).toMatchObject({ status: 'in_progress', evidence: [] });
  });

  it('adds custom items, and drops a removed partner\'s items only where nobody has worked on them', () => {
    const { service, id } = demoWorld();
    const view = service.add(id, { title: 'Venue booking for the offline salon', severity: 'high', due: '2026-12-20' });
    expect(view.items.at(-1)).toMatchObject({ id: 'custom-1', kind: 'custom', status: 'todo', due: '2026-12-20', title: { en: 'Venue booking for the offline salon' } });
    const [artist, museum, brand, kol] = view.shortlist.map((s) => s.partnerId);
    const after = service.setShortlist(id, [artist, museum, kol]);
    const brandItems = after.items.filter((i) => i.partnerId === brand);
    // Worked-on items of the brand stay (trademark, product safety, unsold stock); untouched ones go.
    expect(brandItems.map((i) => i.id).sort()).toEqual([`consumer-brand.product-safety@${brand}`, `consumer-brand.stock-unsold@${brand}`, `consumer-brand.trademark-both@${brand}`]);
    expect(() => service.setShortlist(id, ['p999'])).toThrow(/no partner p999/);
  });

  it('verifies evidence by its SHA-256: a tampered file is flagged and not opened, in the library and after a trip through a .tandem file', () => {
    const { lib, service, id } = demoWorld();
    const file = path.join(tempDir(), 'contract.txt');
    fs.writeFileSync(file, 'signed contract, page 1');
    const item = 'project.revenue-share';
    const view = service.addEvidence(id, item, file);
    const evidence = view.items.find((i) => i.id === item)!.evidence;
    expect(evidence).toMatchObject([{ name: 'contract.txt', size: 23, intact: true, receivedFrom: null }]);
    expect(service.evidenceFile(id, item, evidence[0].sha256).data.toString()).toBe('signed contract, page 1');

    // Carried to another library as a copy: the evidence and its hash come along, intact.
    const out = path.join(tempDir(), 'p.tandem');
    exportProject(lib.db, id, out);
    const other = openLibrary(tempDir());
    const checked = checkProjectFile(out, tempDir());
    const { projectId } = copyIntoLibrary(other.db, checked, 'new');
    checked.dispose();
    const copied = new ChecklistService(other.db, () => NOW).view(projectId);
    // …marked as arriving in that file: it was added in the sender's library, not this one.
    expect(copied.items.find((i) => i.id === item)!.evidence).toMatchObject([{ sha256: evidence[0].sha256, intact: true, receivedFrom: { file: 'p.tandem', exportedAt: checked.manifest.createdAt } }]);
    // Sent on again, it keeps where it first arrived.
    const again = path.join(tempDir(), 'again.tandem');
    exportProject(other.db, projectId, again);
    const third = openLibrary(tempDir());
    const checkedAgain = checkProjectFile(again, tempDir());
    const onward = copyIntoLibrary(third.db, checkedAgain, 'new');
    checkedAgain.dispose();
    expect(new ChecklistService(third.db, () => NOW).view(onward.projectId).items.find((i) => i.id === item)!.evidence[0].receivedFrom).toEqual({ file: 'p.tandem', exportedAt: checked.manifest.createdAt });
    expect(copied.items.length).toBe(service.view(id).items.length);

    // Someone edits the stored bytes: the next read flags it and refuses to open it.
    other.db.prepare("UPDATE checklist_evidence SET data = CAST('forged contract, page 1' AS BLOB) WHERE item_key = ?").run(item);
    const tampered = new ChecklistService(other.db, () => NOW);
    expect(tampered.view(projectId).summary.tampered).toBe(1);
    expect(tampered.view(projectId).items.find((i) => i.id === item)!.evidence[0].intact).toBe(false);
    expect(() => tampered.evidenceFile(projectId, item, evidence[0].sha256)).toThrow(/has changed since it was added/);

    // And in a project file: changed evidence bytes fail the file's content hash.
    const raw = new Database(out);
    raw.prepare("UPDATE checklist_evidence SET data = CAST('forged contract, page 1' AS BLOB)").run();
    raw.close();
    expect(() => checkProjectFile(out, tempDir())).toThrow(ProjectFileError);
  });

  it('runs from the built CLI: the JSON of DESIGN §2, set with evidence, and the gate exiting 3 with the items on stderr', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const list = run('checklist', '--project', '1');
    expect(list.status, list.stderr).toBe(0);
    const { items } = JSON.parse(list.stdout);
    expect(Object.keys(items[0])).toEqual(['id', 'title', 'kind', 'severity', 'status', 'owner', 'due', 'partnerId']);
    const gate = run('project', 'status', '1', 'ready');
    expect(gate.status).toBe(3);
    const blocking = items.filter((i: { severity: string; status: string }) => i.severity === 'blocking' && (i.status === 'todo' || i.status === 'in_progress'));
    for (const b of blocking) expect(gate.stderr).toContain(b.id);
    const evidence = path.join(dir, 'licence.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4 licence');
    const set = run('checklist', 'set', '--project', '1', '--item', blocking[0].id, '--status', 'done', '--evidence', evidence);
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).items.find((i: { id: string }) => i.id === blocking[0].id).status).toBe('done');
    expect(run('checklist', 'set', '--project', '1', '--item', blocking[1].id, '--status', 'finished').status).toBe(2);
    const badDate = run('checklist', 'set', '--project', '1', '--item', blocking[1].id, '--due', '2026-13-01');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--due');
  });
});
