// kube-state-metrics v2.14's lease families (internal/store/lease.go), in its order.
import type { Lease } from '../../api/coordination/lease/schema.js';
import { one, unix, wrapped, type ResourceStore } from './family.js';

const lease = wrapped<Lease>((l) => [['lease'], [l.metadata.name]]);

export const leaseStore: ResourceStore<Lease> = {
  resource: 'leases',
  storeResource: 'leases.coordination.k8s.io',
  families: [
    lease('kube_lease_owner', "Information about the Lease's owner.", false, (l) => {
      const keys = ['owner_kind', 'owner_name', 'namespace', 'lease_holder'];
      const holder = l.spec?.holderIdentity ?? '';
      const owners = l.metadata.ownerReferences ?? [];
      if (!owners.length) return [one(1, keys, ['', '', l.metadata.namespace ?? '', holder])];
      return owners.map((o) => one(1, keys, [o.kind, o.name, l.metadata.namespace ?? '', holder]));
    }),
    lease('kube_lease_renew_time', 'Kube lease renew time.', false,
      (l) => (l.spec?.renewTime ? [one(unix(l.spec.renewTime), ['namespace'], [l.metadata.namespace ?? ''])] : [])),
  ],
};
