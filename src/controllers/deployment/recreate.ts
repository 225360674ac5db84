// pkg/controller/deployment/recreate.go (release-1.32): the Recreate strategy. Old ReplicaSets go
// to zero, and only once none of their pods is left running is the new ReplicaSet created and
// scaled to the desired replicas.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { Dc, PodMap } from './deployment.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.js';
import { deploymentComplete, filterActiveReplicaSets, getActualReplicaCountForReplicaSets, replicasOf, statusOf } from './util.js';

/** rolloutRecreate. The pod map is read only when the old ReplicaSets are down to zero. */
export function rolloutRecreate(dc: Dc, d: Deployment, rsList: ReplicaSet[], podMap: () => PodMap): void {
  // No new ReplicaSet yet: creating it now would scale up before the old pods are gone.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);

  if (scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  // Wait for old pods to stop.
  if (oldPodsRunning(newRS, oldRSs, podMap())) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }

  scaleReplicaSetAndRecordEvent(dc, newRS!, replicasOf(d), d);

  if (deploymentComplete(d, statusOf(d))) cleanupDeployment(dc, oldRSs, d);

  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to zero. */
function scaleDownOldReplicaSetsForRecreate(dc: Dc, oldRSs: ReplicaSet[], d: Deployment): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    if (replicasOf(oldRSs[i]) === 0) continue;
    const [scaledRS, updatedRS] = scaleReplicaSetAndRecordEvent(dc, oldRSs[i], 0, d);
    if (scaledRS) {
      oldRSs[i] = updatedRS;
      scaled = true;
    }
  }
  return scaled;
}

/**
 * oldPodsRunning: old ReplicaSets still report pods, or a pod of one of them exists and has not
 * finished (Unknown counts as running: it may be).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [rsUID, pods] of podMap) {
    if (newRS && newRS.metadata.uid === rsUID) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
