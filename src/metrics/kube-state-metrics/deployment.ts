// kube-state-metrics v2.14's deployment families (internal/store/deployment.go), in its order.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import { getScaledValueFromIntOrPercent } from '../../controllers/deployment/util.js';
import { allowListed, bool, conditionMetrics, one, unix, wrapped, type ResourceStore } from './family.js';

const deployment = wrapped<Deployment>((d) => [['namespace', 'deployment'], [d.metadata.namespace ?? '', d.metadata.name]]);

const replicas = (d: Deployment) => d.spec.replicas ?? 1;

export const deploymentStore: ResourceStore<Deployment> = {
  resource: 'deployments',
  storeResource: 'deployments.apps',
  families: [
    deployment('kube_deployment_created', 'Unix creation timestamp', true,
      (d) => (d.metadata.creationTimestamp ? [one(unix(d.metadata.creationTimestamp))] : [])),
    deployment('kube_deployment_status_replicas', 'The number of replicas per deployment.', true, (d) => [one(d.status?.replicas ?? 0)]),
    deployment('kube_deployment_status_replicas_ready', 'The number of ready replicas per deployment.', true, (d) => [one(d.status?.readyReplicas ?? 0)]),
    deployment('kube_deployment_status_replicas_available', 'The number of available replicas per deployment.', true,
      (d) => [one(d.status?.availableReplicas ?? 0)]),
    deployment('kube_deployment_status_replicas_unavailable', 'The number of unavailable replicas per deployment.', true,
      (d) => [one(d.status?.unavailableReplicas ?? 0)]),
    deployment('kube_deployment_status_replicas_updated', 'The number of updated replicas per deployment.', true, (d) => [one(d.status?.updatedReplicas ?? 0)]),
    deployment('kube_deployment_status_observed_generation', 'The generation observed by the deployment controller.', true,
      (d) => [one(d.status?.observedGeneration ?? 0)]),
    deployment('kube_deployment_status_condition', 'The current status conditions of a deployment.', true,
      (d) => (d.status?.conditions ?? []).flatMap((c) => conditionMetrics(c.status, ['condition', 'status'], [c.type]))),
    deployment('kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', true, (d) => [one(replicas(d))]),
    deployment('kube_deployment_spec_paused', 'Whether the deployment is paused and will not be processed by the deployment controller.', true,
      (d) => [one(bool(!!d.spec.paused))]),
    deployment('kube_deployment_spec_strategy_rollingupdate_max_unavailable', 'Maximum number of unavailable replicas during a rolling update of a deployment.', true,
      (d) => {
        const ru = d.spec.strategy?.rollingUpdate;
        return ru ? [one(getScaledValueFromIntOrPercent(ru.maxUnavailable, replicas(d), false))] : [];
      }),
    deployment('kube_deployment_spec_strategy_rollingupdate_max_surge', 'Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.', true,
      (d) => {
        const ru = d.spec.strategy?.rollingUpdate;
        return ru ? [one(getScaledValueFromIntOrPercent(ru.maxSurge, replicas(d), true))] : [];
      }),
    deployment('kube_deployment_metadata_generation', 'Sequence number representing a specific generation of the desired state.', true,
      (d) => [one(d.metadata.generation ?? 0)]),
    allowListed(deployment, 'annotations', 'deployment'),
    allowListed(deployment, 'labels', 'deployment'),
  ],
};
