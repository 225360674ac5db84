// kubectl 1.32's polymorphichelpers/rollout_status.go: what `rollout status` says about one
// observed state of a workload, and whether the rollout is done. Pure; the watch that feeds it
// lives in status.ts. (kubectl 1.32 appends no pod warnings to these messages; later versions do.)
import type { Deployment } from '../../../api/apps/deployment/schema.js';
import type { KubeObject } from '../../../api/object.js';
import { revisionOf } from './deployment-util.js';

export interface StatusResult {
  message: string;
  done: boolean;
}

/** Status(obj, revision): a message and done, or throws the error kubectl returns. */
export type StatusViewer = (obj: KubeObject, revision: number) => StatusResult;

/** deploymentutil.TimedOutReason: the Progressing condition's reason once the deadline passed. */
const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';

export function deploymentStatus(obj: KubeObject, revision: number): StatusResult {
  const d = obj as unknown as Deployment;
  const name = d.metadata.name;
  if (revision > 0) {
    const current = revisionOf(d);
    if (current instanceof Error) throw new Error(`cannot get the revision of deployment "${name}": ${current.message}`);
    if (revision !== current) throw new Error(`desired revision (${revision}) is different from the running revision (${current})`);
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const cond = status.conditions?.find((c) => c.type === 'Progressing');
    if (cond && cond.reason === TIMED_OUT_REASON) throw new Error(`deployment "${name}" exceeded its progress deadline`);
    const updated = status.updatedReplicas ?? 0;
    const replicas = d.spec.replicas;
    if (replicas !== undefined && replicas !== null && updated < replicas) {
      return waiting(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`);
    }
    if ((status.replicas ?? 0) > updated) {
      return waiting(`Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`);
    }
    if ((status.availableReplicas ?? 0) < updated) {
      return waiting(`Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`);
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return waiting('Waiting for deployment spec update to be observed...\n');
}

interface DaemonSetLike {
  metadata: { name: string; generation?: number };
  spec: { updateStrategy?: { type?: string } };
  status?: { observedGeneration?: number; updatedNumberScheduled?: number; desiredNumberScheduled?: number; numberAvailable?: number };
}

export function daemonSetStatus(obj: KubeObject): StatusResult {
  const ds = obj as unknown as DaemonSetLike;
  if (ds.spec.updateStrategy?.type !== 'RollingUpdate') {
    throw new Error('rollout status is only available for RollingUpdate strategy type');
  }
  const s = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const updated = s.updatedNumberScheduled ?? 0;
    const desired = s.desiredNumberScheduled ?? 0;
    if (updated < desired) {
      return waiting(`Waiting for daemon set "${ds.metadata.name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`);
    }
    if ((s.numberAvailable ?? 0) < desired) {
      return waiting(`Waiting for daemon set "${ds.metadata.name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`);
    }
    return { message: `daemon set "${ds.metadata.name}" successfully rolled out\n`, done: true };
  }
  return waiting('Waiting for daemon set spec update to be observed...\n');
}

interface StatefulSetLike {
  metadata: { name: string; generation?: number };
  spec: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: {
    observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number; currentReplicas?: number;
    updateRevision?: string; currentRevision?: string;
  };
}

export function statefulSetStatus(obj: KubeObject): StatusResult {
  const sts = obj as unknown as StatefulSetLike;
  const strategy = sts.spec.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') {
    throw new Error('rollout status is only available for RollingUpdate strategy type');
  }
  const s = sts.status ?? {};
  if (!s.observedGeneration || (sts.metadata.generation ?? 0) > s.observedGeneration) {
    return waiting('Waiting for statefulset spec update to be observed...\n');
  }
  const replicas = sts.spec.replicas;
  if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas) {
    return waiting(`Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`);
  }
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined) {
      if ((s.updatedReplicas ?? 0) < replicas - partition) {
        return {
          message: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`,
          done: false,
        };
      }
    }
    return { message: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) {
    return waiting(`waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision ?? ''}...\n`);
  }
  return { message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ''}...\n`, done: true };
}

function waiting(message: string): StatusResult {
  return { message, done: false };
}

/** StatusViewerFor: by group and kind; undefined where kubectl says "no status viewer has been implemented". */
export function statusViewerFor(group: string, kind: string): StatusViewer | undefined {
  if (group === 'apps' || group === 'extensions') {
    if (kind === 'Deployment') return deploymentStatus;
    if (kind === 'DaemonSet') return daemonSetStatus;
  }
  if (group === 'apps' && kind === 'StatefulSet') return statefulSetStatus;
  return undefined;
}
