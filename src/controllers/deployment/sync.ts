// pkg/controller/deployment/sync.go (release-1.32): finding or creating the new ReplicaSet and
// syncing revisions, proportional scaling, history cleanup and the plain status sync.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { OwnerReference } from '../../api/meta/schema.js';
import { ApiError } from '../../apiserver/errors.js';
import { errorMessage, getControllerOf, isNamespaceTerminatingError, newControllerRef } from '../controller-utils.js';
import {
  event, mutateStatus, REPLICASETS, updateDeploymentStatus, updateReplicaSet, type Dc,
} from './deployment.js';
import { computeHash } from './hash.js';
import { getRollbackTo } from './rollback.js';
import {
  DefaultDeploymentUniqueLabelKey, equalIgnoreHash, FailedRSCreateReason, filterActiveReplicaSets,
  findActiveOrLatest, findNewReplicaSet, findOldReplicaSets, FoundNewRSReason, getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets, getDeploymentCondition, getDesiredReplicasAnnotation, getProportion,
  getReadyReplicaCountForReplicaSets, getReplicaCountForReplicaSets, hasProgressDeadline, hasRevisionHistoryLimit,
  isRollingUpdate, isSaturated, maxRevision, maxSurge, maxUnavailable, MinimumReplicasAvailable,
  MinimumReplicasUnavailable, newDeploymentCondition, NewReplicaSetReason, newRSNewReplicas, PausedDeployReason,
  replicasAnnotationsNeedUpdate, replicaSetsByRevision, replicaSetsBySizeNewer,
  replicaSetsBySizeOlder, replicasOf, ResumedDeployReason, RevisionAnnotation, setDeploymentCondition, setDeploymentRevision,
  setNewReplicaSetAnnotations, setReplicasAnnotations, sortReplicaSets, statusEqual, statusOf, TimedOutReason,
  toStoredStatus, type DeploymentStatusValue,
} from './util.js';

/** The revision-history annotation keeps at most this many characters (~100 revisions). */
const maxRevHistoryLengthInChars = 2000;

