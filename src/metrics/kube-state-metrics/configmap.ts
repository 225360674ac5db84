// kube-state-metrics v2.14's configmap and secret families (internal/store/configmap.go, secret.go), in its order.
import type { ConfigMap } from '../../api/core/configmap/schema.js';
import type { Secret } from '../../api/core/secret/schema.js';
import { allowListed, created, one, ownerMetrics, resourceVersion, wrapped, type ResourceStore } from './family.js';

const configMap = wrapped<ConfigMap>((c) => [['namespace', 'configmap'], [c.metadata.namespace ?? '', c.metadata.name]]);

export const configMapStore: ResourceStore<ConfigMap> = {
  resource: 'configmaps',
  storeResource: 'configmaps',
  families: [
    allowListed(configMap, 'annotations', 'configmap'),
    allowListed(configMap, 'labels', 'configmap'),
    configMap('kube_configmap_info', 'Information about configmap.', true, () => [one(1)]),
    configMap('kube_configmap_created', 'Unix creation timestamp', true, created),
    configMap('kube_configmap_metadata_resource_version', 'Resource version representing a specific version of the configmap.', false, resourceVersion),
  ],
};

const secret = wrapped<Secret>((s) => [['namespace', 'secret'], [s.metadata.namespace ?? '', s.metadata.name]]);

export const secretStore: ResourceStore<Secret> = {
  resource: 'secrets',
  storeResource: 'secrets',
  families: [
    secret('kube_secret_info', 'Information about secret.', true, () => [one(1)]),
    secret('kube_secret_type', 'Type about secret.', true, (s) => [one(1, ['type'], [(s as { type?: string }).type ?? ''])]),
    allowListed(secret, 'annotations', 'secret'),
    allowListed(secret, 'labels', 'secret'),
    secret('kube_secret_created', 'Unix creation timestamp', true, created),
    secret('kube_secret_metadata_resource_version', 'Resource version representing a specific version of secret.', false, resourceVersion),
    secret('kube_secret_owner', "Information about the Secret's owner.", false, (s) => ownerMetrics(s.metadata.ownerReferences)),
  ],
};
