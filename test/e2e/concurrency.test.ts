// Several `mk` processes on one cluster at the same moment, as parallel CI jobs or a watch in
// another terminal make them: the default cluster is created once, no apply or label update is
// lost, and catching up from several processes at once fires every timer once (the result is
// the one a single process leaves).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, MkHome, REPO, type Result } from './harness.js';

const homes: MkHome[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.dispose();
});

function home(): MkHome {
  const h = new MkHome();
  homes.push(h);
  return h;
}

/** Runs every command at once, each in its own process. */
function all(h: MkHome, commands: string[][], env: Record<string, string> = {}): Promise<Result[]> {
  return Promise.all(commands.map((args) => new Promise<Result>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO, env: { ...process.env, MK_HOME: h.dir, NO_COLOR: '1', TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  })));
}

function expectAllOk(results: Result[]): void {
  for (const r of results) expect(r.code, r.stderr).toBe(0);
}

function configMap(h: MkHome, file: string, name: string, labels: Record<string, string>, data: Record<string, string>): string {
  const path = join(h.dir, file);
  writeFileSync(path, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data }));
  return path;
}

/** An object as JSON without what only counts writes. */
function stable(json: string): unknown {
  return JSON.parse(json, (k, v) => (k === 'resourceVersion' ? undefined : v));
}