/** syncStatusOnly: a deployment being deleted only gets its status updated. */
export function syncStatusOnly(dc: Dc, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused deployments: scale proportionally, never roll out. */
export function sync(dc: Dc, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // History is cleaned up while paused, unless a rollback is in flight.
  if (d.spec.paused && !getRollbackTo(d)) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: a Progressing condition of Unknown (DeploymentPaused / DeploymentResumed)
 * marks the pause, so time spent paused does not count against progressDeadlineSeconds. A
 * deployment that already timed out keeps saying so.
 */
export function checkPausedConditions(dc: Dc, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(statusOf(d), 'Progressing');
  if (cond?.reason === TimedOutReason) return;
  const pausedCondExists = cond?.reason === PausedDeployReason;
  let needsUpdate = false;
  const now = dc.ctx.now();
  if (d.spec.paused && !pausedCondExists) {
    mutateStatus(d, (s) => setDeploymentCondition(s, newDeploymentCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', now)));
    needsUpdate = true;
  } else if (!d.spec.paused && pausedCondExists) {
    mutateStatus(d, (s) => setDeploymentCondition(s, newDeploymentCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', now)));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
}

/**
 * getAllReplicaSetsAndSyncRevision: [new ReplicaSet (created when asked and missing), all old ones],
 * with the new one's revision raised above every old one and copied to the deployment.
 */
export function getAllReplicaSetsAndSyncRevision(dc: Dc, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean):
  [ReplicaSet | undefined, ReplicaSet[]] {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * getNewReplicaSet: the ReplicaSet whose template is the deployment's, its annotations and
 * minReadySeconds brought up to date; or, when asked, a new one named after the template hash,
 * sized by NewRSNewReplicas, with a revision one above the old ones.
 */
function getNewReplicaSet(dc: Dc, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
  const existingNewRS = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);

  if (existingNewRS) {
    const rsCopy = structuredClone(existingNewRS);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars);
    const minReadySecondsNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      if (d.spec.minReadySeconds) rsCopy.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete rsCopy.spec.minReadySeconds;
      const updated = updateReplicaSet(dc, rsCopy);
      // Later steps of this sync see the written ReplicaSet (upstream's stale cache makes them fail
      // with a conflict and retry, to the same end).
      const i = rsList.findIndex((rs) => rs.metadata.uid === updated.metadata.uid);
      if (i >= 0) rsList[i] = updated;
      return updated;
    }
    // The revision the ReplicaSet carries (set when it became new) is the deployment's.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[RevisionAnnotation] ?? '');
    // A deployment that never recorded progress starts counting from the first time its new
    // ReplicaSet was seen.
    if (hasProgressDeadline(d) && !getDeploymentCondition(statusOf(d), 'Progressing')) {
      const msg = `Found new replica set "${rsCopy.metadata.name}"`;
      mutateStatus(d, (s) => setDeploymentCondition(s, newDeploymentCondition('Progressing', 'True', FoundNewRSReason, msg, dc.ctx.now())));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(dc, d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const newRSTemplate = structuredClone(d.spec.template);
  const podTemplateSpecHash = computeHash(newRSTemplate, d.status?.collisionCount);
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: podTemplateSpecHash };
  newRSTemplate.metadata = { ...newRSTemplate.metadata, labels };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: podTemplateSpecHash };

  const newRS = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // Deterministic, so a retried create finds its own ReplicaSet.
      name: `${d.metadata.name}-${podTemplateSpecHash}`,
      namespace: d.metadata.namespace,
      labels: { ...labels },
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment') as OwnerReference],
    },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template: newRSTemplate,
    },
  } as ReplicaSet;
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars);

  let alreadyExists = false;
  let createdRS: ReplicaSet;
  try {
    createdRS = dc.ctx.api.create(REPLICASETS, newRS);
  } catch (err) {
    if (err instanceof ApiError && err.status.reason === 'AlreadyExists') {
      // A slow cache or a fast resync: if it is ours and has our template, it is the new one;
      // otherwise the hash collided, and the next sync tries again with collisionCount raised.
      alreadyExists = true;
      const rs = dc.ctx.api.get<ReplicaSet>(REPLICASETS, newRS.metadata.namespace, newRS.metadata.name);
      if (getControllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        createdRS = rs;
      } else {
        mutateStatus(d, (s) => {
          s.collisionCount = (s.collisionCount ?? 0) + 1;
        });
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // The error that matters is the collision.
        }
        throw err;
      }
    } else if (isNamespaceTerminatingError(err)) {
      throw err;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${errorMessage(err)}`;
      if (hasProgressDeadline(d)) {
        mutateStatus(d, (s) => setDeploymentCondition(s, newDeploymentCondition('Progressing', 'False', FailedRSCreateReason, msg, dc.ctx.now())));
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // There is a bigger issue to report.
        }
      }
      event(dc, d, 'Warning', FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    event(dc, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${newReplicasCount}`);
  }

  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${createdRS.metadata.name}"`;
    mutateStatus(d, (s) => setDeploymentCondition(s, newDeploymentCondition('Progressing', 'True', NewReplicaSetReason, msg, dc.ctx.now())));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
  return createdRS;
}

/**
 * scale: proportional scaling, for scaling events and paused deployments. One active ReplicaSet
 * takes the whole new size; a saturated new one lets the old ones go to zero; otherwise the
 * difference is shared among the active ReplicaSets in proportion to their sizes, the leftover to
 * the largest (newer first when growing, older first when shrinking).
 */
export function scale(dc: Dc, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicasOf(d), d);
    return;
  }

  // A saturated new ReplicaSet (e.g. one adopted while complete) leaves nothing for the old ones.
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }

  if (!isRollingUpdate(d)) return;
  let allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  // What can be added to (or removed from) the total, to share among the active ReplicaSets.
  const deploymentReplicasToAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  if (deploymentReplicasToAdd > 0) {
    allRSs = sortReplicaSets(allRSs, replicaSetsBySizeNewer);
    scalingOperation = 'up';
  } else if (deploymentReplicasToAdd < 0) {
    allRSs = sortReplicaSets(allRSs, replicaSetsBySizeOlder);
    scalingOperation = 'down';
  }

  let deploymentReplicasAdded = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (deploymentReplicasToAdd !== 0) {
      const proportion = getProportion(rs, d, deploymentReplicasToAdd, deploymentReplicasAdded);
      nameToSize.set(rs.metadata.name, replicasOf(rs) + proportion);
      deploymentReplicasAdded += proportion;
    } else {
      nameToSize.set(rs.metadata.name, replicasOf(rs));
    }
  }
  allRSs.forEach((rs, i) => {
    // The leftover goes to the largest ReplicaSet.
    if (i === 0 && deploymentReplicasToAdd !== 0) {
      const leftover = deploymentReplicasToAdd - deploymentReplicasAdded;
      nameToSize.set(rs.metadata.name, Math.max(0, nameToSize.get(rs.metadata.name)! + leftover));
    }
    scaleReplicaSet(dc, rs, nameToSize.get(rs.metadata.name)!, d, scalingOperation);
  });
}

