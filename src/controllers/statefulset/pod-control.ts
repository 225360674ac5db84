// StatefulPodControl (pkg/controller/statefulset/stateful_pod_control.go, release-1.32): the writes
// the StatefulSet controller makes for a pod — its claims before it, the pod itself, label
// repairs, deletion — each with the Event upstream records on the set, and the owner references
// that carry persistentVolumeClaimRetentionPolicy out to the garbage collector.
import type { StatefulSet } from '../../api/apps/statefulset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { OwnerReference } from '../../api/meta/schema.js';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { ControllerContext } from '../controller.js';
import { errorMessage, getControllerOf, newControllerRef } from '../controller-utils.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import { getPersistentVolumeClaims, podInOrdinalRange, updateIdentity, updateStorage } from './util.js';

export const COMPONENT = 'statefulset-controller';
const CLAIMS = 'persistentvolumeclaims';


const title = (verb: string) => verb[0].toUpperCase() + verb.slice(1);

/** recordPodEvent: `create Pod web-0 in StatefulSet web successful`, or the failure. */
function recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err: unknown, ctx: ControllerContext): void {
  const owner = set as unknown as KubeObject;
  if (err === undefined) {
    ctx.recorder.event(owner, 'Normal', `Successful${title(verb)}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, { component: COMPONENT });
  } else {
    ctx.recorder.event(owner, 'Warning', `Failed${title(verb)}`,
      `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(err)}`, { component: COMPONENT });
  }
}

/** recordClaimEvent: `create Claim www-web-0 Pod web-0 in StatefulSet web success`, or the failure. */
function recordClaimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err: unknown, ctx: ControllerContext): void {
  const owner = set as unknown as KubeObject;
  if (err === undefined) {
    ctx.recorder.event(owner, 'Normal', `Successful${title(verb)}`,
      `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, { component: COMPONENT });
  } else {
    ctx.recorder.event(owner, 'Warning', `Failed${title(verb)}`,
      `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(err)}`, { component: COMPONENT });
  }
}

const isNotFound = (err: unknown) => err instanceof ApiError && err.status.code === 404;
const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.status.code === 409;

function getClaim(namespace: string | undefined, name: string, ctx: ControllerContext): PersistentVolumeClaim | undefined {
  return ctx.api.tryGet<KubeObject>(CLAIMS, namespace, name) as unknown as PersistentVolumeClaim | undefined;
}

/** createPersistentVolumeClaims: each missing claim of the pod; errors joined as an aggregate. */
function createPersistentVolumeClaims(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  const errs: string[] = [];
  for (const claim of getPersistentVolumeClaims(set, pod).values()) {
    const existing = getClaim(claim.metadata.namespace, claim.metadata.name, ctx);
    if (!existing) {
      try {
        ctx.api.create<KubeObject>(CLAIMS, claim as unknown as KubeObject);
        recordClaimEvent('create', set, pod, claim, undefined, ctx);
      } catch (err) {
        errs.push(`failed to create PVC ${claim.metadata.name}: ${errorMessage(err)}`);
        if (!isAlreadyExists(err)) recordClaimEvent('create', set, pod, claim, err, ctx);
      }
    } else if (existing.metadata.deletionTimestamp) {
      errs.push(`pvc ${claim.metadata.name} is being deleted`);
    }
  }
  if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

/** CreateStatefulPod: the claims, then the pod, then the claims' retention owner references. */
export function createStatefulPod(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  try {
    createPersistentVolumeClaims(set, pod, ctx);
  } catch (err) {
    recordPodEvent('create', set, pod, err, ctx);
    throw err;
  }
  let created = pod;
  try {
    created = ctx.api.create<KubeObject>('pods', pod as unknown as KubeObject) as unknown as Pod;
  } catch (err) {
    if (isAlreadyExists(err)) throw err;
    recordPodEvent('create', set, pod, err, ctx);
    throw err;
  }
  try {
    updatePodClaimForRetentionPolicy(set, created, ctx);
  } catch (err) {
    recordPodEvent('update', set, pod, err, ctx);
    throw err;
  }
  recordPodEvent('create', set, pod, undefined, ctx);
}

/** createMissingPersistentVolumeClaims: a pending pod whose claim went away gets it back. */
export function createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  createPersistentVolumeClaims(set, pod, ctx);
}

/** DeleteStatefulPod. */
export function deleteStatefulPod(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  try {
    ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
  } catch (err) {
    recordPodEvent('delete', set, pod, err, ctx);
    throw err;
  }
  recordPodEvent('delete', set, pod, undefined, ctx);
}

/**
 * UpdateStatefulPod: repairs the pod's identity labels and its claims' owner references, creating
 * claims that are missing. Only a failure is recorded.
 */
