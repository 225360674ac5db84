// pkg/controller/deployment/progress.go (release-1.32): the status written during a rollout, with
// the Progressing condition (progressed, progressing, timed out) and ReplicaSet failures, and the
// requeue at the progress deadline of a deployment that stopped making progress.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import { parseTime } from '../../apiserver/time.js';
import { updateDeploymentStatus, type Dc } from './deployment.js';
import { calculateStatus } from './sync.js';
import {
  deploymentComplete, deploymentProgressing, deploymentTimedOut, getDeploymentCondition, hasProgressDeadline,
  newDeploymentCondition, NewRSAvailableReason, removeDeploymentCondition, replicaSetToDeploymentCondition,
  ReplicaSetUpdatedReason, setDeploymentCondition, statusEqual, statusOf, TimedOutReason, toStoredStatus,
  type DeploymentStatusValue,
} from './util.js';
import type { DeploymentCondition } from '../../api/apps/deployment/schema.js';

/**
 * syncRolloutStatus: the status of a rolling deployment. Progress is only estimated while a
 * rollout is running (not after it completed with the new ReplicaSet available).
 */
export function syncRolloutStatus(dc: Dc, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = dc.ctx.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);

  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');

  const currentCond = getDeploymentCondition(statusOf(d), 'Progressing');
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === NewRSAvailableReason;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'True', NewRSAvailableReason, msg, now));
    } else if (deploymentProgressing(d, newStatus)) {
      // Progress refreshes lastUpdateTime even when the reason stays the same, which
      // SetDeploymentCondition alone would not do; lastTransitionTime stays while it is True.
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = newDeploymentCondition('Progressing', 'True', ReplicaSetUpdatedReason, msg, now);
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'False', TimedOutReason, msg, now));
    }
  }

  // ReplicaSet failures (the new one's first) become the deployment's ReplicaFailure condition.
  const replicaFailureCond = getReplicaFailures(allRSs, newRS);
  if (replicaFailureCond.length) setDeploymentCondition(newStatus, replicaFailureCond[0]);
  else removeDeploymentCondition(newStatus, 'ReplicaFailure');

  if (statusEqual(statusOf(d), newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = toStoredStatus(newStatus);
  updateDeploymentStatus(dc, d);
}

/** getReplicaFailures: the ReplicaFailure conditions of the new ReplicaSet, else of any. */
function getReplicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const failures = (rs: ReplicaSet) => (rs.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(replicaSetToDeploymentCondition);
  const conditions = newRS ? failures(newRS) : [];
  if (conditions.length) return conditions;
  for (const rs of allRSs) if (rs) conditions.push(...failures(rs));
  return conditions;
}

/**
 * requeueStuckDeployment: a rollout that made no progress in this sync is looked at again when its
 * deadline passes (lastUpdateTime + progressDeadlineSeconds, plus the second upstream adds against
 * clock skew), or at once when that is less than a second away. Returns the delay in ms, 0 for
 * now, -1 for no requeue.
 */
export function requeueStuckDeployment(dc: Dc, d: Deployment, newStatus: DeploymentStatusValue): number {
  const currentCond = getDeploymentCondition(statusOf(d), 'Progressing');
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === TimedOutReason) return -1;
  const now = dc.ctx.now();
  const deadline = (parseTime(currentCond.lastUpdateTime) ?? 0) + d.spec.progressDeadlineSeconds! * 1000;
  const after = deadline - now;
  if (after < 1000) {
    // Upstream requeues at once, rate-limited (every few milliseconds), for as long as this holds.
    // Only the deadline passing can change what those syncs find: one sync just past it does what
    // they would. Once it has passed without a timeout (a complete rollout that lost a pod), time
    // changes nothing more, and the syncs upstream keeps making find nothing to do.
    if (deadline >= now) dc.ctx.requeueAt(deadline + 1, dc.key);
    return 0;
  }
  dc.ctx.requeueAt(now + after + 1000, dc.key);
  return after;
}
