// What the workload controllers share, after pkg/controller/controller_utils.go,
// controller_ref_manager.go and pkg/api/v1/pod/util.go: controller references, pod readiness and
// availability, the order in which surplus pods are deleted, slow-start batches, and pods made
// from a template.
import type { Pod, PodTemplateSpec } from '../api/core/pod/schema.js';
import type { LabelSelector as LabelSelectorObject, OwnerReference } from '../api/meta/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import type { EventRecorder } from '../apiserver/events.js';
import { ApiError } from '../apiserver/errors.js';
import { labelSelectorFromObject, labelSelectorMatches } from '../apiserver/selectors.js';
import { parseTime } from '../apiserver/time.js';
import type { ControllerContext } from './controller.js';

/** Reasons of the events a pod-owning controller records (and of its ReplicaFailure condition). */
export const FailedCreatePodReason = 'FailedCreate';
export const SuccessfulCreatePodReason = 'SuccessfulCreate';
export const FailedDeletePodReason = 'FailedDelete';
export const SuccessfulDeletePodReason = 'SuccessfulDelete';

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The annotation that ranks pods of one owner for deletion (core.PodDeletionCost). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** cache.SplitMetaNamespaceKey for a namespaced `ns/name` key. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

// --- controller references ------------------------------------------------------------------

/** metav1.GetControllerOf: the owner reference with controller: true. */
export function getControllerOf(obj: { metadata: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef, its fields in the order the API serialises them. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * The controller a reference points at, or undefined when the Kind differs, nothing by that name
 * exists, or what exists is another object of that name (a different UID).
 */
export function resolveControllerRef<T extends KubeObject>(api: Api, resource: string, kind: string,
  namespace: string | undefined, ref: OwnerReference): T | undefined {
  if (ref.kind !== kind) return undefined;
  const owner = api.tryGet<T>(resource, namespace, ref.name);
  return owner && owner.metadata.uid === ref.uid ? owner : undefined;
}

// --- label selectors ------------------------------------------------------------------------

/**
 * metav1.LabelSelectorAsSelector as a predicate over labels: a nil selector matches nothing, an
 * empty one everything; undefined when the selector does not convert (bad operator, key or value).
 */
export function selectorMatcher(sel: LabelSelectorObject | null | undefined):
  ((labels: Readonly<Record<string, string>> | undefined) => boolean) | undefined {
  try {
    const compiled = labelSelectorFromObject(sel);
    return (labels) => labelSelectorMatches(compiled, labels);
  } catch {
    return undefined;
  }
}

/** Whether the selector selects nothing or everything (labels.Selector.Empty()). */
export function selectorIsEmpty(sel: LabelSelectorObject | null | undefined): boolean {
  if (!sel) return false;
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

// --- pod state ------------------------------------------------------------------------------

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** controller.FilterActivePods. */
export function filterActivePods(pods: Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/** podutil.GetPodReadyCondition. */
export function getPodReadyCondition(pod: Pod): NonNullable<NonNullable<Pod['status']>['conditions']>[number] | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds. The Ready condition's
 * lastTransitionTime has second precision and the comparison is strict, as upstream's Before().
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/**
 * The first virtual millisecond at which a ready pod counts as available, so a controller can
 * requeue itself for that moment; undefined when the pod is not ready (its next Ready change
 * wakes the controller anyway).
 */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isPodReady(pod)) return undefined;
  if (!minReadySeconds) return 0;
  const since = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** The pod's Ready=True transition time; 0 (Go's zero time) when not ready. */
export function podReadyTime(pod: Pod): number {
  if (!isPodReady(pod)) return 0;
  return parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime) ?? 0;
}

/** helper.GetDeletionCostFromPodAnnotations: 0 when unset or not a valid int32. */
export function getDeletionCostFromPodAnnotations(annotations: Readonly<Record<string, string>> | undefined): number {
  const value = annotations?.[POD_DELETION_COST];
  if (value === undefined) return 0;
  // "+10" and "008" are not valid; strconv.ParseInt takes the rest.
  const first = value[0];
  if (!(first === '-' || value === '0' || (first >= '1' && first <= '9'))) return 0;
  if (!/^-?\d+$/.test(value)) return 0;
  const n = Number(value);
  return n > 2147483647 || n < -2147483648 ? 0 : n;
}

/** The highest restart count of the regular containers, then of the sidecars (restartable init containers). */
function maxContainerRestarts(pod: Pod): [regular: number, sidecar: number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount);
  return [regular, sidecar];
}

/** compareMaxContainerRestarts: true when i restarted more, false when j did, undefined on a tie. */
function compareMaxContainerRestarts(i: Pod, j: Pod): boolean | undefined {
  const [ri, si] = maxContainerRestarts(i);
  const [rj, sj] = maxContainerRestarts(j);
  if (ri !== rj) return ri > rj;
  if (si !== sj) return si > sj;
  return undefined;
}

// --- the deletion order ---------------------------------------------------------------------

const podPhaseToOrdinal: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (pod: Pod) => podPhaseToOrdinal[pod.status?.phase ?? ''] ?? 0;

