// The node lifecycle controller's health monitoring (pkg/controller/nodelifecycle, 1.32) for a
// kubelet that stops posting: once the node-monitor grace period has passed since the controller
// last heard from it — a status report or a renewal of its node Lease, whichever came last —
// every condition turns Unknown, the node gets the unreachable taints and its pods are marked not
// Ready. Upstream polls every 5 s; here the one moment that changes something, the grace period's
// end, is a timer set when the kubelet stops. While the kubelet runs its Lease is renewed every
// 10 s, well within the grace period, so a running kubelet's node never goes Unknown.
//
// Only the unreachable taints are this controller's here: a kubelet that posts Ready=False (no CNI
// yet) is tainted not-ready by the code that brings nodes up.
import type { Node, NodeCondition, Taint } from '../api/core/node/schema.js';
import type { Pod, PodCondition } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { EventRecorder } from '../apiserver/events.js';
import { formatTime, parseTime } from '../apiserver/time.js';
import { nodeAsReported } from '../api/core/node/heartbeat.js';
import { parseMicroTime } from '../api/coordination/lease/renewal.js';
import { kubeletStoppedAt, setKubeletStopped } from '../sim/running.js';
import {
  LEASE_RESOURCE, NODE_LEASE_NAMESPACE, forgetNodeLease, resumeRenewingNodeLease, stopRenewingNodeLease,
} from '../kubelet/node-lease.js';
import type { Store, WatchEvent } from '../store/store.js';
import type { Controller, ControllerContext } from './controller.js';

export const NAME = 'node-lifecycle';
/** --node-monitor-grace-period: 40 s in 1.32 (50 s from 1.33). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const KUBELET_STOPPED_MESSAGE = 'Kubelet stopped posting node status.';

/** The pressure conditions the controller also turns Unknown, after Ready. */
const REMAINING_CONDITION_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

export const nodeLifecycleController: Controller = {
  name: NAME,
  watches: ['nodes'],
  keysFor(ev: WatchEvent): string[] {
    return [ev.object.metadata.name];
  },
  reconcile(name: string, ctx: ControllerContext): void {
    const node = ctx.api.tryGet<KubeObject>('nodes', undefined, name) as unknown as Node | undefined;
    if (!node) return;
    const now = ctx.now();
    const stoppedAt = kubeletStoppedAt(ctx.store, name);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (stoppedAt !== undefined && ready && ready.status !== 'Unknown') {
      const due = lastHeardFrom(ctx.api, node, stoppedAt) + NODE_MONITOR_GRACE_PERIOD_MS;
      if (now < due) {
        ctx.requeueAt(due, name);
        return;
      }
      const wasReady = ready.status === 'True';
      markUnknown(ctx, node, stoppedAt);
      if (wasReady) {
        recordNodeStatusChange(ctx.recorder, node, 'NodeNotReady');
        markPodsNotReady(ctx, name);
      }
    }
    const current = ctx.api.get<KubeObject>('nodes', undefined, name) as unknown as Node;
    const unknown = current.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown';
    swapUnreachableTaints(ctx, current, unknown);
  },
};

/**
 * tryUpdateNodeHealth's probeTimestamp for a kubelet that stopped at `stoppedAt`: the later of its
 * last status report and its Lease's last renewal (both as reads show them, frozen since the
 * stop). A node whose kubelet keeps no Lease (a Node written directly, as tests do) counts as
 * heard from until it stopped.
 */
