// PersistentVolume validation: ValidatePersistentVolume / ValidatePersistentVolumeUpdate of
// pkg/apis/core/validation/validation.go (release-1.32) for the volume sources mk models; the
// others are opaque and only counted as "a volume type".
import { PV_SOURCES, type PersistentVolume, type PersistentVolumeSpec, type VolumeNodeAffinity } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, forbidden, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { cmpQuantity, parseQuantity, quantityValue, formatQuantity } from '../../quantity.js';
import { goQuantityRepr, validateHostPathVolumeSource, validateNodeSelectorTerm, validatePathNoBacksteps } from '../pod/validate.js';
import { goStructDiff } from '../../go-diff.js';
import { deepEqual } from '../../semantic-equal.js';

export const SUPPORTED_ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const SUPPORTED_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
export const SUPPORTED_VOLUME_MODES = ['Block', 'Filesystem'];
const IS_NOT_POSITIVE = 'must be greater than zero';

/** ValidateClassName: a storage class name is a DNS subdomain. */
export const validateClassName = nameIsDNSSubdomain;

/** The access-mode checks PV and PVC specs share. */
export function validateAccessModes(modes: readonly string[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (!SUPPORTED_ACCESS_MODES.includes(mode)) errs.push(notSupported(path, mode, SUPPORTED_ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (SUPPORTED_ACCESS_MODES.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantityValue(value: string | number, path: FieldPath): ErrorList {
  const q = parseQuantity(value);
  return cmpQuantity(q, 0) <= 0 ? [invalid(path, formatQuantity(q), IS_NOT_POSITIVE)] : [];
}

/** ResourceList printed with %#v, as NotSupported shows the capacity map. */
function goResourceList(list: Record<string, string | number> | undefined): GoRepr {
  if (list === undefined) return new GoRepr('core.ResourceList(nil)');
  const entries = Object.keys(list).sort().map((k) => `${JSON.stringify(k)}:${goQuantityRepr(parseQuantity(list[k])).text}`);
  return new GoRepr(`core.ResourceList{${entries.join(', ')}}`);
}

function validateVolumeNodeAffinity(na: VolumeNodeAffinity, path: FieldPath): ErrorList {
  if (!na.required) return [required(path.child('required'), 'must specify required node constraints')];
  const p = path.child('required');
  const terms = na.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(p.child('nodeSelectorTerms'), 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, p.child('nodeSelectorTerms').index(i)));
}

function validateAbsolutePath(target: string, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!target.startsWith('/')) errs.push(invalid(path, target, 'must be an absolute path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

function validateSource(spec: PersistentVolumeSpec, source: (typeof PV_SOURCES)[number], path: FieldPath): ErrorList {
  switch (source) {
    case 'hostPath': return validateHostPathVolumeSource(spec.hostPath!, path);
    case 'local': return spec.local!.path ? validateAbsolutePath(spec.local!.path, path.child('path')) : [required(path.child('path'))];
    case 'nfs': {
      const errs: ErrorList = [];
      if (!spec.nfs!.server) errs.push(required(path.child('server')));
      if (!spec.nfs!.path) errs.push(required(path.child('path')));
      else if (!spec.nfs!.path.startsWith('/')) errs.push(invalid(path.child('path'), spec.nfs!.path, 'must be an absolute path'));
      return errs;
    }
    case 'csi': {
      const errs: ErrorList = [];
      const driver = spec.csi!.driver;
      if (!driver) errs.push(required(path.child('driver')));
      if (driver.length > 63) errs.push({ type: 'FieldValueTooLong', field: path.child('driver').toString(), badValue: '<value omitted>', detail: 'may not be more than 63 bytes' });
      for (const m of nameIsDNSSubdomain(driver.toLowerCase(), false)) errs.push(invalid(path.child('driver'), driver, m));
      if (!spec.csi!.volumeHandle) errs.push(required(path.child('volumeHandle')));
      return errs;
    }
    default: return [];
  }
}

/** ValidatePersistentVolumeSpec for a PersistentVolume object (not an inline spec). */
export function validatePersistentVolumeSpec(spec: PersistentVolumeSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(required(path.child('accessModes')));
  errs.push(...validateAccessModes(modes, path.child('accessModes')));
  const capacity = spec.capacity ?? {};
  const capPath = path.child('capacity');
  if (Object.keys(capacity).length === 0) errs.push(required(capPath));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(notSupported(capPath, goResourceList(spec.capacity), ['storage']));
  for (const name of Object.keys(capacity).sort()) {
    const q = parseQuantity(capacity[name]);
    if (quantityValue(q) < 0) errs.push(invalid(capPath.key(name), quantityValue(q), 'must be a valid resource quantity'));
    errs.push(...validatePositiveQuantityValue(capacity[name], capPath.key(name)));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !SUPPORTED_RECLAIM_POLICIES.includes(policy)) {
    errs.push(notSupported(path.child('persistentVolumeReclaimPolicy'), policy, SUPPORTED_RECLAIM_POLICIES));
  }
  if (spec.nodeAffinity) errs.push(...validateVolumeNodeAffinity(spec.nodeAffinity, path.child('nodeAffinity')));
  let numVolumes = 0;
  for (const source of PV_SOURCES) {
    if (spec[source] === undefined) continue;
    // Upstream names the GCE disk's errors `persistentDisk` and CephFS's `cephfs`.
    const childName = source === 'gcePersistentDisk' ? 'persistentDisk' : source === 'cephfs' ? 'cephfs' : source;
    if (numVolumes > 0 && source !== 'flexVolume') {
      errs.push(forbidden(path.child(source === 'cephfs' ? 'cephFS' : source), 'may not specify more than 1 volume type'));
      continue;
    }
    numVolumes++;
    errs.push(...validateSource(spec, source, path.child(childName)));
    if (source === 'local' && !spec.nodeAffinity) errs.push(required(path.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (numVolumes === 0) errs.push(required(path, 'must specify a volume type'));
  if (spec.hostPath && normalizedPath(spec.hostPath.path) === '/' && policy === 'Recycle') {
    errs.push(forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (spec.storageClassName) {
    for (const m of validateClassName(spec.storageClassName, false)) errs.push(invalid(path.child('storageClassName'), spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !SUPPORTED_VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, SUPPORTED_VOLUME_MODES));
  }
  return errs;
}

/** path.Clean for the one question asked of it: is this the root? */
function normalizedPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return p.startsWith('/') ? `/${parts.join('/')}` : parts.join('/') || '.';
}

/** pkg/volume/validation.ValidatePersistentVolume: a hostPath may not climb out with `..`. */
function validateVolumePathNoBacksteps(pv: PersistentVolume): ErrorList {
  const hp = pv.spec?.hostPath;
  if (!hp?.path) return [];
  return hp.path.split('/').includes('..') ? [invalid(FieldPath.of('spec', 'hostPath', 'path'), hp.path, "must not contain '..'")] : [];
}

export function validatePersistentVolume(pv: PersistentVolume): ErrorList {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validatePersistentVolumeSpec(pv.spec ?? {}, FieldPath.of('spec')));
  errs.push(...validateVolumePathNoBacksteps(pv));
  return errs;
}

const PV_SOURCE_FIELDS: Array<[string, string]> = [
  ['gcePersistentDisk', 'GCEPersistentDisk'], ['awsElasticBlockStore', 'AWSElasticBlockStore'], ['hostPath', 'HostPath'],
  ['glusterfs', 'Glusterfs'], ['nfs', 'NFS'], ['rbd', 'RBD'], ['quobyte', 'Quobyte'], ['iscsi', 'ISCSI'],
  ['flexVolume', 'FlexVolume'], ['cinder', 'Cinder'], ['cephfs', 'CephFS'], ['fc', 'FC'], ['flocker', 'Flocker'],
  ['azureFile', 'AzureFile'], ['vsphereVolume', 'VsphereVolume'], ['azureDisk', 'AzureDisk'],
  ['photonPersistentDisk', 'PhotonPersistentDisk'], ['portworxVolume', 'PortworxVolume'], ['scaleIO', 'ScaleIO'],
  ['local', 'Local'], ['storageos', 'StorageOS'], ['csi', 'CSI'],
];

export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): ErrorList {
  const errs = validatePersistentVolume(pv);
  errs.push(...validateObjectMetaUpdate(pv.metadata, old.metadata));
  const spec = pv.spec ?? {};
  const oldSpec = old.spec ?? {};
  const source = (s: PersistentVolumeSpec) => Object.fromEntries(PV_SOURCE_FIELDS.map(([k]) => [k, (s as Record<string, unknown>)[k]]));
  if (!deepEqual(source(spec), source(oldSpec))) {
    errs.push(forbidden(FieldPath.of('spec', 'persistentvolumesource'),
      `spec.persistentvolumesource is immutable after creation\n${goStructDiff('core.PersistentVolumeSource', PV_SOURCE_FIELDS, source(oldSpec), source(spec))}`));
  }
  errs.push(...validateImmutableField(spec.volumeMode, oldSpec.volumeMode, FieldPath.of('volumeMode')));
  if (oldSpec.nodeAffinity) errs.push(...validateImmutableField(spec.nodeAffinity, oldSpec.nodeAffinity, FieldPath.of('nodeAffinity')));
  return errs;
}
