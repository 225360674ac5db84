// `mk get pods -w` as a separate, long-running process while other `mk` processes change the
// cluster: on a manual clock it prints the same rows every time and exits 0 once things are
// quiet; on a realtime cluster it runs until interrupted, exits 1 like kubectl, and gives the
// lease back.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, MkHome, REPO } from './harness.js';

const homes: MkHome[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.dispose();
});

function home(): MkHome {
  const h = new MkHome();
  homes.push(h);
  return h;
}

interface Running {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

function start(h: MkHome, args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO, env: { ...process.env, MK_HOME: h.dir, NO_COLOR: '1', TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exit };
}

function lease(h: MkHome): string | undefined {
  const db = new Database(join(h.dir, 'clusters', 'mk', 'state.db'), { readonly: true, timeout: 5_000 });
  try {
    return (db.prepare(`SELECT value FROM meta WHERE key = 'lease'`).pluck().get() as string | undefined);
  } finally {
    db.close();
  }
}

async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('get -w beside other commands', () => {
  test('manual clock: the redis pod applied while watching, row by row, then exit 0', async () => {
    const h = home();
    h.ok('cluster', 'create', '--clock', 'manual');
    const w = start(h, ['get', 'pods', '-w']);
    // The watch takes the lease once it has listed: from then on it sees every change.
    await until('the watch to start', () => lease(h) !== undefined);
    expect(h.ok('apply', '-f', 'examples/redis-pod.yaml')).toBe('pod/redis created\n');
    expect(await w.exit).toBe(0);
    // Creation, the binding (spec.nodeName and PodScheduled in one write), the kubelet's first
    // status, Running.
    expect(w.out()).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n'
      + 'redis   0/1     Pending   0          0s\n'
      + 'redis   0/1     Pending   0          0s\n'
      + 'redis   0/1     ContainerCreating   0          0s\n'
      + 'redis   1/1     Running             0          2s\n');
    expect(lease(h)).toBeUndefined();
    expect(h.ok('get', 'pods')).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE\nredis   1\/1     Running   0          \ds\n$/);
  }, 30_000);

  test('realtime: runs until interrupted, exits 1 as kubectl does, and releases the lease', async () => {
    const h = home();
    h.ok('cluster', 'create');
    const w = start(h, ['get', 'pods', '-o', 'wide', '-w']);
    await until('the watch to start', () => lease(h) !== undefined);
    h.ok('apply', '-f', 'examples/redis-pod.yaml');
    await until('redis to run', () => /redis +1\/1 +Running/.test(w.out()));
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(1);
    const lines = w.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE   IP\s+NODE\s+NOMINATED NODE   READINESS GATES$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[2])).toEqual(expect.arrayContaining(['Pending', 'ContainerCreating', 'Running']));
    expect(lines.at(-1)).toMatch(/^redis   1\/1     Running\s+0\s+\d+s\s+10\.244\.\d\.\d+\s+mk-worker2?\s+<none>\s+<none>$/);
    expect(lease(h)).toBeUndefined();
  }, 30_000);
});
