// defaultStatefulSetControl (pkg/controller/statefulset/stateful_set_control.go, release-1.32):
// the revisions, then one pass over the pods — create what is missing (one at a time and only
// after every lower ordinal is Running and Ready under OrderedReady, all at once under Parallel),
// delete condemned ordinals from the highest down, then roll pods above the partition to the
// update revision from the highest ordinal down — then the status.
import type { ControllerRevision } from '../../api/apps/controllerrevision/schema.js';
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/statefulset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { ControllerContext } from '../controller.js';
import { podAvailableAt } from '../controller-utils.js';
import {
  createControllerRevision, findEqualRevisions, equalRevision, getPatchBytes, newControllerRevision, nextRevision,
  sortControllerRevisions, updateControllerRevision, CONTROLLER_REVISIONS,
} from '../history.js';
import {
  claimsMatchRetentionPolicy, createMissingPersistentVolumeClaims, createStatefulPod, deleteStatefulPod, podClaimIsStale,
  updatePodClaimForRetentionPolicy, updateStatefulPod, COMPONENT,
} from './pod-control.js';
import {
  STATEFULSETS, allowsBurst, applyRevision, getEndOrdinal, getOrdinal, getPodRevision, getStartOrdinal, identityMatches, isCreated,
  isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating, newVersionedStatefulSetPod,
  podInOrdinalRange, storageMatches,
} from './util.js';

interface Revisions { current: ControllerRevision; update: ControllerRevision; collisionCount: number }

/** newRevision: the set's template as a revision, carrying the set's annotations (a change-cause among them). */
function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, 'StatefulSet', getPatchBytes(set), revision, collisionCount);
  if (set.metadata.annotations && Object.keys(set.metadata.annotations).length) cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** getStatefulSetRevisions: the update revision (created, or an equal one renumbered) and the current one. */
function getStatefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[], ctx: ControllerContext): Revisions {
  sortControllerRevisions(revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  let update = newRevision(set, nextRevision(revisions), collisionCount);
  const equal = findEqualRevisions(revisions, update);
  if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    // The newest revision already holds this template.
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    // Rolling back to an older template: it becomes the newest revision again.
    update = updateControllerRevision(equal[equal.length - 1], update.revision, ctx);
  } else {
    ({ revision: update, collisionCount } = createControllerRevision(set, update, collisionCount, ctx));
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** computeReplicaStatus over the pods the set has or will have. */
function updateStatus(status: StatefulSetStatus, set: StatefulSet, revs: Revisions, pods: readonly (Pod | undefined)[], now: number): void {
  let replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  for (const pod of pods) {
    if (!pod) continue;
    if (isCreated(pod)) replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, now)) available++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const revision = getPodRevision(pod);
      if (revision === revs.current.metadata.name) current++;
      if (revision === revs.update.metadata.name) updated++;
    }
  }
  Object.assign(status, { replicas, readyReplicas: ready, availableReplicas: available, currentReplicas: current, updatedReplicas: updated });
}

/**
 * runForAll: under OrderedReady the pods one by one, stopping at the first that says so; under
 * Parallel every pod (slowStartBatch), stopping only on an error.
 */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
  if (monotonic) {
    for (let i = 0; i < count; i++) if (fn(i)) return true;
    return false;
  }
  let failed: unknown;
  for (let i = 0; i < count; i++) {
    try {
      fn(i);
    } catch (err) {
      failed ??= err;
    }
  }
  if (failed !== undefined) throw failed;
  return false;
}

const isNotFound = (err: unknown) => err instanceof ApiError && err.status.code === 404;

/**
 * updateStatefulSet: one pass of the set's invariants; returns the status it observed, with the
 * error that stopped the pass (the status is written either way).
 */
function updateStatefulSet(set: StatefulSet, revs: Revisions, pods: Pod[], ctx: ControllerContext): { status?: StatefulSetStatus; error?: unknown } {
  const out: { status?: StatefulSetStatus; error?: unknown } = {};
  try {
    out.status = passOverPods(set, revs, pods, ctx, out);
  } catch (err) {
    out.error = err;
  }
  return out;
}

