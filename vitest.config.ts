import { defineConfig } from 'vitest/config';
import { partnerKitScript } from './scripts/partnerKitPlugin';

export default defineConfig({
  plugins: [partnerKitScript()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
