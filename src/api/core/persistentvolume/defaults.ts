// SetDefaults_PersistentVolume (pkg/apis/core/v1/defaults.go, release-1.32).
import type { PersistentVolume } from './schema.js';

export function setObjectDefaultsPersistentVolume(pv: PersistentVolume): void {
  pv.status ??= {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
  pv.spec ??= {};
  if (!pv.spec.persistentVolumeReclaimPolicy) pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  pv.spec.volumeMode ??= 'Filesystem';
}
