// PersistentVolumeClaim validation: ValidatePersistentVolumeClaim, ValidatePersistentVolumeClaimSpec
// and ValidatePersistentVolumeClaimUpdate of pkg/apis/core/validation/validation.go (release-1.32),
// with the VolumeAttributesClass and RecoverVolumeExpansionFailure gates off as a 1.32 cluster has them.
import { BETA_STORAGE_CLASS_ANNOTATION } from '../persistentvolume/util.js';
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, notSupported, required } from '../../field-errors.js';
import {
  isDNS1123Subdomain, nameIsDNSLabel, nameIsDNSSubdomain, validateImmutableField, validateLabelSelector, validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../validation.js';
import { cmpQuantity, parseQuantity } from '../../quantity.js';
import { validateResourceQuantityValue } from '../pod/validate.js';
import { SUPPORTED_VOLUME_MODES, validateAccessModes, validateClassName, validatePositiveQuantityValue } from '../persistentvolume/validate.js';
import { goStructDiff } from '../../go-diff.js';
import { deepEqual } from '../../semantic-equal.js';

type DataSource = NonNullable<PersistentVolumeClaimSpec['dataSourceRef']>;

function validateDataSource(ds: DataSource, path: FieldPath, withNamespace: boolean): ErrorList {
  const errs: ErrorList = [];
  if (!ds.name) errs.push(required(path.child('name')));
  if (!ds.kind) errs.push(required(path.child('kind')));
  const group = ds.apiGroup ?? '';
  if (!group && ds.kind !== 'PersistentVolumeClaim') {
    errs.push(invalid(path, ds.kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(invalid(path.child('apiGroup'), group, m));
  if (withNamespace && ds.namespace) {
    for (const m of nameIsDNSLabel(ds.namespace, false)) errs.push(invalid(path.child('namespace'), ds.namespace, m));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec; StatefulSet claim templates use it too. */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  errs.push(...validateAccessModes(modes, path.child('accessModes')));
  const storagePath = path.child('resources').key('storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) {
    errs.push(required(storagePath));
  } else {
    const positive = validatePositiveQuantityValue(storage, storagePath);
    errs.push(...(positive.length ? positive : validateResourceQuantityValue('storage', storage, storagePath)));
  }
  if (spec.storageClassName) {
    for (const m of validateClassName(spec.storageClassName, false)) errs.push(invalid(path.child('storageClassName'), spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !SUPPORTED_VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, SUPPORTED_VOLUME_MODES));
  }
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, path.child('dataSource'), false));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, path.child('dataSourceRef'), true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(invalid(path, path.child('dataSource').toString(), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const a = spec.dataSource;
    const b = spec.dataSourceRef;
    if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name) errs.push(invalid(path, path.child('dataSource').toString(), 'must match dataSourceRef'));
  }
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): ErrorList {
  const errs = validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validatePersistentVolumeClaimSpec(pvc.spec ?? {}, FieldPath.of('spec')));
  return errs;
}

/** core.PersistentVolumeClaimSpec's fields in Go order, for the immutability diff. */
const PVC_SPEC_FIELDS: Array<[string, string]> = [
  ['accessModes', 'AccessModes'], ['selector', 'Selector'], ['resources', 'Resources'], ['volumeName', 'VolumeName'],
  ['storageClassName', 'StorageClassName'], ['volumeMode', 'VolumeMode'], ['dataSource', 'DataSource'],
  ['dataSourceRef', 'DataSourceRef'], ['volumeAttributesClassName', 'VolumeAttributesClassName'],
];

export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): ErrorList {
  // The strategy validates the claim, then the update (which validates the claim again; the
  // duplicates collapse).
  const errs = validatePersistentVolumeClaim(pvc);
  errs.push(...validateObjectMetaUpdate(pvc.metadata, old.metadata));
  const newSpec: PersistentVolumeClaimSpec = structuredClone(pvc.spec ?? {});
  const oldSpec: PersistentVolumeClaimSpec = structuredClone(old.spec ?? {});
  // The PV controller writes volumeName once.
  if (!oldSpec.volumeName) {
    if (newSpec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = newSpec.volumeName;
  }
  const oldAnn = old.metadata.annotations ?? {};
  const newAnn = pvc.metadata.annotations ?? {};
  const oldBeta = oldAnn[BETA_STORAGE_CLASS_ANNOTATION];
  const newBeta = newAnn[BETA_STORAGE_CLASS_ANNOTATION];
  const upgradeFromAnnotation = oldBeta !== undefined && oldSpec.storageClassName === undefined
    && newSpec.storageClassName !== undefined && newSpec.storageClassName === oldBeta && (newBeta === undefined || newBeta === oldBeta);
  if (upgradeFromAnnotation) {
    delete newSpec.storageClassName;
  } else {
    errs.push(...validateImmutableField(newBeta ?? '', oldBeta ?? '', FieldPath.of('metadata', 'annotations').key(BETA_STORAGE_CLASS_ANNOTATION)));
    // Setting a class on a claim that had none (the DefaultStorageClass retroactive assignment).
    if (newSpec.storageClassName !== undefined && old.spec?.storageClassName === undefined && (oldBeta === undefined || newSpec.storageClassName === oldBeta)) {
      delete newSpec.storageClassName;
    }
  }
  if (pvc.status?.phase === 'Bound' && newSpec.resources?.requests) {
    const oldStorage = old.spec?.resources?.requests?.storage;
    if (oldStorage === undefined) delete newSpec.resources.requests.storage;
    else newSpec.resources.requests.storage = oldStorage;
  }
  if (oldSpec.volumeAttributesClassName === undefined) delete newSpec.volumeAttributesClassName;
  else newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!deepEqual(newSpec, oldSpec)) {
    errs.push(forbidden(FieldPath.of('spec'), 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n'
      + goStructDiff('core.PersistentVolumeClaimSpec', PVC_SPEC_FIELDS, oldSpec, newSpec)));
  }
  const oldSize = old.spec?.resources?.requests?.storage ?? 0;
  const newSize = pvc.spec?.resources?.requests?.storage ?? 0;
  if (cmpQuantity(parseQuantity(newSize), parseQuantity(oldSize)) < 0) {
    errs.push(forbidden(FieldPath.of('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
  }
  errs.push(...validateImmutableField(pvc.spec?.volumeMode, old.spec?.volumeMode, FieldPath.of('volumeMode')));
  return errs;
}