function passOverPods(set: StatefulSet, revs: Revisions, pods: Pod[], ctx: ControllerContext, out: { status?: StatefulSetStatus }): StatefulSetStatus {
  const now = ctx.now();
  const currentSet = applyRevision(set, revs.current);
  const updateSet = applyRevision(set, revs.update);
  const status: StatefulSetStatus = {
    replicas: 0,
    observedGeneration: set.metadata.generation ?? 0,
    currentRevision: revs.current.metadata.name,
    updateRevision: revs.update.metadata.name,
    collisionCount: revs.collisionCount,
  };
  updateStatus(status, set, revs, pods, now);
  out.status = status;

  const start = getStartOrdinal(set);
  const replicaCount = set.spec.replicas ?? 1;
  const replicas: Pod[] = new Array<Pod>(replicaCount);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= getEndOrdinal(set); ord++) {
    if (!replicas[ord - start]) {
      replicas[ord - start] = newVersionedStatefulSetPod(currentSet, updateSet, revs.current.metadata.name, revs.update.metadata.name, ord);
    }
  }
  // Highest ordinal first.
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));

  let firstUnhealthyPod: Pod | undefined;
  for (const pod of replicas) if (!isHealthy(pod)) { firstUnhealthyPod ??= pod; }
  for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i])) { firstUnhealthyPod ??= condemned[i]; }

  if (set.metadata.deletionTimestamp) return status;
  const monotonic = !allowsBurst(set);
  const finish = () => { updateStatus(status, set, revs, [...replicas, ...condemned], now); return status; };
  // On an error the counts are those of the pods as this pass left them.
  const guarded = (count: number, fn: (i: number) => boolean): boolean => {
    try {
      return runForAll(count, fn, monotonic);
    } catch (err) {
      finish();
      throw err;
    }
  };

  const processReplica = (i: number): boolean => {
    if (isFailed(replicas[i]) || isSucceeded(replicas[i])) {
      const pod = replicas[i];
      if (isFailed(pod)) {
        ctx.recorder.event(set as unknown as KubeObject, 'Warning', 'RecreatingFailedPod',
          `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`, { component: COMPONENT });
      } else {
        ctx.recorder.event(set as unknown as KubeObject, 'Normal', 'RecreatingTerminatedPod',
          `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata.name}`, { component: COMPONENT });
      }
      deleteStatefulPod(set, pod, ctx);
      replicas[i] = newVersionedStatefulSetPod(currentSet, updateSet, revs.current.metadata.name, revs.update.metadata.name, i + start);
    }
    if (!isCreated(replicas[i])) {
      // A claim still being deleted must go before the pod can have it again.
      if (podClaimIsStale(set, replicas[i], ctx)) return true;
      createStatefulPod(set, replicas[i], ctx);
      if (monotonic) return true;
      return false;
    }
    if (isPending(replicas[i])) createMissingPersistentVolumeClaims(set, replicas[i], ctx);
    // Every lower ordinal must be Running and Ready (and available) before the next one moves.
    if (isTerminating(replicas[i]) && monotonic) return true;
    if (!isRunningAndReady(replicas[i]) && monotonic) return true;
    if (!isRunningAndAvailable(replicas[i], set.spec.minReadySeconds ?? 0, now) && monotonic) return true;
    if (identityMatches(set, replicas[i]) && storageMatches(set, replicas[i]) && claimsMatchRetentionPolicy(updateSet, replicas[i], ctx)) return false;
    updateStatefulPod(updateSet, replicas[i], ctx);
    return false;
  };
  if (guarded(replicas.length, processReplica)) return finish();

  // Condemned pods' claims follow whenScaled before the pods go.
  const fixPodClaim = (i: number): boolean => {
    if (!claimsMatchRetentionPolicy(updateSet, condemned[i], ctx)) updatePodClaimForRetentionPolicy(updateSet, condemned[i], ctx);
    return false;
  };
  if (guarded(condemned.length, fixPodClaim)) return finish();

  const processCondemned = (i: number): boolean => {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthyPod) return true;
    if (!isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, now) && monotonic && pod !== firstUnhealthyPod) return true;
    deleteStatefulPod(set, pod, ctx);
    return true;
  };
  if (guarded(condemned.length, processCondemned)) return finish();
  finish();

  // OnDelete: pods move to the update revision only when someone deletes them.
  if (set.spec.updateStrategy?.type === 'OnDelete') return status;

  // RollingUpdate: the highest ordinal not yet updated goes first; an unhealthy pod blocks.
  const updateMin = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target];
    if (getPodRevision(pod) !== revs.update.metadata.name && !isTerminating(pod)) {
      try {
        deleteStatefulPod(set, pod, ctx);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return status;
    }
    if (!isHealthy(pod)) return status;
  }
  return status;
}

