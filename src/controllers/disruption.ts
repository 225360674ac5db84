// The disruption controller (pkg/controller/disruption, release-1.32): for each
// PodDisruptionBudget, counts the pods it selects, works out how many must stay healthy (from
// minAvailable, or from maxUnavailable and the scale of the pods' controllers), and writes
// status.currentHealthy/desiredHealthy/expectedPods/disruptionsAllowed, the DisruptionAllowed
// condition and the disruptedPods the eviction subresource recorded, dropping entries whose pod
// was not deleted within DeletionTimeout.
//
// Keys: `ns/name` for a budget; for a pod, its namespace and labels, so a pod's change syncs just
// the budgets that select it, also after the pod is gone (upstream reads a deleted pod's labels
// from the tombstone).
import type { Deployment } from '../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../api/apps/replicaset/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { OwnerReference } from '../api/meta/schema.js';
import { objectKey, type KubeObject } from '../api/object.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../api/policy/poddisruptionbudget/schema.js';
import { DISRUPTION_ALLOWED_CONDITION, SYNC_FAILED_REASON } from '../api/policy/poddisruptionbudget/schema.js';
import { conditionsAreUpToDate, setStatusCondition, updateDisruptionAllowedCondition } from '../api/policy/poddisruptionbudget/conditions.js';
import { labelSelectorAsString, labelSelectorMatches } from '../api/apps/label-selector.js';
import { deepEqual } from '../api/deep-equal.js';
import { ApiError } from '../apiserver/errors.js';
import { formatTime, parseTime } from '../apiserver/time.js';
import type { Controller, ControllerContext } from './controller.js';
import { errorMessage, getControllerOf, isPodReady } from './controller-utils.js';
import { getScaledValueFromIntOrPercent } from './deployment/util.js';

export const PDB_RESOURCE = 'poddisruptionbudgets.policy';
/** The recorder's source for this controller (NewDisruptionController's EventSource). */
const COMPONENT = 'controllermanager';
/** DeletionTimeout: how long an evicted pod may linger before the budget stops counting it as disrupted. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

const LABELS_PREFIX = 'labels:';

export const disruptionController: Controller = {
  name: 'disruption',
  watches: [PDB_RESOURCE, 'pods'],
  keysFor(ev) {
    if (ev.resource === PDB_RESOURCE) return ev.type === 'DELETED' ? [] : [objectKey(ev.object)];
    const ns = ev.object.metadata.namespace ?? '';
    return [`${LABELS_PREFIX}${ns}\n${JSON.stringify(ev.object.metadata.labels ?? {})}`];
  },
  reconcile(key, ctx) {
    if (key.startsWith(LABELS_PREFIX)) {
      const nl = key.indexOf('\n');
      const ns = key.slice(LABELS_PREFIX.length, nl);
      const labels = JSON.parse(key.slice(nl + 1)) as Record<string, string>;
      // getPdbForPod: upstream syncs the first match and warns about the rest; every budget that
      // selects the pod is synced here, which leaves each one's status right.
      for (const pdb of listPdbs(ctx, ns)) if (labelSelectorMatches(pdb.spec?.selector, labels)) sync(pdb, ctx);
      return;
    }
    const i = key.indexOf('/');
    const pdb = ctx.api.tryGet<KubeObject>(PDB_RESOURCE, key.slice(0, i), key.slice(i + 1)) as unknown as PodDisruptionBudget | undefined;
    if (pdb) sync(pdb, ctx);
  },
};

function listPdbs(ctx: ControllerContext, ns: string): PodDisruptionBudget[] {
  return ctx.api.list<KubeObject>(PDB_RESOURCE, { namespace: ns }) as unknown as PodDisruptionBudget[];
}

/** sync: trySync, and failSafe when it fails for any reason but a conflict. */
function sync(pdb: PodDisruptionBudget, ctx: ControllerContext): void {
  try {
    trySync(pdb, ctx);
  } catch (err) {
    if (err instanceof ApiError && err.status.reason === 'Conflict') throw err;
    failSafe(pdb, err, ctx);
  }
}

/** getPodsForPdb: the namespace's pods the selector matches (a nil selector matches none). */
export function getPodsForPdb(pdb: PodDisruptionBudget, pods: readonly Pod[]): Pod[] {
  if (labelSelectorAsString(pdb.spec?.selector) === undefined) throw new Error('invalid label selector');
  return pods.filter((p) => labelSelectorMatches(pdb.spec?.selector, p.metadata.labels));
}

