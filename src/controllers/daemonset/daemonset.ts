// The DaemonSet controller (pkg/controller/daemon, release-1.32): one daemon pod on every node the
// DaemonSet's template fits (node selector, required node affinity, NoSchedule/NoExecute taints
// with the tolerations every daemon pod gets), pinned there by node affinity for the default
// scheduler; pods on nodes that no longer fit go, failed ones are replaced with back-off; a
// RollingUpdate replaces old pods within maxUnavailable; the history is kept as
// ControllerRevisions. Expectations are not needed: a reconcile reads one consistent snapshot,
// and a sync that created or deleted pods leaves the rolling update to the next sync, as
// upstream's unsatisfied expectations do.
import type { DaemonSet, DaemonSetStatus } from '../../api/apps/daemonset/schema.js';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { objectKey, type KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { Controller, ControllerContext } from '../controller.js';
import {
  FailedDeletePodReason, SLOW_START_INITIAL_BATCH_SIZE, SuccessfulDeletePodReason, claimPods, createPodFromTemplate,
  errorMessage, getControllerOf, isNamespaceTerminatingError, isPodAvailable, isPodReady, newControllerRef, podAvailableAt, selectorIsEmpty, selectorMatcher, slowStartBatch, splitKey,
} from '../controller-utils.js';
import { CONTROLLER_REVISIONS, DAEMONSETS, cleanupHistory, constructHistory } from './history.js';
import { rollingUpdate } from './update.js';
import { getScaledValueFromIntOrPercent } from '../deployment/util.js';
import {
  DefaultDaemonSetUniqueLabelKey, comparePodsByCreationTimestampAndPhase, createPodTemplate, getTargetNodeName,
  getTemplateGeneration, isPodUpdated, nodeShouldRunDaemonPod, replaceDaemonSetPodNodeNameNodeAffinity,
} from './util.js';

export const COMPONENT = 'daemonset-controller';
const KIND = 'DaemonSet';
const API_VERSION = 'apps/v1';

/** The daemon set manager's burstReplicas. */
export const BURST_REPLICAS = 250;

const SelectingAllReason = 'SelectingAll';
const FailedDaemonPodReason = 'FailedDaemonPod';

/** Keys that stand for "every DaemonSet of the namespace" (a node changed, an orphan appeared). */
const ALL_KEY = 'all:';
const ORPHAN_PREFIX = 'orphan:';

/** failedPodsBackoff: flowcontrol.NewBackOff(1s, 15min) per DaemonSet and node. */
const FAILED_BACKOFF_INITIAL_MS = 1000;
const FAILED_BACKOFF_MAX_MS = 15 * 60 * 1000;
const backoffKey = (ds: DaemonSet, node: string) => `daemonset/failed-backoff/${ds.metadata.uid}/${node}`;

export type NodeToDaemonPods = Map<string, Pod[]>;

export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: [DAEMONSETS, 'pods', 'nodes', CONTROLLER_REVISIONS],
  keysFor(ev) {
    if (ev.resource === DAEMONSETS) return [objectKey(ev.object)];
    if (ev.resource === 'nodes') return [ALL_KEY];
    const ns = ev.object.metadata.namespace ?? '';
    const ref = getControllerOf(ev.object);
    if (ref) return ref.kind === KIND ? [`${ns}/${ref.name}`] : [];
    if (ev.type === 'DELETED' || ev.object.metadata.deletionTimestamp) return [];
    return [`${ORPHAN_PREFIX}${ns}`];
  },
  reconcile(key, ctx) {
    if (key === ALL_KEY || key.startsWith(ORPHAN_PREFIX)) {
      const namespace = key === ALL_KEY ? undefined : key.slice(ORPHAN_PREFIX.length);
      for (const ds of ctx.api.list<KubeObject>(DAEMONSETS, { namespace })) syncDaemonSet(objectKey(ds), ctx);
      return;
    }
    syncDaemonSet(key, ctx);
  },
};

