// SetDefaults_StorageClass (pkg/apis/storage/v1/defaults.go, release-1.32).
import type { StorageClass } from './schema.js';
import { VOLUME_BINDING_IMMEDIATE } from './util.js';

export function setObjectDefaultsStorageClass(sc: StorageClass): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= VOLUME_BINDING_IMMEDIATE;
}
