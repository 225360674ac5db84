// What only the SQLite store promises: the file outlives the process, survives kill -9 at any
// moment, and several processes writing at once lose no update.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { openStore } from '../../src/store/open.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SCHEMA_VERSION, SqliteStore } from '../../src/store/sqlite.js';

let dir: string;
let child: string;
const stores: SqliteStore[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mk-sqlite-'));
  child = join(dir, 'child.mjs');
  // The bundle lives outside the repository, where `better-sqlite3` would not resolve; point the
  // import at this checkout's copy.
  const betterSqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  await build({
    entryPoints: [fileURLToPath(new URL('./helpers/child.ts', import.meta.url))],
    outfile: child,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    plugins: [{
      name: 'better-sqlite3-from-checkout',
      setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite, external: true })),
    }],
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

let dbCount = 0;
function dbPath(): string {
  return join(dir, `c${++dbCount}`, 'state.db');
}

function open(path: string, opts?: ConstructorParameters<typeof SqliteStore>[1]): SqliteStore {
  const s = new SqliteStore(path, opts);
  stores.push(s);
  return s;
}

describe('the file', () => {
  test('keeps objects, revision, meta and timers between processes', () => {
    const path = dbPath();
    const a = new SqliteStore(path);
    a.create('pods', pod('default', 'a'));
    a.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    a.delete('nodes', undefined, 'n1');
    a.setMeta('clock', '{"now":5}');
    a.addTimer(10, 'kubelet', 'default/a');
    a.close();
    const b = open(path);
    expect(b.revision()).toBe(3);
    expect(b.get('pods', 'default', 'a')?.metadata.resourceVersion).toBe('1');
    expect(b.changes(0).map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'DELETED']);
    expect(b.getMeta('clock')).toBe('{"now":5}');
    expect(b.nextTimer()).toMatchObject({ due: 10, owner: 'kubelet', key: 'default/a' });
    expect(b.create('pods', pod('default', 'b')).metadata.resourceVersion).toBe('4');
  });

  test('is in WAL mode with its schema version recorded', () => {
    const path = dbPath();
    open(path);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare(`SELECT value FROM sys WHERE key = 'schema'`).pluck().get()).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  test('written by a newer schema is refused rather than misread', () => {
    const path = dbPath();
    new SqliteStore(path).close();
    const db = new Database(path);
    db.prepare(`UPDATE sys SET value = 99 WHERE key = 'schema'`).run();
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/schema version 99 is newer/);
  });

  test('history stays bounded by the compaction window', () => {
    const path = dbPath();
    const s = open(path, { compactionWindow: 20 });
    for (let i = 0; i < 20; i++) s.create('pods', pod('default', `p${i}`));
    for (let i = 0; i < 1000; i++) s.update('pods', pod('default', `p${i % 20}`, { i }));
    const db = new Database(path, { readonly: true });
    try {
      const rows = db.prepare('SELECT count(*) FROM log').pluck().get() as number;
      // The window, one batch of slack, and at most one older version per live object.
      expect(rows).toBeLessThanOrEqual(20 + 2 + 20);
    } finally {
      db.close();
    }
    expect(s.list('pods', { revision: s.revision() - 20 }).items).toHaveLength(20);
  });

  test('openStore picks the implementation from the path', () => {
    const mem = openStore(':memory:', { compactionWindow: 3 });
    expect(mem).toBeInstanceOf(MemoryStore);
    const file = openStore(dbPath());
    expect(file).toBeInstanceOf(SqliteStore);
    mem.close();
    file.close();
  });

  test('a fresh store lists 1,000 pods written by another store, in key order', () => {
    const path = dbPath();
    const seed = new SqliteStore(path);
    seed.transaction(() => {
      for (let i = 0; i < 1000; i++) seed.create('pods', bigPod(`ns${i % 10}`, `pod-${i}`));
      for (let i = 0; i < 500; i++) seed.create('configmaps', pod(`ns${i % 10}`, `cm-${i}`));
    });
    seed.close();
    // Its cost is measured side by side in bench/startup.mjs, not asserted here.
    const s = new SqliteStore(path);
    const { items } = s.list('pods');
    s.close();
    expect(items).toHaveLength(1000);
    const keys = items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('crash safety', () => {
  test('kill -9 at any moment leaves a database the next process opens and writes to', async () => {
    const path = dbPath();
    const s = new SqliteStore(path, { compactionWindow: 50 });
    s.create('configmaps', counter('a'));
    s.create('configmaps', counter('b'));
    s.close();
    for (const after of [40, 97, 160]) {
      await churnUntilKilled(path, after);
      verify(path);
    }
    const s2 = open(path, { compactionWindow: 50 });
    const rev = s2.revision();
    s2.create('pods', pod('default', 'after-crash'));
    expect(s2.revision()).toBe(rev + 1);
    expect(s2.changes(rev).map((e) => e.object.metadata.name)).toEqual(['after-crash']);
  });
});

describe('concurrent writers', () => {
  test('4 processes creating the same new database at once all succeed', async () => {
    const path = dbPath();
    const startAt = String(Date.now() + 500);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((name) => run([path, 'create', name, startAt])));
    expect(results.map((r) => r.stderr)).toEqual(['', '', '', '']);
    const s = open(path);
    expect(s.revision()).toBe(4);
    expect(s.list('configmaps').items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  test.each([
    ['get and update inside transaction()', 'inc-tx'],
    ['update by resourceVersion, retrying on Conflict', 'inc-cas'],
  ])('4 processes x 50 increments: %s loses none', async (_name, mode) => {
    const path = dbPath();
    const s = open(path);
    s.create('configmaps', counter('counter'));
    const startAt = String(Date.now() + 700);
    const results = await Promise.all([1, 2, 3, 4].map(() => run([path, mode, '50', startAt])));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const c = s.get('configmaps', 'default', 'counter')!;
    expect(c.data).toEqual({ n: '200' });
    expect(s.revision()).toBe(201);
    const conflicts = results.reduce((n, r) => n + (JSON.parse(r.stdout) as { conflicts: number }).conflicts, 0);
    if (mode === 'inc-tx') expect(conflicts).toBe(0);
    else expect(conflicts).toBeGreaterThan(0); // the writers really did race
  });
});

/** Integrity of a database after a crash, read with plain SQLite. */
function verify(path: string): void {
  const db = new Database(path);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const revision = db.prepare(`SELECT value FROM sys WHERE key = 'revision'`).pluck().get() as number;
    expect(db.prepare('SELECT max(rev) FROM log').pluck().get()).toBe(revision);
    for (const [rev, data] of db.prepare('SELECT rev, data FROM log WHERE data IS NOT NULL').raw().all() as [number, string][]) {
      expect((JSON.parse(data) as KubeObject).metadata.resourceVersion).toBe(String(rev));
    }
    const dangling = db.prepare('SELECT count(*) FROM objects o LEFT JOIN log l ON l.rev = o.rev WHERE l.data IS NULL').pluck().get();
    expect(dangling).toBe(0);
  } finally {
    db.close();
  }
  const s = new SqliteStore(path, { compactionWindow: 50 });
  try {
    const a = s.get('configmaps', 'default', 'a')!;
    const b = s.get('configmaps', 'default', 'b')!;
    // Both counters move in one transaction: a crash never leaves one ahead.
    expect(a.data).toEqual(b.data);
    const pods = s.list('pods').items;
    expect(pods.length).toBeLessThanOrEqual(10 * 3 + 3);
    const maxRv = Math.max(...[a, b, ...pods].map((o) => Number(o.metadata.resourceVersion)));
    expect(maxRv).toBeLessThanOrEqual(s.revision());
    const iteration = Number(s.getMeta('iteration'));
    expect(iteration).toBeGreaterThan(0);
    s.changes(s.revision() - 50);
  } finally {
    s.close();
  }
}

/** Starts a writer and kills it with SIGKILL once it has reported `after` iterations. */
function churnUntilKilled(path: string, after: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, path, 'churn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').length > after) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`churn exited with ${code}: ${err}`));
    });
  });
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function pod(namespace: string, name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec };
}

function counter(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { n: '0' } };
}

/** A pod about the size the apiserver stores after defaulting and a few status updates (~2.5 KB). */
function bigPod(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace, uid: `0b6d3e5e-8c1f-4a51-9c5e-${name.padStart(12, '0')}`,
      creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: 'a1b2c3d4-0000-4000-8000-000000000000', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [{
        name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' } }, terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        volumeMounts: [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
      }],
      dnsPolicy: 'ClusterFirst', enableServiceLinks: true, nodeName: 'worker', preemptionPolicy: 'PreemptLowerPriority',
      priority: 0, restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
      serviceAccount: 'default', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [{ name: 'kube-api-access-abcde', projected: { defaultMode: 420, sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ] } }],
    },
    status: {
      phase: 'Running', hostIP: '172.18.0.3', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], qosClass: 'Burstable',
      startTime: '2025-01-01T00:00:01Z',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type, status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:03Z',
      })),
      containerStatuses: [{
        name: 'web', ready: true, restartCount: 0, started: true, image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
        containerID: 'containerd://5f1c3a0e9b8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b',
        lastState: {}, state: { running: { startedAt: '2025-01-01T00:00:02Z' } },
      }],
    },
  };
}
