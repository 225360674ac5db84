// Service defaulting (SetObjectDefaults_Service of pkg/apis/core/v1), release-1.32 with its default
// feature gates. IP families and cluster IPs are the registry's business (see the service strategy
// in the admission chain); this is only what the v1 defaulters fill in.
import type { Service } from './schema.js';

const DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800;

type ServiceSpec = NonNullable<Service['spec']>;

/** service.ExternallyAccessible. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
}

export function setObjectDefaultsService(svc: Service): Service {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && ing.ipMode === undefined) ing.ipMode = 'VIP';
  }
  // ServiceStatus and its LoadBalancerStatus are Go structs: always serialized.
  svc.status ??= {};
  svc.status.loadBalancer ??= {};
  return svc;
}
