// Runs the real kubectl 1.32 against the kubectl-oracle's fake API server
// (shared/tools/kubectl-oracle/server.mjs) holding objects mk produced on a manual clock, so that
// its output is what kubectl prints at the cluster's own "now".
//
// kubectl computes ages from the wall clock. Every timestamp in the objects is moved by a whole
// number of seconds `d`, so that the cluster's now falls just after kubectl starts; dates kubectl
// prints are moved back by `d`. Times carry milliseconds (and scheduler Events microseconds), so
// an age is only right if kubectl read the clock within the few milliseconds after the shifted now
// that mk's own "now" stands for. To know when kubectl read the clock, two sentinel objects of the
// described kind are described in the same invocation, one before and one after the real ones,
// each with Events spaced 5 ms apart: the ages kubectl prints for them bracket its clock readings.
// A run is kept when the readings fall early enough that no age of the described objects could
// have turned over; the sentinels' parts are cut from the output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOL = process.env.MK_KUBECTL_ORACLE_DIR ?? '/work/shared/tools/kubectl-oracle';
const SENTINEL = 'zzzz-parity-clock';
const BEFORE = `${SENTINEL}-a`;
const AFTER = `${SENTINEL}-b`;
const SENTINEL_EVENTS = 40;
const SENTINEL_STEP_MS = 5;
const SENTINEL_AGE_MS = 10_000;

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
const RFC3339_IN_TEXT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
const RFC1123Z_IN_TEXT = /(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000/g;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export type Obj = { apiVersion?: string; kind: string; metadata: Record<string, unknown> & { name: string }; [k: string]: unknown };

function shiftStamp(s: string, d: number): string {
  const m = RFC3339.exec(s);
  if (!m) return s;
  return new Date(Date.parse(`${m[1]}Z`) + d).toISOString().slice(0, 19) + (m[2] ?? '') + 'Z';
}

/** Every RFC 3339 timestamp in `v` (fields and annotation values alike) moved by `d` whole seconds. */
export function shiftTimes<T>(v: T, d: number): T {
  if (typeof v === 'string') return shiftStamp(v, d) as T;
  if (Array.isArray(v)) return v.map((x) => shiftTimes(x, d)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftTimes(x, d)])) as T;
  return v;
}

function rfc1123z(t: number): string {
  const x = new Date(t);
  return `${DAYS[x.getUTCDay()]}, ${p2(x.getUTCDate())} ${MONTHS[x.getUTCMonth()]} ${x.getUTCFullYear()} `
    + `${p2(x.getUTCHours())}:${p2(x.getUTCMinutes())}:${p2(x.getUTCSeconds())} +0000`;
}

/** Dates kubectl printed from shifted objects, moved back by `d`. */
export function unshiftText(text: string, d: number): string {
  return text
    .replace(RFC1123Z_IN_TEXT, (s) => rfc1123z(Date.parse(s) - d))
    .replace(RFC3339_IN_TEXT, (s) => shiftStamp(s, -d));
}

/**
 * When kubectl may read the clock without changing an age it prints: from `back` ms before `now`
 * to `slack` ms after it. For the times of the described objects' Events and of the pods whose
 * ages show (the described pods, and a described node's pods), an age stays the same between two
 * of its whole seconds. mk's times have millisecond steps, so they are taken to the millisecond.
 */
export function ageWindow(objects: Obj[], names: Set<string>, now: number): { back: number; slack: number } {
  let slack = 1000;
  let back = 1000;
  const consider = (t: unknown) => {
    if (typeof t !== 'string' || !RFC3339.test(t)) return;
    const ms = Math.floor(Date.parse(t));
    const frac = (((now - ms) % 1000) + 1000) % 1000;
    slack = Math.min(slack, 1000 - frac);
    back = Math.min(back, frac);
  };
  for (const o of objects) {
    // A pod's age shows where it is described, and in its node's table of pods.
    const nodeName = (o.spec as { nodeName?: string } | undefined)?.nodeName;
    if (o.kind === 'Pod' && (names.has(o.metadata.name) || (nodeName && names.has(nodeName)))) consider(o.metadata.creationTimestamp);
    const io = o.involvedObject as { name?: string } | undefined;
    if (o.kind !== 'Event' || !io?.name || !names.has(io.name)) continue;
    const series = o.series as { lastObservedTime?: string } | undefined;
    [o.eventTime, o.firstTimestamp, o.lastTimestamp, series?.lastObservedTime].forEach(consider);
  }
  return { back, slack };
}

