// kube-state-metrics v2.14's ingress families (internal/store/ingress.go), in its order.
import type { Ingress } from '../../api/networking/ingress/schema.js';
import { allowListed, created, one, resourceVersion, wrapped, type ResourceStore } from './family.js';

const ingress = wrapped<Ingress>((i) => [['namespace', 'ingress'], [i.metadata.namespace ?? '', i.metadata.name]]);

export const ingressStore: ResourceStore<Ingress> = {
  resource: 'ingresses',
  storeResource: 'ingresses.networking.k8s.io',
  families: [
    // The legacy annotation wins over spec.ingressClassName; neither: "_default".
    ingress('kube_ingress_info', 'Information about ingress.', true, (i) => [one(1, ['ingressclass'],
      [i.metadata.annotations?.['kubernetes.io/ingress.class'] ?? i.spec?.ingressClassName ?? '_default'])]),
    allowListed(ingress, 'annotations', 'ingress'),
    allowListed(ingress, 'labels', 'ingress'),
    ingress('kube_ingress_created', 'Unix creation timestamp', true, created),
    ingress('kube_ingress_metadata_resource_version', 'Resource version representing a specific version of ingress.', false, resourceVersion),
    ingress('kube_ingress_path', 'Ingress host, paths and backend service information.', true,
      (i) => (i.spec?.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((p) => (p.backend.service
        ? one(1, ['host', 'path', 'service_name', 'service_port'], [rule.host ?? '', p.path ?? '', p.backend.service.name, String(p.backend.service.port?.number ?? 0)])
        : one(1, ['host', 'path', 'resource_api_group', 'resource_kind', 'resource_name'],
          [rule.host ?? '', p.path ?? '', p.backend.resource?.apiGroup ?? '', p.backend.resource?.kind ?? '', p.backend.resource?.name ?? '']))))),
    ingress('kube_ingress_tls', 'Ingress TLS host and secret information.', true,
      (i) => (i.spec?.tls ?? []).flatMap((t) => (t.hosts ?? []).map((h) => one(1, ['tls_host', 'secret'], [h, t.secretName ?? ''])))),
  ],
};
