// The kubelet of every simulated node, as one controller keyed by pod. For each pod bound to a
// node it runs what a pod worker does — sync: write status, create the sandbox, pull images,
// create and start containers, back off, restart, stop — but in virtual time: every step that
// takes time is a timer, and reconcile(key) applies all steps due by ctx.now(). The runtime's
// state that the API does not show (containers' processes, back-off entries, the image cache and
// IP allocations of a node) lives in the store's meta under kubelet/<node>/...
import type { Container, ContainerStatus, Pod, PodStatus } from '../api/core/pod/schema.js';
import type { Node } from '../api/core/node/schema.js';
import type { KubeObject } from '../api/object.js';
import type { EventOccurrence } from '../apiserver/events.js';
import type { Controller, ControllerContext } from '../controllers/controller.js';
import type { WatchEvent } from '../store/store.js';
import {
  containerStatus, stateAt, stopContainer, termination, type ContainerInstance,
} from './containers.js';
import { containerContext, hostnameOf, parseQuantity } from './env.js';
import {
  catalogEntry, InvalidImageName, KIND_PRELOADED_IMAGES, nodeImageEntries, parseImage, pullErrorMessage, resolveImage,
  type ImageRef,
} from './images.js';
import { effectiveArgv, expandVars, fileTimeline, planProcess, type ProcessSpec } from './process.js';
import { runPreStop } from './lifecycle.js';
import { epochDns, nextEpoch, type DnsEpoch, type LiveDns } from './process-dns.js';
import { clusterDnsInputs } from '../dns/inputs.js';
import type { DnsInputs } from '../dns/query.js';
import { exchange } from '../dns/resolver.js';
import { planMoments, planProbes, probeSegments, probeStateAt, RESYNC_MS, type ProbePlan } from './probes.js';
import { kubeletStoppedAt } from '../sim/running.js';
import { withHeartbeat } from '../api/core/node/heartbeat.js';
import { generatePodStatus } from './status.js';
import { goDuration, vary } from './util.js';
import { loadPodRuntime, metaKeys, type Op, type PodRuntime } from './state.js';
import { forgetExecWrites, instanceFiles, keepPersistentVolumeWrites } from './exec.js';
import { attemptAtOrAfter, attemptOffset, MAX_RETRY_MS, MOUNT_POLL_MS, mountFailures, PERIODIC_FROM } from './volumes.js';

export { loadPodRuntime, metaKeys, type PodRuntime } from './state.js';

/** How long runtime operations take, in ms (before per-pod variation). */
export interface Timings {
  sandboxMs: number;
  createMs: number;
  startMs: number;
  /** A pull: fixed cost plus size over throughput. */
  pullBaseMs: number;
  pullBytesPerMs: number;
  /** A pull that fails at resolving the reference. */
  failedPullMs: number;
  /** Stopping the sandbox once the containers are gone. */
  stopSandboxMs: number;
  /** PLEG relist period: container changes are noticed on the next tick. */
  relistMs: number;
  /** Variation of the above per pod, as a fraction (0: exact). */
  spread: number;
}

export const DEFAULT_TIMINGS: Timings = {
  sandboxMs: 700,
  createMs: 110,
  startMs: 120,
  pullBaseMs: 500,
  pullBytesPerMs: 40_000,
  failedPullMs: 900,
  stopSandboxMs: 120,
  relistMs: 1000,
  spread: 0.25,
};

/** The pod worker's wait after a sync that failed (podWorkers' backOffPeriod). */
const SYNC_ERROR_BACKOFF_MS = 10_000;
/** flowcontrol.Backoff for image pulls and container restarts: 10s doubling to 300s. */
const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** killContainer's minimumGracePeriodInSeconds. */
const MIN_GRACE_MS = 2_000;
/** How far ahead of a start an exec probe's answers are worked out (the last one holds from there on). */
const PROBE_LOOKAHEAD_MS = 24 * 3600 * 1000;

interface CachedImage { size: number; digest: string; repo: string; version: string; variant?: string }

export interface KubeletOptions {
  timings?: Partial<Timings>;
}

