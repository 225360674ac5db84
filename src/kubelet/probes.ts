// What a container's probes answer and what the kubelet's probe workers make of it (prober/worker.go).
// A worker ticks every periodSeconds from the moment the kubelet admitted the pod, skips until
// initialDelaySeconds have passed since the container started, runs liveness and readiness only
// once the container counts as started, and changes its result only after successThreshold /
// failureThreshold equal answers in a row. Besides its ticker, a readiness worker runs whenever a
// sync of the pod finds the container started but unready (UpdatePodStatus): the sync that first
// sees it, the one its change to failure causes, and each resync. Every failing answer is an
// Unhealthy Event. The
// answers are known ahead for the whole life of a container (exec probes read the files its
// process wrote, network probes ask the image's simulated server), so the whole plan is worked
// out when the container starts: the kubelet then wakes only when something changes — a
// transition, a kill, the first failure of a run — and each run of identical failures is one
// repeating Event series rather than a wake per tick.
import type { Container, Probe } from '../api/core/pod/schema.js';
import { containerPort, imageServer, listensOn } from '../net/servers.js';
import type { FileView } from './exec.js';
import { execIn, fileTimeline, type ProcessSpec } from './process.js';
import { goDuration } from './util.js';

/** A probe's answer over an interval: it stays the same from `from` until the next segment. */
export interface ProbeSegment { from: number; ok: boolean; output: string }

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

/**
 * Failing answers of one probe with the same output, one every `every` ms from `from` to `last`
 * (open-ended while the container runs when `last` is unset), plus a second answer at the times in
 * `extra` (a run the kubelet triggered besides the ticker), and at the pod's resyncs.
 */
export interface FailureSeries {
  probe: ProbeKind; from: number; every: number; last?: number; output: string; extra: number[];
  /** Failing runs at the pod's resyncs, every RESYNC_MS from `from` to `last` (open-ended when unset). */
  resync?: { from: number; last?: number };
}

/** What the probes of one container instance do over its life. */
export interface ProbePlan {
  /** When the startup probe first succeeds (the start itself when there is none); unset: never. */
  startedAt?: number;
  /** Readiness changes, in time order (the container starts out not ready). */
  ready: { at: number; ready: boolean }[];
  /** A liveness or startup probe reached its failureThreshold: the kubelet kills the container. */
  kill?: { at: number; probe: 'liveness' | 'startup' };
  series: FailureSeries[];
}

/** formatURL (probe/http/request.go): the path parsed as a URL, scheme and host:port set on it. */
function probeURL(scheme: string, host: string, port: number | string, path: string): string {
  const h = host.includes(':') ? `[${host}]` : host;
  const p = path && !path.startsWith('/') ? `/${path}` : path;
  return `${scheme}://${h}:${port}${p}`;
}

/**
 * What a probe answers for a container instance started at `startedAt`, as segments from the start
 * up to `untilMs` later: exec probes read the files the process wrote by then, network probes get
 * a constant answer from the image's server: connection refused on a port it does not listen on,
 * otherwise its HTTP status for httpGet (2xx and 3xx pass) and a connection for tcpSocket.
 * `timeline`, when given, is the process's fileTimeline over `untilMs` (shared by its probes);
 * `files`, the container's files as it starts, volumes included (a static server's document root).
 */
