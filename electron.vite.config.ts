import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { partnerKitScript } from './scripts/partnerKitPlugin';

/**
 * Three builds (electron-vite's layout):
 * - main: the Electron entry plus the plain-node entries that share its services — the CLI,
 *   the browser test host, the job worker and the import's writing thread. All chunks land in out/main itself, so a
 *   worker path computed next to any chunk is right.
 * - preload: CommonJS (`index.cjs`), because a sandboxed preload cannot be an ES module, with
 *   its dependencies bundled (a sandboxed preload cannot require packages).
 * - renderer: React, minified, pages split into lazy chunks.
 * The partner kit's script (src/kit) is bundled into main as a string by a plugin, to be
 * written inline into a lone HTML file.
 */
export default defineConfig({
  main: {
    plugins: [partnerKitScript()],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/entry.ts'),
          testhost: resolve('src/main/testhost/server.ts'),
          worker: resolve('src/main/jobs/worker.ts'),
          reader: resolve('src/main/jobs/readerWorker.ts'),
          writer: resolve('src/main/data/writerThread.ts'),
          alsWorker: resolve('src/main/partners/targeting/alsWorker.ts'),
          itemScoreWorker: resolve('src/main/partners/targeting/itemScoreWorker.ts'),
          kernelThread: resolve('src/main/ml/simd/kernelThread.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: {
        input: { index: resolve('src/renderer/index.html') },
      },
    },
  },
});
