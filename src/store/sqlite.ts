// The default Store: one SQLite file per cluster, shared by every short-lived `mk` process.
//
// Layout, etcd-like: `log` holds one row per revision with the object as written (JSON text), and
// `objects` maps each live key to the revision holding its current value, so an object's JSON is
// stored once, not once as current state and again in the history. A DELETED row has no data; its
// `prev` points at the version it removed. Compaction drops history older than the window but keeps
// the rows still needed: current values, and the versions that retained changes replaced (which
// `list({ revision })` and DELETED events read).
//
// Concurrency: WAL lets readers run beside one writer; every write takes the write lock up front
// (BEGIN IMMEDIATE), so read-modify-write inside transaction() cannot interleave with another
// process, and the busy timeout makes a second writer wait instead of failing. The revision lives
// in the database and is read inside each write, never cached across transactions.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { KubeObject } from '../api/object.js';
import { alreadyExists, conflict, notFound } from '../apiserver/errors.js';
import {
  ADDED, DELETED, EVENT_TYPES, MODIFIED, assertNotPromise, checkListRevision, compactionTarget,
  compactionWindow, decode, decodeDeleted, encode, isStale, keyOf, namespaceRange, storageKey, watchTooOld,
  type StoreOptions,
} from './common.js';
import type { ListOptions, ListResult, Store, Timer, WatchEvent } from './store.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** How long a writer waits for another process's write transaction before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/** Bumped whenever the tables change shape; open() migrates older files and refuses newer ones. */
export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE sys (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE log (
  rev INTEGER PRIMARY KEY,
  type INTEGER NOT NULL,
  resource TEXT NOT NULL,
  key TEXT NOT NULL,
  prev INTEGER,
  data TEXT
);
CREATE TABLE objects (
  resource TEXT NOT NULL,
  key TEXT NOT NULL,
  rev INTEGER NOT NULL,
  PRIMARY KEY (resource, key)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE timers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  due INTEGER NOT NULL,
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  UNIQUE (owner, key, due)
);
CREATE INDEX timers_due ON timers (due, id);
INSERT INTO sys (key, value) VALUES ('schema', ${SCHEMA_VERSION}), ('revision', 0), ('compacted', 0);
`;

const SQL = {
  revision: `SELECT value FROM sys WHERE key = 'revision'`,
  compacted: `SELECT value FROM sys WHERE key = 'compacted'`,
  setRevision: `UPDATE sys SET value = ? WHERE key = 'revision'`,
  setCompacted: `UPDATE sys SET value = ? WHERE key = 'compacted'`,
  get: `SELECT l.data FROM objects o JOIN log l ON l.rev = o.rev WHERE o.resource = ? AND o.key = ?`,
  currentRev: `SELECT rev FROM objects WHERE resource = ? AND key = ?`,
  current: `SELECT o.rev, l.data FROM objects o JOIN log l ON l.rev = o.rev WHERE o.resource = ? AND o.key = ?`,
  listAll: `SELECT l.data FROM objects o JOIN log l ON l.rev = o.rev WHERE o.resource = ? ORDER BY o.key`,
  listNs: `SELECT l.data FROM objects o JOIN log l ON l.rev = o.rev
           WHERE o.resource = ? AND o.key >= ? AND o.key < ? ORDER BY o.key`,
  listAllText: `SELECT l.data FROM objects o JOIN log l ON l.rev = o.rev
                WHERE o.resource = ? AND instr(l.data, ?) > 0 ORDER BY o.key`,
  listNsText: `SELECT l.data FROM objects o JOIN log l ON l.rev = o.rev
               WHERE o.resource = ? AND o.key >= ? AND o.key < ? AND instr(l.data, ?) > 0 ORDER BY o.key`,
  keysAll: `SELECT key, rev FROM objects WHERE resource = ?`,
  keysNs: `SELECT key, rev FROM objects WHERE resource = ? AND key >= ? AND key < ?`,
  changedAll: `SELECT key, prev FROM log WHERE rev > ? AND resource = ? ORDER BY rev`,
  changedNs: `SELECT key, prev FROM log WHERE rev > ? AND resource = ? AND key >= ? AND key < ? ORDER BY rev`,
  data: `SELECT data FROM log WHERE rev = ?`,
  append: `INSERT INTO log (rev, type, resource, key, prev, data) VALUES (?, ?, ?, ?, ?, ?)`,
  insertObject: `INSERT INTO objects (resource, key, rev) VALUES (?, ?, ?)`,
  updateObject: `UPDATE objects SET rev = ? WHERE resource = ? AND key = ?`,
  deleteObject: `DELETE FROM objects WHERE resource = ? AND key = ?`,
  changes: `SELECT l.rev, l.type, l.resource, COALESCE(l.data, p.data) FROM log l
            LEFT JOIN log p ON l.data IS NULL AND p.rev = l.prev
            WHERE l.rev > ? ORDER BY l.rev`,
  changesOf: `SELECT l.rev, l.type, l.resource, COALESCE(l.data, p.data) FROM log l
              LEFT JOIN log p ON l.data IS NULL AND p.rev = l.prev
              WHERE l.rev > ? AND l.resource IN (SELECT value FROM json_each(?)) ORDER BY l.rev`,
  compact: `DELETE FROM log WHERE rev <= @upTo
              AND rev NOT IN (SELECT rev FROM objects)
              AND rev NOT IN (SELECT prev FROM log WHERE rev > @upTo AND prev IS NOT NULL)`,
  getMeta: `SELECT value FROM meta WHERE key = ?`,
  setMeta: `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  deleteMeta: `DELETE FROM meta WHERE key = ?`,
  addTimer: `INSERT OR IGNORE INTO timers (due, owner, key) VALUES (?, ?, ?)`,
  dueTimers: `SELECT id, due, owner, key FROM timers WHERE due <= ? ORDER BY due, id LIMIT ?`,
  nextTimer: `SELECT id, due, owner, key FROM timers ORDER BY due, id LIMIT 1`,
  nextTimerExcept: `SELECT id, due, owner, key FROM timers WHERE owner NOT IN (SELECT value FROM json_each(?))
                    ORDER BY due, id LIMIT 1`,
  removeTimer: `DELETE FROM timers WHERE id = ?`,
  clearTimers: `DELETE FROM timers WHERE owner = ? AND key = ?`,
} as const;

