// kube-state-metrics v2.14's persistentvolumeclaim families (internal/store/persistentvolumeclaim.go), in its order.
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import { quantityValue } from '../../api/quantity.js';
import { allowListed, bool, conditionMetrics, created, one, unix, wrapped, type ResourceStore } from './family.js';

const claim = wrapped<PersistentVolumeClaim>((p) => [['namespace', 'persistentvolumeclaim'], [p.metadata.namespace ?? '', p.metadata.name]]);

/** getPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName. */
function storageClass(p: PersistentVolumeClaim): string {
  return p.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? p.spec?.storageClassName ?? '';
}

export const persistentVolumeClaimStore: ResourceStore<PersistentVolumeClaim> = {
  resource: 'persistentvolumeclaims',
  storeResource: 'persistentvolumeclaims',
  families: [
    allowListed(claim, 'labels', 'persistentvolumeclaim'),
    allowListed(claim, 'annotations', 'persistentvolumeclaim'),
    claim('kube_persistentvolumeclaim_info', 'Information about persistent volume claim.', true,
      (p) => [one(1, ['storageclass', 'volumename', 'volumemode'], [storageClass(p), p.spec?.volumeName ?? '', p.spec?.volumeMode ?? ''])]),
    claim('kube_persistentvolumeclaim_status_phase', 'The phase the persistent volume claim is currently in.', true, (p) => {
      const phase = p.status?.phase;
      return phase ? ['Lost', 'Bound', 'Pending'].map((n) => one(bool(phase === n), ['phase'], [n])) : [];
    }),
    claim('kube_persistentvolumeclaim_resource_requests_storage_bytes', 'The capacity of storage requested by the persistent volume claim.', true, (p) => {
      const storage = (p.spec?.resources?.requests as Record<string, string> | undefined)?.storage;
      return storage === undefined ? [] : [one(quantityValue(storage))];
    }),
    claim('kube_persistentvolumeclaim_access_mode', 'The access mode(s) specified by the persistent volume claim.', true,
      (p) => (p.spec?.accessModes ?? []).map((m) => one(1, ['access_mode'], [m]))),
    claim('kube_persistentvolumeclaim_status_condition', 'Information about status of different conditions of persistent volume claim.', false,
      (p) => (p.status?.conditions ?? []).flatMap((c) => conditionMetrics(c.status, ['condition', 'status'], [c.type]))),
    claim('kube_persistentvolumeclaim_created', 'Unix creation timestamp', false, created),
    claim('kube_persistentvolumeclaim_deletion_timestamp', 'Unix deletion timestamp', false,
      (p) => (p.metadata.deletionTimestamp ? [one(unix(p.metadata.deletionTimestamp))] : [])),
  ],
};