function trySync(pdb: PodDisruptionBudget, ctx: ControllerContext): void {
  const all = ctx.api.list<KubeObject>('pods', { namespace: pdb.metadata.namespace }) as unknown as Pod[];
  const pods = getPodsForPdb(pdb, all);
  const obj = pdb as unknown as KubeObject;
  if (pods.length === 0) ctx.recorder.event(obj, 'Normal', 'NoPods', 'No matching pods found', { component: COMPONENT });
  let expected: ExpectedPods;
  try {
    expected = getExpectedPodCount(pdb, pods, ctx);
  } catch (err) {
    ctx.recorder.event(obj, 'Warning', 'CalculateExpectedPodCountFailed',
      `Failed to calculate the number of expected pods: ${errorMessage(err)}`, { component: COMPONENT });
    throw err;
  }
  if (expected.unmanagedPods.length) {
    ctx.recorder.event(obj, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${goSelectorPointer(pdb)}) were found `
      + 'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. '
      + 'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.', { component: COMPONENT });
  }
  const now = ctx.now();
  const { disruptedPods, recheckTime } = buildDisruptedPodMap(pods, pdb, now, ctx);
  const currentHealthy = countHealthyPods(pods, disruptedPods, now);
  updatePdbStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disruptedPods, ctx);
  if (recheckTime !== undefined) ctx.requeueAt(recheckTime, objectKey(obj));
}

/** `%v` of the *LabelSelector in the UnmanagedPods message: its generated String(). */
function goSelectorPointer(pdb: PodDisruptionBudget): string {
  const sel = pdb.spec?.selector;
  if (!sel) return '<nil>';
  const m = sel.matchLabels ?? {};
  const labels = `map[string]string{${Object.keys(m).sort().map((k) => `${k}: ${m[k]},`).join('')}}`;
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:${labels},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

interface ExpectedPods { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] }

/** getExpectedPodCount. */
export function getExpectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], ctx: Pick<ControllerContext, 'api'>): ExpectedPods {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    const { expectedCount, unmanagedPods } = getExpectedScale(pods, ctx);
    const maxUnavailable = getScaledValueFromIntOrPercent(spec.maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanagedPods };
  }
  if (spec.minAvailable !== undefined) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { expectedCount, unmanagedPods } = getExpectedScale(pods, ctx);
    return { expectedCount, desiredHealthy: getScaledValueFromIntOrPercent(spec.minAvailable, expectedCount, true), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/**
 * getExpectedScale: the sum of the scales of the pods' controllers, each counted once. Pods
 * without a controller are reported, not counted; a controller no finder knows is an error.
 */
function getExpectedScale(pods: readonly Pod[], ctx: Pick<ControllerContext, 'api'>): { expectedCount: number; unmanagedPods: string[] } {
  const controllerScale = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (controllerScale.has(ref.uid)) continue;
    const ns = pod.metadata.namespace ?? '';
    const found = getPodReplicaSet(ref, ns, ctx) ?? getPodDeployment(ref, ns, ctx);
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    controllerScale.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const n of controllerScale.values()) expectedCount += n;
  return { expectedCount, unmanagedPods };
}

interface ControllerAndScale { uid: string; scale: number }

/** verifyGroupKind for the apps kinds (extensions is accepted as upstream does). */
function isAppsKind(ref: OwnerReference, kind: string): boolean {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return ref.kind === kind && (group === 'apps' || group === 'extensions');
}

function replicaSetOf(ref: OwnerReference, ns: string, ctx: Pick<ControllerContext, 'api'>): ReplicaSet | undefined {
  if (!isAppsKind(ref, 'ReplicaSet')) return undefined;
  const rs = ctx.api.tryGet<KubeObject>('replicasets.apps', ns, ref.name) as unknown as ReplicaSet | undefined;
  return rs && rs.metadata.uid === ref.uid ? rs : undefined;
}

/** getPodReplicaSet: a ReplicaSet not run by a Deployment. */
function getPodReplicaSet(ref: OwnerReference, ns: string, ctx: Pick<ControllerContext, 'api'>): ControllerAndScale | undefined {
  const rs = replicaSetOf(ref, ns, ctx);
  if (!rs || getControllerOf(rs)?.kind === 'Deployment') return undefined;
  return { uid: rs.metadata.uid ?? '', scale: rs.spec.replicas ?? 1 };
}

/** getPodDeployment: the Deployment behind the pod's ReplicaSet. */
function getPodDeployment(ref: OwnerReference, ns: string, ctx: Pick<ControllerContext, 'api'>): ControllerAndScale | undefined {
  const rs = replicaSetOf(ref, ns, ctx);
  const dref = rs && getControllerOf(rs);
  if (!dref || !isAppsKind(dref, 'Deployment')) return undefined;
  const d = ctx.api.tryGet<KubeObject>('deployments.apps', ns, dref.name) as unknown as Deployment | undefined;
  if (!d || d.metadata.uid !== dref.uid) return undefined;
  return { uid: d.metadata.uid ?? '', scale: d.spec.replicas ?? 1 };
}

/**
 * buildDisruptedPodMap: the disruptedPods entries still pending. An entry older than
 * DeletionTimeout whose pod is still there is dropped with a NotDeleted warning (upstream's
 * message names the namespace twice).
 */
function buildDisruptedPodMap(pods: readonly Pod[], pdb: PodDisruptionBudget, now: number, ctx: ControllerContext):
  { disruptedPods: Record<string, string>; recheckTime?: number } {
  const disrupted = pdb.status?.disruptedPods;
  const result: Record<string, string> = {};
  let recheckTime: number | undefined;
  if (!disrupted) return { disruptedPods: result };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name ?? ''];
    if (at === undefined) continue;
    const expectedDeletion = (parseTime(at) ?? 0) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      const ns = pdb.metadata.namespace ?? '';
      ctx.recorder.event(pod as unknown as KubeObject, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`,
        { component: COMPONENT });
    } else {
      if (recheckTime === undefined || expectedDeletion < recheckTime) recheckTime = expectedDeletion;
      result[pod.metadata.name ?? ''] = at;
    }
  }
  return { disruptedPods: result, recheckTime };
}

