// The deployment controller: pkg/controller/deployment/deployment_controller.go (release-1.32).
// Handlers turn Deployment, ReplicaSet and Pod changes into keys; syncDeployment does the work,
// through sync.ts (scaling, status, history), rolling.ts, recreate.ts, rollback.ts and progress.ts.
//
// Keys: `ns/name` for a Deployment. A change that must first be traced back to its deployments
// carries a prefix and is resolved at reconcile time, against the same state the handler would
// have read: `replicaset:ns/name` (an orphan ReplicaSet: every deployment selecting it) and
// `pod:ns/replicaset/uid` (a deleted pod: a Recreate deployment waiting for its last old pod).
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { OwnerReference } from '../../api/meta/schema.js';
import type { WatchEvent } from '../../store/store.js';
import type { Controller, ControllerContext } from '../controller.js';
import {
  errorMessage, getControllerOf, isNamespaceTerminatingError, newControllerRef, resolveControllerRef, selectorIsEmpty,
  selectorMatcher,
} from '../controller-utils.js';
import { rolloutRecreate } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { statusOf, toStoredStatus, type DeploymentStatusValue } from './util.js';

export const DEPLOYMENTS = 'deployments.apps';
export const REPLICASETS = 'replicasets.apps';
export const CONTROLLER_NAME = 'deployment-controller';
const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

/** maxRetries: how many times a failing deployment is retried before it is dropped from the queue. */
const MAX_RETRIES = 15;
/** workqueue.DefaultTypedControllerRateLimiter: 5 ms doubling per failure, capped at 1000 s. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;
const requeuesKey = (key: string) => `${CONTROLLER_NAME}/requeues/${key}`;

/** The controller's view of one sync: the context, and the queue key the sync runs for. */
export interface Dc {
  ctx: ControllerContext;
  key: string;
  /** The resourceVersion the sync started from: events name the deployment as the sync read it. */
  resourceVersion?: string;
}

/** The pods of a deployment grouped by the UID of the ReplicaSet that owns them (getPodMapForDeployment). */
export type PodMap = Map<string, Pod[]>;

export const deploymentController: Controller = {
  name: 'deployment',
  watches: [DEPLOYMENTS, REPLICASETS, 'pods'],
  keysFor,
  reconcile(key, ctx) {
    if (key.startsWith('replicaset:')) {
      for (const d of deploymentsForOrphan(ctx, key.slice('replicaset:'.length))) processKey(ctx, keyOf(d));
      return;
    }
    if (key.startsWith('pod:')) {
      const d = recreateDeploymentWithoutPods(ctx, key.slice('pod:'.length));
      if (d) processKey(ctx, keyOf(d));
      return;
    }
    processKey(ctx, key);
  },
};

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

function keysFor(ev: WatchEvent): string[] {
  const obj = ev.object;
  const ns = obj.metadata.namespace ?? '';
  if (ev.resource === DEPLOYMENTS) return [keyOf(obj)];
  if (ev.resource === REPLICASETS) {
    // addReplicaSet / updateReplicaSet / deleteReplicaSet: the owning deployment, or for an orphan
    // every deployment that might adopt it (none while it is being deleted).
    const ref = getControllerOf(obj);
    if (ref) return ref.kind === 'Deployment' ? [`${ns}/${ref.name}`] : [];
    if (ev.type === 'DELETED' || obj.metadata.deletionTimestamp) return [];
    return [`replicaset:${keyOf(obj)}`];
  }
  // deletePod: only a Recreate rollout waits for pods to be gone.
  if (ev.type !== 'DELETED') return [];
  const ref = getControllerOf(obj);
  return ref?.kind === 'ReplicaSet' ? [`pod:${ns}/${ref.name}/${ref.uid}`] : [];
}

/** getDeploymentsForReplicaSet: deployments in the namespace whose non-empty selector matches the orphan. */
function deploymentsForOrphan(ctx: ControllerContext, rsKey: string): Deployment[] {
  const [ns, name] = rsKey.split('/');
  const rs = ctx.api.tryGet<ReplicaSet>(REPLICASETS, ns, name);
  if (!rs || getControllerOf(rs) || !Object.keys(rs.metadata.labels ?? {}).length) return [];
  return ctx.api.list<Deployment>(DEPLOYMENTS, { namespace: ns }).filter((d) => {
    const matches = selectorMatcher(d.spec.selector);
    return matches && !selectorIsEmpty(d.spec.selector) && matches(rs.metadata.labels);
  });
}