/** afterOrZero: whether t1 is after t2, a zero time counting as after any other. */
export function afterOrZero(t1: number, t2: number): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

/** logarithmicRankDiff: the difference of the base-2 logarithms of the two ages, in nanoseconds. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.trunc(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/**
 * The pods of one owner with, for each, the number of active related pods on its node, and the
 * reference time for the logarithmic comparisons (controller.ActivePodsWithRanks).
 */
export interface ActivePodsWithRanks {
  pods: Pod[];
  rank: number[];
  /** Virtual ms; 0 compares times without scaling. */
  now: number;
}

/**
 * ActivePodsWithRanks.Less: whether pod i is preferred for deletion over pod j.
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost; 5. more related pods on the same node; 6. ready for less time
 * (in logarithmic buckets, ties broken by UID); 7. more restarts; 8. newer (logarithmic, UID).
 */
export function activePodsWithRanksLess(s: ActivePodsWithRanks, i: number, j: number): boolean {
  const pi = s.pods[i];
  const pj = s.pods[j];
  const ni = pi.spec.nodeName ?? '';
  const nj = pj.spec.nodeName ?? '';
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  if (phaseOrdinal(pi) !== phaseOrdinal(pj)) return phaseOrdinal(pi) < phaseOrdinal(pj);
  const readyI = isPodReady(pi);
  const readyJ = isPodReady(pj);
  if (readyI !== readyJ) return !readyI;
  const costI = getDeletionCostFromPodAnnotations(pi.metadata.annotations);
  const costJ = getDeletionCostFromPodAnnotations(pj.metadata.annotations);
  if (costI !== costJ) return costI < costJ;
  if (s.rank[i] !== s.rank[j]) return s.rank[i] > s.rank[j];
  if (readyI && readyJ) {
    const t1 = podReadyTime(pi);
    const t2 = podReadyTime(pj);
    if (t1 !== t2) {
      if (!s.now || !t1 || !t2) return afterOrZero(t1, t2);
      const diff = logarithmicRankDiff(t1, t2, s.now);
      if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
      return diff < 0;
    }
  }
  const restarts = compareMaxContainerRestarts(pi, pj);
  if (restarts !== undefined) return restarts;
  const c1 = parseTime(pi.metadata.creationTimestamp) ?? 0;
  const c2 = parseTime(pj.metadata.creationTimestamp) ?? 0;
  if (c1 !== c2) {
    if (!s.now || !c1 || !c2) return afterOrZero(c1, c2);
    const diff = logarithmicRankDiff(c1, c2, s.now);
    if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
    return diff < 0;
  }
  return false;
}

/**
 * sort.Sort(ActivePodsWithRanks): the pods (and their ranks) in deletion order, first to go
 * first. Pods that compare equal keep their given order; upstream's order for them is whatever
 * its informer cache's map iteration gave.
 */
export function sortActivePodsWithRanks(s: ActivePodsWithRanks): ActivePodsWithRanks {
  const idx = s.pods.map((_, i) => i);
  idx.sort((a, b) => (activePodsWithRanksLess(s, a, b) ? -1 : activePodsWithRanksLess(s, b, a) ? 1 : 0));
  return { pods: idx.map((i) => s.pods[i]), rank: idx.map((i) => s.rank[i]), now: s.now };
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: each pod ranked by how many active related pods share its
 * node (related pods: those of every ReplicaSet with the same controller, a superset of podsToRank).
 */
export function getPodsRankedByRelatedPodsOnSameNode(podsToRank: Pod[], relatedPods: Pod[], now: number): ActivePodsWithRanks {
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return { pods: [...podsToRank], rank: podsToRank.map((p) => podsOnNode.get(p.spec.nodeName ?? '') ?? 0), now };
}

/** getPodsToDelete: the `diff` pods to delete first; no sorting when all of them go. */
export function getPodsToDelete(filteredPods: Pod[], relatedPods: Pod[], diff: number, now: number): Pod[] {
  if (diff < filteredPods.length) {
    return sortActivePodsWithRanks(getPodsRankedByRelatedPodsOnSameNode(filteredPods, relatedPods, now)).pods.slice(0, diff);
  }
  return filteredPods.slice(0, diff);
}

// --- creating pods --------------------------------------------------------------------------

/**
 * slowStartBatch: calls fn `count` times in batches of 1, 2, 4, ...; a batch with a failure ends
 * the run after the whole batch was tried. Returns the successes and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let first: { error: unknown } | undefined;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (error) {
        first ??= { error };
      }
    }
    if (first) return { successes, error: first.error };
    remaining -= batch;
  }
  return { successes };
}

/** getPodsPrefix: `<owner>-`, or the bare name when the dash would make it an invalid pod name. */
export function getPodsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  // ValidatePodName(prefix, prefix=true) only fails on length or characters, which the owner's
  // own name already passed; the dash never breaks a DNS-1123 subdomain prefix.
  return prefix.length > 253 ? controllerName : prefix;
}

/**
 * controller.GetPodFromTemplate: a pod with the template's labels, annotations, finalizers and
 * spec, named by generateName after its owner, and carrying the controller reference.
 */
