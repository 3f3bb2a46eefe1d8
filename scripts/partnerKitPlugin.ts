import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';

const ID = 'virtual:partner-kit-script';
const RESOLVED = `\0${ID}`;

/**
 * `import kitScript from 'virtual:partner-kit-script'` gives main the partner kit's script
 * (src/kit/kit.ts and what it imports from src/shared) bundled into one minified IIFE, as a
 * string: main writes it inline into the kit's HTML, so the kit is one file that fetches
 * nothing. Used by the main build and by vitest.
 */
export function partnerKitScript(): Plugin {
  return {
    name: 'tandem-partner-kit-script',
    resolveId: (source) => (source === ID ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      const entry = resolve('src/kit/kit.ts');
      const out = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: { write: false, minify: true, target: 'es2022', lib: { entry, formats: ['iife'], name: 'TandemKit' } },
      });
      const first = Array.isArray(out) ? out[0] : out;
      if (!('output' in first)) throw new Error('the partner kit did not build');
      const chunk = first.output.find((o) => o.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('the partner kit built no script');
      for (const m of chunk.moduleIds ?? []) if (!m.startsWith('\0')) this.addWatchFile(m);
      return `export default ${JSON.stringify(chunk.code)};`;
    },
  };
}