const sleepUntil = (t: number) => {
  const ms = t - Date.now();
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

interface Target { kind: string; apiVersion: string; namespace?: string; labels: Record<string, string>; names: string[] }

const DESCRIBED: Record<string, { kind: string; namespaced: boolean; apiVersion?: string }> = {
  pod: { kind: 'Pod', namespaced: true }, pods: { kind: 'Pod', namespaced: true }, po: { kind: 'Pod', namespaced: true },
  node: { kind: 'Node', namespaced: false }, nodes: { kind: 'Node', namespaced: false }, no: { kind: 'Node', namespaced: false },
  ns: { kind: 'Namespace', namespaced: false }, namespace: { kind: 'Namespace', namespaced: false },
  svc: { kind: 'Service', namespaced: true }, service: { kind: 'Service', namespaced: true },
  sa: { kind: 'ServiceAccount', namespaced: true }, serviceaccount: { kind: 'ServiceAccount', namespaced: true },
  cm: { kind: 'ConfigMap', namespaced: true }, configmap: { kind: 'ConfigMap', namespaced: true },
  secret: { kind: 'Secret', namespaced: true }, secrets: { kind: 'Secret', namespaced: true },
  lease: { kind: 'Lease', namespaced: true, apiVersion: 'coordination.k8s.io/v1' },
  endpoints: { kind: 'Endpoints', namespaced: true }, ep: { kind: 'Endpoints', namespaced: true },
  endpointslice: { kind: 'EndpointSlice', namespaced: true, apiVersion: 'discovery.k8s.io/v1' },
  endpointslices: { kind: 'EndpointSlice', namespaced: true, apiVersion: 'discovery.k8s.io/v1' },
};

/** What `describe TYPE [NAME...] [-n NS] [-l SEL]` selects, to make sentinels it selects too. */
function describeTarget(args: string[]): Target {
  const d = DESCRIBED[args[1]];
  if (args[0] !== 'describe' || !d) throw new Error(`not a describe the oracle knows: ${args.join(' ')}`);
  let namespace = d.namespaced ? 'default' : undefined;
  const labels: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 2; i < args.length; i++) {
    if (args[i] === '-n') namespace = args[++i];
    else if (args[i] === '-l') {
      for (const term of args[++i].split(',')) {
        const [k, v] = term.split('=');
        labels[k] = v ?? '';
      }
    } else if (!args[i].startsWith('-')) names.push(args[i]);
  }
  return { kind: d.kind, apiVersion: d.apiVersion ?? 'v1', namespace, labels, names };
}

function sentinelObjects(t: Target, now: number, name: string): Obj[] {
  const uid = `00000000-0000-4000-8000-00000000c10${name === BEFORE ? 'a' : 'b'}`;
  const meta = {
    name, uid, creationTimestamp: `${new Date(now - 60_000).toISOString().slice(0, 19)}Z`,
    ...(t.namespace ? { namespace: t.namespace } : {}), ...(Object.keys(t.labels).length ? { labels: t.labels } : {}),
  };
  const spec: Record<string, unknown> = t.kind === 'Pod' ? { spec: { containers: [{ name: 'c', image: 'c' }] } }
    : t.kind === 'Service' ? { spec: { type: 'ClusterIP' } } : t.kind === 'EndpointSlice' ? { addressType: 'IPv4' } : {};
  const events: Obj[] = [];
  for (let k = 0; k < SENTINEL_EVENTS; k++) {
    events.push({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: `${name}.${k}`, namespace: t.namespace ?? 'default' },
      involvedObject: { apiVersion: t.apiVersion, kind: t.kind, name, ...(t.namespace ? { namespace: t.namespace } : {}), uid },
      reason: `S${k}`, message: 'clock', type: 'Normal', source: {},
      eventTime: microTime(now - SENTINEL_AGE_MS + k * SENTINEL_STEP_MS),
      reportingComponent: 'parity', reportingInstance: 'parity',
    });
  }
  return [{ apiVersion: t.apiVersion, kind: t.kind, metadata: meta, ...spec }, ...events];
}

