import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { XlsxWriter } from '../../src/main/data/xlsx/writer';
import { tempDir } from './helpers';

async function cli(dir: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', path.join(dir, 'library'), ...args], { out: (s) => (out += `${s}\n`), err: (s) => (err += s), interactive: false });
  return { code, out, err, json: () => JSON.parse(out) };
}

const phone = (i: number) => String(13_100_000_000 + i * 10_007);

/** Our 30,000 members (CSV) and the partner's 50,000 (XLSX, written +86 …), 12,000 in both. */
function audiences(dir: string): { ours: string; theirs: string } {
  const ours = path.join(dir, 'ours.csv');
  fs.writeFileSync(ours, `会员编号,手机号\n${Array.from({ length: 30_000 }, (_, i) => `m${i},${phone(i)}`).join('\n')}\n`);
  const theirs = path.join(dir, 'theirs.xlsx');
  const fd = fs.openSync(theirs, 'w');
  const x = new XlsxWriter(fd, '会员');
  x.writeRow(['Phone / 手机', 'Name']);
  for (let i = 18_000; i < 68_000; i++) x.writeRow([`+86 ${phone(i)}`, `n${i}`]);
  x.close();
  fs.closeSync(fd);
  return { ours, theirs };
}

describe('tandem key, sketch and overlap', () => {
  it('estimates the overlap of a CSV and an XLSX audience under one deal key, printing the documented JSON', async () => {
    const dir = tempDir();
    const { ours, theirs } = audiences(dir);
    const key = path.join(dir, 'deal.key');
    const made = await cli(dir, '--json', 'key', '--out', key);
    expect(made.code).toBe(0);
    expect(fs.readFileSync(key, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect((fs.statSync(key).mode & 0o777).toString(8)).toBe('600');

    const a = await cli(dir, '--json', 'sketch', '--ids', ours, '--column', '手机号', '--key-file', key, '--out', path.join(dir, 'a.tsketch'), '--label', '我们的会员');
    expect(a.code, a.err).toBe(0);
    expect(a.json()).toMatchObject({ identifier: 'mobile', rows: 30_000, valid: 30_000, invalid: 0, keyId: made.json().keyId, k: 16_384, kept: 16_384 });
    const b = await cli(dir, '--json', 'sketch', '--ids', theirs, '--column', 'phone / 手机', '--key-file', key, '--out', path.join(dir, 'b.tsketch'));
    expect(b.code, b.err).toBe(0);
    expect(b.json()).toMatchObject({ rows: 50_000, valid: 50_000 });
    // The sketch holds no identifier, in any form.
    const text = fs.readFileSync(path.join(dir, 'b.tsketch'), 'utf8');
    expect(text).not.toContain(phone(20_000));
    expect(text).not.toContain('n20000');

    const r = await cli(dir, '--json', 'overlap', path.join(dir, 'a.tsketch'), path.join(dir, 'b.tsketch'));
    expect(r.code, r.err).toBe(0);
    const o = r.json();
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['a', 'b', 'overlap', 'shareOfA', 'shareOfB', 'affinity']));
    expect(o.a.label).toBe('我们的会员');
    // The key is new each run, so the estimates move: within 6% is five or more standard errors.
    const near = (value: number, truth: number) => expect(Math.abs(value - truth) / truth).toBeLessThan(0.06);
    near(o.overlap.estimate, 12_000);
    expect(o.overlap.p10).toBeLessThanOrEqual(o.overlap.estimate);
    expect(o.overlap.p90).toBeGreaterThanOrEqual(o.overlap.estimate);
    near(o.shareOfA, 0.4);
    expect(o.shareOfAP10).toBeLessThanOrEqual(o.shareOfA);
    near(o.shareOfB, 0.24);
    near(o.incrementalReach.estimate, 38_000);
    expect(o.affinity).toBeGreaterThan(1);
    const plain = await cli(dir, 'overlap', path.join(dir, 'a.tsketch'), path.join(dir, 'b.tsketch'), '--universe', '1,000,000');
    expect(plain.out).toMatch(/In both: \d+ \(P10–P90 \d+–\d+\)/);
  });

  it('refuses what would mislead or lose something, saying why, and writes nothing', async () => {
    const dir = tempDir();
    const { ours } = audiences(dir);
    const key = path.join(dir, 'deal.key');
    const other = path.join(dir, 'other.key');
    await cli(dir, 'key', '--out', key);
    await cli(dir, 'key', '--out', other);
    const before = fs.readFileSync(key, 'utf8');
    const again = await cli(dir, 'key', '--out', key);
    expect(again.code).toBe(3);
    expect(again.err).toContain('never overwritten');
    expect(fs.readFileSync(key, 'utf8')).toBe(before);

    const junk = path.join(dir, 'junk.csv');
    fs.writeFileSync(junk, `phone\n${Array.from({ length: 900 }, (_, i) => (i % 3 ? `call me ${i}` : phone(i))).join('\n')}\n`);
    const bad = await cli(dir, 'sketch', '--ids', junk, '--column', 'phone', '--key-file', key, '--out', path.join(dir, 'junk.tsketch'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/600 of 900 filled values \(67%\) are not mobile numbers \(line 3 "call me 1"/);
    expect(fs.existsSync(path.join(dir, 'junk.tsketch'))).toBe(false);

    const noColumn = await cli(dir, 'sketch', '--ids', ours, '--column', 'mobile', '--key-file', key, '--out', path.join(dir, 'x.tsketch'));
    expect(noColumn.code).toBe(2);
    expect(noColumn.err).toContain('its columns: "会员编号", "手机号"');
    const badKey = path.join(dir, 'bad.key');
    fs.writeFileSync(badKey, 'not a key');
    expect((await cli(dir, 'sketch', '--ids', ours, '--column', '手机号', '--key-file', badKey, '--out', path.join(dir, 'x.tsketch'))).err).toContain('64 hexadecimal characters');

    const a = path.join(dir, 'a.tsketch');
    const b = path.join(dir, 'b.tsketch');
    await cli(dir, 'sketch', '--ids', ours, '--column', '手机号', '--key-file', key, '--out', a);
    await cli(dir, 'sketch', '--ids', ours, '--column', '手机号', '--key-file', other, '--out', b);
    const mixed = await cli(dir, 'overlap', a, b);
    expect(mixed.code).toBe(3);
    expect(mixed.err).toContain('different deal keys');
    const wrongKey = await cli(dir, 'overlap', a, a, '--key-file', other);
    expect(wrongKey.code).toBe(3);

    const cut = path.join(dir, 'cut.tsketch');
    fs.writeFileSync(cut, fs.readFileSync(a, 'utf8').slice(0, 5000));
    const truncated = await cli(dir, 'overlap', a, cut);
    expect(truncated.code).toBe(2);
    expect(truncated.err).toContain(`${cut}: The file ends early`);
    const edited = path.join(dir, 'edited.tsketch');
    fs.writeFileSync(edited, fs.readFileSync(a, 'utf8').replace('"label": "ours.csv"', '"label": "theirs"'));
    expect((await cli(dir, 'overlap', a, edited)).err).toContain('checksum does not match');
    expect(fs.existsSync(path.join(dir, 'library'))).toBe(false);
  });
});
