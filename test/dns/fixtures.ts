// Cluster objects as the API server and the EndpointSlice controller leave them, for DNS tests.
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { Service } from '../../src/api/core/service/schema.js';
import type { EndpointSlice } from '../../src/api/discovery/endpointslice/schema.js';
import type { DnsInputs } from '../../src/dns/query.js';

const T = '2026-11-30T15:00:00Z';

export function svc(ns: string, name: string, spec: Partial<NonNullable<Service['spec']>>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, creationTimestamp: T }, spec: { type: 'ClusterIP', ...spec } } as Service;
}

export function pod(ns: string, name: string, ip: string, opts: { image?: string; hostname?: string; subdomain?: string; ready?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, creationTimestamp: T },
    spec: { containers: [{ name: 'c', image: opts.image ?? 'nginx' }], ...(opts.hostname ? { hostname: opts.hostname } : {}), ...(opts.subdomain ? { subdomain: opts.subdomain } : {}) },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
  } as Pod;
}

export function slice(ns: string, service: string, ports: { name?: string; port: number; protocol?: string }[],
  endpoints: { ip: string; pod: string; ready?: boolean; hostname?: string }[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: `${service}-abcde`, namespace: ns, creationTimestamp: T, labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      targetRef: { kind: 'Pod', namespace: ns, name: e.pod }, nodeName: 'kind-worker',
    })),
  } as EndpointSlice;
}

/** A kind cluster's system Services and CoreDNS, plus an nginx Deployment's Service, a headless MySQL StatefulSet Service and an ExternalName. */
export function cluster(): DnsInputs {
  return {
    services: [
      svc('default', 'kubernetes', { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
      svc('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }] }),
      svc('default', 'nginx', { clusterIP: '10.96.45.12', clusterIPs: ['10.96.45.12'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] }),
      svc('default', 'mysql', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'mysql', port: 3306, protocol: 'TCP', targetPort: 3306 }] }),
      svc('default', 'db', { type: 'ExternalName', externalName: 'db.example.com' }),
      svc('default', 'web', { type: 'ExternalName', externalName: 'nginx.default.svc.cluster.local' }),
    ],
    slices: [
      slice('default', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '172.18.0.2', pod: 'x' }]),
      slice('kube-system', 'kube-dns', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
        [{ ip: '10.244.0.2', pod: 'coredns-668d6bf9bc-4x2vq' }, { ip: '10.244.0.3', pod: 'coredns-668d6bf9bc-9sdbz' }]),
      slice('default', 'nginx', [{ name: 'http', port: 80 }], [{ ip: '10.244.1.5', pod: 'nginx-1' }, { ip: '10.244.2.7', pod: 'nginx-2' }, { ip: '10.244.2.9', pod: 'nginx-3', ready: false }]),
      slice('default', 'mysql', [{ name: 'mysql', port: 3306 }], [
        { ip: '10.244.1.8', pod: 'mysql-0', hostname: 'mysql-0' }, { ip: '10.244.2.4', pod: 'mysql-1', hostname: 'mysql-1' },
        { ip: '10.244.1.9', pod: 'mysql-2', hostname: 'mysql-2', ready: false }]),
    ],
    pods: [
      pod('kube-system', 'coredns-668d6bf9bc-4x2vq', '10.244.0.2', { image: 'registry.k8s.io/coredns/coredns:v1.11.3' }),
      pod('kube-system', 'coredns-668d6bf9bc-9sdbz', '10.244.0.3', { image: 'registry.k8s.io/coredns/coredns:v1.11.3' }),
      pod('default', 'nginx-1', '10.244.1.5'), pod('default', 'nginx-2', '10.244.2.7'), pod('default', 'nginx-3', '10.244.2.9'),
      pod('default', 'mysql-0', '10.244.1.8', { hostname: 'mysql-0', subdomain: 'mysql', image: 'mysql:8.0' }),
      pod('default', 'mysql-1', '10.244.2.4', { hostname: 'mysql-1', subdomain: 'mysql', image: 'mysql:8.0' }),
      pod('default', 'mysql-2', '10.244.1.9', { hostname: 'mysql-2', subdomain: 'mysql', image: 'mysql:8.0' }),
      pod('default', 'busybox', '10.244.1.3', { image: 'busybox:1.36' }),
    ],
  };
}

export const CLUSTER_FIRST = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
