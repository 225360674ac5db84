// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, release-1.32): a
// pod is deleted only when every PodDisruptionBudget selecting it allows a disruption. Allowed:
// the budget's disruptionsAllowed goes down by one and the pod is recorded in disruptedPods (the
// disruption controller recounts it), the pod gets the DisruptionTarget condition and is deleted
// gracefully. Refused: 429 TooManyRequests, which clients such as `kubectl drain` retry.
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { PodDisruptionBudget } from '../api/policy/poddisruptionbudget/schema.js';
import { updateDisruptionAllowedCondition } from '../api/policy/poddisruptionbudget/conditions.js';
import { labelSelectorAsString, labelSelectorMatches } from '../api/apps/label-selector.js';
import type { DeleteOptions } from './api.js';
import { ApiError, conflict, forbidden, statusFailure, tooManyRequests } from './errors.js';
import type { ApiServer } from './server.js';
import { formatTime } from './time.js';

const PDB_RESOURCE = 'poddisruptionbudgets.policy';
/** MaxDisruptedPodSize: evictions the disruption controller has not yet confirmed, at most. */
const MAX_DISRUPTED_POD_SIZE = 2000;
/** policyv1.DisruptionBudgetCause. */
const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
export const EVICTION_REFUSED_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The Eviction body's deleteOptions that matter here. */
export type EvictionOptions = Pick<DeleteOptions, 'gracePeriodSeconds' | 'dryRun' | 'resourceVersion'>;

/** canIgnorePDB: a pod that is finished, not yet running, or already going has nothing left to disrupt. */
function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

const isPodReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** getPodDisruptionBudgets: a nil or empty selector matches nothing here, unlike in the controller. */
function getPodDisruptionBudgets(server: ApiServer, pod: Pod): PodDisruptionBudget[] {
  const pdbs = server.list<KubeObject>(PDB_RESOURCE, { namespace: pod.metadata.namespace }) as unknown as PodDisruptionBudget[];
  return pdbs.filter((pdb) => {
    const sel = labelSelectorAsString(pdb.spec?.selector);
    return sel !== undefined && sel !== '' && labelSelectorMatches(pdb.spec?.selector, pod.metadata.labels);
  });
}

function createTooManyRequestsError(name: string): ApiError {
  return tooManyRequests(EVICTION_REFUSED_MESSAGE, 10,
    [{ reason: DISRUPTION_BUDGET_CAUSE, message: `The disruption budget ${name} is still being processed by the server.` }]);
}

/** checkAndDecrement: takes one disruption from the budget, or refuses. */
function checkAndDecrement(server: ApiServer, podName: string, pdb: PodDisruptionBudget, dryRun: boolean, now: number): void {
  const status = structuredClone(pdb.status ?? {});
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw createTooManyRequestsError(pdb.metadata.name);
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) {
    throw forbidden(`poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`);
  }
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw forbidden(`poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  }
  if (allowed === 0) {
    throw tooManyRequests(EVICTION_REFUSED_MESSAGE, 0, [{ reason: DISRUPTION_BUDGET_CAUSE,
      message: `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently` }]);
  }
  status.disruptionsAllowed = allowed - 1;
  if (status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(status, formatTime(now));
  if (dryRun) return;
  status.disruptedPods = { ...status.disruptedPods, [podName]: formatTime(now) };
  server.updateStatus(PDB_RESOURCE, { ...(pdb as unknown as KubeObject), status });
}

/**
 * addConditionAndDeletePod: the DisruptionTarget condition on the latest pod (checked against a
 * resourceVersion precondition), then the delete.
 */
function addConditionAndDeletePod(server: ApiServer, pod: Pod, opts: EvictionOptions, now: number): void {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  let deleteOpts: DeleteOptions = { ...opts };
  if (!opts.dryRun) {
    const latest = server.get<KubeObject>('pods', ns, name) as unknown as Pod;
    if (opts.resourceVersion && opts.resourceVersion !== latest.metadata.resourceVersion) throw conflict('pods', name);
    const conditions = [...(latest.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    const next = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(now),
      reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
    // UpdatePodCondition keeps the transition time while the status stays the same.
    if (i >= 0) conditions[i] = { ...next, lastTransitionTime: conditions[i].status === 'True' ? conditions[i].lastTransitionTime : next.lastTransitionTime };
    else conditions.push(next);
    const updated = server.updateStatus<KubeObject>('pods', { ...(latest as unknown as KubeObject), status: { ...latest.status, conditions } });
    if (opts.resourceVersion) deleteOpts = { ...deleteOpts, resourceVersion: updated.metadata.resourceVersion };
  }
  server.delete('pods', ns, name, deleteOpts);
}

/**
 * EvictionREST.Create for pods/NAME/eviction. Returns when the pod is deleted (gracefully: it may
 * still be Terminating); throws the refusal otherwise.
 */
export function evictPod(server: ApiServer, namespace: string, name: string, opts: EvictionOptions, now: number): void {
  server.store.transaction(() => {
    const pod = server.get<KubeObject>('pods', namespace, name) as unknown as Pod;
    if (canIgnorePDB(pod)) {
      const resourceVersion = opts.resourceVersion ?? (pod.metadata.deletionTimestamp ? undefined : pod.metadata.resourceVersion);
      addConditionAndDeletePod(server, pod, { ...opts, resourceVersion }, now);
      return;
    }
    const pdbs = getPodDisruptionBudgets(server, pod);
    if (pdbs.length > 1) throw statusFailure(500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    let deleteOpts = opts;
    if (pdbs.length === 1) {
      const pdb = pdbs[0];
      const status = pdb.status ?? {};
      let unhealthyMayGo = false;
      if (!isPodReady(pod)) {
        // An unready pod does not count as healthy: deleting it disrupts nothing when the
        // policy says so, or when the budget is met without it.
        unhealthyMayGo = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow'
          || ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0);
      }
      if (unhealthyMayGo) deleteOpts = { ...opts, resourceVersion: opts.resourceVersion ?? pod.metadata.resourceVersion };
      else checkAndDecrement(server, pod.metadata.name ?? name, pdb, !!opts.dryRun, now);
    }
    addConditionAndDeletePod(server, pod, deleteOpts, now);
  });
}