function listNodes(ctx: ControllerContext): Node[] {
  return (ctx.api.list<KubeObject>('nodes') as unknown as Node[])
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** syncDaemonSet: history, then pods per node, then the rolling update, then status. */
export function syncDaemonSet(key: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(key);
  const ds = ctx.api.tryGet<KubeObject>(DAEMONSETS, ns, name) as unknown as DaemonSet | undefined;
  if (!ds) return;
  const nodes = listNodes(ctx);
  if (selectorIsEmpty(ds.spec.selector)) {
    ctx.recorder.event(ds as unknown as KubeObject, 'Warning', SelectingAllReason,
      'This daemon set is selecting all pods. A non-empty selector is required.', { component: COMPONENT });
    return;
  }
  // The history of a DaemonSet being deleted may be gone already: nothing reliable to report.
  if (ds.metadata.deletionTimestamp) return;
  const { cur, old } = constructHistory(ds, ctx);
  const hash = cur.metadata.labels?.[DefaultDaemonSetUniqueLabelKey] ?? '';

  let changed = manage(ds, nodes, hash, ctx);
  if (!changed && ds.spec.updateStrategy?.type === 'RollingUpdate') changed = rollingUpdate(ds, nodes, hash, ctx);
  cleanupHistory(ds, old, getDaemonPods(ds, ctx), ctx);
  updateDaemonSetStatus(ds, nodes, hash, ctx);
}

/** getDaemonPods: every pod of the namespace the DaemonSet owns or adopts. */
export function getDaemonPods(ds: DaemonSet, ctx: ControllerContext): Pod[] {
  const matches = selectorMatcher(ds.spec.selector);
  if (!matches) return [];
  const pods = ctx.api.list<KubeObject>('pods', { namespace: ds.metadata.namespace }) as unknown as Pod[];
  return claimPods({ api: ctx.api, controller: ds as unknown as KubeObject, apiVersion: API_VERSION, kind: KIND, matches }, pods).claimed;
}

/** getNodesToDaemonPods: the daemon pods by the node they run on or are pinned to. */
export function getNodesToDaemonPods(ds: DaemonSet, ctx: ControllerContext, includeDeletedTerminal = false): NodeToDaemonPods {
  const out: NodeToDaemonPods = new Map();
  for (const pod of getDaemonPods(ds, ctx)) {
    const phase = pod.status?.phase;
    // A finished pod already being deleted is the kubelet's or the pod GC's business.
    if (!includeDeletedTerminal && (phase === 'Succeeded' || phase === 'Failed') && pod.metadata.deletionTimestamp) continue;
    const node = getTargetNodeName(pod);
    if (node === undefined) continue;
    out.set(node, [...(out.get(node) ?? []), pod]);
  }
  return out;
}

/** manage: the nodes that need a daemon pod and the pods that must go. Returns whether it wrote anything. */
function manage(ds: DaemonSet, nodes: Node[], hash: string, ctx: ControllerContext): boolean {
  const nodeToDaemonPods = getNodesToDaemonPods(ds, ctx);
  const nodesNeedingDaemonPods: string[] = [];
  const podsToDelete: Pod[] = [];
  for (const node of nodes) {
    const r = podsShouldBeOnNode(node, nodeToDaemonPods, ds, hash, ctx);
    nodesNeedingDaemonPods.push(...r.nodesNeedingDaemonPods);
    podsToDelete.push(...r.podsToDelete);
  }
  // Unscheduled pods pinned to nodes that are gone.
  const running = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, pods] of nodeToDaemonPods) {
    if (running.has(node)) continue;
    podsToDelete.push(...pods.filter((p) => !p.spec.nodeName));
  }
  return syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash, ctx);
}

