// `kill -9` of an mk process at any moment: while it creates the default cluster, while it
// catches a cluster up, while it applies. The next command must open the store and carry on,
// and what it ends with must be what an uninterrupted run leaves. Kill times are drawn from a
// seeded generator (MK_CRASH_SEED to replay a failure) across the whole run of each command.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, MkHome, REPO } from './harness.js';

const SEED = Number(process.env.MK_CRASH_SEED ?? 20250101);
const homes: MkHome[] = [];
afterAll(() => {
  for (const h of homes.splice(0)) h.dispose();
});

function home(): MkHome {
  const h = new MkHome();
  homes.push(h);
  return h;
}

/** mulberry32: small, seeded, good enough to spread kill times. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs mk and SIGKILLs it after `ms` (if still running); resolves with how it ended and when. */
function killAfter(h: MkHome, args: string[], ms: number, env: Record<string, string> = {}): Promise<{ killed: boolean; elapsed: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO, env: { ...process.env, MK_HOME: h.dir, NO_COLOR: '1', TZ: 'UTC', ...env }, stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', elapsed: performance.now() - started });
    });
  });
}

/** The store is whole: SQLite's own check, and the revision bookkeeping agrees with the log. */
function checkStore(h: MkHome): void {
  const db = new Database(join(h.dir, 'clusters', 'mk', 'state.db'), { readonly: true, timeout: 10_000 });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const revision = db.prepare(`SELECT value FROM sys WHERE key = 'revision'`).pluck().get() as number;
    expect(db.prepare('SELECT max(rev) FROM log').pluck().get() ?? 0).toBe(revision);
    expect(db.prepare('SELECT count(*) FROM objects o LEFT JOIN log l ON l.rev = o.rev WHERE l.rev IS NULL').pluck().get()).toBe(0);
    const cursor = Number(db.prepare(`SELECT value FROM meta WHERE key = 'controllers/cursor'`).pluck().get() ?? 0);
    expect(cursor).toBeLessThanOrEqual(revision);
  } finally {
    db.close();
  }
}

/** What a cluster shows, without what only counts writes. */
function state(h: MkHome): unknown {
  return JSON.parse(h.ok('get', 'pods,events,configmaps', '-A', '-o', 'json'), (k, v) => (k === 'resourceVersion' ? undefined : v));
}

const CONFIGMAPS = Array.from({ length: 5 }, (_, i) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  i: "${i}"\n`).join('---\n');

const CRASH_LOOP = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: crash
    image: busybox
    command: ["sh", "-c", "exit 1"]
`;

/** A manual cluster with a pod in CrashLoopBackOff and one in ImagePullBackOff to catch up. */
function prepare(h: MkHome): string {
  h.ok('cluster', 'create', '--clock', 'manual');
  const pods = join(h.dir, 'pods.yaml');
  writeFileSync(pods, CRASH_LOOP);
  h.ok('apply', '-f', 'examples/bad-image.yaml', '-f', pods);
  const file = join(h.dir, 'cms.yaml');
  writeFileSync(file, CONFIGMAPS);
  return file;
}

describe('kill -9 at any moment', () => {
  const random = rng(SEED);
  const at = (maxMs: number) => Math.floor(random() * maxMs);

  test(`during the first run, creating the default cluster (seed ${SEED})`, async () => {
    const reference = home();
    const clean = await killAfter(reference, ['get', 'nodes'], 60_000, { MK_CLOCK: 'manual' });
    const expected = reference.ok('get', 'pods', '-A');
    for (let i = 0; i < 3; i++) {
      const h = home();
      await killAfter(h, ['get', 'nodes'], at(clean.elapsed * 1.2), { MK_CLOCK: 'manual' });
      // Either the cluster was never linked into place and is created now, or it is whole.
      expect(h.run(['get', 'pods', '-A'], { env: { MK_CLOCK: 'manual' } }).stdout).toBe(expected);
      checkStore(h);
      expect(readdirSync(join(h.dir, 'clusters'))).toEqual(['mk']);
    }
  }, 120_000);

  test(`during a catch-up and during an apply, the next command carries on to the same end (seed ${SEED})`, async () => {
    const reference = home();
    const file = prepare(reference);
    const advance = await killAfter(reference, ['clock', 'advance', '2h'], 60_000);
    const apply = await killAfter(reference, ['apply', '-f', file], 60_000);
    expect(advance.killed || apply.killed).toBe(false);
    const expected = state(reference);

    for (let i = 0; i < 2; i++) {
      const h = home();
      prepare(h);
      const before = h.ok('clock', 'show');
      await killAfter(h, ['clock', 'advance', '2h'], at(advance.elapsed * 1.2));
      // Killed before the clock moved: move it now. After: the next command catches up the rest.
      if (h.ok('clock', 'show') === before) h.ok('clock', 'advance', '2h');
      await killAfter(h, ['apply', '-f', file], at(apply.elapsed * 1.2));
      h.ok('apply', '-f', file);
      checkStore(h);
      expect(state(h)).toEqual(expected);
    }
  }, 180_000);
});
