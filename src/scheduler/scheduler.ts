// kube-scheduler as an mk controller: picks a node for each pending pod of default-scheduler,
// binds it, and when no node fits records FailedScheduling in the scheduler's words and retries
// as the 1.32 scheduling queue would.
//
// The queue, in mk terms. A pod that fails goes to the "unschedulable pool": it is tried again
// when a cluster event could have made room for it (a node added or changed, a pod on a node
// deleted or finished; see keysFor) but not before its back-off (1s doubling to 10s per failed
// attempt) expires, or after 5 minutes in the pool regardless (podMaxInUnschedulablePodsDuration),
// which is why a pod stuck Pending shows `FailedScheduling (x13 over 60m)`. A failure that names
// no plugin (no nodes at all, an internal error) is retried after the back-off alone. The pool's
// bookkeeping (attempts, last attempt) lives in the store's meta table, keyed by pod, because
// each `mk` command is a fresh process.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import { updatePodCondition } from '../api/core/pod/conditions.js';
import type { KubeObject } from '../api/object.js';
import type { Controller, ControllerContext } from '../controllers/controller.js';
import type { Rand } from '../sim/rand.js';
import type { WatchEvent } from '../store/store.js';
import type { Store } from '../store/store.js';
import { schedulerCache } from './cache.js';
import { CycleState } from './cycle-state.js';
import { Framework, podPriority, type ObjectLister, type PluginScore, type Profile } from './framework.js';
import { DEFAULT_SCHEDULER_NAME, defaultProfile } from './profile.js';
import {
  bestNodes, newFramework, schedulingCycle, type CycleOutcome, type CycleTrace, type FilterVerdict, type NodeCursor,
} from './schedule-one.js';
import { asStatus, isSuccess, type Status } from './status.js';
import type { PersistentVolumeClaim } from '../api/core/persistentvolumeclaim/schema.js';
import { assumePodVolumes, claimWithSelectedNode, isClaimBound, volumeBoundToClaim } from './plugins/volume-binding.js';
import { record, type CounterBatch } from '../metrics/cluster-counters.js';
import { recordAttempt, recordPreemption, type PendingQueue } from '../metrics/scheduler.js';

export const COMPONENT = DEFAULT_SCHEDULER_NAME;
export const podInitialBackoffMs = 1_000;
export const podMaxBackoffMs = 10_000;
export const podMaxInUnschedulablePodsDurationMs = 5 * 60_000;
/** validation.NoteLengthLimit: longer event messages are cut and end in " ...". */
export const noteLengthLimit = 1024;

/** Keys for node-side changes; pod keys are `namespace/name` and never contain ':'. */
const NODE_KEY_PREFIX = 'node:';
const nodeKey = (name: string) => NODE_KEY_PREFIX + name;
const podKey = (p: { metadata: { namespace?: string; name: string } }) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
const metaKey = (key: string) => `scheduler/pod/${key}`;
/** A pod whose binding waits in VolumeBinding's PreBind for its claims: the node it goes to. */
const volumeWaitKey = (key: string) => `scheduler/volume-wait/${key}`;
/** VolumeBinding's bindTimeout: how long PreBind waits for the claims to be bound. */
export const volumeBindTimeoutMs = 600_000;
const CLAIM_KEY_PREFIX = 'claim:';
const VOLUMES_KEY = 'volumes:';
/** Where the scheduler's nextStartNodeIndex lives between commands. */
export const NEXT_START_NODE_INDEX_META = 'scheduler/nextStartNodeIndex';

export const readNodeCursor = (store: Pick<Store, 'getMeta'>): NodeCursor =>
  ({ nextStartNodeIndex: Number(store.getMeta(NEXT_START_NODE_INDEX_META) ?? '0') || 0 });

