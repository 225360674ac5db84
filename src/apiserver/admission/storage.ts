// The storage kinds through the admission chain: PersistentVolume and PersistentVolumeClaim
// (pkg/registry/core/persistentvolume{,claim}/strategy.go) and StorageClass
// (pkg/registry/storage/storageclass/strategy.go), release-1.32, with the storage admission
// plugins a kubeadm API server enables: DefaultStorageClass, StorageObjectInUseProtection and
// PersistentVolumeClaimResize. index.ts registers them.
import type { KubeObject } from '../../api/object.js';
import type { AdmissionContext } from './context.js';
import { nameForMessages } from './context.js';
import type { AdmissionPlugin, KindAdmission } from './index.js';
import { forbidden } from '../errors.js';
import { formatTime } from '../time.js';
import { PersistentVolume as PersistentVolumeSchema, type PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import { BETA_STORAGE_CLASS_ANNOTATION, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../../api/core/persistentvolume/util.js';
import { PersistentVolumeClaim as PersistentVolumeClaimSchema, type PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import { StorageClass as StorageClassSchema, type StorageClass } from '../../api/storage/storageclass/schema.js';
import { isDefaultStorageClass } from '../../api/storage/storageclass/util.js';
import { setObjectDefaultsPersistentVolume } from '../../api/core/persistentvolume/defaults.js';
import { setObjectDefaultsPersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/defaults.js';
import { setObjectDefaultsStorageClass } from '../../api/storage/storageclass/defaults.js';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from '../../api/core/persistentvolume/validate.js';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from '../../api/core/persistentvolumeclaim/validate.js';
import { validateStorageClass, validateStorageClassUpdate } from '../../api/storage/storageclass/validate.js';
import { cmpQuantity, parseQuantity } from '../../api/quantity.js';

export const STORAGE_CLASS_RESOURCE = 'storageclasses.storage.k8s.io';

const asPv = (o: KubeObject) => o as unknown as PersistentVolume;
const asPvc = (o: KubeObject) => o as unknown as PersistentVolumeClaim;
const asSc = (o: KubeObject) => o as unknown as StorageClass;

// The VolumeAttributesClass gate is off in 1.32: the field is dropped unless the old object had it.
function dropVolumeAttributesClass(spec: { volumeAttributesClassName?: string } | undefined, old?: { volumeAttributesClassName?: string }): void {
  if (spec && old?.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
}

export const persistentVolumeAdmission: KindAdmission = {
  qualifiedKind: 'PersistentVolume',
  schema: PersistentVolumeSchema,
  defaults: (o) => setObjectDefaultsPersistentVolume(asPv(o)),
  prepareForCreate(o, ctx) {
    const pv = asPv(o);
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: formatTime(ctx.now) };
    dropVolumeAttributesClass(pv.spec);
  },
  prepareForUpdate: (o, old) => dropVolumeAttributesClass(asPv(o).spec, asPv(old).spec),
  validateCreate: (o) => validatePersistentVolume(asPv(o)),
  validateUpdate: (o, old) => validatePersistentVolumeUpdate(asPv(o), asPv(old)),
};

export const persistentVolumeClaimAdmission: KindAdmission = {
  qualifiedKind: 'PersistentVolumeClaim',
  schema: PersistentVolumeClaimSchema,
  defaults: (o) => setObjectDefaultsPersistentVolumeClaim(asPvc(o)),
  // Cleared by the strategy; the v1 defaulting of the stored object makes it Pending.
  prepareForCreate(o) {
    const pvc = asPvc(o);
    pvc.status = { phase: 'Pending' };
    dropVolumeAttributesClass(pvc.spec);
  },
  prepareForUpdate: (o, old) => dropVolumeAttributesClass(asPvc(o).spec, asPvc(old).spec),
  validateCreate: (o) => validatePersistentVolumeClaim(asPvc(o)),
  validateUpdate: (o, old) => validatePersistentVolumeClaimUpdate(asPvc(o), asPvc(old)),
};

export const storageClassAdmission: KindAdmission = {
  qualifiedKind: 'StorageClass.storage.k8s.io',
  schema: StorageClassSchema,
  defaults: (o) => setObjectDefaultsStorageClass(asSc(o)),
  validateCreate: (o) => validateStorageClass(asSc(o)),
  validateUpdate: (o, old) => validateStorageClassUpdate(asSc(o), asSc(old)),
};

/**
 * volumeutil.GetDefaultClass: of the classes annotated as default, the newest (then the first by
 * name), so that adding a new default takes over without removing the old annotation.
 */
export function defaultStorageClass(classes: readonly StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(isDefaultStorageClass);
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')
    || a.metadata.name.localeCompare(b.metadata.name));
  return defaults[0];
}

/** DefaultStorageClass: a claim created without a class (nil, not "") gets the default one. */
export const defaultStorageClassPlugin: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  phase: 'mutating',
  kinds: ['PersistentVolumeClaim'],
  admit(op, o, _old, ctx: AdmissionContext) {
    if (op !== 'create') return;
    const pvc = asPvc(o);
    if (pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined || pvc.spec?.storageClassName !== undefined) return;
    const def = defaultStorageClass((ctx.list?.(STORAGE_CLASS_RESOURCE) ?? []) as unknown as StorageClass[]);
    if (def) (pvc.spec ??= {}).storageClassName = def.metadata.name;
  },
};

/** StorageObjectInUseProtection: the finalizers the protection controllers remove when safe. */
export const storageObjectInUseProtectionPlugin: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  phase: 'mutating',
  kinds: ['PersistentVolume', 'PersistentVolumeClaim'],
  admit(op, o) {
    if (op !== 'create') return;
    const finalizer = o.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
    const finalizers = o.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) o.metadata.finalizers = [...finalizers, finalizer];
  },
};

/** PersistentVolumeClaimResize: growing a claim needs a bound claim of a class that allows expansion. */
export const persistentVolumeClaimResizePlugin: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  phase: 'validating',
  kinds: ['PersistentVolumeClaim'],
  admit(op, o, old, ctx) {
    if (op !== 'update' || !old) return;
    const pvc = asPvc(o);
    const prev = asPvc(old);
    const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage ?? 0);
    const oldSize = parseQuantity(prev.spec?.resources?.requests?.storage ?? 0);
    if (cmpQuantity(newSize, oldSize) <= 0) return;
    const deny = (msg: string) => forbidden(`persistentvolumeclaims "${nameForMessages(pvc.metadata)}" is forbidden: ${msg}`);
    if (prev.status?.phase !== 'Bound') throw deny('Only bound persistent volume claims can be expanded');
    const className = prev.spec?.storageClassName ?? '';
    const sc = className ? ctx.get?.(STORAGE_CLASS_RESOURCE, undefined, className) as StorageClass | undefined : undefined;
    if (!sc?.allowVolumeExpansion) {
      throw deny('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    }
  },
};
