// The describers by GroupKind (kubectl's describerMap). Keys are GroupKind.String(): `Kind` for
// the core group, `Kind.group` otherwise. Any other kind gets the generic describer, as in
// kubectl, whose "no description has been implemented" error is left for kinds the server does
// not serve at all.
import type { KubeObject } from '../../api/object.js';
import { describeConfigMapObject } from './configmap.js';
import { describeDaemonSetObject } from './daemonset.js';
import { describeDeploymentObject } from './deployment.js';
import { describeEndpointsObject } from './endpoints.js';
import { describeEndpointSliceObject } from './endpointslice.js';
import { describeGenericObject } from './generic.js';
import { describeIngressClassObject, describeIngressObject } from './ingress.js';
import { describeHorizontalPodAutoscalerObject } from './horizontalpodautoscaler.js';
import { describeJobObject } from './job.js';
import { describeCronJobObject } from './cronjob.js';
import type { Describer, DescribeClient, DescribeOptions } from './helpers.js';
import { describeLimitRangeObject } from './limitrange.js';
import { describeNamespaceObject } from './namespace.js';
import { describeNodeObject } from './node.js';
import { describePodObject } from './pod.js';
import { describePersistentVolumeObject } from './persistentvolume.js';
import { describePersistentVolumeClaimObject } from './persistentvolumeclaim.js';
import { describeStorageClassObject } from './storageclass.js';
import { describePodDisruptionBudgetObject } from './poddisruptionbudget.js';
import { describePriorityClassObject } from './priorityclass.js';
import { describeReplicaSetObject } from './replicaset.js';
import { describeResourceQuotaObject } from './resourcequota.js';
import { describeSecretObject } from './secret.js';
import { describeServiceObject } from './service.js';
import { describeStatefulSetObject } from './statefulset.js';
import { describeServiceAccountObject } from './serviceaccount.js';

export type { Describer, DescribeClient, DescribeOptions } from './helpers.js';

export const describers: Readonly<Record<string, Describer>> = {
  ConfigMap: describeConfigMapObject,
  LimitRange: describeLimitRangeObject,
  ResourceQuota: describeResourceQuotaObject,
  Endpoints: describeEndpointsObject,
  Namespace: describeNamespaceObject,
  Node: describeNodeObject,
  Pod: describePodObject,
  Secret: describeSecretObject,
  Service: describeServiceObject,
  ServiceAccount: describeServiceAccountObject,
  'Deployment.apps': describeDeploymentObject,
  'ReplicaSet.apps': describeReplicaSetObject,
  'DaemonSet.apps': describeDaemonSetObject,
  'StatefulSet.apps': describeStatefulSetObject,
  'Job.batch': describeJobObject,
  'CronJob.batch': describeCronJobObject,
  'PriorityClass.scheduling.k8s.io': describePriorityClassObject,
  'PodDisruptionBudget.policy': describePodDisruptionBudgetObject,
  'EndpointSlice.discovery.k8s.io': describeEndpointSliceObject,
  PersistentVolume: describePersistentVolumeObject,
  PersistentVolumeClaim: describePersistentVolumeClaimObject,
  'StorageClass.storage.k8s.io': describeStorageClassObject,
  'Ingress.networking.k8s.io': describeIngressObject,
  'IngressClass.networking.k8s.io': describeIngressClassObject,
  'HorizontalPodAutoscaler.autoscaling': describeHorizontalPodAutoscalerObject,
};

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function groupKind(apiVersion: string, kind: string): string {
  const { group } = splitApiVersion(apiVersion);
  return group ? `${kind}.${group}` : kind;
}

/** The kind's own describer, or kubectl's generic one. */
export function describerFor(apiVersion: string, kind: string): Describer {
  return describers[groupKind(apiVersion, kind)] ?? describeGenericObject;
}

/** `no description has been implemented for apps/v1, Kind=Deployment` (GroupVersionKind.String()). */
export function noDescriberMessage(apiVersion: string, kind: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return `no description has been implemented for ${group}/${version}, Kind=${kind}`;
}

/** kubectl's error for a kind it cannot describe at all; with the generic fallback, describeObject never throws it. */
export class NoDescriberError extends Error {}

export function describeObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  return describerFor(obj.apiVersion, obj.kind)(obj, client, opts);
}