function readJSON<T>(ctx: ControllerContext, key: string): T | undefined {
  const raw = ctx.store.getMeta(key);
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

function writeJSON(ctx: ControllerContext, key: string, v: unknown): void {
  ctx.store.setMeta(key, v === undefined ? undefined : JSON.stringify(v));
}

// -- node-level state --------------------------------------------------------------------------

function imageCache(ctx: ControllerContext, node: Node): Record<string, CachedImage> {
  const cached = readJSON<Record<string, CachedImage>>(ctx, metaKeys.images(node.metadata.name));
  if (cached) return cached;
  const names = node.status?.images?.length
    ? node.status.images.flatMap((i) => (i.names ?? []).filter((n) => !n.includes('@')))
    : [...KIND_PRELOADED_IMAGES];
  const out: Record<string, CachedImage> = {};
  for (const n of names) {
    try {
      const img = resolveImage(parseImage(n));
      if ('entry' in img) out[img.ref.full] = { size: img.size, digest: img.digest, repo: img.entry.repo, version: img.version, variant: img.variant };
    } catch {
      // Names the catalog cannot parse are left out of the simulated cache.
    }
  }
  return out;
}

interface Ipam { last: number; used: Record<string, string> }

function podCidrBase(node: Node): string {
  const cidr = node.spec?.podCIDR ?? '10.244.0.0/24';
  const [addr] = cidr.split('/');
  return addr.split('.').slice(0, 3).join('.');
}

/** host-local IPAM: the next free address after the last one handed out, wrapping around. */
function allocateIP(ctx: ControllerContext, node: Node, uid: string): string {
  const key = metaKeys.ipam(node.metadata.name);
  const st = readJSON<Ipam>(ctx, key) ?? { last: 1, used: {} };
  const base = podCidrBase(node);
  for (let i = 0; i < 253; i++) {
    const host = ((st.last - 2 + 1 + i) % 253) + 2;
    const ip = `${base}.${host}`;
    if (!st.used[ip]) {
      st.used[ip] = uid;
      st.last = host;
      writeJSON(ctx, key, st);
      return ip;
    }
  }
  throw new Error(`no free address in ${base}.0/24`);
}

function releaseIP(ctx: ControllerContext, nodeName: string, ip: string | undefined, uid: string): void {
  if (!ip) return;
  const key = metaKeys.ipam(nodeName);
  const st = readJSON<Ipam>(ctx, key);
  if (st?.used[ip] === uid) {
    delete st.used[ip];
    writeJSON(ctx, key, st);
  }
}

function internalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

// -- the controller ----------------------------------------------------------------------------

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
/** Key prefix for a namespace's ConfigMap and Secret changes (no '/': pod keys have one). */
const VOLUME_KEY = 'volumes:';
/** Key for a change to what the cluster's DNS answers from (Services, EndpointSlices). */
const DNS_KEY = 'dns:';
const DNS_SOURCES = ['services', 'endpointslices.discovery.k8s.io'];

/** Adds or removes a pod from the list of pods whose running processes ask the cluster's DNS. */
function setDnsDependent(ctx: ControllerContext, podKey: string, dependent: boolean): void {
  const list = readJSON<string[]>(ctx, metaKeys.dnsDependent()) ?? [];
  if (list.includes(podKey) === dependent) return;
  const next = dependent ? [...list, podKey] : list.filter((k) => k !== podKey);
  writeJSON(ctx, metaKeys.dnsDependent(), next.length ? next : undefined);
}

/** Adds or removes a pod from its namespace's list of pods waiting for volumes. */
function setMountWaiting(ctx: ControllerContext, ns: string, name: string, waiting: boolean): void {
  const key = metaKeys.mountWait(ns);
  const list = readJSON<string[]>(ctx, key) ?? [];
  const has = list.includes(name);
  if (has === waiting) return;
  const next = waiting ? [...list, name] : list.filter((n) => n !== name);
  writeJSON(ctx, key, next.length ? next : undefined);
}

export function newKubelet(opts: KubeletOptions = {}): Controller {
  const tm: Timings = { ...DEFAULT_TIMINGS, ...opts.timings };
  return {
    name: 'kubelet',
    watches: ['pods', 'configmaps', 'secrets', ...DNS_SOURCES],
    keysFor(ev: WatchEvent): string[] {
      if (DNS_SOURCES.includes(ev.resource)) return [DNS_KEY];
      // A ConfigMap or Secret may be what a pod's volumes wait for (volumeKey below).
      if (ev.resource !== 'pods') return [`${VOLUME_KEY}${ev.object.metadata.namespace ?? 'default'}`];
      const pod = ev.object as unknown as Pod;
      if (!pod.spec?.nodeName) return [];
      return [`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`];
    },
    reconcile(key: string, ctx: ControllerContext): void {
      if (key === DNS_KEY) {
        // The pods whose processes ask the DNS plan them again with its answers from now on.
        for (const podKey of readJSON<string[]>(ctx, metaKeys.dnsDependent()) ?? []) ctx.requeueAt(ctx.now(), podKey);
        return;
      }
      if (key.startsWith(VOLUME_KEY)) {
        // The waiting pods look again at their volumes' next set-up attempt.
        const ns = key.slice(VOLUME_KEY.length);
        for (const name of readJSON<string[]>(ctx, metaKeys.mountWait(ns)) ?? []) ctx.requeueAt(ctx.now(), `${ns}/${name}`);
        return;
      }
      const slash = key.indexOf('/');
      const ns = key.slice(0, slash);
      const name = key.slice(slash + 1);
      const pod = ctx.api.tryGet<KubeObject>('pods', ns, name) as unknown as Pod | undefined;
      const prev = loadPodRuntime(ctx, ns, name);
      // A stopped kubelet sees nothing; `mk node start` syncs its pods again.
      const onNode = pod?.spec.nodeName ?? prev?.node;
      const stoppedAt = onNode !== undefined ? kubeletStoppedAt(ctx.store, onNode) : undefined;
      if (stoppedAt !== undefined) {
        if (prev && prev.heldAt === undefined) holdRuntime(ctx, prev, stoppedAt);
        return;
      }
      if (prev && (!pod || pod.metadata.uid !== prev.uid || pod.spec.nodeName !== prev.node)) {
        podGone(ctx, prev);
      }
      if (!pod?.spec.nodeName) {
        setDnsDependent(ctx, key, false);
        return;
      }
      const node = ctx.api.tryGet<KubeObject>('nodes', undefined, pod.spec.nodeName) as unknown as Node | undefined;
      if (!node) return;
      const now = ctx.now();
      let rt = prev && prev.uid === pod.metadata.uid && prev.node === node.metadata.name ? prev : undefined;
      if (!rt) {
        rt = newRuntime(pod, node.metadata.name, now);
        ctx.store.setMeta(metaKeys.index(ns, name), node.metadata.name);
      }
      const w = new PodWorker(ctx, tm, pod, node, rt);
      w.advance(now);
      w.observe(now);
      w.advance(now);
      if (rt.phase === 'terminated' && w.deleted) {
        // The final delete went through: nothing more to keep for this pod.
        ctx.store.setMeta(metaKeys.pod(rt.node, ns, name), undefined);
        ctx.store.setMeta(metaKeys.index(ns, name), undefined);
        keepPersistentVolumeWrites(ctx.store, ctx.api, pod, rt, now);
        forgetExecWrites(ctx.store, rt.node, ns, name);
        setDnsDependent(ctx, key, false);
        return;
      }
      setDnsDependent(ctx, key, w.asksDns(now));
      writeJSON(ctx, metaKeys.pod(rt.node, ns, name), rt);
      const next = w.nextDue();
      if (next !== undefined) ctx.requeueAt(next, key);
    },
  };
}

export const kubeletController: Controller = newKubelet();

function newRuntime(pod: Pod, node: string, now: number): PodRuntime {
  return {
    uid: pod.metadata.uid ?? '',
    ns: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    node,
    initNames: (pod.spec.initContainers ?? []).map((c) => c.name),
    seenAt: now,
    slots: {},
    reasons: {},
    backoff: {},
    prevPullErr: {},
    worker: { ops: [], cursor: now, syncErr: false, pending: false },
    wakes: [now],
    phase: 'active',
  };
}

/** The pod as the kubelet's Events refer to it once only its runtime state is left. */
function podRef(rt: PodRuntime): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: rt.name, namespace: rt.ns, uid: rt.uid } } as KubeObject;
}

