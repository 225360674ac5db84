// kube-state-metrics v2.14's endpoint families (internal/store/endpoint.go), in its order.
import type { Endpoints } from '../../api/core/endpoints/schema.js';
import { allowListed, created, one, wrapped, type ResourceStore } from './family.js';

const endpoint = wrapped<Endpoints>((e) => [['namespace', 'endpoint'], [e.metadata.namespace ?? '', e.metadata.name]]);

export const endpointStore: ResourceStore<Endpoints> = {
  resource: 'endpoints',
  storeResource: 'endpoints',
  families: [
    endpoint('kube_endpoint_info', 'Information about endpoint.', true, () => [one(1)]),
    endpoint('kube_endpoint_created', 'Unix creation timestamp', true, created),
    allowListed(endpoint, 'annotations', 'endpoint'),
    allowListed(endpoint, 'labels', 'endpoint'),
    endpoint('kube_endpoint_address', 'Information about Endpoint available and non available addresses.', true,
      (e) => (e.subsets ?? []).flatMap((s) => (s.ports ?? []).flatMap((p) => {
        const port = [p.protocol ?? '', String(p.port), p.name ?? ''];
        const keys = ['port_protocol', 'port_number', 'port_name', 'ip', 'ready'];
        return [...(s.addresses ?? []).map((a) => one(1, keys, [...port, a.ip, 'true'])),
          ...(s.notReadyAddresses ?? []).map((a) => one(1, keys, [...port, a.ip, 'false']))];
      }))),
    // Deprecated in this very release: the help says so.
    endpoint('kube_endpoint_ports', '(Deprecated since v2.14.0) Information about the Endpoint ports.', true,
      (e) => (e.subsets ?? []).flatMap((s) => (s.ports ?? []).map((p) => one(1, ['port_name', 'port_protocol', 'port_number'],
        [p.name ?? '', p.protocol ?? '', String(p.port)])))),
  ],
};