/** deletePod: the Recreate deployment owning the pod's ReplicaSet, when it has no pods left. */
function recreateDeploymentWithoutPods(ctx: ControllerContext, podKey: string): Deployment | undefined {
  const [ns, rsName, rsUid] = podKey.split('/');
  const rs = ctx.api.tryGet<ReplicaSet>(REPLICASETS, ns, rsName);
  if (!rs || rs.metadata.uid !== rsUid) return undefined;
  const ref = getControllerOf(rs);
  if (!ref) return undefined;
  const d = resolveControllerRef<Deployment>(ctx.api, DEPLOYMENTS, 'Deployment', ns, ref);
  if (!d || d.spec.strategy?.type !== 'Recreate') return undefined;
  const rsList = listReplicaSets(ctx, d);
  const podMap = getPodMapForDeployment(ctx, d, rsList);
  let numPods = 0;
  for (const pods of podMap.values()) numPods += pods.length;
  return numPods === 0 ? d : undefined;
}

/** util.ListReplicaSets: the ReplicaSets matching the selector and controlled by the deployment. */
function listReplicaSets(ctx: ControllerContext, d: Deployment): ReplicaSet[] {
  const matches = selectorMatcher(d.spec.selector);
  if (!matches) return [];
  return ctx.api.list<ReplicaSet>(REPLICASETS, { namespace: d.metadata.namespace })
    .filter((rs) => matches(rs.metadata.labels) && getControllerOf(rs)?.uid === d.metadata.uid);
}

/** processNextWorkItem + handleErr: a failed sync is retried with back-off, then dropped. */
function processKey(ctx: ControllerContext, key: string): void {
  const dc: Dc = { ctx, key };
  try {
    syncDeployment(dc, key);
    ctx.store.setMeta(requeuesKey(key), undefined);
  } catch (err) {
    if (isNamespaceTerminatingError(err)) {
      ctx.store.setMeta(requeuesKey(key), undefined);
      return;
    }
    const requeues = Number(ctx.store.getMeta(requeuesKey(key)) ?? '0');
    if (requeues < MAX_RETRIES) {
      ctx.store.setMeta(requeuesKey(key), String(requeues + 1));
      ctx.requeueAt(ctx.now() + Math.min(BASE_DELAY_MS * 2 ** requeues, MAX_DELAY_MS), key);
      return;
    }
    ctx.store.setMeta(requeuesKey(key), undefined);
    if (process.env.MK_DEBUG) process.stderr.write(`deployment ${key}: dropping out of the queue: ${errorMessage(err)}\n`);
  }
}

/** syncDeployment: one pass over a deployment, in upstream's order of precedence. */
export function syncDeployment(dc: Dc, key: string): void {
  const [namespace, name] = key.split('/');
  const found = dc.ctx.api.tryGet<Deployment>(DEPLOYMENTS, namespace, name);
  if (!found) return;
  const d = structuredClone(found);
  dc.resourceVersion = found.metadata.resourceVersion;

  if (d.spec.selector && selectorIsEmpty(d.spec.selector)) {
    event(dc, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status = { ...d.status, observedGeneration: d.metadata.generation };
      dc.ctx.api.updateStatus(DEPLOYMENTS, d);
    }
    return;
  }

  // ReplicaSets owned by this deployment, adopting and releasing by selector.
  const rsList = getReplicaSetsForDeployment(dc, d);

  if (d.metadata.deletionTimestamp) {
    syncStatusOnly(dc, d, rsList);
    return;
  }

  // A Progressing condition of Unknown while paused keeps a resumed deployment from timing out at once.
  checkPausedConditions(dc, d);

  if (d.spec.paused) {
    sync(dc, d, rsList);
    return;
  }

  // Rollback is not re-entrant: nothing else happens until the rollback annotation is cleared.
  if (getRollbackTo(d)) {
    rollback(dc, d, rsList);
    return;
  }

  if (isScalingEvent(dc, d, rsList)) {
    sync(dc, d, rsList);
    return;
  }

  switch (d.spec.strategy?.type ?? 'RollingUpdate') {
    case 'Recreate':
      rolloutRecreate(dc, d, rsList, () => getPodMapForDeployment(dc.ctx, d, rsList));
      return;
    case 'RollingUpdate':
      rolloutRolling(dc, d, rsList);
      return;
    default:
      throw new Error(`unexpected deployment strategy type: ${d.spec.strategy?.type}`);
  }
}

/**
 * getReplicaSetsForDeployment: ClaimReplicaSets over every ReplicaSet in the namespace. Owned and
 * selected: kept. Owned but no longer selected: released. Orphans the selector matches: adopted,
 * unless the deployment (re-read before the first adoption) is being deleted.
 */
