// `kubectl get persistentvolumes` columns: printPersistentVolume from
// pkg/printers/internalversion/printers.go (v1.32).
import type { PersistentVolume } from './schema.js';
import { accessModesAsString, persistentVolumeClass } from './util.js';
import { translateTimestampSince } from '../../duration.js';
import { canonicalQuantity } from '../../quantity.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const persistentVolumeColumnDefinitions = columns([
  nameColumn,
  { name: 'Capacity', type: 'string', description: "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity" },
  { name: 'Access Modes', type: 'string', description: 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes' },
  { name: 'Reclaim Policy', type: 'string', description: 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming' },
  { name: 'Status', type: 'string', description: 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase' },
  { name: 'Claim', type: 'string', description: 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding' },
  { name: 'StorageClass', type: 'string', description: 'StorageClass of the pv' },
  { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the pv' },
  { name: 'Reason', type: 'string', description: 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.' },
  ageColumn,
  { name: 'VolumeMode', type: 'string', priority: 1, description: 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.' },
]);

/** Quantity.String() of a capacity entry; the zero Quantity prints "0". */
export const storageText = (list: Record<string, string | number> | undefined): string =>
  list?.storage === undefined ? '0' : canonicalQuantity(list.storage);

export function printPersistentVolume(pv: PersistentVolume, options: GenerateOptions): TableRow<PersistentVolume>[] {
  const spec = pv.spec ?? {};
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  const phase = pv.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
  return [{
    cells: [pv.metadata.name, storageText(spec.capacity), accessModesAsString(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '',
      phase, claim, persistentVolumeClass(pv), spec.volumeAttributesClassName ?? '<unset>', pv.status?.reason ?? '',
      translateTimestampSince(pv.metadata.creationTimestamp, options.now), spec.volumeMode ?? '<unset>'],
    object: pv,
  }];
}

export const persistentVolumeTable: TableHandler<PersistentVolume> = { columns: persistentVolumeColumnDefinitions, rows: printPersistentVolume };
