// kube-state-metrics v2.14's statefulset families (internal/store/statefulset.go), in its order.
import type { StatefulSet } from '../../api/apps/statefulset/schema.js';
import { allowListed, created, one, wrapped, type ResourceStore } from './family.js';

const statefulSet = wrapped<StatefulSet>((s) => [['namespace', 'statefulset'], [s.metadata.namespace ?? '', s.metadata.name]]);

export const statefulSetStore: ResourceStore<StatefulSet> = {
  resource: 'statefulsets',
  storeResource: 'statefulsets.apps',
  families: [
    statefulSet('kube_statefulset_created', 'Unix creation timestamp', true, created),
    statefulSet('kube_statefulset_status_replicas', 'The number of replicas per StatefulSet.', true, (s) => [one(s.status?.replicas ?? 0)]),
    statefulSet('kube_statefulset_status_replicas_available', 'The number of available replicas per StatefulSet.', false,
      (s) => [one(s.status?.availableReplicas ?? 0)]),
    statefulSet('kube_statefulset_status_replicas_current', 'The number of current replicas per StatefulSet.', true, (s) => [one(s.status?.currentReplicas ?? 0)]),
    statefulSet('kube_statefulset_status_replicas_ready', 'The number of ready replicas per StatefulSet.', true, (s) => [one(s.status?.readyReplicas ?? 0)]),
    statefulSet('kube_statefulset_status_replicas_updated', 'The number of updated replicas per StatefulSet.', true, (s) => [one(s.status?.updatedReplicas ?? 0)]),
    statefulSet('kube_statefulset_status_observed_generation', 'The generation observed by the StatefulSet controller.', true,
      (s) => [one(s.status?.observedGeneration ?? 0)]),
    statefulSet('kube_statefulset_replicas', 'Number of desired pods for a StatefulSet.', true,
      (s) => (s.spec.replicas === undefined || s.spec.replicas === null ? [] : [one(s.spec.replicas)])),
    statefulSet('kube_statefulset_ordinals_start', 'Start ordinal of the StatefulSet.', false,
      (s) => (s.spec.ordinals ? [one(s.spec.ordinals.start ?? 0)] : [])),
    statefulSet('kube_statefulset_metadata_generation', 'Sequence number representing a specific generation of the desired state for the StatefulSet.', true,
      (s) => [one(s.metadata.generation ?? 0)]),
    statefulSet('kube_statefulset_persistentvolumeclaim_retention_policy', 'Count of retention policy for StatefulSet template PVCs', false, (s) => {
      const policy = s.spec.persistentVolumeClaimRetentionPolicy;
      const deleted = policy?.whenDeleted ?? '';
      const scaled = policy?.whenScaled ?? '';
      return deleted || scaled ? [one(1, ['when_deleted', 'when_scaled'], [deleted, scaled])] : [];
    }),
    allowListed(statefulSet, 'annotations', 'statefulset'),
    allowListed(statefulSet, 'labels', 'statefulset'),
    statefulSet('kube_statefulset_status_current_revision', 'Indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).', true,
      (s) => [one(1, ['revision'], [s.status?.currentRevision ?? ''])]),
    statefulSet('kube_statefulset_status_update_revision', 'Indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)', true,
      (s) => [one(1, ['revision'], [s.status?.updateRevision ?? ''])]),
  ],
};