/** scaleReplicaSetAndRecordEvent: scales when the size differs; returns [scaled, the ReplicaSet as written]. */
export function scaleReplicaSetAndRecordEvent(dc: Dc, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/**
 * scaleReplicaSet: writes the size and the desired/max replica annotations when either changed;
 * a size change is recorded as a ScalingReplicaSet event.
 */
function scaleReplicaSet(dc: Dc, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): [boolean, ReplicaSet] {
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const desired = replicasOf(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, desired, desired + maxSurge(d));
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = replicasOf(rs);
  const rsCopy = structuredClone(rs);
  rsCopy.spec.replicas = newScale;
  setReplicasAnnotations(rsCopy, desired, desired + maxSurge(d));
  const written = updateReplicaSet(dc, rsCopy);
  if (sizeNeedsUpdate) {
    event(dc, d, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${written.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, written];
}

/**
 * cleanupDeployment: keeps revisionHistoryLimit old ReplicaSets, deleting the oldest revisions
 * first; a ReplicaSet that still has pods, wants some, or whose spec its controller has not yet
 * seen is spared.
 */
export function cleanupDeployment(dc: Dc, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  let cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable = sortReplicaSets(cleanable, replicaSetsByRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
      || rs.metadata.deletionTimestamp) continue;
    try {
      dc.ctx.api.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name);
    } catch (err) {
      if (!(err instanceof ApiError && err.status.code === 404)) throw err;
    }
  }
}

/** syncDeploymentStatus: writes the calculated status when it differs. */
export function syncDeploymentStatus(dc: Dc, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.ctx.now());
  if (statusEqual(statusOf(d), newStatus)) return;
  d.status = toStoredStatus(newStatus);
  updateDeploymentStatus(dc, d);
}

/**
 * calculateStatus: counts from the ReplicaSets' status (updated = the new one's), and the
 * Available condition: at least replicas - maxUnavailable pods available.
 */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatusValue {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = getReplicaCountForReplicaSets(allRSs);
  // More available than desired while scaling down: none unavailable.
  const unavailableReplicas = Math.max(0, totalReplicas - availableReplicas);
  const old = statusOf(d);
  const status: DeploymentStatusValue = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas,
    conditions: old.conditions.map((c) => ({ ...c })),
    ...(old.collisionCount !== undefined ? { collisionCount: old.collisionCount } : {}),
  };
  if (availableReplicas >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/**
 * isScalingEvent: an active ReplicaSet was sized for another deployment size (its desired-replicas
 * annotation differs from spec.replicas).
 */
export function isScalingEvent(dc: Dc, d: Deployment, rsList: ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== replicasOf(d)) return true;
  }
  return false;
}