export function getPodFromTemplate(template: PodTemplateSpec, parent: KubeObject, controllerRef?: OwnerReference): Pod {
  const tm = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: getPodsPrefix(parent.metadata.name),
      namespace: parent.metadata.namespace,
      ...(tm.labels ? { labels: { ...tm.labels } } : {}),
      ...(tm.annotations ? { annotations: { ...tm.annotations } } : {}),
      ...(controllerRef ? { ownerReferences: [{ ...controllerRef }] } : {}),
      ...(tm.finalizers ? { finalizers: [...tm.finalizers] } : {}),
    } as Pod['metadata'],
    spec: structuredClone(template.spec),
  };
  return pod;
}

/**
 * RealPodControl.createPods: creates the pod and records SuccessfulCreate on its owner, or
 * FailedCreate (except in a namespace being terminated) and rethrows.
 */
export function createPodWithEvents(api: Api, recorder: EventRecorder, owner: KubeObject, pod: Pod, component: string): KubeObject {
  let created: KubeObject;
  try {
    created = api.create<KubeObject>('pods', pod as unknown as KubeObject);
  } catch (err) {
    if (!isNamespaceTerminatingError(err)) {
      recorder.event(owner, 'Warning', FailedCreatePodReason, `Error creating: ${errorMessage(err)}`, { component });
    }
    throw err;
  }
  recorder.event(owner, 'Normal', SuccessfulCreatePodReason, `Created pod: ${created.metadata.name}`, { component });
  return created;
}

/**
 * RealPodControl.CreatePods: the pod from the owner's template, with its events. Returns the
 * created pod's name.
 */
export function createPodFromTemplate(ctx: Pick<ControllerContext, 'api' | 'recorder'>, owner: KubeObject, template: PodTemplateSpec,
  ref: OwnerReference, component: string): string {
  const pod = getPodFromTemplate(template, owner, ref);
  if (!Object.keys(pod.metadata.labels ?? {}).length) throw new Error('unable to create pods, no labels');
  return createPodWithEvents(ctx.api, ctx.recorder, owner, pod, component).metadata.name;
}

/** apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause). */
export function isNamespaceTerminatingError(err: unknown): boolean {
  return err instanceof ApiError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

/** The text of an error as Go's err.Error() gives it: an API error is its Status message. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// --- adopting and releasing -----------------------------------------------------------------

export interface ClaimOptions {
  api: Api;
  /** The owner claiming pods, and how its controller references name it. */
  controller: KubeObject;
  apiVersion: string;
  kind: string;
  /** The owner's selector as a predicate over labels. */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** What is claimed: pods unless told (a DaemonSet claims its ControllerRevisions too). */
  resource?: string;
}

/**
 * PodControllerRefManager.ClaimPods: keeps the pods this controller owns and still selects,
 * releases those it owns but no longer selects, adopts matching orphans. A controller being
 * deleted neither adopts nor releases. Returns the claimed pods and the errors met.
 */
export function claimPods<T extends Pick<Pod, 'metadata'> = Pod>(o: ClaimOptions, pods: T[]): { claimed: T[]; errors: unknown[] } {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  const deleting = !!o.controller.metadata.deletionTimestamp;
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    try {
      if (ref) {
        if (ref.uid !== o.controller.metadata.uid) continue;
        if (o.matches(pod.metadata.labels)) {
          claimed.push(pod);
          continue;
        }
        if (deleting) continue;
        releasePod(o, pod);
        continue;
      }
      if (deleting || !o.matches(pod.metadata.labels)) continue;
      if (pod.metadata.deletionTimestamp) continue;
      if (o.controller.metadata.namespace && o.controller.metadata.namespace !== pod.metadata.namespace) continue;
      claimed.push(adoptPod(o, pod));
    } catch (err) {
      if (err instanceof ApiError && err.status.code === 404) continue;
      errors.push(err);
    }
  }
  return { claimed, errors };
}

/** AdoptPod: adds this controller's reference to an orphan. */
function adoptPod<T extends Pick<Pod, 'metadata'>>(o: ClaimOptions, pod: T): T {
  const ref = newControllerRef(o.controller, o.apiVersion, o.kind);
  const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid);
  return o.api.update<KubeObject>(o.resource ?? 'pods', { ...pod, metadata: { ...pod.metadata, ownerReferences: [...refs, ref] } } as unknown as KubeObject) as unknown as T;
}

/** ReleasePod: removes this controller's reference; a pod already gone or changed is left alone. */
function releasePod(o: ClaimOptions, pod: Pick<Pod, 'metadata'>): void {
  const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.controller.metadata.uid);
  const metadata = { ...pod.metadata, ownerReferences: refs };
  if (!refs.length) delete (metadata as { ownerReferences?: OwnerReference[] }).ownerReferences;
  try {
    o.api.update<KubeObject>(o.resource ?? 'pods', { ...pod, metadata } as unknown as KubeObject);
  } catch (err) {
    if (err instanceof ApiError && (err.status.code === 404 || err.status.code === 422)) return;
    throw err;
  }
}
