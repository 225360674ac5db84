// kube-state-metrics v2.14's namespace families (internal/store/namespace.go), in its order.
import type { Namespace } from '../../api/core/namespace/schema.js';
import { allowListed, bool, conditionMetrics, one, unix, wrapped, type ResourceStore } from './family.js';

const namespace = wrapped<Namespace>((n) => [['namespace'], [n.metadata.name]]);

export const namespaceStore: ResourceStore<Namespace> = {
  resource: 'namespaces',
  storeResource: 'namespaces',
  families: [
    namespace('kube_namespace_created', 'Unix creation timestamp', true,
      (n) => (n.metadata.creationTimestamp ? [one(unix(n.metadata.creationTimestamp))] : [])),
    allowListed(namespace, 'annotations', 'namespace'),
    allowListed(namespace, 'labels', 'namespace'),
    namespace('kube_namespace_status_phase', 'kubernetes namespace status phase.', true, (n) => ['Active', 'Terminating']
      .map((phase) => one(bool(n.status?.phase === phase), ['phase'], [phase]))),
    namespace('kube_namespace_status_condition', 'The condition of a namespace.', false,
      (n) => (n.status?.conditions ?? []).flatMap((c) => conditionMetrics(c.status, ['condition', 'status'], [c.type]))),
  ],
};
