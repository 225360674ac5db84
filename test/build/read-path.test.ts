// The modules a read-only command loads, checked on the bundle's own import graph: builds with
// scripts/build.mjs into a temporary directory and walks esbuild's metafile. `mk get` loads main's
// static imports, the get verb's module and, when nothing is due, the SQLite store; -o formats,
// --sort-by and describe add their own modules. None of that may reach schemas (zod), the YAML library, admission,
// patching or the control plane: loading them costs more than a read does (design.md, "Start-up
// budget"). A structural check, not a timing one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown>; entryPoint?: string }>;
}

/** Modules that belong to writes or to the control plane, never to a read. */
const HEAVY: [string, RegExp][] = [
  ['zod', /^node_modules\/zod\//],
  ['yaml', /^node_modules\/yaml\//],
  ['admission', /^src\/apiserver\/admission\//],
  ['patching', /^src\/apiserver\/patch\//],
  ['controllers', /^src\/controllers\//],
  ['scheduler', /^src\/scheduler\//],
  ['kubelet', /^src\/kubelet\//],
  ['control plane', /^src\/(cluster\/(control-plane|wiring|create)|sim\/loop)\.ts$/],
  ['schemas', /\/schema\.ts$/],
  ['validation', /^src\/api\/(validation|field-errors)\.ts$/],
];

/** What each read loads beyond main.ts: its verb's module, then its imports when nothing is due. */
const GET = ['src/cli/commands/get.ts', 'src/store/sqlite.ts'];
const READ_PATHS: Record<string, string[]> = {
  'mk get (table)': GET,
  'mk get -o json|yaml|name|jsonpath|custom-columns': [...GET, 'src/cli/flags/print-flags.ts'],
  'mk get --sort-by': [...GET, 'src/cli/printers/sort.ts'],
  'mk describe': ['src/cli/commands/describe.ts', 'src/store/sqlite.ts', 'src/cli/describe/index.ts'],
};

const root = fileURLToPath(new URL('../..', import.meta.url));
let outdir: string;
let meta: Metafile;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'mk-read-path-'));
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as Metafile;
}, 60_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Every module reachable from `entries` without a dynamic import, each with the chain that reached it. */
function staticClosure(entries: string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue = entries.map((e) => [e]);
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const file = chain[chain.length - 1];
    if (chains.has(file)) continue;
    chains.set(file, chain);
    for (const imp of meta.inputs[file]?.imports ?? []) {
      if (imp.kind !== 'dynamic-import' && !imp.external) queue.push([...chain, imp.path]);
    }
  }
  return chains;
}

function heavyIn(chains: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, chain] of chains) {
    const hit = HEAVY.find(([, re]) => re.test(file));
    if (hit) found.push(`${hit[0]}: ${chain.join(' -> ')}`);
  }
  return found;
}

describe('the read path of the bundle', () => {
  test.each(Object.entries(READ_PATHS))('%s loads nothing heavy', (_name, extra) => {
    for (const e of ['src/cli/main.ts', ...extra]) expect(meta.inputs[e], `${e} is in the bundle`).toBeDefined();
    expect(heavyIn(staticClosure(['src/cli/main.ts', ...extra]))).toEqual([]);
  });

  test("main.js's static chunks hold only modules reachable without import()", () => {
    // esbuild puts a module in a chunk main.js imports statically only if main reaches it so;
    // checked on the output too, so a change in how chunks are formed cannot hide a heavy module.
    const reachable = staticClosure(['src/cli/main.ts']);
    const seen = new Set<string>();
    const queue = [Object.keys(meta.outputs).find((f) => meta.outputs[f].entryPoint === 'src/cli/main.ts')!];
    for (let f = queue.shift(); f; f = queue.shift()) {
      if (seen.has(f)) continue;
      seen.add(f);
      for (const imp of meta.outputs[f].imports) if (imp.kind === 'import-statement' && !imp.external) queue.push(imp.path);
    }
    const inputs = [...seen].flatMap((f) => Object.keys(meta.outputs[f].inputs));
    expect(inputs.filter((i) => !reachable.has(i))).toEqual([]);
    expect(inputs.filter((i) => HEAVY.some(([, re]) => re.test(i)))).toEqual([]);
  });

  test('the writes path does reach admission (the check can see heavy modules)', () => {
    expect(heavyIn(staticClosure(['src/cluster/wiring.ts'])).some((s) => s.startsWith('admission'))).toBe(true);
  });
});
