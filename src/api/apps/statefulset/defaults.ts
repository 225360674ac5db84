// StatefulSet defaulting: SetObjectDefaults_StatefulSet of pkg/apis/apps/v1 (release-1.32), with
// the StatefulSetAutoDeletePVC gate on and MaxUnavailableStatefulSet off, as 1.32 ships them.
import type { PersistentVolumeClaimTemplate, StatefulSet } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';
import type { PersistentVolumeClaim } from '../../core/persistentvolumeclaim/schema.js';
import { setObjectDefaultsPersistentVolumeClaim } from '../../core/persistentvolumeclaim/defaults.js';

/** SetDefaults_StatefulSet. */
export function setDefaultsStatefulSet(obj: StatefulSet): void {
  const spec = obj.spec;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  // The v1 update strategy is a struct, not a pointer: it is always there once decoded.
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
}

/** A claim template's SetObjectDefaults_PersistentVolumeClaim, and the v1 conversion's apiVersion and kind. */
function setDefaultsClaimTemplate(claim: PersistentVolumeClaimTemplate): void {
  claim.apiVersion = 'v1';
  claim.kind = 'PersistentVolumeClaim';
  // The claim's ObjectMeta is a struct: a stored template shows `creationTimestamp: null`.
  const meta = (claim.metadata ??= {});
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  setObjectDefaultsPersistentVolumeClaim(claim as PersistentVolumeClaim);
}

/** SetObjectDefaults_StatefulSet. Mutates and returns the stateful set. */
export function setObjectDefaultsStatefulSet(obj: StatefulSet): StatefulSet {
  setDefaultsStatefulSet(obj);
  setObjectDefaultsPodTemplateSpec(obj.spec.template);
  for (const claim of obj.spec.volumeClaimTemplates ?? []) setDefaultsClaimTemplate(claim);
  return obj;
}