describe('concurrent processes on one cluster', () => {
  test('first run: processes racing on a fresh MK_HOME create the default cluster exactly once', async () => {
    const h = home();
    const results = await all(h, Array.from({ length: 4 }, () => ['get', 'nodes']), { MK_CLOCK: 'manual' });
    expectAllOk(results);
    for (const r of results) expect(r.stdout).toBe(results[0].stdout);
    expect(results[0].stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(h.ok('get', 'namespaces', '-o', 'name')).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\nnamespace/local-path-storage\n');
    expect(readdirSync(join(h.dir, 'clusters'))).toEqual(['mk']);
    // The losers' half-built copies are gone.
    expect(existsSync(join(h.dir, 'tmp')) ? readdirSync(join(h.dir, 'tmp')) : []).toEqual([]);
    expect(h.ok('cluster', 'list')).toBe('mk\n');
  }, 30_000);

  test('applies of different objects from several processes all land', async () => {
    const h = home();
    h.ok('cluster', 'create', '--clock', 'manual');
    const files = Array.from({ length: 5 }, (_, i) => configMap(h, `cm-${i}.json`, `cm-${i}`, { app: 'demo' }, { i: String(i) }));
    const results = await all(h, files.map((f) => ['apply', '-f', f]));
    expectAllOk(results);
    expect(results.map((r) => r.stdout).sort()).toEqual(files.map((_, i) => `configmap/cm-${i} created\n`));
    expect(h.ok('get', 'configmaps', '-l', 'app=demo', '-o', 'name')).toBe(files.map((_, i) => `configmap/cm-${i}\n`).join(''));
  }, 30_000);

  test('applies of one object from several processes: one creates it, every other one patches what the previous left', async () => {
    const h = home();
    h.ok('cluster', 'create', '--clock', 'manual');
    const n = 5;
    const files = Array.from({ length: n }, (_, i) =>
      configMap(h, `shared-${i}.json`, 'shared', { writer: String(i), [`w-${i}`]: 'yes' }, { [`k${i}`]: String(i) }));
    const results = await all(h, files.map((f) => ['apply', '-f', f]));
    expectAllOk(results);
    const verbs = results.map((r) => r.stdout.trim()).sort();
    expect(verbs).toEqual([...Array(n - 1).fill('configmap/shared configured'), 'configmap/shared created']);
    // Applied one after the other, the last one's manifest is what the object holds: its labels
    // and data exactly, none left over from a patch computed against an older state.
    const live = JSON.parse(h.ok('get', 'configmap', 'shared', '-o', 'json'));
    const last = live.metadata.labels.writer;
    expect(live.metadata.labels).toEqual({ writer: last, [`w-${last}`]: 'yes' });
    expect(live.data).toEqual({ [`k${last}`]: last });
    expect(JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).metadata.labels.writer).toBe(last);
  }, 30_000);

  test('label --overwrite from several processes on one object keeps every label', async () => {
    const h = home();
    h.ok('cluster', 'create', '--clock', 'manual');
    h.ok('apply', '-f', configMap(h, 'target.json', 'target', { app: 'demo' }, {}));
    const n = 5;
    const results = await all(h, [
      ...Array.from({ length: n }, (_, i) => ['label', 'configmap', 'target', `k${i}=v${i}`, '--overwrite']),
      ...Array.from({ length: 2 }, (_, i) => ['label', 'configmap', 'target', `same=v${i}`, '--overwrite']),
    ]);
    expectAllOk(results);
    for (const r of results) expect(r.stdout).toBe('configmap/target labeled\n');
    const labels = JSON.parse(h.ok('get', 'configmap', 'target', '-o', 'jsonpath={.metadata.labels}'));
    expect(Object.keys(labels).sort()).toEqual(['app', ...Array.from({ length: n }, (_, i) => `k${i}`), 'same'].sort());
    expect(['v0', 'v1']).toContain(labels.same);
  }, 30_000);

  test('a long catch-up lets other commands in between its slices instead of locking them out', async () => {
    const h = home();
    h.ok('cluster', 'create', '--clock', 'manual');
    h.ok('apply', '-f', 'examples/bad-image.yaml');
    h.ok('run', 'crash', '--image=busybox', '--restart=Always', '--', 'sh', '-c', 'exit 1');
    const clock = () => {
      const db = new Database(join(h.dir, 'clusters', 'mk', 'state.db'), { readonly: true, timeout: 10_000 });
      try {
        return JSON.parse(db.prepare(`SELECT value FROM meta WHERE key = 'clock'`).pluck().get() as string).value as number;
      } finally {
        db.close();
      }
    };
    const before = clock();
    const long = all(h, [['clock', 'advance', '36h']]);
    // Once the clock has moved, the catch-up to it is under way.
    while (clock() === before) await new Promise((r) => setTimeout(r, 20));
    // Far shorter than the catch-up: it only gets in if the catch-up pauses between slices.
    const [get] = await all(h, [['get', 'pods']], { MK_BUSY_TIMEOUT_MS: '2500' });
    expect(get.stderr).toBe('');
    expect(get.stdout).toMatch(/^crash +0\/1 +CrashLoopBackOff +\d+ \(.* ago\) +36h$/m);
    expectAllOk(await long);
  }, 60_000);

  test('several processes catching up one cluster at once fire every timer once', async () => {
    const setup = (h: MkHome) => {
      h.ok('cluster', 'create', '--clock', 'manual');
      h.ok('apply', '-f', 'examples/bad-image.yaml');
      h.ok('run', 'crash', '--image=busybox', '--restart=Always', '--', 'sh', '-c', 'exit 1');
    };
    const serial = home();
    setup(serial);
    serial.ok('clock', 'advance', '30m');
    const together = home();
    setup(together);
    const results = await all(together, [
      ['clock', 'advance', '30m'], ['get', 'pods'], ['get', 'events'], ['describe', 'pod', 'crash'],
    ]);
    expectAllOk(results);
    const everything = (h: MkHome) => h.ok('get', 'pods,events,nodes', '-A', '-o', 'json');
    const result = everything(together);
    expect(stable(result)).toEqual(stable(everything(serial)));
    // No Event recorded twice: the recorder folds repeats into one object per message.
    const events = (JSON.parse(result).items as { kind: string; involvedObject: { name: string; fieldPath?: string }; reason: string; message: string }[])
      .filter((o) => o.kind === 'Event');
    const keys = events.map((e) => `${e.involvedObject.name} ${e.involvedObject.fieldPath ?? ''} ${e.reason} ${e.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);
});