export function probeSegments(probe: Probe, spec: Container, proc: Omit<ProcessSpec, 'startedAt'>, startedAt: number,
  podIP: string, untilMs: number, timeline?: () => { at: number; files: Record<string, string> }[], files?: () => FileView | undefined): ProbeSegment[] {
  const full: ProcessSpec = { ...proc, startedAt };
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    const out: ProbeSegment[] = [];
    for (const snap of timeline ? timeline() : fileTimeline(full, untilMs)) {
      const r = execIn(full, snap.files, argv, timeoutMs);
      const seg = { from: startedAt + snap.at, ok: r.code === 0, output: r.output };
      const last = out[out.length - 1];
      if (last && last.ok === seg.ok && last.output === seg.output) continue;
      out.push(seg);
    }
    return out;
  }
  const server = imageServer(proc);
  if (probe.grpc) {
    // Only an application server mk knows nothing about is taken to serve grpc.health.v1; the
    // others never complete the HTTP/2 handshake, so the blocking dial runs into the timeout.
    if (server.ports === undefined) return [{ from: startedAt, ok: true, output: '' }];
    const addr = `${podIP.includes(':') ? `[${podIP}]` : podIP}:${probe.grpc.port}`;
    return [{ from: startedAt, ok: false, output: `timeout: failed to connect service "${addr}" within ${goDuration(timeoutMs)}: context deadline exceeded` }];
  }
  const net = probe.httpGet ?? probe.tcpSocket;
  if (!net) return [{ from: startedAt, ok: true, output: '' }];
  const port = containerPort(spec, net.port as number | string);
  const host = net.host || podIP;
  const shownPort = port ?? net.port;
  const open = server.ports === undefined || (port !== undefined && listensOn(server, port));
  const dial = `dial tcp ${host.includes(':') ? `[${host}]` : host}:${shownPort}: connect: connection refused`;
  if (probe.httpGet) {
    const path = probe.httpGet.path ?? '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = probeURL(scheme, host, shownPort, path);
    if (!open) return [{ from: startedAt, ok: false, output: `Get "${url}": ${dial}` }];
    // The catalog's servers speak plain HTTP on their ports (servers mk knows nothing about, such as
    // the control plane's, answer anything): net/http recognizes the plain answer to its TLS hello.
    if (scheme === 'https' && server.ports !== undefined && !server.tls) return [{ from: startedAt, ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` }];
    // The control plane's secure ports answer their health checks once the handshake is done.
    if (scheme === 'https' && server.tls) return [{ from: startedAt, ok: true, output: '' }];
    const answer = server.answer({ method: 'GET', host: `${host}:${shownPort}`, path: path || '/', headers: { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' } },
      { now: startedAt, hostname: proc.hostname, proc, upstream: () => ({ kind: 'unresolved' }), port,
        mounts: (spec.volumeMounts ?? []).map((m) => m.mountPath), fs: () => (files ? files() : { files: proc.files, mtimes: {} }) });
    if (answer.kind === 'empty') return [{ from: startedAt, ok: false, output: `Get "${url}": EOF` }];
    if (answer.kind === 'raw') {
      const first = answer.data.split('\n')[0];
      return [{ from: startedAt, ok: false, output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(first)}` }];
    }
    if (answer.kind !== 'http') return [{ from: startedAt, ok: false, output: `Get "${url}": ${dial}` }];
    const code = answer.response.status;
    // DoHTTPProbe: 2xx and 3xx pass; the body is not shown for a failure (issue 99425).
    if (code >= 200 && code < 400) return [{ from: startedAt, ok: true, output: '' }];
    return [{ from: startedAt, ok: false, output: `HTTP probe failed with statuscode: ${code}` }];
  }
  return open ? [{ from: startedAt, ok: true, output: '' }] : [{ from: startedAt, ok: false, output: dial }];
}

/** When the worker's ticker fires, and the kubelet's syncs that trigger an extra readiness run. */
export interface ProbeClock {
  /** When the kubelet admitted the pod: probe workers (and their tickers) start then. */
  workerStart: number;
  /** The container's start. */
  containerStart: number;
  /** The status sync that first sees the container running. */
  firstSync: number;
  /** The container stops running (exits, or is stopped); Infinity while nothing ends it. */
  end: number;
}

/** A probe's answers at successive times, from its segments. */
class Answers {
  private i = 0;
  constructor(private readonly segs: ProbeSegment[]) {}
  at(t: number): ProbeSegment {
    while (this.i + 1 < this.segs.length && this.segs[this.i + 1].from <= t) this.i++;
    return this.segs[this.i];
  }
  /** When the answer after the one at `t` begins (Infinity if it never changes). */
  changeAfter(t: number): number {
    this.at(t);
    return this.i + 1 < this.segs.length ? this.segs[this.i + 1].from : Infinity;
  }
}

type Result = 'success' | 'failure' | 'unknown';

interface WorkerRun {
  /** Result changes as the results manager records them. */
  changes: { at: number; result: Result }[];
  /** The run stopped at a failure (liveness and startup put the worker on hold then). */
  stoppedAt?: number;
}

/**
 * The pod worker's resync period (syncFrequency, 1m): each sync generates the pod's status, and a
 * started container that is not ready gets a readiness run then (UpdatePodStatus). The kubelet
 * jitters it by up to half; here it is taken at its base, as the 10 s retry of a failed sync is.
 */
