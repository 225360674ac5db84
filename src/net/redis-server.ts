// A Redis server's commands over RESP: the strings, lists and sorted sets a tutorial's app keeps
// (saythx's leaderboard), the keyspace commands and INFO, with Redis's own error words. The
// dataset lives in memory only — the official image runs without persistence unless told — so it
// is kept per container instance and a restarted container starts empty.
import type { Pod } from '../api/core/pod/schema.js';
import { execKeys } from '../kubelet/exec.js';
import type { Store } from '../store/store.js';
import { imageServer, listener } from './servers.js';

/** A RESP reply. */
export type Resp =
  | { t: 'status'; s: string }
  | { t: 'error'; s: string }
  | { t: 'int'; n: number }
  | { t: 'bulk'; s: string }
  | { t: 'nil' }
  | { t: 'array'; items: Resp[] };

type Value = { type: 'string'; v: string } | { type: 'list'; v: string[] } | { type: 'zset'; v: [string, number][] } | { type: 'hash'; v: Record<string, string> };
type Db = Record<string, Value>;
export interface Dataset { dbs: Record<string, Db> }

export interface RedisInstance {
  store: Pick<Store, 'getMeta' | 'setMeta'>;
  /** Where the instance's dataset is kept. */
  key: string;
  version: string;
  /** Told of the first write, to forget the dataset with the pod. */
  onFirstWrite?(key: string): void;
  now: number;
  startedAt: number;
  port: number;
}

const ok: Resp = { t: 'status', s: 'OK' };
const err = (s: string): Resp => ({ t: 'error', s });
const int = (n: number): Resp => ({ t: 'int', n });
const bulk = (s: string): Resp => ({ t: 'bulk', s });
const arr = (items: string[]): Resp => ({ t: 'array', items: items.map(bulk) });
const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const NOT_INTEGER = err('ERR value is not an integer or out of range');
const SYNTAX = err('ERR syntax error');

/** Arity as Redis's command table gives it: N exactly, -N at least N (the command name counted). */
const ARITY: Record<string, number> = {
  ping: -1, echo: 2, set: -3, get: 2, del: -2, exists: -2, keys: 2, incr: 2, decr: 2, incrby: 3, decrby: 3, type: 2,
  lpush: -3, rpush: -3, lrange: 4, llen: 2, zadd: -4, zrange: -4, zrevrange: -4, zincrby: 4, zscore: 3, zcard: 2,
  hset: -4, hget: 3, hgetall: 2, dbsize: 1, flushdb: -1, flushall: -1, select: 2, info: -1, quit: -1,
};

const INT = /^-?\d+$/;

/** Redis's double formatting for scores: integers without a fraction, else the shortest form. */
export function formatScore(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** stringmatchlen's glob: * ? [abc] [^a-z] and \x. */
function globMatch(pattern: string, s: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1).replace(/[\\\]]/g, '\\$&')}`;
      else body = body.replace(/[\\\]]/g, '\\$&');
      re += `[${body}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += literal(pattern[++i]);
    else re += literal(c);
  }
  return new RegExp(`^${re}$`, 's').test(s);
}

/** The error for a name Redis does not know: its words changed in 6.0 (backquotes) and 7.0 (quotes, the name cut at 128). */
function unknownCommand(argv: string[], version: string): Resp {
  const major = Number.parseInt(version, 10) || 0;
  const q = major >= 7 ? "'" : '`';
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `${q}${argv[i].slice(0, 128 - args.length)}${q}${major >= 7 ? ' ' : ', '}`;
  const name = major >= 7 ? argv[0].slice(0, 128) : argv[0];
  return err(`ERR unknown command ${q}${name}${q}, with args beginning with: ${args}`);
}

/** ZRANGE's order: by score, then by member bytes. */
const zsorted = (v: [string, number][]) => [...v].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** Redis's range indexes: negative from the end, clamped. */
function range<T>(items: T[], start: number, stop: number): T[] {
  const n = items.length;
  let s = start < 0 ? n + start : start;
  let e = stop < 0 ? n + stop : stop;
  if (s < 0) s = 0;
  if (e >= n) e = n - 1;
  return s > e || s >= n ? [] : items.slice(s, e + 1);
}

function parseScore(s: string): number | undefined {
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf') return Infinity;
  if (l === '-inf') return -Infinity;
  const n = Number(s);
  return s.trim() !== '' && !Number.isNaN(n) ? n : undefined;
}

/** A client's connection: its selected database. */
export class RedisConnection {
  db = 0;
  constructor(private readonly inst: RedisInstance) {}

  private load(): Dataset {
    const raw = this.inst.store.getMeta(this.inst.key);
    return raw ? (JSON.parse(raw) as Dataset) : { dbs: {} };
  }

  private save(d: Dataset): void {
    const first = this.inst.store.getMeta(this.inst.key) === undefined;
    this.inst.store.setMeta(this.inst.key, JSON.stringify(d));
    if (first) this.inst.onFirstWrite?.(this.inst.key);
  }