export function updateStatefulPod(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  const fresh = structuredClone(pod);
  const before = JSON.stringify(fresh.metadata);
  updateIdentity(set, fresh);
  try {
    const missing = [...getPersistentVolumeClaims(set, fresh).values()].some((c) => !getClaim(c.metadata.namespace, c.metadata.name, ctx));
    if (missing) {
      // Storage is immutable in a pod: only the claims can be made to match.
      const withStorage = structuredClone(fresh);
      updateStorage(set, withStorage);
      createPersistentVolumeClaims(set, withStorage, ctx);
    }
    updatePodClaimForRetentionPolicy(set, fresh, ctx);
    if (JSON.stringify(fresh.metadata) !== before) ctx.api.update<KubeObject>('pods', fresh as unknown as KubeObject);
  } catch (err) {
    if (isNotFound(err)) return;
    recordPodEvent('update', set, pod, err, ctx);
    throw err;
  }
}

// --- persistentVolumeClaimRetentionPolicy ------------------------------------------------------

const matchesRef = (ref: OwnerReference, owner: { metadata: { name?: string; uid?: string } }, kind: string) =>
  ref.kind === kind && ref.name === owner.metadata.name && ref.uid === owner.metadata.uid;

/** hasUnexpectedController: the claim is controlled by something other than this set or pod. */
function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const ref = getControllerOf(claim as unknown as KubeObject);
  if (!ref) return false;
  return !matchesRef(ref, set, 'StatefulSet') && !matchesRef(ref, pod, 'Pod');
}

/**
 * updateClaimOwnerRefForSetAndPod: the owner references the policy asks for — the set's when
 * claims go with the set, the pod's when a scaled-down pod's claims go with it.
 */
export function claimOwnerRefsForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): OwnerReference[] {
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !matchesRef(r, set, 'StatefulSet') && !matchesRef(r, pod, 'Pod'));
  if (hasUnexpectedController(claim, set, pod)) return refs;
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const whenScaled = policy.whenScaled ?? 'Retain';
  const whenDeleted = policy.whenDeleted ?? 'Retain';
  const scaledDown = !podInOrdinalRange(pod, set);
  const setRef = newControllerRef(set as unknown as KubeObject, 'apps/v1', 'StatefulSet');
  const podRef = newControllerRef(pod as unknown as KubeObject, 'v1', 'Pod');
  if (whenScaled === 'Delete' && scaledDown) refs = [...refs, podRef];
  else if (whenDeleted === 'Delete') refs = [...refs, setRef];
  return refs;
}

const sameRefs = (a: OwnerReference[] | undefined, b: OwnerReference[]) => JSON.stringify(a ?? []) === JSON.stringify(b);

/** ClaimsMatchRetentionPolicy: every existing claim of the pod already has the references the policy asks for. */
export function claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod, ctx: ControllerContext): boolean {
  for (const c of getPersistentVolumeClaims(set, pod).values()) {
    const claim = getClaim(c.metadata.namespace, c.metadata.name, ctx);
    if (claim && !sameRefs(claim.metadata.ownerReferences, claimOwnerRefsForSetAndPod(claim, set, pod))) return false;
  }
  return true;
}

/** UpdatePodClaimForRetentionPolicy. */
export function updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod, ctx: ControllerContext): void {
  for (const c of getPersistentVolumeClaims(set, pod).values()) {
    const claim = getClaim(c.metadata.namespace, c.metadata.name, ctx);
    if (!claim) continue;
    if (hasUnexpectedController(claim, set, pod)) {
      ctx.recorder.event(set as unknown as KubeObject, 'Warning', 'ConflictingController',
        `PersistentVolumeClaim ${claim.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        { component: COMPONENT });
    }
    const refs = claimOwnerRefsForSetAndPod(claim, set, pod);
    if (sameRefs(claim.metadata.ownerReferences, refs)) continue;
    const metadata = { ...claim.metadata, ownerReferences: refs };
    if (!refs.length) delete (metadata as { ownerReferences?: OwnerReference[] }).ownerReferences;
    try {
      ctx.api.update<KubeObject>(CLAIMS, { ...claim, metadata } as unknown as KubeObject);
    } catch (err) {
      throw new Error(`could not update claim ${claim.metadata.name} for delete policy ownerRefs: ${errorMessage(err)}`);
    }
  }
}

/**
 * PodClaimIsStale: with whenScaled: Delete, a claim still owned by an earlier pod of the same name
 * (its garbage collection under way) must go before a new pod may use the name.
 */
export function podClaimIsStale(set: StatefulSet, pod: Pod, ctx: ControllerContext): boolean {
  if ((set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain') === 'Retain') return false;
  for (const c of getPersistentVolumeClaims(set, pod).values()) {
    const claim = getClaim(c.metadata.namespace, c.metadata.name, ctx);
    // hasStaleOwnerRef: a reference to a pod of this name with another UID (a pod not created yet has none).
    if (claim?.metadata.ownerReferences?.some((r) => r.kind === 'Pod' && r.name === pod.metadata.name && r.uid !== pod.metadata.uid)) return true;
  }
  return false;
}
