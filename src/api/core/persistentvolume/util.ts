// storageutil for volumes and claims (kubectl's pkg/util/storage, pkg/apis/core/helper): phases,
// the class a volume or claim belongs to, access modes as printed. Plain functions, no schemas:
// the get and describe paths use them.

export const VOLUME_PENDING = 'Pending';
export const VOLUME_AVAILABLE = 'Available';
export const VOLUME_BOUND = 'Bound';
export const VOLUME_RELEASED = 'Released';
export const VOLUME_FAILED = 'Failed';

/** Access modes as GetAccessModesAsString prints them: RWO,ROX,RWX,RWOP in that order. */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** The beta annotation that predates spec.storageClassName; it wins when set (GetPersistentVolumeClass). */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export function persistentVolumeClass(pv: { metadata: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } }): string {
  const ann = pv.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  return ann !== undefined ? ann : pv.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function persistentVolumeClaimClass(pvc: { metadata: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } }): string {
  const ann = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  return ann !== undefined ? ann : pvc.spec?.storageClassName ?? '';
}

export const CLAIM_PENDING = 'Pending';
export const CLAIM_BOUND = 'Bound';
export const CLAIM_LOST = 'Lost';

/** The StorageObjectInUseProtection finalizers. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