  /** Runs one command: its reply. */
  command(argv: string[]): Resp {
    if (!argv.length) return err('ERR Protocol error: invalid multibulk length');
    const name = argv[0].toLowerCase();
    const arity = ARITY[name];
    if (arity === undefined) return unknownCommand(argv, this.inst.version);
    if ((arity > 0 && argv.length !== arity) || argv.length < -arity) return err(`ERR wrong number of arguments for '${name}' command`);
    const d = this.load();
    const db = (d.dbs[this.db] ??= {});
    const a = argv.slice(1);
    let dirty = false;
    const reply = ((): Resp => {
      const kind = (k: string, type: Value['type']): Value | undefined | 'wrong' => {
        const v = db[k];
        return v === undefined ? undefined : v.type === type ? v : 'wrong';
      };
      switch (name) {
        case 'ping': return a.length > 1 ? err("ERR wrong number of arguments for 'ping' command") : a.length ? bulk(a[0]) : { t: 'status', s: 'PONG' };
        case 'echo': return bulk(a[0]);
        case 'quit': return ok;
        case 'set': {
          if (a.length > 2) return SYNTAX;
          db[a[0]] = { type: 'string', v: a[1] };
          dirty = true;
          return ok;
        }
        case 'get': {
          const v = kind(a[0], 'string');
          return v === 'wrong' ? WRONGTYPE : v ? bulk(v.v as string) : { t: 'nil' };
        }
        case 'del': case 'exists': {
          let n = 0;
          for (const k of a) {
            if (db[k] === undefined) continue;
            n++;
            if (name === 'del') { delete db[k]; dirty = true; }
          }
          return int(n);
        }
        case 'type': return { t: 'status', s: db[a[0]]?.type ?? 'none' };
        case 'keys': return arr(Object.keys(db).filter((k) => globMatch(a[0], k)));
        case 'incr': case 'decr': case 'incrby': case 'decrby': {
          const v = kind(a[0], 'string');
          if (v === 'wrong') return WRONGTYPE;
          const cur = v ? (v.v as string) : '0';
          if (!INT.test(cur)) return NOT_INTEGER;
          let by = name === 'incr' ? 1 : name === 'decr' ? -1 : 0;
          if (name === 'incrby' || name === 'decrby') {
            if (!INT.test(a[1])) return NOT_INTEGER;
            by = Number(a[1]) * (name === 'decrby' ? -1 : 1);
          }
          const n = Number(cur) + by;
          db[a[0]] = { type: 'string', v: String(n) };
          dirty = true;
          return int(n);
        }
        case 'lpush': case 'rpush': {
          const v = kind(a[0], 'list');
          if (v === 'wrong') return WRONGTYPE;
          const list = v ? (v.v as string[]) : [];
          for (const x of a.slice(1)) if (name === 'lpush') list.unshift(x); else list.push(x);
          db[a[0]] = { type: 'list', v: list };
          dirty = true;
          return int(list.length);
        }
        case 'llen': {
          const v = kind(a[0], 'list');
          return v === 'wrong' ? WRONGTYPE : int(v ? (v.v as string[]).length : 0);
        }
        case 'lrange': {
          if (!INT.test(a[1]) || !INT.test(a[2])) return NOT_INTEGER;
          const v = kind(a[0], 'list');
          return v === 'wrong' ? WRONGTYPE : arr(v ? range(v.v as string[], Number(a[1]), Number(a[2])) : []);
        }
        case 'zadd': {
          const pairs = a.slice(1);
          if (pairs.length % 2) return SYNTAX;
          const v = kind(a[0], 'zset');
          if (v === 'wrong') return WRONGTYPE;
          const members = new Map(v ? (v.v as [string, number][]) : []);
          let added = 0;
          for (let i = 0; i < pairs.length; i += 2) {
            const score = parseScore(pairs[i]);
            if (score === undefined) return err('ERR value is not a valid float');
            if (!members.has(pairs[i + 1])) added++;
            members.set(pairs[i + 1], score);
          }
          db[a[0]] = { type: 'zset', v: [...members] };
          dirty = true;
          return int(added);
        }
        case 'zincrby': {
          const by = parseScore(a[1]);
          if (by === undefined) return err('ERR value is not a valid float');
          const v = kind(a[0], 'zset');
          if (v === 'wrong') return WRONGTYPE;
          const members = new Map(v ? (v.v as [string, number][]) : []);
          const n = (members.get(a[2]) ?? 0) + by;
          members.set(a[2], n);
          db[a[0]] = { type: 'zset', v: [...members] };
          dirty = true;
          return bulk(formatScore(n));
        }
        case 'zscore': {
          const v = kind(a[0], 'zset');
          if (v === 'wrong') return WRONGTYPE;
          const s = v ? (v.v as [string, number][]).find((m) => m[0] === a[1]) : undefined;
          return s ? bulk(formatScore(s[1])) : { t: 'nil' };
        }
        case 'zcard': {
          const v = kind(a[0], 'zset');
          return v === 'wrong' ? WRONGTYPE : int(v ? (v.v as unknown[]).length : 0);
        }
        case 'zrange': case 'zrevrange': {
          if (!INT.test(a[1]) || !INT.test(a[2])) return NOT_INTEGER;
          const opts = a.slice(3).map((x) => x.toLowerCase());
          if (opts.some((o) => o !== 'withscores')) return SYNTAX;
          const v = kind(a[0], 'zset');
          if (v === 'wrong') return WRONGTYPE;
          let sorted = v ? zsorted(v.v as [string, number][]) : [];
          if (name === 'zrevrange') sorted = sorted.reverse();
          const picked = range(sorted, Number(a[1]), Number(a[2]));
          return arr(opts.length ? picked.flatMap(([m, s]) => [m, formatScore(s)]) : picked.map(([m]) => m));
        }
        case 'hset': {
          const pairs = a.slice(1);
          if (pairs.length % 2) return err(`ERR wrong number of arguments for '${name}' command`);
          const v = kind(a[0], 'hash');
          if (v === 'wrong') return WRONGTYPE;
          const h = v ? (v.v as Record<string, string>) : {};
          let added = 0;
          for (let i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] in h)) added++;
            h[pairs[i]] = pairs[i + 1];
          }
          db[a[0]] = { type: 'hash', v: h };
          dirty = true;
          return int(added);
        }
        case 'hget': {
          const v = kind(a[0], 'hash');
          if (v === 'wrong') return WRONGTYPE;
          const s = v ? (v.v as Record<string, string>)[a[1]] : undefined;
          return s === undefined ? { t: 'nil' } : bulk(s);
        }
        case 'hgetall': {
          const v = kind(a[0], 'hash');
          return v === 'wrong' ? WRONGTYPE : arr(v ? Object.entries(v.v as Record<string, string>).flat() : []);
        }
        case 'dbsize': return int(Object.keys(db).length);
        case 'flushdb': d.dbs[this.db] = {}; dirty = true; return ok;
        case 'flushall': d.dbs = {}; dirty = true; return ok;
        case 'select': {
          if (!INT.test(a[0])) return NOT_INTEGER;
          const n = Number(a[0]);
          if (n < 0 || n >= 16) return err('ERR DB index is out of range');
          this.db = n;
          return ok;
        }
        case 'info': return bulk(this.info(d, a[0]?.toLowerCase()));
        default: return unknownCommand(argv, this.inst.version);
      }
    })();
    if (dirty) this.save(d);
    return reply;
  }

  /** INFO's server and keyspace sections (CRLF line ends, as Redis writes them). */
  private info(d: Dataset, section: string | undefined): string {
    const { version, now, startedAt, port } = this.inst;
    const up = Math.max(0, Math.floor((now - startedAt) / 1000));
    const server = ['# Server', `redis_version:${version}`, 'redis_git_sha1:00000000', 'redis_git_dirty:0', 'redis_mode:standalone',
      'os:Linux', 'arch_bits:64', `tcp_port:${port}`, `uptime_in_seconds:${up}`, `uptime_in_days:${Math.floor(up / 86_400)}`,
      'hz:10', 'executable:/data/redis-server', 'config_file:'];
    const keyspace = ['# Keyspace', ...Object.entries(d.dbs).filter(([, db]) => Object.keys(db).length)
      .sort(([x], [y]) => Number(x) - Number(y)).map(([n, db]) => `db${n}:keys=${Object.keys(db).length},expires=0,avg_ttl=0`)];
    const sections = section === 'server' ? [server] : section === 'keyspace' ? [keyspace]
      : section === undefined || section === 'all' || section === 'default' || section === 'everything' ? [server, keyspace] : [];
    return sections.map((s) => `${s.join('\r\n')}\r\n`).join('\r\n');
  }
}

/** Where a container instance's dataset is kept (listed in the pod's exec index, so it goes with the pod). */
export const redisDataKey = (node: string, ns: string, pod: string, containerID: string) => `kubelet/${node}/redis/${ns}/${pod}/${containerID}`;

/** The Redis server listening on the pod's `port` now, with its dataset; undefined when what listens there is no Redis. */
export function redisAt(store: Pick<Store, 'getMeta' | 'setMeta'>, now: number, pod: Pod, port: number): RedisInstance | undefined {
  const l = listener({ store, now }, pod, port);
  if (!l || !imageServer(l.inst.proc).resp) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  const node = pod.spec.nodeName ?? '';
  return {
    store, now, port, version: l.inst.proc.image.version, startedAt: l.inst.startedAt ?? now,
    key: redisDataKey(node, ns, pod.metadata.name, l.inst.id),
    onFirstWrite: (key) => {
      const index = execKeys.index(node, ns, pod.metadata.name);
      const keys = new Set(JSON.parse(store.getMeta(index) ?? '[]') as string[]);
      store.setMeta(index, JSON.stringify([...keys.add(key)]));
    },
  };
}