function writeNodeCursor(store: Store, before: number, cursor: NodeCursor): void {
  if (cursor.nextStartNodeIndex !== before) store.setMeta(NEXT_START_NODE_INDEX_META, String(cursor.nextStartNodeIndex));
}

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
export const responsibleForPod = (p: Pod, profile: Profile = defaultProfile()) =>
  (p.spec.schedulerName || DEFAULT_SCHEDULER_NAME) === profile.schedulerName;

/** Waiting for this scheduler: unbound, not going away, not gated (SchedulingGates keeps gated pods out of the queue). */
export const isPendingPod = (p: Pod, profile?: Profile): boolean =>
  !p.spec.nodeName && !p.metadata.deletionTimestamp && !isTerminal(p) && responsibleForPod(p, profile) &&
  (p.spec.schedulingGates ?? []).length === 0;

/** calculateBackoffDuration: 1s, 2s, 4s, 8s, then 10s. */
export function backoffDuration(attempts: number): number {
  if (attempts <= 0) return 0;
  let d = podInitialBackoffMs;
  for (let i = 1; i < attempts; i++) {
    if (d > podMaxBackoffMs - d) return podMaxBackoffMs;
    d += d;
  }
  return d;
}

/** What the queue remembers about a pod that failed to schedule. */
interface QueuedPodState {
  uid: string;
  attempts: number;
  /** Virtual ms of the last attempt: the queue timestamp back-off counts from. */
  lastAttempt: number;
  /** The pod's spec and metadata at that attempt: a change of its own is an event too. */
  fingerprint: string;
  /** A cluster event that may help happened since: retry once the back-off expires. */
  moved: boolean;
}

function readState(ctx: Pick<ControllerContext, 'store'>, key: string, uid: string): QueuedPodState | undefined {
  const raw = ctx.store.getMeta(metaKey(key));
  if (!raw) return undefined;
  const st = JSON.parse(raw) as QueuedPodState;
  return st.uid === uid ? st : undefined;
}

const writeState = (ctx: ControllerContext, key: string, st: QueuedPodState) => ctx.store.setMeta(metaKey(key), JSON.stringify(st));
const clearState = (ctx: ControllerContext, key: string) => {
  if (ctx.store.getMeta(metaKey(key)) !== undefined) ctx.store.setMeta(metaKey(key), undefined);
};

