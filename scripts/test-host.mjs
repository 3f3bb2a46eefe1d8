#!/usr/bin/env node
// Serves the built renderer against the real services, for a browser on this machine:
//   node scripts/test-host.mjs [--data-dir DIR] [--port 5174] [--demo]
import { parseArgs } from 'node:util';
import { startTestHost } from '../out/main/testhost.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' } },
});
const host = await startTestHost({
  dataDir: values['data-dir'] ?? '.tandem-dev',
  port: Number(values.port ?? 5174),
  seedDemo: values.demo ?? true,
});
console.log(`Tandem test host: ${host.url}`);
process.on('SIGINT', () => host.close().then(() => process.exit(0)));
