// An in-memory DescribeClient over a recorded fixture: the reads a describer makes, answered from
// a plain array of objects in the order they were recorded (the order the oracle's fake API
// server lists them in).
import type { KubeObject } from '../../src/api/object.js';
import type { ListFilter } from '../../src/apiserver/api.js';
import { notFound } from '../../src/apiserver/errors.js';
import type { DescribeClient } from '../../src/cli/describe/index.js';

const KINDS: Record<string, { apiVersion: string; kind: string; namespaced: boolean }> = {
  pods: { apiVersion: 'v1', kind: 'Pod', namespaced: true },
  nodes: { apiVersion: 'v1', kind: 'Node', namespaced: false },
  namespaces: { apiVersion: 'v1', kind: 'Namespace', namespaced: false },
  events: { apiVersion: 'v1', kind: 'Event', namespaced: true },
  configmaps: { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true },
  secrets: { apiVersion: 'v1', kind: 'Secret', namespaced: true },
  serviceaccounts: { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true },
  services: { apiVersion: 'v1', kind: 'Service', namespaced: true },
  endpoints: { apiVersion: 'v1', kind: 'Endpoints', namespaced: true },
  resourcequotas: { apiVersion: 'v1', kind: 'ResourceQuota', namespaced: true },
  limitranges: { apiVersion: 'v1', kind: 'LimitRange', namespaced: true },
  'leases.coordination.k8s.io': { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespaced: true },
  'endpointslices.discovery.k8s.io': { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespaced: true },
  'deployments.apps': { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true },
  'replicasets.apps': { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespaced: true },
  'daemonsets.apps': { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true },
  'statefulsets.apps': { apiVersion: 'apps/v1', kind: 'StatefulSet', namespaced: true },
  'controllerrevisions.apps': { apiVersion: 'apps/v1', kind: 'ControllerRevision', namespaced: true },
  persistentvolumes: { apiVersion: 'v1', kind: 'PersistentVolume', namespaced: false },
  persistentvolumeclaims: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespaced: true },
  'storageclasses.storage.k8s.io': { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', namespaced: false },
  'ingresses.networking.k8s.io': { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespaced: true },
  'ingressclasses.networking.k8s.io': { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', namespaced: false },
  'poddisruptionbudgets.policy': { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespaced: true },
  'horizontalpodautoscalers.autoscaling': { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespaced: true },
};

export function fixtureClient(objects: KubeObject[]): DescribeClient {
  const of = (resource: string, namespace: string | undefined) => {
    const k = KINDS[resource];
    if (!k) throw notFound('resource', resource);
    return objects.filter((o) => o.kind === k.kind && o.apiVersion === k.apiVersion
      && (!k.namespaced || namespace === undefined || o.metadata.namespace === namespace));
  };
  function tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    return of(resource, namespace).find((o) => o.metadata.name === name) as T | undefined;
  }
  return {
    tryGet,
    get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
      const o = tryGet<T>(resource, namespace, name);
      if (!o) throw notFound(resource, name);
      return o;
    },
    list<T extends KubeObject = KubeObject>(resource: string, filter: ListFilter = {}): T[] {
      // Describers filter by fields and labels themselves; a selector here would go unanswered.
      if (filter.labelSelector || filter.fieldSelector) throw new Error(`unexpected selector in list ${resource}`);
      return of(resource, filter.namespace) as T[];
    },
  };
}