type Row = Record<string, unknown>;
type ChangeRow = [rev: number, type: number, resource: string, data: string];

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly window: number;
  private readonly statements = new Map<string, Database.Statement>();
  private depth = 0;

  /** Opens (creating if needed, with its parent directories) the database at `path`. */
  constructor(readonly path: string, opts: SqliteStoreOptions = {}) {
    this.window = compactionWindow(opts);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const timeout = opts.busyTimeoutMs ?? 10_000;
    this.db = new Database(path, { timeout });
    // Opening can meet SQLITE_BUSY without SQLite waiting first: while another process switches a
    // new file to WAL, cleans up as the last connection closing, or recovers after a crash. These
    // last milliseconds, so retry until the busy timeout.
    const deadline = performance.now() + timeout;
    for (let attempt = 0; ; attempt++) {
      try {
        this.setUp();
        break;
      } catch (err) {
        if (!isBusy(err) || performance.now() > deadline) {
          this.db.close();
          throw err;
        }
        sleep(Math.min(50, 2 ** attempt) + (process.pid % 4)); // staggered so processes do not retry in step
      }
    }
  }

  revision(): number {
    return this.num(SQL.revision);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const data = this.stmt(SQL.get).pluck().get(resource, storageKey(namespace, name)) as string | undefined;
    return data === undefined ? undefined : decode(data);
  }

  list(resource: string, opts: ListOptions = {}): ListResult {
    const { namespace, revision, contains } = opts;
    const range = namespace ? namespaceRange(namespace) : undefined;
    return this.read(() => {
      const current = this.revision();
      if (revision === undefined || revision === current) {
        const [stmt, params] = this.currentQuery(resource, range, contains);
        const rows = stmt.pluck().all(...params) as string[];
        return { items: rows.map(decode), revision: current };
      }
      checkListRevision(revision, this.num(SQL.compacted), current);
      // Live keys with the revision they hold, then walk back: the first change after `revision`
      // to each key names the version the key held then (none, if that change created it).
      const at = new Map<string, number | null>();
      const live = (range ? this.stmt(SQL.keysNs).raw().all(resource, ...range) : this.stmt(SQL.keysAll).raw().all(resource)) as [string, number][];
      for (const [key, rev] of live) at.set(key, rev);
      const changed = (range
        ? this.stmt(SQL.changedNs).raw().all(revision, resource, ...range)
        : this.stmt(SQL.changedAll).raw().all(revision, resource)) as [string, number | null][];
      const seen = new Set<string>();
      for (const [key, prev] of changed) {
        if (seen.has(key)) continue;
        seen.add(key);
        at.set(key, prev);
      }
      const data = this.stmt(SQL.data).pluck();
      const items: KubeObject[] = [];
      for (const key of [...at.keys()].sort()) {
        const rev = at.get(key);
        if (rev == null) continue;
        const text = data.get(rev) as string;
        if (contains === undefined || text.includes(contains)) items.push(decode(text));
      }
      return { items, revision };
    });
  }

  scan(resource: string, opts: ListOptions, fn: (obj: KubeObject) => void): number {
    const { namespace, revision } = opts;
    if (revision !== undefined) {
      // A past revision is assembled from the log in list(); only the current one streams.
      const past = this.list(resource, opts);
      for (const obj of past.items) fn(obj);
      return past.revision;
    }
    const range = namespace ? namespaceRange(namespace) : undefined;
    return this.read(() => {
      const [stmt, params] = this.currentQuery(resource, range, opts.contains);
      for (const data of stmt.pluck().iterate(...params) as IterableIterator<string>) fn(decode(data));
      return this.revision();
    });
  }

  /** The query for a resource's current objects, in a namespace's key range, containing a text. */
  private currentQuery(resource: string, range: [string, string] | undefined, contains: string | undefined): [Database.Statement, unknown[]] {
    if (contains === undefined) {
      return range ? [this.stmt(SQL.listNs), [resource, ...range]] : [this.stmt(SQL.listAll), [resource]];
    }
    return range ? [this.stmt(SQL.listNsText), [resource, ...range, contains]] : [this.stmt(SQL.listAllText), [resource, contains]];
  }

  create(resource: string, obj: KubeObject): KubeObject {
    return this.transaction(() => {
      const key = keyOf(obj);
      if (this.currentRev(resource, key) !== undefined) throw alreadyExists(resource, obj.metadata.name);
      const rev = this.revision() + 1;
      const data = encode(obj, rev);
      this.stmt(SQL.append).run(rev, ADDED, resource, key, null, data);
      this.stmt(SQL.insertObject).run(resource, key, rev);
      this.bump(rev);
      return decode(data);
    });
  }

  update(resource: string, obj: KubeObject): KubeObject {
    return this.transaction(() => {
      const key = keyOf(obj);
      const cur = this.currentRev(resource, key);
      if (cur === undefined) throw notFound(resource, obj.metadata.name);
      if (isStale(obj.metadata.resourceVersion, cur)) throw conflict(resource, obj.metadata.name);
      const rev = this.revision() + 1;
      const data = encode(obj, rev);
      this.stmt(SQL.append).run(rev, MODIFIED, resource, key, cur, data);
      this.stmt(SQL.updateObject).run(rev, resource, key);
      this.bump(rev);
      return decode(data);
    });
  }

  delete(resource: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject {
    return this.transaction(() => {
      const key = storageKey(namespace, name);
      const cur = this.current(resource, key);
      if (!cur) throw notFound(resource, name);
      if (isStale(resourceVersion, cur.rev)) throw conflict(resource, name);
      const rev = this.revision() + 1;
      this.stmt(SQL.append).run(rev, DELETED, resource, key, cur.rev, null);
      this.stmt(SQL.deleteObject).run(resource, key);
      this.bump(rev);
      return decode(cur.data);
    });
  }

  changes(fromRevision: number, resources?: string[]): WatchEvent[] {
    return this.read(() => {
      const compacted = this.num(SQL.compacted);
      if (fromRevision < compacted) throw watchTooOld(fromRevision, compacted);
      const rows = (resources
        ? this.stmt(SQL.changesOf).raw().all(fromRevision, JSON.stringify(resources))
        : this.stmt(SQL.changes).raw().all(fromRevision)) as ChangeRow[];
      return rows.map(([rev, type, resource, data]) => ({
        type: EVENT_TYPES[type],
        revision: rev,
        resource,
        object: type === DELETED ? decodeDeleted(data, rev) : decode(data),
      }));
    });
  }

  transaction<T>(fn: () => T): T {
    const depth = this.depth;
    // Nested calls join the outer transaction; a savepoint lets a nested failure that the outer
    // function catches take back only its own writes.
    this.stmt(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT mk${depth}`).run();
    this.depth++;
    try {
      const result = fn();
      assertNotPromise(result);
      this.stmt(depth === 0 ? 'COMMIT' : `RELEASE mk${depth}`).run();
      return result;
    } catch (err) {
      if (depth === 0) {
        if (this.db.inTransaction) this.stmt('ROLLBACK').run();
      } else {
        this.stmt(`ROLLBACK TO mk${depth}`).run();
        this.stmt(`RELEASE mk${depth}`).run();
      }
      throw err;
    } finally {
      this.depth = depth;
    }
  }

  getMeta(key: string): string | undefined {
    return this.stmt(SQL.getMeta).pluck().get(key) as string | undefined;
  }

  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.stmt(SQL.deleteMeta).run(key);
    else this.stmt(SQL.setMeta).run(key, value);
  }

  addTimer(due: number, owner: string, key: string): void {
    this.stmt(SQL.addTimer).run(due, owner, key);
  }

  dueTimers(upTo: number, limit = -1): Timer[] {
    // LIMIT -1 is SQLite's "no limit".
    return (this.stmt(SQL.dueTimers).all(upTo, Number.isFinite(limit) ? limit : -1) as Row[]).map(toTimer);
  }

  nextTimer(exceptOwners?: readonly string[]): Timer | undefined {
    const row = (exceptOwners?.length
      ? this.stmt(SQL.nextTimerExcept).get(JSON.stringify(exceptOwners))
      : this.stmt(SQL.nextTimer).get()) as Row | undefined;
    return row && toTimer(row);
  }

  removeTimer(id: number): void {
    this.stmt(SQL.removeTimer).run(id);
  }

  clearTimers(owner: string, key: string): void {
    this.stmt(SQL.clearTimers).run(owner, key);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private setUp(): void {
    // Pods are 2-4 KB of JSON: 8 KB pages pack them with far less waste than the 4 KB default.
    // Takes effect only when the file is new (before WAL is switched on).
    this.db.pragma('page_size = 8192');
    this.db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL only risks the last commits on power loss, never corruption.
    this.db.pragma('synchronous = NORMAL');
    // Reading through a memory map roughly halves the cost of a large list.
    this.db.pragma('mmap_size = 268435456');
    this.init();
  }

  private init(): void {
    const version = this.schemaVersion();
    if (version === SCHEMA_VERSION) return;
    if (version === undefined) {
      this.transaction(() => {
        // Another process may have created the schema while this one waited for the lock.
        if (this.schemaVersion() === undefined) this.db.exec(SCHEMA);
      });
      return;
    }
    throw new Error(`${this.path}: store schema version ${version} is newer than this mk understands (${SCHEMA_VERSION})`);
  }

  private schemaVersion(): number | undefined {
    const exists = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sys'`).pluck().get();
    if (!exists) return undefined;
    return this.db.prepare(`SELECT value FROM sys WHERE key = 'schema'`).pluck().get() as number;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private num(sql: string): number {
    return this.stmt(sql).pluck().get() as number;
  }

  /** Several reads that must see one snapshot: a read transaction unless already inside one. */
  private read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.stmt('BEGIN').run();
    try {
      return fn();
    } finally {
      if (this.db.inTransaction) this.stmt('COMMIT').run();
    }
  }

  private currentRev(resource: string, key: string): number | undefined {
    return this.stmt(SQL.currentRev).pluck().get(resource, key) as number | undefined;
  }

  private current(resource: string, key: string): { rev: number; data: string } | undefined {
    const row = this.stmt(SQL.current).raw().get(resource, key) as [number, string] | undefined;
    return row && { rev: row[0], data: row[1] };
  }

  private bump(rev: number): void {
    this.stmt(SQL.setRevision).run(rev);
    const compacted = this.num(SQL.compacted);
    const target = compactionTarget(rev, compacted, this.window);
    if (target === undefined) return;
    this.stmt(SQL.compact).run({ upTo: target });
    this.stmt(SQL.setCompacted).run(target);
  }
}

function isBusy(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function toTimer(row: Row): Timer {
  return { id: row.id as number, due: row.due as number, owner: row.owner as string, key: row.key as string };
}
