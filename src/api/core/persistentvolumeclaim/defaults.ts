// SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec
// (pkg/apis/core/v1/defaults.go, release-1.32).
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from './schema.js';

export function setDefaultsPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec): void {
  spec.volumeMode ??= 'Filesystem';
}

export function setObjectDefaultsPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  pvc.status ??= {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
  pvc.spec ??= {};
  setDefaultsPersistentVolumeClaimSpec(pvc.spec);
}
