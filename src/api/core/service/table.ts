// `kubectl get services` columns: printService from pkg/printers/internalversion/printers.go (v1.32).
import type { Service, ServicePort } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, formatLabels, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const serviceColumnDefinitions = columns([
  nameColumn,
  { name: 'Type', type: 'string', description: 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types' },
  { name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
  { name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.' },
  { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
  ageColumn,
  { name: 'Selector', type: 'string', priority: 1, description: 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/' },
]);

const loadBalancerWidth = 16;

type LoadBalancerStatus = NonNullable<NonNullable<Service['status']>['loadBalancer']>;

/**
 * loadBalancerStatusStringer: the ingress IPs (else hostnames), de-duplicated and sorted, joined
 * with ","; clipped to 16 bytes unless wide.
 */
export function loadBalancerStatusStringer(s: LoadBalancerStatus | undefined, wide: boolean): string {
  const result = new Set<string>();
  for (const ingress of s?.ingress ?? []) {
    if (ingress.ip) result.add(ingress.ip);
    else if (ingress.hostname) result.add(ingress.hostname);
  }
  let r = [...result].sort().join(',');
  if (!wide && r.length > loadBalancerWidth) {
    r = r.slice(0, loadBalancerWidth - 3) + '...';
  }
  return r;
}

export function getServiceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusStringer(svc.status?.loadBalancer, wide);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lbIps.length > 0) results.push(...lbIps.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function makePortString(ports: readonly ServicePort[]): string {
  return ports
    .map((port) => {
      const protocol = port.protocol ?? '';
      return port.nodePort && port.nodePort > 0
        ? `${port.port}:${port.nodePort}/${protocol}`
        : `${port.port}/${protocol}`;
    })
    .join(',');
}

export function printService(svc: Service, options: GenerateOptions): TableRow<Service>[] {
  const spec = svc.spec ?? {};
  const row: TableRow<Service> = { cells: [], object: svc };
  const svcType = spec.type ?? '';
  // The API server keeps clusterIPs[0] == clusterIP; an object that only carries the singular
  // field (written before dual-stack) reads as clusterIPs = [clusterIP] after conversion.
  const internalIP = spec.clusterIPs?.[0] ?? (spec.clusterIP || '<none>');

  const externalIP = getServiceExternalIP(svc, options.wide);
  const svcPorts = makePortString(spec.ports ?? []) || '<none>';

  row.cells.push(svc.metadata.name, svcType, internalIP, externalIP, svcPorts,
    translateTimestampSince(svc.metadata.creationTimestamp, options.now));
  if (options.wide) {
    row.cells.push(formatLabels(spec.selector));
  }
  return [row];
}

export const serviceTable: TableHandler<Service> = { columns: serviceColumnDefinitions, rows: printService };
