// kube-state-metrics v2.14's replicaset and daemonset families (internal/store/replicaset.go, daemonset.go), in its order.
import type { DaemonSet } from '../../api/apps/daemonset/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import { allowListed, created, one, ownerMetrics, wrapped, type ResourceStore } from './family.js';

const replicaSet = wrapped<ReplicaSet>((r) => [['namespace', 'replicaset'], [r.metadata.namespace ?? '', r.metadata.name]]);

export const replicaSetStore: ResourceStore<ReplicaSet> = {
  resource: 'replicasets',
  storeResource: 'replicasets.apps',
  families: [
    replicaSet('kube_replicaset_created', 'Unix creation timestamp', true, created),
    replicaSet('kube_replicaset_status_replicas', 'The number of replicas per ReplicaSet.', true, (r) => [one(r.status?.replicas ?? 0)]),
    replicaSet('kube_replicaset_status_fully_labeled_replicas', 'The number of fully labeled replicas per ReplicaSet.', true,
      (r) => [one(r.status?.fullyLabeledReplicas ?? 0)]),
    replicaSet('kube_replicaset_status_ready_replicas', 'The number of ready replicas per ReplicaSet.', true, (r) => [one(r.status?.readyReplicas ?? 0)]),
    replicaSet('kube_replicaset_status_observed_generation', 'The generation observed by the ReplicaSet controller.', true,
      (r) => [one(r.status?.observedGeneration ?? 0)]),
    replicaSet('kube_replicaset_spec_replicas', 'Number of desired pods for a ReplicaSet.', true,
      (r) => (r.spec.replicas === undefined || r.spec.replicas === null ? [] : [one(r.spec.replicas)])),
    replicaSet('kube_replicaset_metadata_generation', 'Sequence number representing a specific generation of the desired state.', true,
      (r) => [one(r.metadata.generation ?? 0)]),
    replicaSet('kube_replicaset_owner', "Information about the ReplicaSet's owner.", true, (r) => ownerMetrics(r.metadata.ownerReferences)),
    allowListed(replicaSet, 'annotations', 'replicaset'),
    allowListed(replicaSet, 'labels', 'replicaset'),
  ],
};

const daemonSet = wrapped<DaemonSet>((d) => [['namespace', 'daemonset'], [d.metadata.namespace ?? '', d.metadata.name]]);

export const daemonSetStore: ResourceStore<DaemonSet> = {
  resource: 'daemonsets',
  storeResource: 'daemonsets.apps',
  families: [
    daemonSet('kube_daemonset_created', 'Unix creation timestamp', true, created),
    daemonSet('kube_daemonset_status_current_number_scheduled', 'The number of nodes running at least one daemon pod and are supposed to.', true,
      (d) => [one(d.status?.currentNumberScheduled ?? 0)]),
    daemonSet('kube_daemonset_status_desired_number_scheduled', 'The number of nodes that should be running the daemon pod.', true,
      (d) => [one(d.status?.desiredNumberScheduled ?? 0)]),
    daemonSet('kube_daemonset_status_number_available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available', true,
      (d) => [one(d.status?.numberAvailable ?? 0)]),
    daemonSet('kube_daemonset_status_number_misscheduled', 'The number of nodes running a daemon pod but are not supposed to.', true,
      (d) => [one(d.status?.numberMisscheduled ?? 0)]),
    daemonSet('kube_daemonset_status_number_ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', true,
      (d) => [one(d.status?.numberReady ?? 0)]),
    daemonSet('kube_daemonset_status_number_unavailable', 'The number of nodes that should be running the daemon pod and have none of the daemon pod running and available', true,
      (d) => [one(d.status?.numberUnavailable ?? 0)]),
    daemonSet('kube_daemonset_status_observed_generation', 'The most recent generation observed by the daemon set controller.', true,
      (d) => [one(d.status?.observedGeneration ?? 0)]),
    daemonSet('kube_daemonset_status_updated_number_scheduled', 'The total number of nodes that are running updated daemon pod', true,
      (d) => [one(d.status?.updatedNumberScheduled ?? 0)]),
    daemonSet('kube_daemonset_metadata_generation', 'Sequence number representing a specific generation of the desired state.', true,
      (d) => [one(d.metadata.generation ?? 0)]),
    allowListed(daemonSet, 'annotations', 'daemonset'),
    allowListed(daemonSet, 'labels', 'daemonset'),
  ],
};
