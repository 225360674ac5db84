// Cluster objects for kube-proxy tests: kind-shaped nodes, Services and their EndpointSlices.
import type { Node } from '../../src/api/core/node/schema.js';
import type { Service } from '../../src/api/core/service/schema.js';
import type { EndpointSlice } from '../../src/api/discovery/endpointslice/schema.js';

export const node = (name: string, ip: string): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] },
}) as Node;

export const NODES = [node('kind-control-plane', '172.18.0.2'), node('kind-worker', '172.18.0.3'), node('kind-worker2', '172.18.0.4')];

export function service(name: string, spec: NonNullable<Service['spec']>, namespace = 'default', status?: Service['status']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec }, ...(status ? { status } : {}) };
}

export interface EP { ip: string; node: string; ready?: boolean; serving?: boolean; terminating?: boolean }

export function slice(svc: string, ports: { name?: string; port: number; protocol?: string }[], eps: EP[], namespace = 'default', name = `${svc}-abcde`): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': svc } },
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: eps.map((e) => ({
      addresses: [e.ip], nodeName: e.node,
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
    })),
  };
}
