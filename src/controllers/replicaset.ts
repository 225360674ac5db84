// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods for each
// ReplicaSet, adopting orphans its selector matches and releasing pods it no longer selects, and
// reports what it sees in status. Informer caches and expectations are not needed: a reconcile
// reads one consistent snapshot of the store and its writes land before the next one.
import type { ReplicaSet, ReplicaSetStatus } from '../api/apps/replicaset/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import { objectKey, type KubeObject } from '../api/object.js';
import { ApiError } from '../apiserver/errors.js';
import { formatTime } from '../apiserver/time.js';
import type { Controller, ControllerContext } from './controller.js';
import {
  FailedCreatePodReason, FailedDeletePodReason, SLOW_START_INITIAL_BATCH_SIZE,
  SuccessfulDeletePodReason, claimPods, createPodFromTemplate, errorMessage, filterActivePods, getControllerOf,
  getPodsToDelete, isNamespaceTerminatingError, isPodAvailable, isPodReady, newControllerRef,
  podAvailableAt, selectorIsEmpty, selectorMatcher, slowStartBatch,
} from './controller-utils.js';

export const RS_RESOURCE = 'replicasets.apps';
const COMPONENT = 'replicaset-controller';
const KIND = 'ReplicaSet';
const API_VERSION = 'apps/v1';

/** Realistic value of the burstReplicas field for the replica set manager (BurstReplicas). */
export const BURST_REPLICAS = 500;

/** Keys of orphan pods whose matching ReplicaSets should look at them (adoption). */
const ORPHAN_PREFIX = 'orphan:';

/** workqueue's per-item exponential back-off: 5 ms doubling to 1000 s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1000 * 1000;
const failuresKey = (key: string) => `replicaset/failures/${key}`;

type Condition = NonNullable<ReplicaSetStatus['conditions']>[number];

export const replicaSetController: Controller = {
  name: 'replicaset',
  watches: [RS_RESOURCE, 'pods'],
  keysFor(ev) {
    if (ev.resource === RS_RESOURCE) return [objectKey(ev.object)];
    const pod = ev.object as unknown as Pod;
    const ns = pod.metadata.namespace ?? '';
    const ref = getControllerOf(pod);
    if (ref) return ref.kind === KIND ? [`${ns}/${ref.name}`] : [];
    // No controller cares about orphans that go away.
    if (ev.type === 'DELETED' || pod.metadata.deletionTimestamp) return [];
    return [`${ORPHAN_PREFIX}${ns}/${pod.metadata.name}`];
  },
  reconcile(key, ctx) {
    if (key.startsWith(ORPHAN_PREFIX)) {
      offerOrphan(key.slice(ORPHAN_PREFIX.length), ctx);
      return;
    }
    syncReplicaSet(key, ctx);
  },
};

/** getPodReplicaSets + enqueue: every ReplicaSet that selects the orphan gets a chance to adopt it. */
function offerOrphan(podKey: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(podKey);
  const pod = ctx.api.tryGet<KubeObject>('pods', ns, name) as unknown as Pod | undefined;
  if (!pod || pod.metadata.deletionTimestamp || getControllerOf(pod)) return;
  for (const rs of ctx.api.list<KubeObject>(RS_RESOURCE, { namespace: ns }) as unknown as ReplicaSet[]) {
    if (selectorIsEmpty(rs.spec.selector)) continue;
    if (!selectorMatcher(rs.spec.selector)?.(pod.metadata.labels)) continue;
    syncReplicaSet(objectKey(rs), ctx);
  }
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** syncReplicaSet: claim pods, create or delete the difference, write status, requeue. */
export function syncReplicaSet(key: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(key);
  const rs = ctx.api.tryGet<KubeObject>(RS_RESOURCE, ns, name) as unknown as ReplicaSet | undefined;
  if (!rs) {
    ctx.store.setMeta(failuresKey(key), undefined);
    return;
  }
  const matches = selectorMatcher(rs.spec.selector);
  if (!matches) return;

  // Every pod in the namespace: those that no longer match but still name this owner are released.
  const allPods = ctx.api.list<KubeObject>('pods', { namespace: ns }) as unknown as Pod[];
  const { claimed, errors } = claimPods(
    { api: ctx.api, controller: rs as unknown as KubeObject, apiVersion: API_VERSION, kind: KIND, matches },
    filterActivePods(allPods),
  );
  if (errors.length) {
    retryLater(key, ctx);
    return;
  }

  let manageErr: unknown;
  if (!rs.metadata.deletionTimestamp) manageErr = manageReplicas(claimed, rs, ctx);

  const now = ctx.now();
  const status = calculateStatus(rs, claimed, manageErr, now);
  const updated = updateReplicaSetStatus(rs, status, ctx);

  if (manageErr !== undefined) {
    retryLater(key, ctx);
  } else {
    ctx.store.setMeta(failuresKey(key), undefined);
  }
  // Wake up when the next ready pod has been ready for minReadySeconds: only then does it count
  // as available, and nothing else would change to trigger a sync at that moment.
  const minReady = updated.spec.minReadySeconds ?? 0;
  if (minReady > 0) {
    let next = Infinity;
    for (const pod of claimed) {
      const at = podAvailableAt(pod, minReady);
      if (at !== undefined && at > now) next = Math.min(next, at);
    }
    if (next !== Infinity) ctx.requeueAt(next, key);
  }
}

/** A failed sync comes back with workqueue's per-item exponential back-off. */
function retryLater(key: string, ctx: ControllerContext): void {
  const failures = Number(ctx.store.getMeta(failuresKey(key)) ?? '0');
  ctx.store.setMeta(failuresKey(key), String(failures + 1));
  ctx.requeueAt(ctx.now() + Math.min(BACKOFF_BASE_MS * 2 ** failures, BACKOFF_MAX_MS), key);
}

/** manageReplicas: creates or deletes pods so that spec.replicas are active; returns the error met. */
function manageReplicas(filteredPods: Pod[], rs: ReplicaSet, ctx: ControllerContext): unknown {
  const want = rs.spec.replicas ?? 1;
  let diff = filteredPods.length - want;
  if (diff < 0) {
    diff = Math.min(-diff, BURST_REPLICAS);
    const owner = rs as unknown as KubeObject;
    const ref = newControllerRef(owner, API_VERSION, KIND);
    const { error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      try {
        createPod(rs, ref, ctx);
      } catch (err) {
        // Nothing can be created in a namespace being terminated: not a failure worth reporting.
        if (isNamespaceTerminatingError(err)) return;
        throw err;
      }
    });
    return error;
  }
  if (diff > 0) {
    diff = Math.min(diff, BURST_REPLICAS);
    const related = getIndirectlyRelatedPods(rs, ctx);
    let first: unknown;
    for (const pod of getPodsToDelete(filteredPods, related, diff, ctx.now())) {
      try {
        deletePod(rs, pod, ctx);
      } catch (err) {
        if (err instanceof ApiError && err.status.code === 404) continue;
        first ??= err;
      }
    }
    return first;
  }
  return undefined;
}