/** From a sentinel's Event ages, the interval (ms after the shifted now) in which kubectl read the clock. */
function clockReading(sentinelText: string): [number, number] {
  let lo = -Infinity;
  let hi = Infinity;
  for (const m of sentinelText.matchAll(/^\s+Normal\s+S(\d+)\s+(\d+)s\s/gm)) {
    const trueAge = SENTINEL_AGE_MS - Number(m[1]) * SENTINEL_STEP_MS;
    const printed = Number(m[2]) * 1000;
    lo = Math.max(lo, printed - trueAge);
    hi = Math.min(hi, printed + 1000 - trueAge);
  }
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`cannot read kubectl's clock from:\n${sentinelText}`);
  return [lo, hi];
}

export class Oracle {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mk-parity-'));
  /** How long after it is spawned kubectl reads the clock, learnt from the sentinels. */
  private latency = 150;
  private runs = 0;

  /** Runs kubectl against a fake API server holding `objects`, spawning it at `at` if given. */
  private kubectl(objects: unknown, args: string[], at?: () => number): { out: string; code: number } {
    const file = join(this.dir, `objects-${++this.runs}.json`);
    const port = `${file}.port`;
    writeFileSync(file, JSON.stringify(objects));
    const server = spawn(process.execPath, [join(TOOL, 'server.mjs'), file, port], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 1000 && !(existsSync(port) && readFileSync(port, 'utf8')); i++) sleepUntil(Date.now() + 5);
      const url = `http://127.0.0.1:${readFileSync(port, 'utf8')}`;
      if (at) sleepUntil(at());
      const r = spawnSync('kubectl', ['--server', url, '--cache-dir', join(this.dir, 'cache'), ...args], {
        encoding: 'utf8', env: { ...process.env, KUBECONFIG: join(this.dir, 'none'), TZ: 'UTC' },
      });
      return { out: r.stdout + r.stderr, code: r.status ?? -1 };
    } finally {
      server.kill();
    }
  }

  /** kubectl's output for outputs that do not depend on the clock (-o yaml/json/jsonpath/...). */
  plain(objects: unknown, args: string[]): string {
    const r = this.kubectl(objects, args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.out}`);
    return r.out;
  }

  /** kubectl's `describe` output as if run at `now` (virtual ms) on `objects`. */
  describeAt(objects: Obj[], now: number, args: string[]): string {
    const target = describeTarget(args);
    // kubectl describes a Namespace without Events or ages.
    if (target.kind === 'Namespace') return this.plain(objects, args);
    // The fake API server lists objects in file order, so selectors find the sentinels around
    // the real objects too.
    const withSentinels = [...sentinelObjects(target, now, BEFORE), ...objects, ...sentinelObjects(target, now, AFTER)];
    const runArgs = target.names.length
      ? [...args.filter((a) => !target.names.includes(a)), BEFORE, ...target.names, AFTER]
      : args;
    let last = '';
    for (let attempt = 0; attempt < 100; attempt++) {
      // A whole-second shift keeps second-precision timestamps whole; kubectl is aimed at the
      // shifted now, which may fall within a second.
      const second = Math.ceil((Date.now() + 1000 + this.latency) / 1000) * 1000;
      const d = second - (now - (now % 1000));
      const aim = second + (now % 1000);
      const r = this.kubectl(shiftTimes(withSentinels, d), runArgs, () => aim + 2 - this.latency);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.out}`);
      const start = r.out.indexOf('\n\nName:', r.out.indexOf(BEFORE));
      const end = r.out.search(new RegExp(`\\n\\nName:\\s+${AFTER}\\n`));
      if (!r.out.startsWith('Name:') || start < 0 || !r.out.slice(0, start).includes(BEFORE) || end < start) {
        throw new Error(`kubectl did not describe the sentinels around the objects:\n${r.out}`);
      }
      const [lo, firstHi] = clockReading(r.out.slice(0, start));
      const [, hi] = clockReading(r.out.slice(end));
      const body = r.out.slice(start + 2, end);
      const described = new Set([...body.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]));
      const { back, slack } = ageWindow(objects, described, now);
      // Aim the next attempt's first reading at the middle of the window.
      const middle = Math.round((slack - back) / 2);
      if (firstHi - lo <= SENTINEL_STEP_MS) this.latency += Math.round((lo + firstHi) / 2) - middle;
      else this.latency += lo >= 0 ? 100 : -100;
      // mk's now stands for a reading in the millisecond after it (its times have ms steps).
      if (lo >= 1 - back && hi <= slack) return unshiftText(body, d);
      last = `read within [${lo}, ${hi}) ms, window [${-back}, ${slack}) ms`;
    }
    throw new Error(`kubectl ${args.join(' ')}: never read the clock early enough (last ${last})`);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