/** podsShouldBeOnNode. */
function podsShouldBeOnNode(node: Node, nodeToDaemonPods: NodeToDaemonPods, ds: DaemonSet, hash: string, ctx: ControllerContext):
  { nodesNeedingDaemonPods: string[]; podsToDelete: Pod[] } {
  const nodesNeedingDaemonPods: string[] = [];
  const podsToDelete: Pod[] = [];
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const daemonPods = nodeToDaemonPods.get(node.metadata.name);
  if (shouldRun && !daemonPods) {
    nodesNeedingDaemonPods.push(node.metadata.name);
  } else if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase === 'Failed') {
        // The kubelet may keep rejecting the pod: replace it with back-off, not in a hot loop.
        const delay = inBackoff(ds, node.metadata.name, ctx);
        if (delay !== undefined) {
          ctx.requeueAt(ctx.now() + delay, objectKey(ds));
          continue;
        }
        nextBackoff(ds, node.metadata.name, ctx);
        ctx.recorder.event(ds as unknown as KubeObject, 'Warning', FailedDaemonPodReason,
          `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it`,
          { component: COMPONENT });
        podsToDelete.push(pod);
      } else if (pod.status?.phase === 'Succeeded') {
        podsToDelete.push(pod);
      } else {
        running.push(pod);
      }
    }
    const sorted = [...running].sort(comparePodsByCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      // One daemon pod per node: the oldest stays.
      podsToDelete.push(...sorted.slice(1));
    } else {
      // With surge, the oldest new and oldest old pod may both run until the new one is available.
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of sorted) {
        if (pod.metadata.labels?.[DefaultDaemonSetUniqueLabelKey] === hash) {
          if (!oldestNew) { oldestNew = pod; continue; }
        } else if (!oldestOld) { oldestOld = pod; continue; }
        podsToDelete.push(pod);
      }
      if (oldestNew && oldestOld && isPodAvailable(oldestNew, ds.spec.minReadySeconds ?? 0, ctx.now())) podsToDelete.push(oldestOld);
    }
  } else if (daemonPods) {
    podsToDelete.push(...daemonPods.filter((p) => !p.metadata.deletionTimestamp));
  }
  return { nodesNeedingDaemonPods, podsToDelete };
}

/** util.AllowsSurge: a RollingUpdate whose maxSurge resolves above zero. */
function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  const v = ru?.maxSurge;
  if (v === undefined) return false;
  try {
    return getScaledValueFromIntOrPercent(v, 1, true) > 0;
  } catch {
    return false;
  }
}

interface BackoffEntry { backoff: number; lastUpdate: number }

function readBackoff(ds: DaemonSet, node: string, ctx: ControllerContext): BackoffEntry | undefined {
  const raw = ctx.store.getMeta(backoffKey(ds, node));
  return raw ? JSON.parse(raw) as BackoffEntry : undefined;
}

/** Backoff.IsInBackOffSinceUpdate: the remaining delay, or undefined when not backing off. */
function inBackoff(ds: DaemonSet, node: string, ctx: ControllerContext): number | undefined {
  const e = readBackoff(ds, node, ctx);
  if (!e || ctx.now() - e.lastUpdate >= e.backoff) return undefined;
  return e.backoff;
}

/** Backoff.Next: 1s, doubling to 15 minutes; an entry idle for twice the maximum starts over. */
function nextBackoff(ds: DaemonSet, node: string, ctx: ControllerContext): void {
  const e = readBackoff(ds, node, ctx);
  const now = ctx.now();
  const backoff = !e || now - e.lastUpdate > 2 * FAILED_BACKOFF_MAX_MS ? FAILED_BACKOFF_INITIAL_MS : Math.min(2 * e.backoff, FAILED_BACKOFF_MAX_MS);
  ctx.store.setMeta(backoffKey(ds, node), JSON.stringify({ backoff, lastUpdate: now }));
}

/**
 * syncNodes: creates the daemon pods (slow-start batches, at most burstReplicas) pinned to their
 * nodes, and deletes the given pods. Returns whether it tried to write anything.
 */
