#!/usr/bin/env node
// better-sqlite3 is not N-API: Electron needs a build for its own ABI, node (tests, CLI) its
// own. This script builds the Electron one into .native/electron-<version>/ from a copy of the
// package, leaving node_modules/better-sqlite3 (the node build) untouched, so that `npm start`
// and `npm test` both work after one `npm install`, in any order. It downloads Electron's
// headers or a prebuilt binary, so it runs on a user's machine (with internet), not on the
// offline build machines, where Electron is never launched.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const sqlitePkg = require('better-sqlite3/package.json');
const target = path.join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
const stable = path.join(root, '.native', 'electron', 'better_sqlite3.node');

if (fs.existsSync(target)) {
  fs.mkdirSync(path.dirname(stable), { recursive: true });
  fs.copyFileSync(target, stable);
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, target)} (already built)`);
  process.exit(0);
}

const stage = path.join(root, '.native', 'stage');
fs.rmSync(stage, { recursive: true, force: true });
const moduleDir = path.join(stage, 'node_modules', 'better-sqlite3');
fs.mkdirSync(moduleDir, { recursive: true });
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'tandem-native-stage', private: true, dependencies: { 'better-sqlite3': sqlitePkg.version } }));
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, moduleDir, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
for (const dep of ['bindings', 'file-uri-to-path']) {
  const dir = path.dirname(require.resolve(`${dep}/package.json`, { paths: [source] }));
  fs.cpSync(dir, path.join(stage, 'node_modules', dep), { recursive: true });
}

console.log(`Building better-sqlite3 ${sqlitePkg.version} for Electron ${electronVersion} (one time)…`);
try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: stage, electronVersion, force: true, onlyModules: ['better-sqlite3'] });
} catch (e) {
  console.error(`Could not build better-sqlite3 for Electron: ${e.message}`);
  console.error('This step needs internet access once (Electron headers or a prebuilt binary).');
  process.exit(1);
}
const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built)) {
  console.error(`The Electron build of better-sqlite3 is missing at ${built}`);
  process.exit(1);
}
for (const dest of [target, stable]) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(built, dest);
}
fs.rmSync(stage, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, target)}`);
