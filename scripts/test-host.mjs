#!/usr/bin/env node
// Serves the built renderer against the real services, for a browser on this machine:
//   node scripts/test-host.mjs [--data-dir DIR] [--port 5174] [--no-demo]
// The data folder: --data-dir, else TANDEM_DATA_DIR (as the CLI), else .tandem-dev.
// Tests drive its file dialogs with POST /__host/dialog-answers {answers: [path | null, ...]}
// (header x-tandem-token, the token in the printed URL) and read GET /__host/opened-files.
import { parseArgs } from 'node:util';
import { startTestHost } from '../out/main/testhost.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' }, 'no-demo': { type: 'boolean' } },
});
const dataDir = values['data-dir'] ?? process.env.TANDEM_DATA_DIR ?? '.tandem-dev';
const host = await startTestHost({
  dataDir,
  port: Number(values.port ?? 5174),
  seedDemo: values['no-demo'] ? false : (values.demo ?? true),
});
console.log(`Tandem test host: ${host.url}`);
console.log(`Data folder: ${dataDir}`);
process.on('SIGINT', () => host.close().then(() => process.exit(0)));