export function syncNodes(ds: DaemonSet, podsToDelete: Pod[], nodesNeedingDaemonPods: string[], hash: string, ctx: ControllerContext): boolean {
  const owner = ds as unknown as KubeObject;
  const createDiff = Math.min(nodesNeedingDaemonPods.length, BURST_REPLICAS);
  const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
  const template = createPodTemplate(ds.spec.template, getTemplateGeneration(ds), hash);
  const ref = newControllerRef(owner, API_VERSION, KIND);
  let i = 0;
  const { error } = slowStartBatch(createDiff, SLOW_START_INITIAL_BATCH_SIZE, () => {
    const nodeName = nodesNeedingDaemonPods[i++];
    const podTemplate = structuredClone(template);
    podTemplate.spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(podTemplate.spec.affinity, nodeName);
    try {
      createPodFromTemplate(ctx, owner, podTemplate, ref, COMPONENT);
    } catch (err) {
      if (isNamespaceTerminatingError(err)) return;
      throw err;
    }
  });
  let failed = error !== undefined;
  for (const pod of podsToDelete.slice(0, deleteDiff)) {
    try {
      deletePod(ds, pod, ctx);
    } catch (err) {
      if (!(err instanceof ApiError && err.status.code === 404)) failed = true;
    }
  }
  if (failed) ctx.requeueAt(ctx.now() + FAILED_BACKOFF_INITIAL_MS, objectKey(ds));
  return createDiff + deleteDiff > 0;
}

/** RealPodControl.DeletePod. */
function deletePod(ds: DaemonSet, pod: Pod, ctx: ControllerContext): void {
  const owner = ds as unknown as KubeObject;
  try {
    ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
  } catch (err) {
    if (!(err instanceof ApiError && err.status.code === 404)) {
      ctx.recorder.event(owner, 'Warning', FailedDeletePodReason, `Error deleting: ${errorMessage(err)}`, { component: COMPONENT });
    }
    throw err;
  }
  ctx.recorder.event(owner, 'Normal', SuccessfulDeletePodReason, `Deleted pod: ${pod.metadata.name}`, { component: COMPONENT });
}

/** updateDaemonSetStatus: the counts over the nodes, written when they or the generation changed. */
function updateDaemonSetStatus(ds: DaemonSet, nodes: Node[], hash: string, ctx: ControllerContext): void {
  const nodeToDaemonPods = getNodesToDaemonPods(ds, ctx);
  const now = ctx.now();
  const minReady = ds.spec.minReadySeconds ?? 0;
  const generation = getTemplateGeneration(ds);
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
  let nextAvailable = Infinity;
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = nodeToDaemonPods.get(node.metadata.name) ?? [];
    if (!shouldRun) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!pods.length) continue;
    current++;
    const pod = [...pods].sort(comparePodsByCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      else nextAvailable = Math.min(nextAvailable, podAvailableAt(pod, minReady) ?? Infinity);
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  const status: DaemonSetStatus = {
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    ...(available ? { numberAvailable: available } : {}),
    numberMisscheduled: misscheduled,
    numberReady: ready,
    ...(desired - available ? { numberUnavailable: desired - available } : {}),
    observedGeneration: ds.metadata.generation ?? 0,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
    ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
  };
  if (JSON.stringify(normalizeStatus(ds.status)) !== JSON.stringify(normalizeStatus(status))) {
    ctx.api.updateStatus<KubeObject>(DAEMONSETS, { ...(ds as unknown as KubeObject), status } as KubeObject);
  }
  // A ready pod counts as available only minReadySeconds later; nothing else would wake us then.
  if (minReady > 0 && nextAvailable !== Infinity) ctx.requeueAt(Math.max(nextAvailable, now), objectKey(ds));
}

function normalizeStatus(s: DaemonSetStatus | undefined): unknown[] {
  return [s?.currentNumberScheduled ?? 0, s?.desiredNumberScheduled ?? 0, s?.numberAvailable ?? 0, s?.numberMisscheduled ?? 0,
    s?.numberReady ?? 0, s?.numberUnavailable ?? 0, s?.observedGeneration ?? 0, s?.updatedNumberScheduled ?? 0];
}
