// When probes let a container count as started and ready. Probe workers tick every periodSeconds
// from the moment the kubelet admits the pod, and skip until initialDelaySeconds have passed since
// the container started (prober/worker.go). Readiness and startup probes are taken to pass, so
// the first tick past the delay decides; liveness answers come from probeSegments, and the kubelet
// wakes only at the failing ticks that end in a restart.
import type { Container, Probe } from '../api/core/pod/schema.js';
import type { Personality } from './images.js';
import { execIn, fileTimeline, type ProcessSpec } from './process.js';

export interface ProbeTimes {
  /** When the startup probe first succeeds (the start itself when there is none). */
  startedAt: number;
  /** When the container first counts as ready. */
  readyAt: number;
}

function firstPass(probe: Probe, workerStart: number, containerStart: number, notBefore: number, manualAt?: number): number {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const delay = (probe.initialDelaySeconds ?? 0) * 1000;
  const threshold = Math.max(1, probe.successThreshold ?? 1);
  const earliest = Math.max(notBefore, containerStart + delay);
  // The status sync that first sees the container running triggers an immediate readiness
  // probe; it counts if the initial delay is already over.
  if (manualAt !== undefined && manualAt >= earliest && threshold === 1) return manualAt;
  const k = Math.max(0, Math.ceil((earliest - workerStart) / period));
  return workerStart + (k + threshold - 1) * period;
}

/**
 * `workerStart`: when the kubelet admitted the pod (its probe workers started then);
 * `firstSync`: the status sync right after the start.
 */
export function probeTimes(spec: Container, workerStart: number, containerStart: number, firstSync: number): ProbeTimes {
  const startedAt = spec.startupProbe ? firstPass(spec.startupProbe, workerStart, containerStart, containerStart) : containerStart;
  const readyAt = spec.readinessProbe ? firstPass(spec.readinessProbe, workerStart, containerStart, startedAt, firstSync) : startedAt;
  return { startedAt, readyAt };
}

/** A probe's answer over an interval: it stays the same from `from` until the next segment. */
export interface ProbeSegment { from: number; ok: boolean; output: string }

/** Ports the images' simulated servers listen on; personalities not listed answer on any port. */
const LISTENS: Partial<Record<Personality, number[]>> = {
  nginx: [80], httpd: [80], redis: [6379], mysql: [3306, 33060], mariadb: [3306], postgres: [5432], mongo: [27017],
  memcached: [11211], rabbitmq: [5672, 15672], 'echo-server': [8080], 'hello-app': [8080], bootcamp: [8080],
  shell: [], 'hello-world': [], pause: [], stress: [],
};

function resolvePort(spec: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return spec.ports?.find((p) => p.name === port)?.containerPort;
}

/**
 * What a probe answers for a container instance started at `startedAt`, as segments from the start
 * up to `untilMs` later: exec probes read the files the process wrote by then, network probes get
 * a constant answer from whether the image's server listens on the port.
 */
export function probeSegments(probe: Probe, spec: Container, proc: Omit<ProcessSpec, 'startedAt'>, startedAt: number,
  podIP: string, untilMs: number): ProbeSegment[] {
  const full: ProcessSpec = { ...proc, startedAt };
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    const out: ProbeSegment[] = [];
    for (const snap of fileTimeline(full, untilMs)) {
      const r = execIn(full, snap.files, argv, timeoutMs);
      const seg = { from: startedAt + snap.at, ok: r.code === 0, output: r.output };
      const last = out[out.length - 1];
      if (last && last.ok === seg.ok && last.output === seg.output) continue;
      out.push(seg);
    }
    return out;
  }
  const listens = LISTENS[proc.image.entry.personality];
  const net = probe.httpGet ?? probe.tcpSocket;
  if (!net || !listens) return [{ from: startedAt, ok: true, output: '' }];
  const port = resolvePort(spec, net.port as number | string);
  if (port !== undefined && listens.includes(port)) return [{ from: startedAt, ok: true, output: '' }];
  const host = net.host ?? podIP;
  const dial = `dial tcp ${host}:${port ?? net.port}: connect: connection refused`;
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    return [{ from: startedAt, ok: false, output: `Get "${scheme}://${host}:${port ?? net.port}${path.startsWith('/') ? path : `/${path}`}": ${dial}` }];
  }
  return [{ from: startedAt, ok: false, output: dial }];
}

/** The probe ticks that fail, from the first one past the initial delay, up to `until` (at most `max` of them). */
export function failingTicks(probe: Probe, segs: ProbeSegment[], workerStart: number, containerStart: number,
  until: number, max: number): { at: number; output: string }[] {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const earliest = containerStart + (probe.initialDelaySeconds ?? 0) * 1000;
  const out: { at: number; output: string }[] = [];
  for (let i = 0; i < segs.length && out.length < max; i++) {
    const s = segs[i];
    if (s.ok) continue;
    const end = Math.min(until, i + 1 < segs.length ? segs[i + 1].from : Infinity);
    let k = Math.max(0, Math.ceil((Math.max(s.from, earliest) - workerStart) / period));
    for (let at = workerStart + k * period; at < end && at <= until && out.length < max; at = workerStart + ++k * period) {
      out.push({ at, output: s.output });
    }
  }
  return out;
}