/** RealPodControl.CreatePods. */
function createPod(rs: ReplicaSet, ref: ReturnType<typeof newControllerRef>, ctx: ControllerContext): void {
  if (!rs.spec.template) throw new Error('unable to create pods, no template');
  createPodFromTemplate(ctx, rs as unknown as KubeObject, rs.spec.template, ref, COMPONENT);
}

/** RealPodControl.DeletePod. */
function deletePod(rs: ReplicaSet, pod: Pod, ctx: ControllerContext): void {
  const owner = rs as unknown as KubeObject;
  try {
    ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
  } catch (err) {
    if (err instanceof ApiError && err.status.code === 404) throw err;
    ctx.recorder.event(owner, 'Warning', FailedDeletePodReason, `Error deleting: ${errorMessage(err)}`, { component: COMPONENT });
    throw new Error(`unable to delete pods: ${errorMessage(err)}`);
  }
  ctx.recorder.event(owner, 'Normal', SuccessfulDeletePodReason, `Deleted pod: ${pod.metadata.name}`, { component: COMPONENT });
}

/**
 * getIndirectlyRelatedPods: the pods of every ReplicaSet sharing this one's controller (the
 * ReplicaSets of one Deployment), so that scale-down prefers nodes crowded with its siblings.
 */
function getIndirectlyRelatedPods(rs: ReplicaSet, ctx: ControllerContext): Pod[] {
  const owner = getControllerOf(rs);
  if (!owner) return [];
  const ns = rs.metadata.namespace;
  const pods = ctx.api.list<KubeObject>('pods', { namespace: ns }) as unknown as Pod[];
  const seen = new Set<string>();
  const related: Pod[] = [];
  for (const other of ctx.api.list<KubeObject>(RS_RESOURCE, { namespace: ns }) as unknown as ReplicaSet[]) {
    if (getControllerOf(other)?.uid !== owner.uid) continue;
    const matches = selectorMatcher(other.spec.selector);
    if (!matches) continue;
    for (const pod of pods) {
      if (!matches(pod.metadata.labels) || seen.has(pod.metadata.uid ?? pod.metadata.name)) continue;
      seen.add(pod.metadata.uid ?? pod.metadata.name);
      related.push(pod);
    }
  }
  return related;
}

/** calculateStatus (replica_set_utils.go): counts from the claimed active pods, and ReplicaFailure. */
export function calculateStatus(rs: ReplicaSet, filteredPods: Pod[], manageErr: unknown, now: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  const minReady = rs.spec.minReadySeconds ?? 0;
  for (const pod of filteredPods) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions: Condition[] | undefined = rs.status?.conditions ? [...rs.status.conditions] : undefined;
  const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageErr !== undefined && !failure) {
    const diff = filteredPods.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? FailedCreatePodReason : diff > 0 ? FailedDeletePodReason : '';
    const cond: Condition = {
      type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(now),
      ...(reason ? { reason } : {}), message: errorMessage(manageErr),
    };
    conditions = [...(conditions ?? []), cond];
  } else if (manageErr === undefined && failure) {
    conditions = conditions!.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    replicas: filteredPods.length,
    ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    ...(rs.status?.observedGeneration ? { observedGeneration: rs.status.observedGeneration } : {}),
    ...(conditions?.length ? { conditions } : {}),
  };
}

/** updateReplicaSetStatus: writes status unless nothing changed and the generation was observed. */
function updateReplicaSetStatus(rs: ReplicaSet, status: ReplicaSetStatus, ctx: ControllerContext): ReplicaSet {
  const old = rs.status;
  const generation = rs.metadata.generation ?? 0;
  if ((old?.replicas ?? 0) === status.replicas
    && (old?.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0)
    && (old?.readyReplicas ?? 0) === (status.readyReplicas ?? 0)
    && (old?.availableReplicas ?? 0) === (status.availableReplicas ?? 0)
    && generation === (old?.observedGeneration ?? 0)
    && JSON.stringify(old?.conditions ?? []) === JSON.stringify(status.conditions ?? [])) {
    return rs;
  }
  const { conditions, ...counts } = status;
  const next: ReplicaSetStatus = {
    ...counts,
    ...(generation ? { observedGeneration: generation } : {}),
    ...(conditions ? { conditions } : {}),
  };
  return ctx.api.updateStatus<KubeObject>(RS_RESOURCE, { ...(rs as unknown as KubeObject), status: next }) as unknown as ReplicaSet;
}

