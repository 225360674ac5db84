// The API server's master endpoint reconciler (pkg/controlplane/reconcilers with
// endpointsadapter.go): the `kubernetes` Service in `default` has no selector; the API servers
// publish their own addresses as its Endpoints and the EndpointSlice mirrored from them. The
// Endpoints carry skip-mirror so the mirroring controller leaves them alone.
import type { KubeObject } from '../api/object.js';

/** The `kubernetes` Endpoints and EndpointSlice for API servers at `ips`, serving on `port`. */
export function masterEndpoints(ips: readonly string[], port: number): KubeObject[] {
  const ports = [{ name: 'https', port, protocol: 'TCP' }];
  const endpoints = {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: ips.map((ip) => ({ ip })), ports }],
  };
  const slice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports,
  };
  return [endpoints as KubeObject, slice as KubeObject];
}