export function lastHeardFrom(api: ControllerContext['api'], node: Node, stoppedAt: number): number {
  const lease = api.tryGet<KubeObject>(LEASE_RESOURCE, NODE_LEASE_NAMESPACE, node.metadata.name);
  const renewed = parseMicroTime((lease?.spec as { renewTime?: string } | undefined)?.renewTime)?.ms;
  if (renewed === undefined) return stoppedAt;
  const reported = nodeAsReported(node as unknown as KubeObject, stoppedAt) as unknown as Node;
  const heartbeat = parseTime(reported.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
  return Math.min(stoppedAt, Math.max(renewed, heartbeat ?? renewed));
}

/**
 * tryUpdateNodeHealth's grace-period branch: Ready, then the pressure conditions, go Unknown,
 * keeping the heartbeat of the kubelet's last report before it stopped.
 */
function markUnknown(ctx: ControllerContext, node: Node, stoppedAt: number): void {
  const at = formatTime(ctx.now());
  const reported = nodeAsReported(node as unknown as KubeObject, stoppedAt) as unknown as Node;
  const conditions = (reported.status?.conditions ?? []).map((c): NodeCondition => {
    if (c.status === 'Unknown') return c;
    if (c.type !== 'Ready' && !REMAINING_CONDITION_TYPES.includes(c.type)) return c;
    return {
      ...c, lastTransitionTime: at,
      message: KUBELET_STOPPED_MESSAGE, reason: NODE_STATUS_UNKNOWN, status: 'Unknown',
    };
  });
  ctx.api.updateStatus('nodes', { ...node, status: { ...node.status, conditions } } as unknown as KubeObject);
}

/** nodeutil.RecordNodeStatusChange: `Node x status is now: NodeNotReady`, from node-controller. */
function recordNodeStatusChange(recorder: EventRecorder, node: Node, status: string): void {
  const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.uid } } as KubeObject;
  recorder.event(ref, 'Normal', status, `Node ${node.metadata.name} status is now: ${status}`, { component: 'node-controller' });
}

/**
 * controllerutil.MarkPodsNotReady: each pod on the node gets Ready=False (the kubelet can't say).
 * The Ready condition each pod had is kept: it is what the kubelet's status manager still holds,
 * and posts again when it finds the API's copy differs from its own.
 */
function markPodsNotReady(ctx: ControllerContext, nodeName: string): void {
  const at = formatTime(ctx.now());
  const held: HeldConditions = {};
  for (const obj of ctx.api.list<KubeObject>('pods')) {
    const pod = obj as unknown as Pod;
    if (pod.spec.nodeName !== nodeName) continue;
    const conditions = pod.status?.conditions;
    const i = conditions?.findIndex((c) => c.type === 'Ready') ?? -1;
    if (!conditions || i < 0 || conditions[i].status === 'False') continue;
    const next: PodCondition[] = conditions.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: at } : c));
    ctx.api.updateStatus('pods', { ...pod, status: { ...pod.status, conditions: next } } as unknown as KubeObject);
    held[`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`] = { uid: pod.metadata.uid ?? '', ready: conditions[i], written: next[i] };
  }
  ctx.store.setMeta(heldKey(nodeName), JSON.stringify(held));
}

/** Per pod on a silent node: the kubelet's own Ready condition, and the one the controller wrote over it. */
type HeldConditions = Record<string, { uid: string; ready: PodCondition; written: PodCondition }>;
const heldKey = (node: string) => `kubelet/held-ready/${node}`;

/**
 * The NoSchedule and NoExecute passes for an unreachable node: both taints while Ready is Unknown
 * (NoSchedule first, as its pass runs on the node's update), none once the kubelet reports again.
 */
function swapUnreachableTaints(ctx: ControllerContext, node: Node, unknown: boolean): void {
  const taints = node.spec?.taints ?? [];
  const has = (effect: string) => taints.some((t) => t.key === TAINT_UNREACHABLE && t.effect === effect);
  let next: Taint[] | undefined;
  if (unknown) {
    const at = formatTime(ctx.now());
    const add = ['NoSchedule', 'NoExecute'].filter((e) => !has(e)).map((effect) => ({ effect, key: TAINT_UNREACHABLE, timeAdded: at }));
    if (add.length) next = [...taints, ...add];
  } else if (has('NoSchedule') || has('NoExecute')) {
    next = taints.filter((t) => t.key !== TAINT_UNREACHABLE);
  }
  if (!next) return;
  const { taints: _old, ...rest } = node.spec ?? {};
  const spec = next.length ? { ...rest, taints: next } : rest;
  ctx.api.update('nodes', { ...node, spec } as unknown as KubeObject);
}

// -- the kubelet's side: stopping and resuming its reports ---------------------------------------

/** Where a stopping kubelet's last reported conditions are kept, for resumeKubelet. */
const reportedKey = (node: string) => `kubelet/reported/${node}`;