function getReplicaSetsForDeployment(dc: Dc, d: Deployment): ReplicaSet[] {
  const all = dc.ctx.api.list<ReplicaSet>(REPLICASETS, { namespace: d.metadata.namespace });
  const matches = selectorMatcher(d.spec.selector);
  if (!matches) throw new Error(`deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector`);
  const claimed: ReplicaSet[] = [];
  const errors: unknown[] = [];
  let canAdopt: boolean | undefined;
  for (const rs of all) {
    const ref = getControllerOf(rs);
    try {
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches(rs.metadata.labels)) {
          claimed.push(rs);
          continue;
        }
        if (d.metadata.deletionTimestamp) continue;
        releaseReplicaSet(dc, d, rs);
        continue;
      }
      if (d.metadata.deletionTimestamp || !matches(rs.metadata.labels) || rs.metadata.deletionTimestamp) continue;
      canAdopt ??= recheckDeletionTimestamp(dc, d);
      claimed.push(adoptReplicaSet(dc, d, rs));
    } catch (err) {
      if (isNotFound(err)) continue;
      errors.push(err);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

/** RecheckDeletionTimestamp: a fresh read of the deployment before adopting anything. */
function recheckDeletionTimestamp(dc: Dc, d: Deployment): boolean {
  const fresh = dc.ctx.api.get<Deployment>(DEPLOYMENTS, d.metadata.namespace, d.metadata.name);
  if (fresh.metadata.uid !== d.metadata.uid) {
    throw new Error(`original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`);
  }
  if (fresh.metadata.deletionTimestamp) {
    throw new Error(`${d.metadata.namespace}/${d.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }
  return true;
}

function adoptReplicaSet(dc: Dc, d: Deployment, rs: ReplicaSet): ReplicaSet {
  const ref = newControllerRef(d, controllerKind.apiVersion, controllerKind.kind) as OwnerReference;
  const refs = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid);
  return dc.ctx.api.update(REPLICASETS, { ...rs, metadata: { ...rs.metadata, ownerReferences: [...refs, ref] } });
}

function releaseReplicaSet(dc: Dc, d: Deployment, rs: ReplicaSet): void {
  const refs = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
  const metadata = { ...rs.metadata, ownerReferences: refs };
  if (!refs.length) delete (metadata as { ownerReferences?: OwnerReference[] }).ownerReferences;
  try {
    dc.ctx.api.update(REPLICASETS, { ...rs, metadata });
  } catch (err) {
    // Already gone, or changed under us (the patch's UID precondition): nothing to release.
    if (isNotFound(err) || (err as { status?: { code?: number } }).status?.code === 422) return;
    throw err;
  }
}

function isNotFound(err: unknown): boolean {
  return (err as { status?: { code?: number } } | undefined)?.status?.code === 404;
}

/**
 * getPodMapForDeployment: the selected pods grouped by owning ReplicaSet (every ReplicaSet of the
 * list has an entry). Inactive pods count too: Recreate waits for old pods that still exist.
 */
export function getPodMapForDeployment(ctx: ControllerContext, d: Deployment, rsList: ReplicaSet[]): PodMap {
  const matches = selectorMatcher(d.spec.selector);
  const podMap: PodMap = new Map(rsList.map((rs) => [rs.metadata.uid!, []]));
  if (!matches) return podMap;
  for (const pod of ctx.api.list<Pod>('pods', { namespace: d.metadata.namespace })) {
    if (!matches(pod.metadata.labels)) continue;
    const ref = getControllerOf(pod);
    if (!ref) continue;
    podMap.get(ref.uid)?.push(pod);
  }
  return podMap;
}

// --- writes --------------------------------------------------------------------------------------

/** dc.eventRecorder.Eventf(d, ...). */
export function event(dc: Dc, d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const involved = { ...d, metadata: { ...d.metadata, resourceVersion: dc.resourceVersion ?? d.metadata.resourceVersion } };
  dc.ctx.recorder.event(involved, type, reason, message, { component: CONTROLLER_NAME });
}

/**
 * Deployments().UpdateStatus(d): the status, and the metadata other than labels, as the
 * deployment status strategy lets through (that is how the revision annotation is written).
 * `d` takes the new resourceVersion.
 */
export function updateDeploymentStatus(dc: Dc, d: Deployment): void {
  const { api } = dc.ctx;
  const written = api.updateStatus(DEPLOYMENTS, { ...d, metadata: { ...d.metadata, resourceVersion: undefined } });
  d.metadata.resourceVersion = written.metadata.resourceVersion;
}

/** Deployments().Update(d): spec and metadata (rollback). */
export function updateDeployment(dc: Dc, d: Deployment): void {
  const written = dc.ctx.api.update(DEPLOYMENTS, { ...d, metadata: { ...d.metadata, resourceVersion: undefined } });
  d.metadata.resourceVersion = written.metadata.resourceVersion;
}

/** ReplicaSets().Update(rs). */
export function updateReplicaSet(dc: Dc, rs: ReplicaSet): ReplicaSet {
  return dc.ctx.api.update(REPLICASETS, { ...rs, metadata: { ...rs.metadata, resourceVersion: undefined } });
}

/** Applies fn to the deployment's status as Go holds it, and stores the result back in `d`. */
export function mutateStatus(d: Deployment, fn: (s: DeploymentStatusValue) => void): void {
  const s = statusOf(d);
  fn(s);
  d.status = toStoredStatus(s);
}
