// Bundles the CLI into one file so each short-lived `mk` process loads one module, not hundreds.
// Heavy modules (zod, yaml, controllers) stay behind dynamic import() and land in split chunks.
// dist/meta.json (esbuild's metafile) records which sources each chunk holds and what it imports,
// so a test can check that the read path's static import graph stays small.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

// Chunk names carry content hashes: without a clean slate, every build would leave the last one's behind.
rmSync('dist', { recursive: true, force: true });

const result = await build({
  entryPoints: { main: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['better-sqlite3'],
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __mkCreateRequire } from 'node:module'; const require = __mkCreateRequire(import.meta.url);" },
});
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