/** The kubelet stops: nothing it reported changes, and the controller looks again at grace expiry. */
export function stopKubelet(store: Store, api: ControllerContext['api'], node: string, now: number): void {
  if (kubeletStoppedAt(store, node) !== undefined) return;
  setKubeletStopped(store, node, now);
  stopRenewingNodeLease(api, store, node, now);
  const obj = api.tryGet<KubeObject>('nodes', undefined, node) as unknown as Node | undefined;
  store.setMeta(reportedKey(node), JSON.stringify(obj?.status?.conditions ?? []));
  const heard = obj ? lastHeardFrom(api, obj, now) : now;
  store.addTimer(heard + NODE_MONITOR_GRACE_PERIOD_MS, NAME, node);
  // Its pod workers stop with it: each looks once more, to end what it was repeating.
  for (const pod of api.list<KubeObject>('pods')) {
    if ((pod as unknown as Pod).spec.nodeName === node) store.addTimer(now, 'kubelet', `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
  }
}

/**
 * The kubelet runs again and posts its status: each condition the controller had set Unknown
 * goes back to what the kubelet last reported, transitioned now, and the kubelet records each
 * transition (`NodeHasSufficientMemory`, ..., `NodeReady`) as its status setters do. Its status
 * manager posts again the Ready conditions the controller overwrote, and its pods are synced
 * again, so their statuses catch up with what ran meanwhile.
 */
export function resumeKubelet(opts: {
  store: Store; api: ControllerContext['api']; recorder: EventRecorder; node: string; now: number;
}): void {
  const { store, api, recorder, node: name, now } = opts;
  if (kubeletStoppedAt(store, name) === undefined) return;
  setKubeletStopped(store, name, undefined);
  resumeRenewingNodeLease(api, store, name, now);
  const v = store.getMeta(reportedKey(name));
  store.setMeta(reportedKey(name), undefined);
  const reported = v ? JSON.parse(v) as NodeCondition[] : [];
  store.clearTimers(NAME, name);
  const node = api.tryGet<KubeObject>('nodes', undefined, name) as unknown as Node | undefined;
  if (!node) return;
  const at = formatTime(now);
  const changed: string[] = [];
  const conditions = (node.status?.conditions ?? []).map((c): NodeCondition => {
    const before = reported.find((r) => r.type === c.type);
    if (c.reason !== NODE_STATUS_UNKNOWN || !before) return { ...c, lastHeartbeatTime: at };
    if (before.reason) changed.push(before.reason.replace(/^Kubelet/, 'Node'));
    return { ...before, lastHeartbeatTime: at, lastTransitionTime: at };
  });
  if (changed.length) {
    api.updateStatus('nodes', { ...node, status: { ...node.status, conditions } } as unknown as KubeObject);
  }
  const ref = { apiVersion: '', kind: 'Node', metadata: { name, uid: name } } as KubeObject;
  for (const reason of changed) {
    recorder.event(ref, 'Normal', reason, `Node ${name} status is now: ${reason}`, { component: 'kubelet', host: name });
  }
  const heldText = store.getMeta(heldKey(name));
  store.setMeta(heldKey(name), undefined);
  const held: HeldConditions = heldText ? JSON.parse(heldText) as HeldConditions : {};
  for (const obj of api.list<KubeObject>('pods')) {
    const pod = obj as unknown as Pod;
    if (pod.spec.nodeName !== name) continue;
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const h = held[key];
    const conditions = pod.status?.conditions ?? [];
    const i = conditions.findIndex((c) => c.type === 'Ready');
    if (h && h.uid === pod.metadata.uid && !pod.metadata.deletionTimestamp && i >= 0 && JSON.stringify(conditions[i]) === JSON.stringify(h.written)) {
      const next = conditions.map((c, j) => (j === i ? h.ready : c));
      api.updateStatus('pods', { ...obj, status: { ...pod.status, conditions: next } } as KubeObject);
    }
    store.addTimer(now, 'kubelet', key);
  }
}

/** A removed node's machine is gone: nothing of its kubelet is kept, and no check is due. */
export function forgetNode(store: Store, api: ControllerContext['api'], node: string): void {
  forgetNodeLease(api, store, node);
  setKubeletStopped(store, node, undefined);
  store.setMeta(reportedKey(node), undefined);
  store.setMeta(heldKey(node), undefined);
  store.clearTimers(NAME, node);
}
