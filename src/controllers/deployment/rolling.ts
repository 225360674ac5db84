// pkg/controller/deployment/rolling.go (release-1.32): the RollingUpdate strategy. Each sync
// either grows the new ReplicaSet (up to replicas + maxSurge pods in all) or shrinks the old ones
// (keeping replicas - maxUnavailable available, unhealthy old pods first), then writes the status.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { Dc } from './deployment.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.js';
import {
  deploymentComplete, filterActiveReplicaSets, getAvailableReplicaCountForReplicaSets, getReplicaCountForReplicaSets,
  maxUnavailable, newRSNewReplicas, replicaSetsByCreationTimestamp, replicasOf, sortReplicaSets, statusOf,
} from './util.js';

/** rolloutRolling. */
export function rolloutRolling(dc: Dc, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];

  // Scale up, if we can.
  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  // Scale down, if we can.
  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  if (deploymentComplete(d, statusOf(d))) cleanupDeployment(dc, oldRSs, d);

  syncRolloutStatus(dc, allRSs, newRS, d);
}

/**
 * reconcileNewReplicaSet: scales the new ReplicaSet toward the desired replicas within the surge
 * allowance (down, if it is above them). True when it scaled.
 */
export function reconcileNewReplicaSet(dc: Dc, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return scaleReplicaSetAndRecordEvent(dc, newRS, replicasOf(d), d)[0];
  const newReplicasCount = newRSNewReplicas(d, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/**
 * reconcileOldReplicaSets: how far the old ReplicaSets may shrink is
 *   maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount
 * (the new ReplicaSet's unavailable pods count against the budget, so a crash-looping new
 * template cannot eat the old pods). Unhealthy old replicas go first, then available ones down to
 * minAvailable. Errors end the step quietly: the next sync tries again.
 */
export function reconcileOldReplicaSets(dc: Dc, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  let cleanupCount: number;
  try {
    [oldRSs, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch {
    return false;
  }
  let scaledDownCount: number;
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...oldRSs, newRS], oldRSs, d);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/**
 * cleanupUnhealthyReplicas: scales old ReplicaSets down by their unavailable replicas, oldest
 * first, at most maxCleanupCount in all (the ReplicaSet controller deletes not-ready pods first,
 * so this does not lower availability). Returns the ReplicaSets as written and the count.
 */
export function cleanupUnhealthyReplicas(dc: Dc, oldRSs: ReplicaSet[], d: Deployment, maxCleanupCount: number): [ReplicaSet[], number] {
  const sorted = sortReplicaSets(oldRSs, replicaSetsByCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < sorted.length; i++) {
    const targetRS = sorted[i];
    if (totalScaledDown >= maxCleanupCount) break;
    if (replicasOf(targetRS) === 0) continue;
    const available = targetRS.status?.availableReplicas ?? 0;
    if (replicasOf(targetRS) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, replicasOf(targetRS) - available);
    const newReplicasCount = replicasOf(targetRS) - scaledDownCount;
    if (newReplicasCount > replicasOf(targetRS)) {
      throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicasOf(targetRS)} -> ${newReplicasCount}`);
    }
    const [, updatedOldRS] = scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    sorted[i] = updatedOldRS;
  }
  return [sorted, totalScaledDown];
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: takes old replicas down, oldest ReplicaSets first, by
 * as many pods as are available beyond minAvailable.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: Dc, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const targetRS of sortReplicaSets(oldRSs, replicaSetsByCreationTimestamp)) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (replicasOf(targetRS) === 0) continue;
    const scaleDownCount = Math.min(replicasOf(targetRS), totalScaleDownCount - totalScaledDown);
    const newReplicasCount = replicasOf(targetRS) - scaleDownCount;
    if (newReplicasCount > replicasOf(targetRS)) {
      throw new Error(`when scaling down old RS, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicasOf(targetRS)} -> ${newReplicasCount}`);
    }
    scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
