// What CoreDNS watches, read from the API the way its informers see it.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import type { Api } from '../apiserver/api.js';
import type { DnsInputs } from './query.js';

export function clusterDnsInputs(api: Pick<Api, 'list'>): DnsInputs {
  return {
    services: api.list('services') as unknown as Service[],
    slices: api.list('endpointslices.discovery.k8s.io') as unknown as EndpointSlice[],
    pods: api.list('pods') as unknown as Pod[],
    namespaces: api.list('namespaces').map((n) => n.metadata.name),
    nodes: api.list('nodes') as unknown as Node[],
  };
}
