// kube-state-metrics v2.14's service families (internal/store/service.go), in its order.
import type { Service } from '../../api/core/service/schema.js';
import { allowListed, one, unix, wrapped, type ResourceStore } from './family.js';

const service = wrapped<Service>((s) => [['namespace', 'service', 'uid'], [s.metadata.namespace ?? '', s.metadata.name, s.metadata.uid ?? '']]);

export const serviceStore: ResourceStore<Service> = {
  resource: 'services',
  storeResource: 'services',
  families: [
    service('kube_service_info', 'Information about service.', true, (s) => [one(1, ['cluster_ip', 'external_name', 'load_balancer_ip'],
      [s.spec?.clusterIP ?? '', s.spec?.externalName ?? '', s.spec?.loadBalancerIP ?? ''])]),
    service('kube_service_created', 'Unix creation timestamp', true,
      (s) => (s.metadata.creationTimestamp ? [one(unix(s.metadata.creationTimestamp))] : [])),
    service('kube_service_spec_type', 'Type about service.', true, (s) => [one(1, ['type'], [s.spec?.type ?? ''])]),
    allowListed(service, 'annotations', 'service'),
    allowListed(service, 'labels', 'service'),
    service('kube_service_spec_external_ip', 'Service external ips. One series for each ip', true,
      (s) => (s.spec?.externalIPs ?? []).map((ip) => one(1, ['external_ip'], [ip]))),
    service('kube_service_status_load_balancer_ingress', 'Service load balancer ingress status', true,
      (s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => one(1, ['ip', 'hostname'], [i.ip ?? '', i.hostname ?? '']))),
  ],
};