/** completeRollingUpdate: once every pod is updated and ready, the update revision is the current one. */
function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  if (set.spec.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: anything the controller reports differs from what is stored. */
function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status;
  return status.observedGeneration !== s?.observedGeneration || status.replicas !== (s?.replicas ?? 0)
    || status.currentReplicas !== (s?.currentReplicas ?? 0) || status.readyReplicas !== (s?.readyReplicas ?? 0)
    || status.updatedReplicas !== (s?.updatedReplicas ?? 0) || status.currentRevision !== (s?.currentRevision ?? '')
    || status.availableReplicas !== (s?.availableReplicas ?? 0) || status.updateRevision !== (s?.updateRevision ?? '')
    || status.collisionCount !== s?.collisionCount;
}

/** The status as the API serialises it: zero counts other than replicas and availableReplicas omitted. */
function wireStatus(status: StatefulSetStatus, conditions: StatefulSetStatus['conditions']): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: status.replicas };
  const put = <K extends keyof StatefulSetStatus>(k: K, keep: boolean) => { if (keep) out[k] = status[k]; };
  put('observedGeneration', !!status.observedGeneration);
  put('readyReplicas', !!status.readyReplicas);
  put('currentReplicas', !!status.currentReplicas);
  put('updatedReplicas', !!status.updatedReplicas);
  put('currentRevision', !!status.currentRevision);
  put('updateRevision', !!status.updateRevision);
  put('collisionCount', status.collisionCount !== undefined);
  if (conditions?.length) out.conditions = conditions;
  out.availableReplicas = status.availableReplicas ?? 0;
  return out;
}

/**
 * truncateHistory: revisions no pod, nor the current or update revision, uses, beyond
 * revisionHistoryLimit, oldest first.
 */
function truncateHistory(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[], revs: Revisions | undefined, ctx: ControllerContext): void {
  const live = new Set<string>(pods.map(getPodRevision));
  if (revs) { live.add(revs.current.metadata.name); live.add(revs.update.metadata.name); }
  const history = revisions.filter((r) => !live.has(r.metadata.name));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  for (const r of history.slice(0, Math.max(0, history.length - limit))) {
    try {
      ctx.api.delete(CONTROLLER_REVISIONS, r.metadata.namespace, r.metadata.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/**
 * UpdateStatefulSet: revisions, the pass over the pods, the status write, and the history limit.
 * Returns the virtual time at which a ready pod becomes available, when that matters.
 */
export function updateStatefulSetAndStatus(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[], ctx: ControllerContext): number | undefined {
  sortControllerRevisions(revisions);
  let revs: Revisions | undefined;
  let failure: unknown;
  try {
    revs = getStatefulSetRevisions(set, revisions, ctx);
    const { status, error } = updateStatefulSet(set, revs, pods, ctx);
    failure = error;
    if (status) {
      completeRollingUpdate(set, status);
      if (inconsistentStatus(set, status)) {
        const fresh = ctx.api.get<KubeObject>(STATEFULSETS, set.metadata.namespace, set.metadata.name) as unknown as StatefulSet;
        ctx.api.updateStatus<KubeObject>(STATEFULSETS, { ...(fresh as unknown as KubeObject), status: wireStatus(status, fresh.status?.conditions) } as KubeObject);
      }
    }
  } catch (err) {
    failure ??= err;
  }
  // A revision created above is not in the list: it is live, so it never needs truncating.
  truncateHistory(set, pods, revisions, revs, ctx);
  if (failure !== undefined) throw failure;
  const minReady = set.spec.minReadySeconds ?? 0;
  if (minReady <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isRunningAndReady(pod) || isRunningAndAvailable(pod, minReady, ctx.now())) continue;
    const at = podAvailableAt(pod, minReady);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}
