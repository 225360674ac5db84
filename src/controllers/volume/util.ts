// What the volume controllers and the scheduler's VolumeBinding plugin share
// (pkg/controller/volume/persistentvolume/util and component-helpers/storage/volume, release-1.32):
// the binding annotations, the claim's class and binding mode, and FindMatchingVolume.
import type { PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import type { Node } from '../../api/core/node/schema.js';
import type { KubeObject } from '../../api/object.js';
import type { Api } from '../../apiserver/api.js';
import { persistentVolumeClaimClass, persistentVolumeClass } from '../../api/core/persistentvolume/util.js';
import { VOLUME_BINDING_WAIT } from '../../api/storage/storageclass/util.js';
import { labelSelectorMatches } from '../../api/apps/label-selector.js';
import { cmpQuantity, parseQuantity } from '../../api/quantity.js';
import { compileNodeSelector } from '../../scheduler/node-affinity.js';

export const PV_RESOURCE = 'persistentvolumes';
export const PVC_RESOURCE = 'persistentvolumeclaims';
export const SC_RESOURCE = 'storageclasses.storage.k8s.io';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';

/** The persistentvolume-controller's resync period (--pvclaimbinder-sync-period). */
export const PV_RESYNC_MS = 15_000;

export const claimKey = (c: { metadata: { namespace?: string; name: string } }) => `${c.metadata.namespace ?? 'default'}/${c.metadata.name}`;

/** The claim a `ns/name` key names, if it is still there. */
export function claimByKey(api: Pick<Api, 'tryGet'>, key: string): PersistentVolumeClaim | undefined {
  const i = key.indexOf('/');
  return api.tryGet<KubeObject>(PVC_RESOURCE, key.slice(0, i), key.slice(i + 1)) as unknown as PersistentVolumeClaim | undefined;
}

export function volumeByName(api: Pick<Api, 'tryGet'>, name: string): PersistentVolume | undefined {
  return api.tryGet<KubeObject>(PV_RESOURCE, undefined, name) as unknown as PersistentVolume | undefined;
}

/** The volume controllers' work keys: `claim:ns/name` and `volume:name`. */
export const CLAIM_KEY = 'claim:';
export const VOLUME_KEY = 'volume:';

/** Runs the sync of the claim or volume a key names, if it is still there. */
export function syncByKey(api: Pick<Api, 'tryGet'>, key: string, onClaim: (c: PersistentVolumeClaim) => void,
  onVolume: (pv: PersistentVolume) => void): void {
  if (key.startsWith(CLAIM_KEY)) {
    const claim = claimByKey(api, key.slice(CLAIM_KEY.length));
    if (claim) onClaim(claim);
  } else if (key.startsWith(VOLUME_KEY)) {
    const pv = volumeByName(api, key.slice(VOLUME_KEY.length));
    if (pv) onVolume(pv);
  }
}

/** The class a claim asks for, or undefined when it names none that exists. */
export function claimStorageClass(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): StorageClass | undefined {
  const name = persistentVolumeClaimClass(claim);
  return name ? classes.find((c) => c.metadata.name === name) : undefined;
}

/** IsDelayBindingMode: the claim's class binds when a pod using it is scheduled. */
export function isDelayBindingMode(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): boolean {
  return claimStorageClass(claim, classes)?.volumeBindingMode === VOLUME_BINDING_WAIT;
}

/** A volume's claimRef names this claim (by uid when the ref has one). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== (claim.metadata.namespace ?? 'default')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

const containsAll = (have: readonly string[] | undefined, want: readonly string[] | undefined) =>
  (want ?? []).every((m) => (have ?? []).includes(m));

/** The volume's node affinity admits the node (CheckNodeAffinity). */
export function volumeFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return compileNodeSelector(terms)(node);
}

/**
 * FindMatchingVolume: a volume pre-bound to the claim wins; else the smallest Available-to-bind
 * volume of the claim's class, mode and access modes, that its selector picks and is at least as
 * big as asked. With delayBinding and no node, only pre-bound volumes count (the scheduler picks
 * the rest); with a node, the volume must be usable there.
 */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], node: Node | undefined,
  delayBinding: boolean): PersistentVolume | undefined {
  const requested = parseQuantity(claim.spec?.resources?.requests?.storage ?? 0);
  const requestedClass = persistentVolumeClaimClass(claim);
  const claimMode = claim.spec?.volumeMode ?? 'Filesystem';
  let best: PersistentVolume | undefined;
  let bestSize: ReturnType<typeof parseQuantity> | undefined;
  for (const pv of volumes) {
    const size = parseQuantity(pv.spec?.capacity?.storage ?? 0);
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== claimMode) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (node && !volumeFitsNode(pv, node)) continue;
    if (isVolumeBoundToClaim(pv, claim)) {
      if (cmpQuantity(size, requested) < 0) continue;
      return pv;
    }
    if (node === undefined && delayBinding) continue;
    if (pv.spec?.claimRef) continue;
    if (persistentVolumeClass(pv) !== requestedClass) continue;
    if (claim.spec?.selector && !labelSelectorMatches(claim.spec.selector, pv.metadata.labels ?? {})) continue;
    if (!containsAll(pv.spec?.accessModes, claim.spec?.accessModes)) continue;
    if (cmpQuantity(size, requested) < 0) continue;
    if (!bestSize || cmpQuantity(size, bestSize) < 0) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}