/** countHealthyPods: ready pods that are neither being deleted nor recently evicted. */
export function countHealthyPods(pods: readonly Pod[], disruptedPods: Readonly<Record<string, string>>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disruptedPods[pod.metadata.name ?? ''];
    if (at !== undefined && (parseTime(at) ?? 0) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** updatePdbStatus: written only when something changed. */
function updatePdbStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedCount: number,
  disruptedPods: Record<string, string>, ctx: ControllerContext): void {
  // A budget that matches no pods yet allows nothing, so its first pods are safe before the
  // controller has counted them.
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const old = pdb.status ?? {};
  const generation = pdb.metadata.generation ?? 0;
  if ((old.currentHealthy ?? 0) === currentHealthy && (old.desiredHealthy ?? 0) === desiredHealthy
    && (old.expectedPods ?? 0) === expectedCount && (old.disruptionsAllowed ?? 0) === disruptionsAllowed
    && deepEqual(old.disruptedPods ?? {}, disruptedPods) && (old.observedGeneration ?? 0) === generation
    && conditionsAreUpToDate(pdb)) return;
  const status: PodDisruptionBudgetStatus = {
    observedGeneration: generation || undefined,
    disruptedPods: Object.keys(disruptedPods).length ? disruptedPods : undefined,
    disruptionsAllowed, currentHealthy, desiredHealthy, expectedPods: expectedCount,
    conditions: structuredClone(old.conditions ?? []),
  };
  updateDisruptionAllowedCondition(status, formatTime(ctx.now()));
  writeStatus(pdb, status, ctx);
}

/** failSafe: a budget that cannot be computed allows no disruptions and says why. */
function failSafe(pdb: PodDisruptionBudget, err: unknown, ctx: ControllerContext): void {
  const status: PodDisruptionBudgetStatus = { ...structuredClone(pdb.status ?? {}), disruptionsAllowed: 0 };
  status.conditions ??= [];
  setStatusCondition(status.conditions, { type: DISRUPTION_ALLOWED_CONDITION, status: 'False', reason: SYNC_FAILED_REASON,
    message: errorMessage(err), observedGeneration: status.observedGeneration }, formatTime(ctx.now()));
  writeStatus(pdb, status, ctx);
}

function writeStatus(pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus, ctx: ControllerContext): void {
  const clean = JSON.parse(JSON.stringify(status)) as PodDisruptionBudgetStatus;
  ctx.api.updateStatus<KubeObject>(PDB_RESOURCE, { ...(pdb as unknown as KubeObject), status: clean });
}
