#!/usr/bin/env node
// The last line of `npm test`: how many tests ran and passed across vitest and Playwright,
// read from their JSON reports (a run that executed no test fails here).
import fs from 'node:fs';

const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const unit = read('reports/vitest.json');
const e2e = read('reports/e2e.json');
const e2eCount = (status) => e2e.stats[status] ?? 0;
const passed = unit.numPassedTests + e2eCount('expected');
const failed = unit.numFailedTests + e2eCount('unexpected') + e2eCount('flaky');
const skipped = unit.numPendingTests + unit.numTodoTests + e2eCount('skipped');
console.log(`unit ${unit.numPassedTests}/${unit.numTotalTests}, end-to-end ${e2eCount('expected')}/${e2eCount('expected') + e2eCount('unexpected') + e2eCount('flaky') + e2eCount('skipped')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