/** isPodUpdated: anything but status and bookkeeping fields (FNV-1a of the JSON, to keep meta small). */
function fingerprint(p: Pod): string {
  const { resourceVersion: _rv, generation: _g, managedFields: _mf, finalizers: _f, ...meta } = p.metadata;
  const s = JSON.stringify([meta, p.spec]);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** When the queue would next pop this pod. */
function nextAttemptAt(st: QueuedPodState, pod: Pod): number {
  const moved = st.moved || fingerprint(pod) !== st.fingerprint;
  return st.lastAttempt + (moved ? backoffDuration(st.attempts) : podMaxInUnschedulablePodsDurationMs);
}

export function truncateMessage(message: string): string {
  if (message.length <= noteLengthLimit) return message;
  const suffix = ' ...';
  return message.slice(0, noteLengthLimit - suffix.length) + suffix;
}

const asObject = (p: Pod): KubeObject => p as unknown as KubeObject;

/** Counts into the catch-up's batch of metrics, or straight into the store outside one. */
const count = (ctx: ControllerContext, fn: (b: CounterBatch) => void) => (ctx.countMetrics ? ctx.countMetrics(fn) : record(ctx.store, fn));

export interface SchedulerOptions {
  profile?: Profile;
}

export function newScheduler(opts: SchedulerOptions = {}): Controller & { explain: typeof explain } {
  const profile = opts.profile ?? defaultProfile();

  /** Binding: the pods/binding subresource sets spec.nodeName and PodScheduled=True in one write. */
  function bind(ctx: ControllerContext, pod: Pod, host: string): void {
    ctx.api.bind(pod.metadata.namespace ?? 'default', pod.metadata.name, host, pod.metadata.uid);
    ctx.recorder.event(asObject(pod), 'Normal', 'Scheduled',
      `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${host}`,
      { component: COMPONENT, action: 'Binding' });
  }

  /** prepareCandidate: mark and delete each victim, drop weaker nominations to the node. */
  function preemptVictims(ctx: ControllerContext, preemptor: Pod, node: string, victims: readonly Pod[], clear: readonly Pod[]): void {
    for (const v of victims) {
      const live = ctx.api.tryGet<KubeObject>('pods', v.metadata.namespace, v.metadata.name) as unknown as Pod | undefined;
      if (!live) continue;
      const conditions = updatePodCondition(live.status?.conditions, {
        type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler',
        message: `${profile.schedulerName}: preempting to accommodate a higher priority pod`,
      }, ctx.now());
      if (conditions) ctx.api.updateStatus<KubeObject>('pods', asObject({ ...live, status: { ...live.status, conditions } }));
      ctx.api.delete('pods', v.metadata.namespace, v.metadata.name);
      ctx.recorder.event(asObject(v), 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid ?? ''} on node ${node}`,
        { component: COMPONENT, action: 'Preempting' });
    }
    for (const p of clear) {
      const live = ctx.api.tryGet<KubeObject>('pods', p.metadata.namespace, p.metadata.name) as unknown as Pod | undefined;
      if (!live?.status?.nominatedNodeName) continue;
      const { nominatedNodeName: _n, ...status } = live.status;
      ctx.api.updateStatus<KubeObject>('pods', asObject({ ...live, status }));
    }
  }

  /** handleSchedulingFailure: the event, then PodScheduled=False (written only if it changed). */
  function recordFailure(ctx: ControllerContext, pod: Pod, status: Status, nominatedNodeName: string | undefined): void {
    const reason = status.isRejected() ? 'Unschedulable' : 'SchedulerError';
    const message = status.message();
    ctx.recorder.event(asObject(pod), 'Warning', 'FailedScheduling', truncateMessage(message), { component: COMPONENT, action: 'Scheduling' });
    const conditions = updatePodCondition(pod.status?.conditions, { type: 'PodScheduled', status: 'False', reason, message }, ctx.now());
    const nnnChanged = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
    if (!conditions && !nnnChanged) return;
    const next = { ...pod.status, conditions: conditions ?? pod.status?.conditions };
    if (nnnChanged) {
      if (nominatedNodeName) next.nominatedNodeName = nominatedNodeName;
      else delete next.nominatedNodeName;
    }
    ctx.api.updateStatus<KubeObject>('pods', asObject({ ...pod, status: next }));
  }

  function attempt(ctx: ControllerContext, key: string, pod: Pod, prev: QueuedPodState | undefined): void {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const cache = schedulerCache(ctx.store);
    const fw = new Framework(profile, cache.nodeInfos(), cache.nominatedPods(), ctx.api);
    const cursor = readNodeCursor(ctx.store);
    const before = cursor.nextStartNodeIndex;
    const outcome: CycleOutcome = schedulingCycle(fw, pod, ctx.rand, undefined, cursor);
    writeNodeCursor(ctx.store, before, cursor);
    if (outcome.kind === 'Scheduled') {
      clearState(ctx, key);
      const host = outcome.result.suggestedHost;
      if (preBindVolumes(ctx, pod, host)) bind(ctx, pod, host);
      else {
        ctx.store.setMeta(volumeWaitKey(key), JSON.stringify({ uid: pod.metadata.uid ?? '', node: host, since: ctx.now(), attempts: prev?.attempts ?? 0 }));
        ctx.requeueAt(ctx.now() + volumeBindTimeoutMs, key);
      }
      count(ctx, (b) => recordAttempt(b, profile.schedulerName, 'scheduled', seconds(), (prev?.attempts ?? 0) + 1));
      return;
    }

    let nominated: string | undefined;
    if (outcome.kind === 'Unschedulable') {
      const pf = outcome.postFilter;
      if (pf && isSuccess(pf.status) && pf.nominatedNodeName) {
        preemptVictims(ctx, pod, pf.nominatedNodeName, pf.victims ?? [], pf.clearNominations ?? []);
      }
      nominated = pf?.nominatedNodeName;
      if (pf) count(ctx, (b) => recordPreemption(b, pf.nominatedNodeName ? (pf.victims ?? []).length : 0));
    }
    // No nodes at all, or an internal error, clears any nomination (clearNominatedNode upstream).
    if (outcome.kind === 'Error' || (outcome.kind === 'Unschedulable' && !outcome.fitError)) nominated = '';
    recordFailure(ctx, pod, outcome.status, nominated);

    const now = ctx.now();
    // Rejected by named plugins: wait for an event (or the 5-minute flush). Otherwise: back-off only.
    const rejectedByPlugins = outcome.kind === 'Unschedulable' && !!outcome.fitError &&
      outcome.fitError.diagnosis.unschedulablePlugins.size > 0;
    const st: QueuedPodState = {
      uid: pod.metadata.uid ?? '', attempts: (prev?.attempts ?? 0) + 1, lastAttempt: now,
      fingerprint: fingerprint(pod), moved: !rejectedByPlugins,
    };
    writeState(ctx, key, st);
    ctx.requeueAt(nextAttemptAt(st, pod), key);
    count(ctx, (b) => recordAttempt(b, profile.schedulerName, outcome.kind === 'Error' ? 'error' : 'unschedulable', seconds()));
  }

  /**
   * VolumeBinding's PreBind: pre-binds the volumes picked for the pod's waiting claims and marks
   * the rest for provisioning on the node; true once every claim is bound (the binding goes on).
   */
  function preBindVolumes(ctx: ControllerContext, pod: Pod, host: string): boolean {
    if (!(pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim)) return true;
    const node = ctx.api.tryGet<KubeObject>('nodes', undefined, host) as unknown as Node | undefined;
    if (!node) return false;
    const writes = assumePodVolumes(pod, ctx.api, node);
    for (const { pv, claim } of writes.volumes) ctx.api.update<KubeObject>('persistentvolumes', volumeBoundToClaim(pv, claim) as unknown as KubeObject);
    for (const claim of writes.provision) ctx.api.update<KubeObject>('persistentvolumeclaims', claimWithSelectedNode(claim, host) as unknown as KubeObject);
    return podClaimsBound(ctx, pod);
  }

  function podClaimsBound(ctx: ControllerContext, pod: Pod): boolean {
    return (pod.spec.volumes ?? []).every((v) => {
      if (!v.persistentVolumeClaim) return true;
      const c = ctx.api.tryGet<KubeObject>('persistentvolumeclaims', pod.metadata.namespace, v.persistentVolumeClaim.claimName) as unknown as PersistentVolumeClaim | undefined;
      return !!c && isClaimBound(c);
    });
  }

  /** A pod waiting in PreBind: bound to its node once its claims are, else it keeps waiting. */
  function finishVolumeWait(ctx: ControllerContext, key: string, pod: Pod | undefined): boolean {
    const raw = ctx.store.getMeta(volumeWaitKey(key));
    if (raw === undefined) return false;
    const wait = JSON.parse(raw) as { uid: string; node: string; since: number; attempts: number };
    if (!pod || !isPendingPod(pod, profile) || wait.uid !== pod.metadata.uid) {
      ctx.store.setMeta(volumeWaitKey(key), undefined);
      return false;
    }
    if (podClaimsBound(ctx, pod)) {
      ctx.store.setMeta(volumeWaitKey(key), undefined);
      bind(ctx, pod, wait.node);
    } else if (ctx.now() >= wait.since + volumeBindTimeoutMs) {
      // The binding cycle fails: an error, retried after the back-off like any other.
      ctx.store.setMeta(volumeWaitKey(key), undefined);
      recordFailure(ctx, pod, asStatus(new Error('running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded')), undefined);
      const st: QueuedPodState = { uid: wait.uid, attempts: wait.attempts + 1, lastAttempt: ctx.now(), fingerprint: fingerprint(pod), moved: true };
      writeState(ctx, key, st);
      ctx.requeueAt(nextAttemptAt(st, pod), key);
    }
    return true;
  }

  /** A claim or volume changed: pods that wait on it are looked at again (VolumeBinding's queueing hint). */
  function reconcileClaims(ctx: ControllerContext, namespace: string | undefined, claim: string | undefined): void {
    const pods = ctx.api.list<KubeObject>('pods', namespace ? { namespace } : {}) as unknown as Pod[];
    for (const p of pods) {
      if (!isPendingPod(p, profile)) continue;
      if (!(p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim && (claim === undefined || v.persistentVolumeClaim.claimName === claim))) continue;
      const key = podKey(p);
      const st = readState(ctx, key, p.metadata.uid ?? '');
      if (st && !st.moved) writeState(ctx, key, { ...st, moved: true });
      reconcilePod(ctx, key);
    }
  }

  function reconcilePod(ctx: ControllerContext, key: string): void {
    const slash = key.indexOf('/');
    const pod = ctx.api.tryGet<KubeObject>('pods', key.slice(0, slash), key.slice(slash + 1)) as unknown as Pod | undefined;
    if (finishVolumeWait(ctx, key, pod)) return;
    if (!pod || !isPendingPod(pod, profile)) {
      clearState(ctx, key);
      return;
    }
    const st = readState(ctx, key, pod.metadata.uid ?? '');
    if (st) {
      const due = nextAttemptAt(st, pod);
      if (due > ctx.now()) {
        ctx.requeueAt(due, key);
        return;
      }
    }
    attempt(ctx, key, pod, st);
  }

  /**
   * A node appeared or changed, or a pod on it went away: the queueing hint. Pods in the pool that
   * would now pass every filter on that node are moved; then pods are tried in queue order
   * (PrioritySort: higher priority first, then the longest waiting).
   */
  function reconcileNode(ctx: ControllerContext, name: string): void {
    const nodes = ctx.api.list<KubeObject>('nodes') as unknown as Node[];
    if (!nodes.some((n) => n.metadata.name === name)) return;
    const pods = ctx.api.list<KubeObject>('pods') as unknown as Pod[];
    const pending = pods.filter((p) => isPendingPod(p, profile));
    if (pending.length === 0) return;
    const fw = newFramework(profile, nodes, pods, ctx.api);
    const ni = fw.nodeInfos.find((n) => n.name === name)!;

    const queue: Array<{ pod: Pod; key: string; since: number }> = [];
    for (const p of pending) {
      const key = podKey(p);
      const st = readState(ctx, key, p.metadata.uid ?? '');
      const since = st?.lastAttempt ?? (p.metadata.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : 0);
      if (!st || st.moved) {
        queue.push({ pod: p, key, since });
        continue;
      }
      const state = new CycleState();
      const pre = fw.runPreFilterPlugins(state, p);
      if (!isSuccess(pre.status) || (pre.result && !pre.result.nodeNames.has(name))) continue;
      if (!isSuccess(fw.runFilterPluginsWithNominatedPods(state, p, ni))) continue;
      writeState(ctx, key, { ...st, moved: true });
      queue.push({ pod: p, key, since });
    }
    queue.sort((a, b) => podPriority(b.pod) - podPriority(a.pod) || a.since - b.since || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const q of queue) reconcilePod(ctx, q.key);
  }

  return {
    name: 'scheduler',
    watches: ['pods', 'nodes', 'persistentvolumeclaims', 'persistentvolumes'],
    keysFor(ev: WatchEvent): string[] {
      if (ev.resource === 'nodes') return ev.type === 'DELETED' ? [] : [nodeKey(ev.object.metadata.name)];
      if (ev.resource === 'persistentvolumeclaims') {
        return ev.type === 'DELETED' ? [] : [`${CLAIM_KEY_PREFIX}${ev.object.metadata.namespace ?? 'default'}/${ev.object.metadata.name}`];
      }
      if (ev.resource === 'persistentvolumes') return ev.type === 'DELETED' ? [] : [VOLUMES_KEY];
      if (ev.resource !== 'pods') return [];
      const pod = ev.object as unknown as Pod;
      if (!pod.spec?.nodeName) return responsibleForPod(pod, profile) ? [podKey(pod)] : [];
      // A pod leaving a node (deleted, or finished: the scheduler's cache drops both) frees room there.
      if (ev.type === 'DELETED' || isTerminal(pod)) return [nodeKey(pod.spec.nodeName)];
      return [];
    },
    reconcile(key: string, ctx: ControllerContext): void {
      if (key.startsWith(NODE_KEY_PREFIX)) reconcileNode(ctx, key.slice(NODE_KEY_PREFIX.length));
      else if (key === VOLUMES_KEY) reconcileClaims(ctx, undefined, undefined);
      else if (key.startsWith(CLAIM_KEY_PREFIX)) {
        const rest = key.slice(CLAIM_KEY_PREFIX.length);
        const slash = rest.indexOf('/');
        reconcileClaims(ctx, rest.slice(0, slash), rest.slice(slash + 1));
      } else reconcilePod(ctx, key);
    },
    explain: (pod, nodes, pods, _profile, opts) => explain(pod, nodes, pods, profile, opts),
  };
}

export const scheduler = newScheduler();

/**
 * The scheduling queue's sub-queues now (scheduler_pending_pods): a pod never tried or whose wait
 * is over is active; one waiting out its back-off after a move is in backoffQ; one waiting for an
 * event is unschedulable; gated pods never enter. A pod whose binding waits for its volumes is
 * assumed, in none of them.
 */
export function pendingQueues(store: Pick<Store, 'getMeta'>, pods: readonly Pod[], now: number,
  profile: Profile = defaultProfile()): Record<PendingQueue, number> {
  const out: Record<PendingQueue, number> = { active: 0, backoff: 0, unschedulable: 0, gated: 0 };
  for (const p of pods) {
    if (p.spec.nodeName || p.metadata.deletionTimestamp || isTerminal(p) || !responsibleForPod(p, profile)) continue;
    if ((p.spec.schedulingGates ?? []).length > 0) {
      out.gated++;
      continue;
    }
    const key = podKey(p);
    if (store.getMeta(volumeWaitKey(key)) !== undefined) continue;
    const st = readState({ store: store as Store }, key, p.metadata.uid ?? '');
    if (!st || nextAttemptAt(st, p) <= now) out.active++;
    else if (st.moved || fingerprint(p) !== st.fingerprint) out.backoff++;
    else out.unschedulable++;
  }
  return out;
}

export interface NodeExplanation {
  name: string;
  /** Diagnosis.NodeToStatus: the status that decided this node (null = it fits). */
  status: Status | null;
  /** Every filter plugin's verdict on this node, in profile order. */
  filters: FilterVerdict[];
  /** Weighted per-plugin scores, for feasible nodes when more than one fits. */
  scores?: PluginScore[];
  totalScore?: number;
  /** False: filtering stopped before this node, enough feasible nodes had been found. */
  evaluated: boolean;
}

export interface Explanation {
  outcome: CycleOutcome['kind'];
  /** FailedScheduling's message, or `Successfully assigned ns/name to node`. */
  message: string;
  preFilterStatus: Status | null;
  preFilterNodes?: string[];
  nodes: NodeExplanation[];
  /** The nodes tied at the best score; the scheduler picks one of them at random. */
  bestNodes?: string[];
  /** The node selectHost picked with the generator explain was given. */
  selectedNode?: string;
  nominatedNodeName?: string;
  victims?: string[];
  /** numFeasibleNodesToFind: the feasible nodes the cycle looked for before it stopped filtering. */
  numNodesToFind?: number;
  /** The node filtering started at (nextStartNodeIndex) and the nodes it never reached. */
  startNode?: string;
  notEvaluated?: string[];
}

export interface ExplainOptions {
  /** Breaks ties: a copy of the cluster's generator tells which tied node the scheduler would take. */
  rand?: Pick<Rand, 'int'>;
  /** The objects plugins read besides nodes and pods, as the scheduler's cycle is given them. */
  lister?: ObjectLister;
  /** The scheduler's nextStartNodeIndex (readNodeCursor); read, never advanced. */
  nextStartNodeIndex?: number;
}

/** Explains what the scheduler would decide for this pod now, node by node and plugin by plugin. Writes nothing. */
export function explain(pod: Pod, nodes: readonly Node[], pods: readonly Pod[], profile: Profile = defaultProfile(),
  opts: ExplainOptions = {}): Explanation {
  const rand = opts.rand ?? { int: () => 0 };
  const fw = newFramework(profile, nodes, pods, opts.lister);
  const trace: CycleTrace = { preFilterStatus: null, filters: new Map() };
  const outcome = schedulingCycle(fw, pod, rand, trace, { nextStartNodeIndex: opts.nextStartNodeIndex ?? 0 });
  const notEvaluated = new Set(trace.notEvaluated ?? []);
  const scores = new Map((trace.scores ?? []).map((s) => [s.name, s]));
  const d = trace.diagnosis;
  const narrowed = trace.preFilterNodes ? new Set(trace.preFilterNodes) : undefined;
  // Rejected in PreFilter, left out by a PreFilterResult, or rejected by a filter; else it fits.
  const nodeStatus = (name: string): Status | null => {
    if (!d) return null;
    if (!isSuccess(trace.preFilterStatus) || (narrowed && !narrowed.has(name)) || d.nodeToStatus.has(name)) return d.nodeToStatus.get(name);
    return null;
  };
  const out: Explanation = {
    outcome: outcome.kind,
    message: outcome.kind === 'Scheduled'
      ? `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${outcome.result.suggestedHost}`
      : outcome.status.message(),
    preFilterStatus: trace.preFilterStatus,
    preFilterNodes: trace.preFilterNodes,
    nodes: fw.nodeInfos.map((ni) => {
      const sc = scores.get(ni.name);
      return {
        name: ni.name, status: nodeStatus(ni.name), filters: trace.filters.get(ni.name) ?? [], scores: sc?.scores, totalScore: sc?.totalScore,
        evaluated: !notEvaluated.has(ni.name),
      };
    }),
  };
  if (trace.numNodesToFind !== undefined && notEvaluated.size > 0) {
    out.numNodesToFind = trace.numNodesToFind;
    out.notEvaluated = trace.notEvaluated;
  }
  if (trace.startIndex !== undefined && notEvaluated.size > 0) {
    const candidates = trace.preFilterNodes ? fw.nodeInfos.filter((n) => narrowed!.has(n.name)) : fw.nodeInfos;
    out.startNode = candidates[trace.startIndex]?.name;
  }
  if (trace.scores) out.bestNodes = bestNodes(trace.scores);
  if (outcome.kind === 'Scheduled' && !trace.scores) out.bestNodes = [outcome.result.suggestedHost];
  if (outcome.kind === 'Scheduled') out.selectedNode = outcome.result.suggestedHost;
  if (outcome.kind === 'Unschedulable' && outcome.postFilter?.nominatedNodeName) {
    out.nominatedNodeName = outcome.postFilter.nominatedNodeName;
    out.victims = (outcome.postFilter.victims ?? []).map(podKey);
  }
  return out;
}

/** The name the control plane wires in. */
export const schedulerController = scheduler;
