// `kubectl get storageclasses` columns: printStorageClass from
// pkg/printers/internalversion/printers.go (v1.32).
import type { StorageClass } from './schema.js';
import { isDefaultStorageClass } from './util.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const storageClassColumnDefinitions = columns([
  nameColumn,
  { name: 'Provisioner', type: 'string', description: 'provisioner indicates the type of the provisioner.' },
  { name: 'ReclaimPolicy', type: 'string', description: 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.' },
  { name: 'VolumeBindingMode', type: 'string', description: 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.' },
  { name: 'AllowVolumeExpansion', type: 'string', description: 'allowVolumeExpansion shows whether the storage class allow volume expand.' },
  ageColumn,
]);

export function printStorageClass(sc: StorageClass, options: GenerateOptions): TableRow<StorageClass>[] {
  const name = isDefaultStorageClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name;
  return [{
    cells: [name, sc.provisioner, sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', sc.allowVolumeExpansion ?? false,
      translateTimestampSince(sc.metadata.creationTimestamp, options.now)],
    object: sc,
  }];
}

export const storageClassTable: TableHandler<StorageClass> = { columns: storageClassColumnDefinitions, rows: printStorageClass };
