// kube-state-metrics v2.14's storageclass families (internal/store/storageclass.go), in its order.
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import { allowListed, created, one, wrapped, type ResourceStore } from './family.js';

const storageClass = wrapped<StorageClass>((s) => [['storageclass'], [s.metadata.name]]);

export const storageClassStore: ResourceStore<StorageClass> = {
  resource: 'storageclasses',
  storeResource: 'storageclasses.storage.k8s.io',
  families: [
    storageClass('kube_storageclass_info', 'Information about storageclass.', true, (s) => [one(1, ['provisioner', 'reclaim_policy', 'volume_binding_mode'],
      [s.provisioner, s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate'])]),
    storageClass('kube_storageclass_created', 'Unix creation timestamp', true, created),
    allowListed(storageClass, 'annotations', 'storageclass'),
    allowListed(storageClass, 'labels', 'storageclass'),
  ],
};
