// `kubectl get persistentvolumeclaims` columns: printPersistentVolumeClaim from
// pkg/printers/internalversion/printers.go (v1.32).
import type { PersistentVolumeClaim } from './schema.js';
import { accessModesAsString, persistentVolumeClaimClass } from '../persistentvolume/util.js';
import { storageText } from '../persistentvolume/table.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const persistentVolumeClaimColumnDefinitions = columns([
  nameColumn,
  { name: 'Status', type: 'string', description: 'phase represents the current phase of PersistentVolumeClaim.' },
  { name: 'Volume', type: 'string', description: 'volumeName is the binding reference to the PersistentVolume backing this claim.' },
  { name: 'Capacity', type: 'string', description: 'capacity represents the actual resources of the underlying volume.' },
  { name: 'Access Modes', type: 'string', description: 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1' },
  { name: 'StorageClass', type: 'string', description: 'StorageClass of the pvc' },
  { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the pvc' },
  ageColumn,
  { name: 'VolumeMode', type: 'string', priority: 1, description: 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.' },
]);

export function printPersistentVolumeClaim(pvc: PersistentVolumeClaim, options: GenerateOptions): TableRow<PersistentVolumeClaim>[] {
  const spec = pvc.spec ?? {};
  const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
  // Capacity and access modes come from the bound volume, so an unbound claim shows neither.
  const bound = Boolean(spec.volumeName);
  return [{
    cells: [pvc.metadata.name, phase, spec.volumeName ?? '', bound ? storageText(pvc.status?.capacity) : '',
      bound ? accessModesAsString(pvc.status?.accessModes) : '', persistentVolumeClaimClass(pvc), spec.volumeAttributesClassName ?? '<unset>',
      translateTimestampSince(pvc.metadata.creationTimestamp, options.now), spec.volumeMode ?? '<unset>'],
    object: pvc,
  }];
}

export const persistentVolumeClaimTable: TableHandler<PersistentVolumeClaim> = { columns: persistentVolumeClaimColumnDefinitions, rows: printPersistentVolumeClaim };