export const RESYNC_MS = 60_000;

/**
 * One probe worker over a container's life (doProbe): probes at every tick from `earliest`, at the
 * `manual` times (syncs that trigger a run), and, for readiness while unready, at each resync since
 * the last sync and again at each change to failure (the sync it causes triggers a run). Records
 * failing answers into `series`, and returns the result changes. Liveness and startup workers hold
 * at their first failure result; a startup worker is done once it passed.
 */
function runWorker(kind: ProbeKind, probe: Probe, answers: Answers, clock: ProbeClock, earliest: number, end: number,
  manual: number[], initial: Result, series: FailureSeries[], syncAt = Infinity): WorkerRun {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const successThreshold = Math.max(1, probe.successThreshold ?? 1);
  const failureThreshold = Math.max(1, probe.failureThreshold ?? 3);
  const changes: { at: number; result: Result }[] = [];
  let result = initial;
  let last: Result | undefined;
  let run = 0;
  let open: FailureSeries | undefined;
  const pending = manual.filter((m) => m >= earliest && m < end).sort((a, b) => a - b);
  const tickAtOrAfter = (t: number) => clock.workerStart + Math.max(0, Math.ceil((t - clock.workerStart) / period)) * period;
  let tick = tickAtOrAfter(earliest);
  let resync = syncAt + RESYNC_MS;
  // Resyncs before the initial delay is over run nothing.
  if (resync < earliest) resync += Math.ceil((earliest - resync) / RESYNC_MS) * RESYNC_MS;
  const fail = (t: number, output: string, how: 'tick' | 'sync' | 'resync') => {
    if (open && open.output === output && open.last !== undefined) {
      if (how === 'tick' && open.last === t - period) { open.last = t; return; }
      if (how === 'resync' && open.last > t - period) {
        if (!open.resync) { open.resync = { from: t, last: t }; return; }
        if (open.resync.last === t - RESYNC_MS) { open.resync.last = t; return; }
      }
      if (how !== 'resync' && open.last === t) { open.extra.push(t); return; }
    }
    open = { probe: kind, from: t, every: period, last: t, output, extra: [] };
    series.push(open);
  };
  for (let guard = 0; guard < 1_000_000; guard++) {
    const resyncs = kind === 'Readiness' && result === 'failure';
    const next = Math.min(tick, pending.length ? pending[0] : Infinity, resyncs ? resync : Infinity);
    if (next >= end) break;
    const how = pending.length && pending[0] === next ? 'sync' : tick === next ? 'tick' : 'resync';
    const t = next;
    if (how === 'sync') {
      pending.shift();
      resync = t + RESYNC_MS;
    } else if (how === 'resync') {
      resync += RESYNC_MS;
    } else {
      tick += period;
    }
    const a = answers.at(t);
    const r: Result = a.ok ? 'success' : 'failure';
    if (!a.ok) fail(t, a.output, how);
    run = r === last ? run + 1 : 1;
    last = r;
    if (run >= (r === 'failure' ? failureThreshold : successThreshold) && result !== r) {
      result = r;
      changes.push({ at: t, result: r });
      if (r === 'failure' && kind !== 'Readiness') return { changes, stoppedAt: t };
      if (r === 'success' && kind === 'Startup') return { changes };
      if (r === 'failure') pending.unshift(t);
      resync = t + RESYNC_MS;
      continue;
    }
    if (result !== r || how !== 'tick') continue;
    // Settled: every tick (and resync) until the answer changes, or a triggered run, repeats this one.
    const stop = Math.min(answers.changeAfter(t), end, pending.length ? pending[0] : Infinity);
    const lastTick = stop === Infinity ? Infinity : tickAtOrAfter(stop) - period;
    const lastResync = stop === Infinity ? Infinity : resync + Math.floor((stop - 1 - resync) / RESYNC_MS) * RESYNC_MS;
    if (!a.ok && open) {
      if (lastTick > t) open.last = lastTick === Infinity ? undefined : lastTick;
      if (resyncs && lastResync >= resync) {
        open.resync ??= { from: resync, last: resync };
        open.resync.last = lastResync === Infinity ? undefined : lastResync;
      }
    }
    if (stop === Infinity) break;
    if (lastTick > t) tick = lastTick + period;
    if (resyncs && lastResync >= resync) resync = lastResync + RESYNC_MS;
  }
  return { changes };
}

