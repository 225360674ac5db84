// Table printers by kind: what pkg/printers/internalversion.AddHandlers registers, for the kinds
// in ./registry.ts. The mapped type makes a builtin kind without a printer a compile error.
import type { BuiltinKind } from './registry.js';
import type { ConfigMap } from './core/configmap/schema.js';
import type { Event } from './core/event/schema.js';
import type { Namespace } from './core/namespace/schema.js';
import type { Node } from './core/node/schema.js';
import type { Pod } from './core/pod/schema.js';
import type { Secret } from './core/secret/schema.js';
import type { Service } from './core/service/schema.js';
import type { ServiceAccount } from './core/serviceaccount/schema.js';
import type { ObjectMeta } from './meta/schema.js';
import type { Deployment } from './apps/deployment/schema.js';
import type { ReplicaSet } from './apps/replicaset/schema.js';
import type { DaemonSet } from './apps/daemonset/schema.js';
import type { StatefulSet } from './apps/statefulset/schema.js';
import type { ControllerRevision } from './apps/controllerrevision/schema.js';
import type { LimitRange } from './core/limitrange/schema.js';
import type { ResourceQuota } from './core/resourcequota/schema.js';
import type { PriorityClass } from './scheduling/priorityclass/schema.js';
import type { Lease } from './coordination/lease/schema.js';
import type { PodDisruptionBudget } from './policy/poddisruptionbudget/schema.js';
import type { HorizontalPodAutoscaler } from './autoscaling/horizontalpodautoscaler/schema.js';
import type { Job } from './batch/job/schema.js';
import type { CronJob } from './batch/cronjob/schema.js';
import type { Endpoints } from './core/endpoints/schema.js';
import type { EndpointSlice } from './discovery/endpointslice/schema.js';
import type { PersistentVolume } from './core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from './core/persistentvolumeclaim/schema.js';
import type { StorageClass } from './storage/storageclass/schema.js';
import { persistentVolumeTable } from './core/persistentvolume/table.js';
import { persistentVolumeClaimTable } from './core/persistentvolumeclaim/table.js';
import { storageClassTable } from './storage/storageclass/table.js';
import type { Ingress } from './networking/ingress/schema.js';
import type { IngressClass } from './networking/ingressclass/schema.js';
import { ingressTable } from './networking/ingress/table.js';
import { ingressClassTable } from './networking/ingressclass/table.js';
import { endpointsTable } from './core/endpoints/table.js';
import { endpointSliceTable } from './discovery/endpointslice/table.js';
import { configMapTable } from './core/configmap/table.js';
import { eventTable } from './core/event/table.js';
import { namespaceTable } from './core/namespace/table.js';
import { nodeTable } from './core/node/table.js';
import { podTable } from './core/pod/table.js';
import { secretTable } from './core/secret/table.js';
import { serviceTable } from './core/service/table.js';
import { serviceAccountTable } from './core/serviceaccount/table.js';
import { deploymentTable } from './apps/deployment/table.js';
import { replicaSetTable } from './apps/replicaset/table.js';
import { daemonSetTable } from './apps/daemonset/table.js';
import { statefulSetTable } from './apps/statefulset/table.js';
import { controllerRevisionTable } from './apps/controllerrevision/table.js';
import { limitRangeTable } from './core/limitrange/table.js';
import { resourceQuotaTable } from './core/resourcequota/table.js';
import { priorityClassTable } from './scheduling/priorityclass/table.js';
import { leaseTable } from './coordination/lease/table.js';
import { podDisruptionBudgetTable } from './policy/poddisruptionbudget/table.js';
import { horizontalPodAutoscalerTable } from './autoscaling/horizontalpodautoscaler/table.js';
import { jobTable } from './batch/job/table.js';
import { cronJobTable } from './batch/cronjob/table.js';
import { translateTimestampSince } from './duration.js';
import { ageColumn, columns, nameColumn } from './table.js';
import type { GenerateOptions, TableHandler, TableRow } from './table.js';

/** The stored (v1) type of each builtin kind. */
export interface TableKindTypes {
  ConfigMap: ConfigMap;
  Event: Event;
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Secret: Secret;
  Service: Service;
  ServiceAccount: ServiceAccount;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  DaemonSet: DaemonSet;
  StatefulSet: StatefulSet;
  ControllerRevision: ControllerRevision;
  LimitRange: LimitRange;
  ResourceQuota: ResourceQuota;
  PriorityClass: PriorityClass;
  Lease: Lease;
  PodDisruptionBudget: PodDisruptionBudget;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Job: Job;
  CronJob: CronJob;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  PersistentVolume: PersistentVolume;
  PersistentVolumeClaim: PersistentVolumeClaim;
  StorageClass: StorageClass;
  Ingress: Ingress;
  IngressClass: IngressClass;
}

export const tableHandlers: { [K in BuiltinKind]: TableHandler<TableKindTypes[K]> } = {
  ConfigMap: configMapTable,
  Event: eventTable,
  Namespace: namespaceTable,
  Node: nodeTable,
  Pod: podTable,
  Secret: secretTable,
  Service: serviceTable,
  ServiceAccount: serviceAccountTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  DaemonSet: daemonSetTable,
  StatefulSet: statefulSetTable,
  ControllerRevision: controllerRevisionTable,
  LimitRange: limitRangeTable,
  ResourceQuota: resourceQuotaTable,
  PriorityClass: priorityClassTable,
  Lease: leaseTable,
  PodDisruptionBudget: podDisruptionBudgetTable,
  HorizontalPodAutoscaler: horizontalPodAutoscalerTable,
  Job: jobTable,
  CronJob: cronJobTable,
  Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable,
  PersistentVolume: persistentVolumeTable,
  PersistentVolumeClaim: persistentVolumeClaimTable,
  StorageClass: storageClassTable,
  Ingress: ingressTable,
  IngressClass: ingressClassTable,
};

/** Anything with object metadata: what the default printer needs. */
export interface MetadataObject {
  metadata: ObjectMeta;
}

/**
 * kubectl's fallback for kinds without a printer (cli-runtime printObjectMeta): NAME and AGE.
 */
export const defaultTableHandler: TableHandler<MetadataObject> = {
  columns: columns([nameColumn, ageColumn]),
  rows: (obj: MetadataObject, options: GenerateOptions): TableRow<MetadataObject>[] => [{
    cells: [obj.metadata.name ?? '', translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  }],
};

/** The printer for a kind, or the NAME/AGE default. Objects are taken as the stored JSON. */
export function tableHandlerFor(kind: string): TableHandler<MetadataObject> {
  const h: unknown = (tableHandlers as Record<string, unknown>)[kind];
  return (h as TableHandler<MetadataObject> | undefined) ?? defaultTableHandler;
}
