// What kube-proxy watches, read from the API: every Service, EndpointSlice and Node.
import type { Node } from '../api/core/node/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import type { KubeObject } from '../api/object.js';
import type { ProxyInputs } from './service-ports.js';

interface Lister { list<T extends KubeObject>(resource: string): T[] }

export function readProxyInputs(api: Lister): ProxyInputs {
  return {
    services: api.list<KubeObject>('services') as unknown as Service[],
    slices: api.list<KubeObject>('endpointslices.discovery.k8s.io') as unknown as EndpointSlice[],
    nodes: api.list<KubeObject>('nodes') as unknown as Node[],
  };
}

/** The node whose rules `mk proxy rules` shows by default: the first worker, where workloads run. */
export function defaultProxyNode(nodes: Node[]): string | undefined {
  const names = (pred: (n: Node) => boolean) => nodes.filter(pred).map((n) => n.metadata.name).sort();
  const isControlPlane = (n: Node) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  return names((n) => !isControlPlane(n))[0] ?? names(() => true)[0];
}
