#!/usr/bin/env node
// Scans the Electron sources with @doyensec/electronegativity and fails on any finding above
// LOW severity, except the manual-review findings listed in REVIEWED, each with the reason it
// was accepted. (electronegativity itself always exits 0, so its CSV report is read here.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

/** check id → file → why it is acceptable. A new finding of these checks elsewhere still fails. */
const REVIEWED = {
  PRELOAD_JS_CHECK: {
    'main/index.ts':
      'The preload (src/preload/index.ts) runs sandboxed with contextIsolation and exposes one object: `call` for the contract names only and `on` for the typed push events; no ipcRenderer or event objects cross.',
  },
  OPEN_EXTERNAL_JS_CHECK: {
    'main/security.ts':
      'openExternal is reached only through openExternal(), after isSafeExternalUrl() accepts an http(s) URL without credentials (tests/unit/maths.test.ts).',
  },
};

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-scan-')), 'report.csv');
const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const run = spawnSync(process.execPath, [bin, '-i', 'src', '-o', out, '-r', '-e', electronVersion], { encoding: 'utf8' });
if (!fs.existsSync(out)) {
  console.error(run.stdout, run.stderr);
  console.error('security scan: electronegativity wrote no report');
  process.exit(1);
}

const rows = parseCsv(fs.readFileSync(out, 'utf8')).slice(1).filter((r) => r.length > 1);
const findings = rows.map(([id, severity, confidence, file, location, , description]) => ({ id, severity, confidence, file, location, description }));
const blocking = [];
for (const f of findings) {
  const reason = REVIEWED[f.id]?.[f.file];
  const tag = f.severity === 'LOW' || f.severity === 'INFORMATIONAL' ? 'low' : reason ? 'reviewed' : 'FAIL';
  console.log(`${tag.padEnd(8)} ${f.severity.padEnd(8)} ${f.id.padEnd(26)} ${f.file}:${f.location}  ${f.description}`);
  if (tag === 'reviewed') console.log(`         accepted: ${reason}`);
  if (tag === 'FAIL') blocking.push(f);
}
console.log(`\nelectronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} above LOW not reviewed`);
process.exit(blocking.length ? 1 : 0);

/** RFC 4180 CSV: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cur.trim()), (cur = '');
    else if (c === '\n') row.push(cur.trim()), rows.push(row), (row = []), (cur = '');
    else if (c !== '\r') cur += c;
  }
  if (cur || row.length) row.push(cur.trim()), rows.push(row);
  return rows;
}
