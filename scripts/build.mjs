// Bundles the CLI into one file so each short-lived `mk` process loads one module, not hundreds.
// Heavy modules (zod, yaml, controllers) stay behind dynamic import() and land in split chunks.
// dist/meta.json (esbuild's metafile) records which sources each chunk holds and what it imports,
// so a test can check that the read path's static import graph stays small.
//
//   node scripts/build.mjs [--outdir DIR]      (default: dist)
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist';

/**
 * better-sqlite3's JavaScript is bundled like any other module: loaded from node_modules it costs
 * every command a dozen CommonJS files, and its `bindings` helper probes a dozen paths, to find an
 * addon whose place is known. Only the native addon itself stays outside the bundle, found next
 * to the installed package's package.json (as `bindings` does, for builds not in build/Release).
 */
const sqliteAddon = {
  name: 'better-sqlite3-addon',
  setup(b) {
    b.onResolve({ filter: /^bindings$/ }, (args) =>
      args.importer.includes('better-sqlite3') ? { path: 'bindings', namespace: 'mk-addon' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'mk-addon' }, () => ({
      loader: 'js',
      contents: `
        const { dirname, join } = require('node:path');
        module.exports = function bindings(name) {
          const root = dirname(require.resolve('better-sqlite3/package.json'));
          try {
            return require(join(root, 'build', 'Release', name));
          } catch (err) {
            if (err?.code !== 'MODULE_NOT_FOUND') throw err;
          }
          return require(require.resolve('bindings', { paths: [root] }))({ bindings: name, module_root: root });
        };`,
    }));
  },
};

/**
 * commander loads node:child_process when it is imported, for the executable subcommands mk never
 * uses; loading it costs every command a few milliseconds. The require is deferred to first use.
 */
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) return { errors: [{ text: `${args.path}: expected \`${eager}\`` }] };
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

mkdirSync(outdir, { recursive: true });
const result = await build({
  entryPoints: { main: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sqliteAddon, lazyChildProcess],
  banner: { js: "import { createRequire as __mkCreateRequire } from 'node:module'; const require = __mkCreateRequire(import.meta.url);" },
});
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));

// Chunk names carry content hashes, so each build would leave the last one's behind. They are
// removed after the new ones are written, not before, so a command or test running from dist
// meanwhile never finds it empty.
const written = new Set(['meta.json']);
for (const f of Object.keys(result.metafile.outputs)) written.add(relative(outdir, f));
for (const name of readdirSync(outdir)) {
  if (!written.has(name) && !written.has(name.replace(/\.map$/, ''))) rmSync(resolve(outdir, name), { recursive: true, force: true });
}