/** The pod object is gone (deleted, possibly forcibly) or replaced: stop what still runs. */
function podGone(ctx: ControllerContext, rt: PodRuntime): void {
  const now = ctx.now();
  const ref = podRef(rt);
  if (rt.phase !== 'terminated' && rt.phase !== 'terminating') {
    for (const [name, slot] of Object.entries(rt.slots)) {
      if (slot.cur && stateAt(slot.cur, now) === 'running') {
        const init = rt.initNames.includes(name);
        ctx.recorder.event(ref, 'Normal', 'Killing', `Stopping container ${name}`,
          { component: 'kubelet', host: rt.node, fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${name}}` });
        endProbeSeries(ctx, ref, rt, name, init, now);
      }
    }
  }
  releaseIP(ctx, rt.node, rt.ip, rt.uid);
  endMountSeries(ctx, ref, rt, now);
  setDnsDependent(ctx, `${rt.ns}/${rt.name}`, false);
  ctx.store.setMeta(metaKeys.pod(rt.node, rt.ns, rt.name), undefined);
  ctx.store.setMeta(metaKeys.index(rt.ns, rt.name), undefined);
  forgetExecWrites(ctx.store, rt.node, rt.ns, rt.name);
}

/**
 * The node's kubelet stopped at `t`: its probes and volume retries record nothing from then on,
 * so the failures they were repeating end there. Its next sync after it runs again starts them anew.
 */
function holdRuntime(ctx: ControllerContext, rt: PodRuntime, t: number): void {
  const ref = podRef(rt);
  for (const name of Object.keys(rt.slots)) endProbeSeries(ctx, ref, rt, name, rt.initNames.includes(name), t);
  endMountRepeat(ctx, ref, rt, t);
  rt.heldAt = t;
  ctx.store.setMeta(metaKeys.pod(rt.node, rt.ns, rt.name), JSON.stringify(rt));
}

/** The volume retries stop at `t`: the FailedMount Events they were repeating end there. */
function endMountRepeat(ctx: ControllerContext, subject: KubeObject, rt: PodRuntime, t: number): void {
  const mw = rt.mountWait;
  if (!mw || mw.last < PERIODIC_FROM) return;
  for (const m of mw.failing) ctx.recorder.event(subject, 'Warning', 'FailedMount', m, { component: 'kubelet', host: rt.node, at: t, count: 0 });
  mw.failing = [];
}

/** The pod stops waiting for its volumes at `t` (it is going away). */
function endMountSeries(ctx: ControllerContext, subject: KubeObject, rt: PodRuntime, t: number): void {
  if (!rt.mountWait) return;
  endMountRepeat(ctx, subject, rt, t);
  rt.mountWait = undefined;
  setMountWaiting(ctx, rt.ns, rt.name, false);
}

const asObject = (pod: Pod) => pod as unknown as KubeObject;

/** A container's probes stop at `t` (it is being stopped, or the kubelet is): their failures stop repeating there. */
function endProbeSeries(ctx: ControllerContext, subject: KubeObject, rt: PodRuntime, name: string, init: boolean, t: number): void {
  const plan = rt.slots[name]?.cur?.probes;
  if (!plan) return;
  const fieldPath = `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
  for (const s of plan.series) {
    const goesOn = (s.last === undefined || s.last > t) || (s.resync && (s.resync.last === undefined || s.resync.last > t));
    if (s.from > t || !goesOn) continue;
    ctx.recorder.event(subject, 'Warning', 'Unhealthy', `${s.probe} probe failed: ${s.output}`,
      { component: 'kubelet', host: rt.node, fieldPath, at: t, count: 0 });
    s.last = Math.min(s.last ?? Infinity, s.from + Math.floor((t - s.from) / s.every) * s.every);
    if (s.resync) s.resync.last = Math.min(s.resync.last ?? Infinity, s.resync.from + Math.floor((t - s.resync.from) / RESYNC_MS) * RESYNC_MS);
  }
  // Nor does anything the probes would have decided later happen.
  plan.series = plan.series.filter((s) => s.from <= t);
  plan.ready = plan.ready.filter((r) => r.at <= t);
  if (plan.kill && plan.kill.at > t) delete plan.kill;
  if (plan.startedAt !== undefined && plan.startedAt > t) delete plan.startedAt;
}

/**
 * The object the kubelet's Events refer to. A mirror pod stands for a static pod read from a
 * manifest file: the kubelet's own copy has the uid it derived from the file (the config.mirror
 * hash) and no resourceVersion, and `kubectl describe` searches a mirror pod's Events by that uid.
 */
function eventSubject(pod: Pod): KubeObject {
  const staticUid = pod.metadata.annotations?.[MIRROR_ANNOTATION];
  if (staticUid === undefined) return asObject(pod);
  const { resourceVersion: _rv, ...meta } = pod.metadata;
  return { ...asObject(pod), metadata: { ...meta, uid: staticUid } };
}

/** One sync that ran to its end at a single instant: what it emitted, and the state it began from. */
interface InstantSync {
  t: number;
  before: string;
  events: { type: 'Normal' | 'Warning'; reason: string; message: string; fieldPath?: string }[];
  wroteStatus: boolean;
}

class PodWorker {
  deleted = false;
  private instant?: InstantSync;

  constructor(private readonly ctx: ControllerContext, private readonly tm: Timings, private pod: Pod,
    private readonly node: Node, private readonly rt: PodRuntime) {}

  // -- time ----------------------------------------------------------------------------------

  private dur(base: number, what: string): number {
    return Math.max(1, vary(base, this.tm.spread, `${this.rt.uid}/${what}`));
  }

  /** When the PLEG's relist notices a change made at `t`. */
  private detect(t: number): number {
    const p = this.tm.relistMs;
    return Math.floor(t / p) * p + p;
  }

  private wake(t: number): void {
    const ws = this.rt.wakes;
    if (ws.includes(t)) return;
    ws.push(t);
    ws.sort((a, b) => a - b);
  }

  nextDue(): number | undefined {
    const c: number[] = [];
    const w = this.rt.worker;
    if (w.ops.length) c.push(w.busyUntil ?? w.cursor);
    if (this.rt.wakes.length) c.push(this.rt.wakes[0]);
    if (this.rt.termDoneAt !== undefined && this.rt.phase === 'terminating') c.push(this.rt.termDoneAt);
    return c.length ? Math.min(...c) : undefined;
  }

  /** Applies every step due by `now`, in time order. */
  advance(now: number): void {
    for (let guard = 0; guard < 100_000; guard++) {
      const rt = this.rt;
      const w = rt.worker;
      const opAt = w.ops.length ? w.busyUntil ?? w.cursor : Infinity;
      const wakeAt = rt.wakes.length ? rt.wakes[0] : Infinity;
      const termAt = rt.phase === 'terminating' && rt.termDoneAt !== undefined ? rt.termDoneAt : Infinity;
      const t = Math.min(opAt, wakeAt, termAt);
      if (t === Infinity || t > now) return;
      if (t === termAt) {
        this.finishTermination(t);
      } else if (t === opAt) {
        this.step(t);
      } else {
        rt.wakes.shift();
        if (w.ops.length) w.pending = true;
        else this.sync(t);
      }
    }
    throw new Error(`kubelet: pod ${this.rt.ns}/${this.rt.name} did not settle`);
  }

  /** Reacts to what changed in the pod object: deletion, an active deadline. */
  observe(now: number): void {
    const rt = this.rt;
    if (rt.heldAt !== undefined) this.resumeProbes(now);
    if (this.pod.metadata.deletionTimestamp && rt.phase !== 'terminating') {
      if (rt.phase === 'terminated') {
        this.finalDelete();
        return;
      }
      this.beginTermination(now);
      return;
    }
    if (rt.phase === 'active' && this.changedContainers(now).length) this.wake(now);
    if (rt.phase === 'active') this.replanForDns(now);
    // Something a waiting volume reads may have changed: its next set-up attempt looks again.
    if (rt.phase === 'active' && rt.mountWait) {
      const k = Math.max(rt.mountWait.last + 1, attemptAtOrAfter(now - rt.seenAt));
      this.wake(rt.seenAt + attemptOffset(k));
    }
  }

  /**
   * WaitForAttachAndMount: whether the pod's volumes are set up by `t`. Runs the volume manager's
   * set-up attempts due by then: each failure is a FailedMount Event; once the retries come every
   * 2m2s, a failure that stays the same is one Event repeating on that period, and only a change
   * to a ConfigMap or Secret of the namespace wakes the pod for its next attempt.
   */
  private volumesReady(t: number): boolean {
    const rt = this.rt;
    if (rt.sandbox) return true;
    if (rt.mountedAt !== undefined) {
      if (t >= rt.mountedAt) return true;
      this.wake(rt.mountedAt);
      return false;
    }
    const base = rt.seenAt;
    for (let guard = 0; guard <= PERIODIC_FROM + 1; guard++) {
      const mw = rt.mountWait ?? { last: -1, failing: [] };
      let k = mw.last + 1;
      if (k > PERIODIC_FROM) k = Math.max(k, attemptAtOrAfter(t - base + 1) - 1);
      const a = base + attemptOffset(k);
      if (a > t) {
        if (k <= PERIODIC_FROM) this.wake(a);
        return false;
      }
      const msgs = mountFailures(this.ctx.api, this.pod);
      const wasRepeating = mw.last >= PERIODIC_FROM;
      for (const m of mw.failing) {
        if (wasRepeating && !msgs.includes(m)) this.event('Warning', 'FailedMount', m, undefined, { at: a - 1, count: 0 });
      }
      for (const m of msgs) {
        if (wasRepeating && mw.failing.includes(m)) continue;
        this.event('Warning', 'FailedMount', m, undefined, { at: a, count: 1, ...(k >= PERIODIC_FROM ? { repeat: { every: MAX_RETRY_MS } } : {}) });
      }
      if (msgs.length) {
        rt.mountWait = { last: k, failing: msgs };
        setMountWaiting(this.ctx, rt.ns, rt.name, true);
        continue;
      }
      // Mounted: SyncPod's poll sees it on its next look.
      if (rt.mountWait) {
        rt.mountWait = undefined;
        setMountWaiting(this.ctx, rt.ns, rt.name, false);
        rt.mountedAt = base + Math.ceil((a - base) / MOUNT_POLL_MS) * MOUNT_POLL_MS;
        return this.volumesReady(t);
      }
      rt.mountedAt = a;
      return true;
    }
    return false;
  }

  /** Running containers whose spec changed (a new image): the kubelet replaces them. */
  private changedContainers(t: number): { name: string; init: boolean }[] {
    const all = [...(this.pod.spec.initContainers ?? []).map((c) => [c, true] as const), ...this.pod.spec.containers.map((c) => [c, false] as const)];
    return all.filter(([c]) => {
      const cur = this.rt.slots[c.name]?.cur;
      return !!cur && cur.specImage !== undefined && cur.specImage !== c.image && stateAt(cur, t) === 'running' && !cur.stop;
    }).map(([c, init]) => ({ name: c.name, init }));
  }

  // -- sync ----------------------------------------------------------------------------------

  private sync(t: number): void {
    const rt = this.rt;
    const w = rt.worker;
    this.instant = { t, before: this.fingerprint(), events: [], wroteStatus: false };
    w.cursor = t;
    w.syncErr = false;
    if (rt.phase !== 'active') return;
    const ads = this.pod.spec.activeDeadlineSeconds;
    if (ads !== undefined && t >= rt.seenAt + ads * 1000) {
      this.event('Normal', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline');
      rt.deadlineExceeded = true;
      this.beginTermination(t);
      return;
    }
    if (ads !== undefined) this.wake(rt.seenAt + ads * 1000);
    const status = this.writeStatus(t, false);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      rt.phase = 'stopping';
      w.ops.push({ k: 'stopSandbox' });
      return;
    }
    if (!this.volumesReady(t)) {
      this.syncDone(t);
      return;
    }
    if (!rt.sandbox || rt.sandbox.stoppedAt !== undefined) w.ops.push({ k: 'sandbox' });
    for (const k of this.probeResults(t)) {
      // setTerminationGracePeriod: the failed probe's own terminationGracePeriodSeconds, when set, replaces the pod's.
      const spec = this.spec({ c: k.c, init: k.init });
      const probe = k.probe === 'liveness' ? spec.livenessProbe : spec.startupProbe;
      const graceSeconds = probe?.terminationGracePeriodSeconds;
      w.ops.push({ k: 'kill', c: k.c, init: k.init, message: `Container ${k.c} failed ${k.probe} probe, will be restarted`,
        ...(graceSeconds !== undefined ? { graceSeconds } : {}) });
      w.ops.push({ k: 'start', c: k.c, init: k.init, stage: 'begin' });
    }
    for (const a of this.changedContainers(t)) {
      w.ops.push({ k: 'kill', c: a.name, init: a.init, message: `Container ${a.name} definition changed, will be restarted` });
      w.ops.push({ k: 'start', c: a.name, init: a.init, stage: 'begin' });
    }
    for (const a of this.computeActions(t)) w.ops.push({ k: 'start', c: a.name, init: a.init, stage: 'begin' });
    if (!w.ops.length) this.syncDone(t);
  }

  private syncDone(t: number): void {
    const w = this.rt.worker;
    w.cursor = t;
    if (w.pending) {
      w.pending = false;
      this.sync(t);
      return;
    }
    if (w.syncErr && this.rt.phase === 'active') {
      const others = [...this.rt.wakes];
      this.wake(t + SYNC_ERROR_BACKOFF_MS);
      this.repeatRetries(t, others);
    }
    this.instant = undefined;
  }

  /**
   * A failed sync is retried every 10 s. One that changed nothing but Events (a back-off still
   * running) is repeated exactly by each retry until something it depends on changes: a back-off
   * runs out, a container starts, exits or turns ready, a wake is due. Instead of a timer per
   * retry, the retries up to the catch-up's horizon are settled here at once, leaving the Events'
   * count and lastTimestamp as those retries would, and the next retry after them is woken as usual.
   * What else a retry reads (ConfigMaps, Secrets, the node's images) only changes through other
   * components, which the horizon stops short of.
   */
  private repeatRetries(t: number, otherWakes: number[]): void {
    const sync = this.instant;
    const horizon = this.ctx.horizon?.() ?? t;
    const period = SYNC_ERROR_BACKOFF_MS;
    if (!sync || sync.t !== t || sync.wroteStatus || horizon < t + period) return;
    if (this.fingerprint() !== sync.before) return;
    const change = this.nextChange(t, otherWakes);
    const n = Math.min(Math.floor((horizon - t) / period), Math.ceil((change - t) / period) - 1);
    if (n < 1) return;
    const last = t + n * period;
    if (JSON.stringify(this.statusAt(last, false)) !== JSON.stringify(this.pod.status ?? {})) return;
    this.instant = undefined;
    for (const e of sync.events) this.event(e.type, e.reason, e.message, e.fieldPath, { count: n, at: last });
    const ws = this.rt.wakes;
    ws.splice(ws.indexOf(t + period), 1);
    this.wake(last + period);
    this.rt.worker.cursor = last;
  }

  /** The state a sync reads and writes besides the pod object and the clock. */
  private fingerprint(): string {
    const { slots, reasons, backoff, prevPullErr, sandbox, ip, phase, worker } = this.rt;
    return JSON.stringify([slots, reasons, backoff, prevPullErr, sandbox, ip, phase, worker.ops, worker.pending, worker.syncErr]);
  }

  /** The first moment after `t` at which a sync could see something different. */
  private nextChange(t: number, wakes: number[]): number {
    const points = [...wakes];
    for (const [key, b] of Object.entries(this.rt.backoff)) {
      if (key.startsWith('crash/')) {
        const cur = this.rt.slots[key.slice('crash/'.length)]?.cur;
        const end = cur && termination(cur);
        if (end) points.push(end.at + b.backoffMs);
      } else {
        points.push(b.lastUpdate + b.backoffMs);
      }
    }
    for (const c of [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers]) {
      const cur = this.rt.slots[c.name]?.cur;
      if (!cur) continue;
      const end = termination(cur);
      if (end) points.push(end.at);
      if (cur.startedAt !== undefined) points.push(cur.startedAt, ...(cur.probes ? planMoments(cur.probes) : []));
    }
    const ads = this.pod.spec.activeDeadlineSeconds;
    if (ads !== undefined) points.push(this.rt.seenAt + ads * 1000);
    let min = Infinity;
    for (const p of points) if (p > t && p < min) min = p;
    return min;
  }

  private restartPolicy(): string {
    return this.pod.spec.restartPolicy ?? 'Always';
  }

  /** Whether the kubelet starts this (exited or never created) container again. */
  private willRestart(c: Container, init: boolean, t: number): boolean {
    if (this.pod.metadata.deletionTimestamp || this.rt.phase !== 'active') return false;
    const cur = this.rt.slots[c.name]?.cur;
    if (!cur) return true;
    if (stateAt(cur, t) !== 'exited') return false;
    const code = termination(cur)?.code ?? 0;
    if (init && c.restartPolicy !== 'Always' && code === 0) return false;
    const policy = this.restartPolicy();
    if (policy === 'Never') return false;
    if (policy === 'OnFailure') return code !== 0;
    return true;
  }

  /** computePodActions: the next init container, or every regular container that should run. */
  private computeActions(t: number): { name: string; init: boolean }[] {
    const policy = this.restartPolicy();
    for (const ic of this.pod.spec.initContainers ?? []) {
      const cur = this.rt.slots[ic.name]?.cur;
      if (!cur) return [{ name: ic.name, init: true }];
      const st = stateAt(cur, t);
      if (ic.restartPolicy === 'Always') {
        if (st === 'exited') return [{ name: ic.name, init: true }];
        continue;
      }
      if (st !== 'exited') return [];
      if ((termination(cur)?.code ?? 0) === 0) continue;
      if (policy === 'Never') return [];
      return [{ name: ic.name, init: true }];
    }
    const out: { name: string; init: boolean }[] = [];
    for (const c of this.pod.spec.containers) {
      const cur = this.rt.slots[c.name]?.cur;
      if (!cur) { out.push({ name: c.name, init: false }); continue; }
      if (stateAt(cur, t) !== 'exited') continue;
      const code = termination(cur)?.code ?? 0;
      if (policy === 'Always' || (policy === 'OnFailure' && code !== 0)) out.push({ name: c.name, init: false });
    }
    return out;
  }

  // -- operations ------------------------------------------------------------------------------

  private spec(op: { c: string; init: boolean }): Container {
    const list = op.init ? this.pod.spec.initContainers ?? [] : this.pod.spec.containers;
    return list.find((c) => c.name === op.c)!;
  }

  private fieldPath(name: string, init: boolean): string {
    return `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string, repeat?: EventOccurrence): void {
    this.instant?.events.push({ type, reason, message, fieldPath });
    this.ctx.recorder.event(eventSubject(this.pod), type, reason, message,
      { component: 'kubelet', host: this.node.metadata.name, ...(fieldPath ? { fieldPath } : {}), ...repeat });
  }

  private fail(op: { c: string }, reason: string, message: string): void {
    this.rt.reasons[op.c] = { reason, message };
    this.rt.worker.syncErr = true;
    this.rt.worker.ops.shift();
  }

  /** Runs the worker's current operation at `t`: begins it, or completes its current stage. */
  private step(t: number): void {
    const w = this.rt.worker;
    const op = w.ops[0];
    if (this.instant && this.instant.t !== t) this.instant = undefined;
    const finishing = w.busyUntil !== undefined;
    w.busyUntil = undefined;
    w.cursor = t;
    if (op.k === 'sandbox') {
      if (!finishing) {
        w.busyUntil = t + this.dur(this.tm.sandboxMs, 'sandbox');
      } else {
        this.rt.sandbox = { id: this.ctx.rand.string(64, '0123456789abcdef'), readyAt: t };
        if (!this.pod.spec.hostNetwork) this.rt.ip = allocateIP(this.ctx, this.node, this.rt.uid);
        this.wake(this.detect(t));
        w.ops.shift();
      }
    } else if (op.k === 'stopSandbox') {
      if (!finishing) {
        w.busyUntil = t + this.dur(this.tm.stopSandboxMs, 'stop');
      } else {
        w.ops.shift();
        this.sandboxStopped(t);
        this.rt.phase = 'terminated';
        this.writeStatus(t, true);
      }
    } else if (op.k === 'kill') {
      const cur = this.rt.slots[op.c]?.cur;
      if (!finishing && cur && stateAt(cur, t) === 'running') {
        this.event('Normal', 'Killing', op.message, this.fieldPath(op.c, op.init));
        this.endProbeSeries(op.c, op.init, t);
        this.stop(op.c, op.init, cur, t, (op.graceSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
        w.busyUntil = Math.max(t, termination(cur)?.at ?? t);
      } else {
        w.ops.shift();
      }
    } else {
      this.startStep(op, t, finishing);
    }
    if (!w.ops.length && w.busyUntil === undefined) this.syncDone(t);
  }

  private sandboxStopped(t: number): void {
    if (this.rt.sandbox && this.rt.sandbox.stoppedAt === undefined) this.rt.sandbox.stoppedAt = t;
    releaseIP(this.ctx, this.rt.node, this.rt.ip, this.rt.uid);
  }

  private startStep(op: Extract<Op, { k: 'start' }>, t: number, finishing: boolean): void {
    const w = this.rt.worker;
    const spec = this.spec(op);
    const fp = this.fieldPath(op.c, op.init);
    const image = spec.image ?? '';
    switch (op.stage) {
      case 'begin': {
        if (this.inCrashBackoff(op, spec, t)) return;
        let ref: ImageRef;
        try {
          ref = parseImage(image);
        } catch (e) {
          const detail = e instanceof InvalidImageName ? e.message : 'invalid reference format';
          const msg = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${detail}`;
          this.event('Warning', 'InspectFailed', msg, fp);
          this.event('Warning', 'Failed', 'Error: InvalidImageName', fp);
          this.fail(op, 'InvalidImageName', msg);
          return;
        }
        const cache = imageCache(this.ctx, this.node);
        const present = !!cache[ref.full];
        const policy = spec.imagePullPolicy ?? (ref.tag === 'latest' && !ref.digest ? 'Always' : 'IfNotPresent');
        if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
          if (present) {
            this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, fp);
            op.stage = 'create';
            w.cursor = t;
            return;
          }
          const msg = `Container image "${image}" is not present with pull policy of Never`;
          this.event('Warning', 'ErrImageNeverPull', msg, fp);
          this.event('Warning', 'Failed', 'Error: ErrImageNeverPull', fp);
          this.fail(op, 'ErrImageNeverPull', msg);
          return;
        }
        const bkey = `pull/${image}`;
        const b = this.rt.backoff[bkey];
        if (b && t - b.lastUpdate < b.backoffMs) {
          // IsInBackOffSinceUpdate: still inside the window that began with the last failure.
          const prevErr = this.rt.prevPullErr[bkey];
          this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, fp);
          this.event('Warning', 'Failed', 'Error: ImagePullBackOff', fp);
          this.fail(op, 'ImagePullBackOff', `Back-off pulling image "${image}"${prevErr ? `: ${prevErr}` : ''}`);
          return;
        }
        delete this.rt.prevPullErr[bkey];
        this.event('Normal', 'Pulling', `Pulling image "${image}"`, fp);
        const resolved = resolveImage(ref);
        let pullMs: number;
        const attempt = `${op.c}/${ref.full}/${Object.keys(this.rt.backoff).length}/${t}`;
        if ('entry' in resolved) {
          pullMs = present ? this.dur(this.tm.pullBaseMs, `repull/${attempt}`)
            : this.dur(this.tm.pullBaseMs + resolved.size / this.tm.pullBytesPerMs, `pull/${attempt}`);
          op.ok = true;
        } else {
          pullMs = this.dur(this.tm.failedPullMs, `pullfail/${attempt}`);
          op.ok = false;
          op.err = pullErrorMessage(ref, resolved);
        }
        // The kubelet pulls one image at a time per node (serializeImagePulls): wait for the puller.
        const pkey = metaKeys.puller(this.node.metadata.name);
        const puller = readJSON<{ freeAt: number }>(this.ctx, pkey) ?? { freeAt: 0 };
        const start = Math.max(t, puller.freeAt);
        writeJSON(this.ctx, pkey, { freeAt: start + pullMs });
        op.requestedAt = t;
        op.pullMs = pullMs;
        op.stage = 'pull';
        w.busyUntil = start + pullMs;
        return;
      }
      case 'pull': {
        const bkey = `pull/${image}`;
        if (!op.ok) {
          const err = op.err ?? '';
          this.event('Warning', 'Failed', `Failed to pull image "${image}": ${err}`, fp);
          this.backoffNext(bkey, t);
          this.rt.prevPullErr[bkey] = `ErrImagePull: ${err}`;
          this.event('Warning', 'Failed', 'Error: ErrImagePull', fp);
          this.fail(op, 'ErrImagePull', err);
          return;
        }
        const ref = parseImage(image);
        const img = resolveImage(ref);
        if ('entry' in img) {
          const cache = imageCache(this.ctx, this.node);
          cache[ref.full] = { size: img.size, digest: img.digest, repo: img.entry.repo, version: img.version, variant: img.variant };
          writeJSON(this.ctx, metaKeys.images(this.node.metadata.name), cache);
          this.publishImages(cache);
          const total = t - (op.requestedAt ?? t);
          this.event('Normal', 'Pulled',
            `Successfully pulled image "${image}" in ${goDuration(op.pullMs ?? total)} (${goDuration(total)} including waiting). Image size: ${img.size} bytes.`, fp);
        }
        delete this.rt.backoff[bkey];
        op.stage = 'create';
        w.cursor = t;
        return;
      }
      case 'create': {
        if (!finishing) {
          const err = this.prepare(op, spec, t);
          if (err) {
            this.event('Warning', 'Failed', `Error: ${err}`, fp);
            this.fail(op, 'CreateContainerConfigError', err);
            return;
          }
          w.busyUntil = t + this.dur(this.tm.createMs, `create/${op.c}/${this.attemptOf(op.c)}`);
          return;
        }
        const slot = this.rt.slots[op.c];
        slot.cur!.createdAt = t;
        this.event('Normal', 'Created', `Created container: ${op.c}`, fp);
        op.stage = 'start';
        w.busyUntil = t + this.dur(this.tm.startMs, `start/${op.c}/${this.attemptOf(op.c)}`);
        return;
      }
      case 'start': {
        const cur = this.rt.slots[op.c].cur!;
        w.ops.shift();
        const proc = cur.proc!;
        const epochs: DnsEpoch[] = [{ at: t, answers: {} }];
        const plan = planProcess({ ...proc, startedAt: t }, epochDns(epochs, this.liveDns()));
        if (plan.network) cur.dns = epochs;
        if (plan.startError) {
          cur.startError = plan.startError;
          cur.createdAt = t;
          this.event('Warning', 'Failed', `Error: ${plan.startError}`, fp);
          this.rt.reasons[op.c] = { reason: 'RunContainerError', message: plan.startError };
          w.syncErr = true;
          this.wake(this.detect(t));
          return;
        }
        cur.startedAt = t;
        if (plan.exitAfterMs !== undefined) {
          cur.exitAt = t + plan.exitAfterMs;
          cur.exitCode = plan.exitCode;
          if (plan.reason) cur.exitReason = plan.reason;
          this.wake(this.detect(cur.exitAt));
        }
        if (plan.onStop) cur.onStop = plan.onStop;
        this.event('Normal', 'Started', `Started container ${op.c}`, fp);
        delete this.rt.reasons[op.c];
        const first = this.detect(t);
        this.wake(first);
        cur.probes = this.planProbes(spec, cur, t, first);
        // What the probes change is reported by the syncs at those moments (the first one covers the start).
        for (const m of planMoments(cur.probes)) if (m > t && m !== first) this.wake(m);
        return;
      }
    }
  }

  /** The cluster's DNS as it answers now (read once per reconcile, when first asked). */
  private liveDns(): LiveDns {
    let inputs: DnsInputs | undefined;
    return (server, qname, qtype) => exchange((inputs ??= clusterDnsInputs(this.ctx.api)), server, qname, qtype);
  }

  /** Running containers whose processes ask the cluster's DNS (their plans follow its answers). */
  private dnsContainers(now: number): ContainerInstance[] {
    const out: ContainerInstance[] = [];
    for (const slot of Object.values(this.rt.slots)) {
      const cur = slot.cur;
      if (cur?.dns && cur.proc && cur.startedAt !== undefined && !cur.stop && stateAt(cur, now) === 'running') out.push(cur);
    }
    return out;
  }

  asksDns(now: number): boolean {
    return this.rt.phase === 'active' && this.dnsContainers(now).length > 0;
  }

  /**
   * A Service or EndpointSlice changed: a process whose questions now get other answers is planned
   * again from its start, its answers up to now kept, so only what it does from now on changes.
   */
  private replanForDns(now: number): void {
    const containers = this.dnsContainers(now);
    if (!containers.length) return;
    const live = this.liveDns();
    for (const cur of containers) {
      const epochs = cur.dns!;
      const next = nextEpoch(epochs, now, live);
      if (!next) continue;
      if (epochs[epochs.length - 1].at === now) epochs[epochs.length - 1] = next;
      else epochs.push(next);
      const start = cur.startedAt!;
      const plan = planProcess({ ...cur.proc!, startedAt: start }, epochDns(epochs, live), now - start);
      delete cur.exitAt;
      delete cur.exitReason;
      cur.exitCode = plan.exitCode;
      if (plan.exitAfterMs !== undefined) {
        cur.exitAt = Math.max(now, start + plan.exitAfterMs);
        if (plan.reason) cur.exitReason = plan.reason;
        this.wake(this.detect(cur.exitAt));
      } else {
        delete cur.exitCode;
      }
    }
  }

  /** The kubelet runs again: new probe workers take over the running containers from `now`. */
  private resumeProbes(now: number): void {
    this.rt.heldAt = undefined;
    for (const [c] of this.allContainers()) {
      const cur = this.rt.slots[c.name]?.cur;
      if (!cur?.probes || !cur.proc || cur.startedAt === undefined || stateAt(cur, now) !== 'running' || cur.stop) continue;
      const was = probeStateAt(cur.probes, now);
      const proc = cur.proc;
      const start = cur.startedAt;
      const ip = this.podIP() ?? '';
      const files = () => instanceFiles(this.ctx.store, this.ctx.api, this.pod, this.rt, c, now);
      cur.probes = planProbes(c, (p) => probeSegments(p, c, proc, start, ip, PROBE_LOOKAHEAD_MS, undefined, files),
        { workerStart: now, containerStart: start, firstSync: now, end: cur.exitAt ?? Infinity },
        { ...(was.started ? { startedAt: cur.probes.startedAt } : {}), ready: was.ready });
      for (const m of planMoments(cur.probes)) if (m >= now) this.wake(m);
    }
  }

  /** The probes' answers are known for the whole life of the process: plan what they do with them. */
  private planProbes(spec: Container, cur: ContainerInstance, t: number, first: number): ProbePlan {
    const proc = cur.proc!;
    const ip = this.podIP() ?? '';
    let files: ReturnType<typeof fileTimeline> | undefined;
    const dns = cur.dns && epochDns(cur.dns);
    const timeline = () => (files ??= fileTimeline({ ...proc, startedAt: t }, PROBE_LOOKAHEAD_MS, dns));
    const view = () => instanceFiles(this.ctx.store, this.ctx.api, this.pod, this.rt, spec, t);
    return planProbes(spec, (p) => probeSegments(p, spec, proc, t, ip, PROBE_LOOKAHEAD_MS, timeline, view),
      { workerStart: this.rt.mountedAt ?? this.rt.seenAt, containerStart: t, firstSync: first, end: cur.exitAt ?? Infinity });
  }

  /**
   * Records the probe failures that begin at `t` (each run of identical failures one repeating
   * Event) and returns the containers a liveness or startup probe failed for good at `t`.
   */
  private probeResults(t: number): { c: string; init: boolean; probe: string }[] {
    const out: { c: string; init: boolean; probe: string }[] = [];
    for (const [c, init] of this.allContainers()) {
      const cur = this.rt.slots[c.name]?.cur;
      const plan = cur?.probes;
      if (!plan || stateAt(cur, t) !== 'running' || cur.stop) continue;
      const fp = this.fieldPath(c.name, init);
      for (const s of plan.series) {
        if (s.from > t) break;
        const r = s.resync;
        // A new series counts its first answer (and a resync run at the same moment); later ones only their extra runs.
        const count = s.from === t ? 1 + (r && r.from === t ? 1 : 0) + (s.extra.includes(t) ? 1 : 0) : (s.extra.includes(t) ? 1 : 0);
        if (!count) continue;
        const next = r ? (r.from > t ? r.from : r.from + (Math.floor((t - r.from) / RESYNC_MS) + 1) * RESYNC_MS) : Infinity;
        const also = r && (r.last === undefined || next <= r.last)
          ? { next, every: RESYNC_MS, ...(r.last !== undefined ? { until: r.last } : {}) } : undefined;
        const repeat = { every: s.every, until: s.last ?? Infinity, ...(also ? { also } : {}) };
        if (repeat.until === Infinity) delete (repeat as { until?: number }).until;
        this.event('Warning', 'Unhealthy', `${s.probe} probe failed: ${s.output}`, fp, { at: t, count, repeat });
      }
      if (plan.kill?.at === t) out.push({ c: c.name, init, probe: plan.kill.probe });
    }
    return out;
  }

  private endProbeSeries(name: string, init: boolean, t: number): void {
    endProbeSeries(this.ctx, eventSubject(this.pod), this.rt, name, init, t);
  }

  private allContainers(): (readonly [Container, boolean])[] {
    return [...(this.pod.spec.initContainers ?? []).map((c) => [c, true] as const), ...this.pod.spec.containers.map((c) => [c, false] as const)];
  }

  private attemptOf(name: string): number {
    const cur = this.rt.slots[name]?.cur;
    return cur ? cur.attempt : 0;
  }

  /** doBackOff: an exited container restarts only once its back-off since it finished is over. */
  private inCrashBackoff(op: Extract<Op, { k: 'start' }>, spec: Container, t: number): boolean {
    const cur = this.rt.slots[op.c]?.cur;
    if (!cur || stateAt(cur, t) !== 'exited') return false;
    const finishedAt = termination(cur)!.at;
    const key = `crash/${op.c}`;
    const b = this.rt.backoff[key];
    const expired = b && finishedAt - b.lastUpdate > 2 * BACKOFF_MAX_MS;
    if (b && !expired && t - finishedAt < b.backoffMs) {
      const podRef = `${this.pod.metadata.name}_${this.pod.metadata.namespace ?? 'default'}(${this.pod.metadata.uid ?? ''})`;
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podRef}`, this.fieldPath(op.c, op.init));
      this.fail(op, 'CrashLoopBackOff', `back-off ${goDuration(b.backoffMs)} restarting failed container=${spec.name} pod=${podRef}`);
      return true;
    }
    this.backoffNext(key, t, finishedAt);
    return false;
  }

  /** flowcontrol.Backoff.Next: start at 10s, double up to 5m; forgotten after 10m without failures. */
  private backoffNext(key: string, now: number, eventTime = now): void {
    const b = this.rt.backoff[key];
    if (!b || eventTime - b.lastUpdate > 2 * BACKOFF_MAX_MS) {
      this.rt.backoff[key] = { backoffMs: BACKOFF_INITIAL_MS, lastUpdate: now };
    } else {
      this.rt.backoff[key] = { backoffMs: Math.min(b.backoffMs * 2, BACKOFF_MAX_MS), lastUpdate: now };
    }
  }

  /** generateContainerConfig: resolves env and mounts, and sets up the new instance. */
  private prepare(op: Extract<Op, { k: 'start' }>, spec: Container, t: number): string | undefined {
    const ips = { hostIP: internalIP(this.node), podIP: this.podIP() };
    const cc = containerContext(this.ctx.api, this.pod, spec, this.node, ips);
    if (cc.error) return cc.error;
    const ref = parseImage(spec.image ?? '');
    const cache = imageCache(this.ctx, this.node);
    const img = cache[ref.full];
    const entry = img ? catalogEntry(img.repo) : undefined;
    if (!img || !entry) return `image "${spec.image}" not found`;
    const argv = effectiveArgv(entry, spec.command, spec.args).map((a) => expandVars(a, cc.env));
    const memLimit = parseQuantity(spec.resources?.limits?.memory);
    const proc: Omit<ProcessSpec, 'startedAt'> = {
      argv,
      image: { entry, version: img.version, variant: img.variant },
      env: cc.env,
      files: cc.files,
      hostname: hostnameOf(this.pod),
      ...(spec.workingDir || entry.workdir ? { workingDir: spec.workingDir || entry.workdir } : {}),
      stdin: !!spec.stdin,
      tty: !!spec.tty,
      kernel: this.node.status?.nodeInfo?.kernelVersion ?? '6.8.0-1017-azure',
      cpus: Math.max(1, Math.floor(parseQuantity(this.node.status?.capacity?.cpu) ?? 8)),
      ...(memLimit !== undefined ? { memoryLimitBytes: memLimit } : {}),
    };
    const slot = (this.rt.slots[op.c] ??= {});
    const attempt = slot.cur ? slot.cur.attempt + 1 : 0;
    const inst: ContainerInstance = {
      id: this.ctx.rand.string(64, '0123456789abcdef'),
      attempt,
      image: ref.full,
      imageID: `${ref.repo}@${img.digest}`,
      createdAt: t,
      proc,
      specImage: spec.image,
    };
    if (slot.cur) slot.prev = slot.cur;
    slot.cur = inst;
    return undefined;
  }

  private podIP(): string | undefined {
    if (this.pod.spec.hostNetwork) return internalIP(this.node);
    return this.rt.ip;
  }

  /** node.status.images follows the node's image cache (the scheduler's ImageLocality reads it). */
  private publishImages(cache: Record<string, CachedImage>): void {
    const fresh = this.ctx.api.tryGet<KubeObject>('nodes', undefined, this.node.metadata.name) as unknown as Node | undefined;
    if (!fresh) return;
    const images = nodeImageEntries(Object.keys(cache));
    // Pulling an image the node already lists changes nothing (a crash loop re-pulls :latest each time).
    if (JSON.stringify(images) === JSON.stringify(fresh.status?.images ?? [])) return;
    // A changed image list is reported at once, and a report refreshes every heartbeat time.
    const conditions = fresh.status?.conditions && withHeartbeat(fresh.status.conditions, this.ctx.now());
    try {
      this.ctx.api.updateStatus('nodes', {
        ...(fresh as unknown as KubeObject),
        status: { ...fresh.status, images, ...(conditions ? { conditions } : {}) },
      });
    } catch {
      // A concurrent node status write wins; the list is refreshed on the next pull.
    }
  }

  // -- termination ---------------------------------------------------------------------------

  private beginTermination(t: number): void {
    const rt = this.rt;
    const w = rt.worker;
    // Deletion cancels whatever the worker was doing (an image pull in progress is abandoned).
    w.ops = [];
    w.busyUntil = undefined;
    w.pending = false;
    w.syncErr = false;
    rt.wakes = [];
    rt.phase = 'terminating';
    endMountSeries(this.ctx, eventSubject(this.pod), rt, t);
    this.writeStatus(t, false);
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    let done = t;
    const all = [...(this.pod.spec.initContainers ?? []).map((c) => [c, true] as const), ...this.pod.spec.containers.map((c) => [c, false] as const)];
    for (const [c, init] of all) {
      const cur = rt.slots[c.name]?.cur;
      if (!cur || stateAt(cur, t) !== 'running') continue;
      this.event('Normal', 'Killing', `Stopping container ${c.name}`, this.fieldPath(c.name, init));
      this.endProbeSeries(c.name, init, t);
      this.stop(c.name, init, cur, t, grace * 1000);
      done = Math.max(done, termination(cur)?.at ?? t);
    }
    rt.termDoneAt = done + this.dur(this.tm.stopSandboxMs, 'stop');
  }

  /**
   * killContainer: the preStop hook first (its whole seconds come off the grace period), then the
   * stop signal with at least the minimum grace.
   */
  private stop(name: string, init: boolean, cur: ContainerInstance, t: number, graceMs: number): void {
    const spec = [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers].find((c) => c.name === name);
    const hook = spec ? runPreStop(spec, cur, t, graceMs) : undefined;
    if (!hook) {
      stopContainer(cur, t, Math.max(graceMs, MIN_GRACE_MS));
      return;
    }
    // The failure is recorded when the hook ends; one that ends later is only known then.
    if (hook.failed && hook.ms < 1000) this.event('Warning', 'FailedPreStopHook', 'PreStopHook failed', this.fieldPath(name, init));
    const left = graceMs - Math.floor(hook.ms / 1000) * 1000;
    stopContainer(cur, t + hook.ms, Math.max(left, MIN_GRACE_MS));
  }

  private finishTermination(t: number): void {
    const rt = this.rt;
    this.sandboxStopped(t);
    rt.phase = 'terminated';
    rt.termDoneAt = undefined;
    this.writeStatus(t, true);
    if (this.pod.metadata.deletionTimestamp) this.finalDelete();
  }

  private finalDelete(): void {
    try {
      this.ctx.api.delete('pods', this.rt.ns, this.rt.name, { gracePeriodSeconds: 0 });
    } catch {
      // Already gone.
    }
    releaseIP(this.ctx, this.rt.node, this.rt.ip, this.rt.uid);
    this.deleted = true;
  }

  // -- status --------------------------------------------------------------------------------

  private probeState(spec: Container, t: number): { ready: boolean; started: boolean } {
    const cur = this.rt.slots[spec.name]?.cur;
    if (!cur?.startedAt) return { ready: false, started: false };
    // A container started before its probes were planned at start counts as passing them.
    return cur.probes ? probeStateAt(cur.probes, t) : { ready: true, started: true };
  }

  private statuses(t: number, init: boolean): ContainerStatus[] {
    const list = init ? this.pod.spec.initContainers ?? [] : this.pod.spec.containers;
    const hasInit = !!this.pod.spec.initContainers?.length;
    return list.map((c) => containerStatus({
      spec: c,
      slot: this.rt.slots[c.name],
      t,
      isInit: init,
      hasInit,
      willRestart: this.willRestart(c, init, t),
      reason: this.rt.reasons[c.name],
      ...this.probeState(c, t),
    }));
  }

  /** generateAPIPodStatus + the status manager's write; `terminal` once the pod is stopped for good. */
  private writeStatus(t: number, terminal: boolean): PodStatus {
    const status = this.statusAt(t, terminal);
    if (JSON.stringify(status) !== JSON.stringify(this.pod.status ?? {})) {
      if (this.instant) this.instant.wroteStatus = true;
      try {
        const written = this.ctx.api.updateStatus('pods', { ...asObject(this.pod), status });
        this.pod = written as unknown as Pod;
      } catch {
        // The pod changed or went away underneath; its next event brings us back.
      }
    }
    return status;
  }

  private statusAt(t: number, terminal: boolean): PodStatus {
    const rt = this.rt;
    const init = this.statuses(t, true);
    const regular = this.statuses(t, false);
    if (terminal) markUnknownTerminated(this.pod, init, regular);
    const sandboxReady = !!rt.sandbox && rt.sandbox.readyAt <= t && rt.sandbox.stoppedAt === undefined;
    const status = generatePodStatus({
      pod: this.pod,
      t,
      init,
      regular,
      podIsTerminal: terminal,
      sandboxReady,
      hostIP: internalIP(this.node),
      podIP: rt.sandbox ? this.podIP() : undefined,
      startTime: rt.seenAt,
    });
    if (terminal && status.phase !== 'Succeeded' && status.phase !== 'Failed') status.phase = 'Failed';
    if (rt.deadlineExceeded) {
      status.phase = 'Failed';
      status.reason = 'DeadlineExceeded';
      status.message = 'Pod was active on the node longer than the specified deadline';
    }
    return status;
  }
}

/**
 * TerminatePod: once a pod is terminated, containers that never ran to a known end are reported
 * as terminated with ContainerStatusUnknown.
 */
function markUnknownTerminated(pod: Pod, init: ContainerStatus[], regular: ContainerStatus[]): void {
  const unknown = (s: ContainerStatus) => {
    if (s.state?.terminated) return;
    s.state = {
      terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' },
    };
    s.ready = false;
    s.started = false;
  };
  const initialized = !pod.spec.initContainers?.length || regular.some((s) => !s.state?.waiting || s.lastState?.terminated);
  if (initialized) regular.forEach(unknown);
}