/** Probe state carried over when the kubelet's probe workers start again for a running container. */
export interface ProbeResume {
  /** When the startup probe had passed (the container counts as started); unset if it had not. */
  startedAt?: number;
  ready: boolean;
}

/**
 * Plans what the container's startup, liveness and readiness probes do over its life, or, with
 * `resume`, from `clock.workerStart` on, when a restarted kubelet's workers find it running (the
 * readiness it had is kept, as setReadyStateOnKubeletRestart does).
 */
export function planProbes(spec: Container, segsOf: (p: Probe) => ProbeSegment[], clock: ProbeClock, resume?: ProbeResume): ProbePlan {
  const series: FailureSeries[] = [];
  const from = resume ? clock.workerStart : clock.containerStart;
  const delayed = (p: Probe) => Math.max(from, clock.containerStart + (p.initialDelaySeconds ?? 0) * 1000);
  let end = clock.end;
  let startedAt: number | undefined = resume ? resume.startedAt : clock.containerStart;
  let kill: ProbePlan['kill'];
  const sp = spec.startupProbe;
  if (sp && (!resume || startedAt === undefined)) {
    const w = runWorker('Startup', sp, new Answers(segsOf(sp)), clock, delayed(sp), end, [], 'unknown', series);
    const ok = w.changes.find((c) => c.result === 'success');
    startedAt = ok?.at;
    if (w.stoppedAt !== undefined && !ok) {
      kill = { at: w.stoppedAt, probe: 'startup' };
      end = w.stoppedAt;
    }
  }
  if (!sp && startedAt === undefined) startedAt = clock.containerStart;
  const lp = spec.livenessProbe;
  if (lp && startedAt !== undefined) {
    const w = runWorker('Liveness', lp, new Answers(segsOf(lp)), clock, Math.max(startedAt, delayed(lp)), end, [], 'success', series);
    if (w.stoppedAt !== undefined) {
      kill = { at: w.stoppedAt, probe: 'liveness' };
      end = w.stoppedAt;
    }
  }
  const ready: ProbePlan['ready'] = resume?.ready ? [{ at: from, ready: true }] : [];
  const rp = spec.readinessProbe;
  if (startedAt !== undefined && startedAt < end) {
    if (!rp) {
      if (!resume) ready.push({ at: startedAt, ready: true });
    } else {
      // The sync that first sees the container started (and unready) triggers a run (UpdatePodStatus);
      // new workers of a restarted kubelet probe at once instead, before any trigger reaches them.
      const manual = resume ? [] : [sp ? startedAt : clock.firstSync];
      const w = runWorker('Readiness', rp, new Answers(segsOf(rp)), clock, Math.max(startedAt, delayed(rp)), end, manual,
        resume?.ready ? 'success' : 'failure', series, resume ? clock.workerStart : manual[0]);
      for (const c of w.changes) ready.push({ at: c.at, ready: c.result === 'success' });
    }
  }
  // A series ends with the container: no answer is given once it stopped.
  const lastBefore = (from: number, every: number) => from + Math.max(0, Math.ceil((end - from) / every) - 1) * every;
  for (const s of series) {
    if (end === Infinity) continue;
    if (s.last === undefined) s.last = lastBefore(s.from, s.every);
    if (s.resync && s.resync.last === undefined) s.resync.last = lastBefore(s.resync.from, RESYNC_MS);
  }
  series.sort((a, b) => a.from - b.from);
  return { ...(startedAt !== undefined && startedAt < end ? { startedAt } : {}), ready, ...(kill ? { kill } : {}), series };
}

/** Whether the container counts as started and ready at `t` under its plan. */
export function probeStateAt(plan: ProbePlan, t: number): { started: boolean; ready: boolean } {
  let ready = false;
  for (const r of plan.ready) {
    if (r.at > t) break;
    ready = r.ready;
  }
  return { started: plan.startedAt !== undefined && t >= plan.startedAt, ready };
}

/** The moments the plan changes what the kubelet reports or records. */
export function planMoments(plan: ProbePlan): number[] {
  const out: number[] = [];
  if (plan.startedAt !== undefined) out.push(plan.startedAt);
  for (const r of plan.ready) out.push(r.at);
  if (plan.kill) out.push(plan.kill.at);
  for (const s of plan.series) out.push(s.from, ...s.extra);
  return out;
}
