// The StatefulSet's identities and invariants (pkg/controller/statefulset/stateful_set_utils.go,
// release-1.32): pods named `<set>-<ordinal>` with stable hostnames, one claim per volume claim
// template and ordinal, and the revision each pod was made from.
import type { PersistentVolumeClaimTemplate, StatefulSet } from '../../api/apps/statefulset/schema.js';
import type { ControllerRevision } from '../../api/apps/controllerrevision/schema.js';
import type { Pod, Volume } from '../../api/core/pod/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { KubeObject } from '../../api/object.js';
import { getPodFromTemplate, isPodAvailable, isPodReady, newControllerRef } from '../controller-utils.js';
import { getPatch } from '../history.js';

export const STATEFULSETS = 'statefulsets.apps';
/** apps.StatefulSetRevisionLabel (= apps.ControllerRevisionHashLabelKey). */
export const StatefulSetRevisionLabel = 'controller-revision-hash';
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';


const statefulPodRegex = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: the set's name and the ordinal of a pod name, -1 when it has none. */
export function getParentNameAndOrdinal(pod: Pick<Pod, 'metadata'>): { parent: string; ordinal: number } {
  const m = statefulPodRegex.exec(pod.metadata.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  // strconv.ParseInt(.., 10, 32) fails above MaxInt32.
  return ordinal > 2147483647 ? { parent: m[1], ordinal: -1 } : { parent: m[1], ordinal };
}

export const getOrdinal = (pod: Pick<Pod, 'metadata'>) => getParentNameAndOrdinal(pod).ordinal;

/** getStartOrdinal / getEndOrdinal: the ordinals the set's replicas should have. */
export const getStartOrdinal = (set: StatefulSet) => set.spec.ordinals?.start ?? 0;
export const getEndOrdinal = (set: StatefulSet) => getStartOrdinal(set) + (set.spec.replicas ?? 1) - 1;

export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = getOrdinal(pod);
  return ordinal >= getStartOrdinal(set) && ordinal <= getEndOrdinal(set);
}

export const getPodName = (set: StatefulSet, ordinal: number) => `${set.metadata.name}-${ordinal}`;

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export const getPersistentVolumeClaimName = (set: StatefulSet, claim: PersistentVolumeClaimTemplate, ordinal: number) =>
  `${claim.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;

/** isMemberOf: the pod's name says it belongs to this set. */
export const isMemberOf = (set: StatefulSet, pod: Pod) => getParentNameAndOrdinal(pod).parent === set.metadata.name;

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, by template name. */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pick<Pod, 'metadata'>): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const { metadata, ...rest } = structuredClone(template);
    const claim: PersistentVolumeClaim = {
      ...rest, apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        ...metadata, name: getPersistentVolumeClaimName(set, template, ordinal), namespace: set.metadata.namespace,
        labels: { ...metadata?.labels, ...set.spec.selector.matchLabels },
      },
    };
    claims.set(template.metadata?.name ?? '', claim);
  }
  return claims;
}

/** identityMatches: the pod's name, namespace and identity labels are the set's for its ordinal. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  const labels = pod.metadata.labels;
  return ordinal >= 0 && set.metadata.name === parent && pod.metadata.name === getPodName(set, ordinal)
    && pod.metadata.namespace === set.metadata.namespace && labels !== undefined
    && labels[StatefulSetPodNameLabel] === pod.metadata.name && labels[PodIndexLabel] === String(ordinal);
}

/** storageMatches: each claim template's volume names the pod's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const { ordinal } = getParentNameAndOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
  for (const claim of set.spec.volumeClaimTemplates ?? []) {
    const volume = volumes.get(claim.metadata?.name ?? '');
    if (!volume?.persistentVolumeClaim || volume.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)) return false;
  }
  return true;
}

/** updateStorage: claim volumes first (in template order), then the template's other volumes. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  const volumes: Volume[] = [...claims].map(([name, claim]) => ({ name, persistentVolumeClaim: { claimName: claim.metadata.name } }));
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  if (volumes.length) pod.spec.volumes = volumes;
}

/** updateIdentity: the name, namespace and identity labels for the pod's ordinal. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...pod.metadata.labels, [StatefulSetPodNameLabel]: pod.metadata.name, [PodIndexLabel]: String(ordinal) };
}

/** initIdentity: identity, and the hostname and subdomain only a new pod gets. */
function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

/** newStatefulSetPod: the pod of the ordinal from the set's template. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const owner = set as unknown as KubeObject;
  const pod = getPodFromTemplate(set.spec.template, owner, newControllerRef(owner, 'apps/v1', 'StatefulSet'));
  pod.metadata.name = getPodName(set, ordinal);
  initIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

export const getPodRevision = (pod: Pick<Pod, 'metadata'>) => pod.metadata.labels?.[StatefulSetRevisionLabel] ?? '';

function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...pod.metadata.labels, [StatefulSetRevisionLabel]: revision };
}

/**
 * newVersionedStatefulSetPod: below the partition (or, without a rolling update, below the
 * current replica count) a pod is made from the current revision, otherwise from the update one.
 */
export function newVersionedStatefulSetPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const start = getStartOrdinal(currentSet);
  const useCurrent = (strategy?.type === 'RollingUpdate' && !strategy.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0))
    || (strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  return pod;
}

/** ApplyRevision: the set with the revision's template. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = structuredClone(set);
  const spec = revision.data?.spec as { template?: Record<string, unknown> } | undefined;
  const { $patch: _replace, ...template } = structuredClone(spec?.template ?? {});
  clone.spec.template = template as unknown as StatefulSet['spec']['template'];
  return clone;
}

/** The revision data the set's current template gives (getPatch). */
export const statefulSetPatch = (set: StatefulSet) => getPatch(set);

export const isCreated = (pod: Pod) => (pod.status?.phase ?? '') !== '';
export const isPending = (pod: Pod) => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: Pod) => pod.metadata.deletionTimestamp !== undefined;
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, now: number) =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
export const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);

/** allowsBurst: Parallel pod management. */
export const allowsBurst = (set: StatefulSet) => set.spec.podManagementPolicy === 'Parallel';
