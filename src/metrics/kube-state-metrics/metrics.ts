// kube-state-metrics' :8080/metrics, computed from the cluster's objects when asked: each resource
// it watches by default that mk serves, in its writer's order (resources sorted by name), objects
// in the order a list returns them (namespace, then name).
import type { KubeObject } from '../../api/object.js';
import { configMapStore, secretStore } from './configmap.js';
import { cronJobStore } from './cronjob.js';
import { ingressStore } from './ingress.js';
import { persistentVolumeClaimStore } from './persistentvolumeclaim.js';
import { podDisruptionBudgetStore } from './poddisruptionbudget.js';
import { statefulSetStore } from './statefulset.js';
import { deploymentStore } from './deployment.js';
import { endpointStore } from './endpoint.js';
import { leaseStore } from './lease.js';
import { daemonSetStore, replicaSetStore } from './replicaset.js';
import { storageClassStore } from './storageclass.js';
import { writeResource, type ResourceStore } from './family.js';
import { jobStore } from './job.js';
import { namespaceStore } from './namespace.js';
import { nodeStore } from './node.js';
import { podStore } from './pod.js';
import { serviceStore } from './service.js';

const STORES = [configMapStore, daemonSetStore, deploymentStore, endpointStore, jobStore, leaseStore, namespaceStore, nodeStore,
  podStore, replicaSetStore, secretStore, serviceStore, storageClassStore, cronJobStore, statefulSetStore,
  persistentVolumeClaimStore, podDisruptionBudgetStore, ingressStore] as ResourceStore<unknown>[];

/** The content type kube-state-metrics answers the text format with (expfmt.NewFormat(TypeTextPlain)). */
export const KSM_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function kubeStateMetrics(list: (resource: string) => KubeObject[]): string {
  return [...STORES].sort((a, b) => (a.resource < b.resource ? -1 : 1))
    .map((s) => writeResource(s, list(s.storeResource))).join('');
}
