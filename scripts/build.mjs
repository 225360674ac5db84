// Bundles the CLI into one file so each short-lived `mk` process loads one module, not hundreds.
// Heavy modules (zod, yaml, controllers) stay behind dynamic import() and land in split chunks.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __mkCreateRequire } from 'node:module'; const require = __mkCreateRequire(import.meta.url);" },
});
