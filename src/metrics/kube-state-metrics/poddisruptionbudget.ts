// kube-state-metrics v2.14's poddisruptionbudget families (internal/store/poddisruptionbudget.go), in its order.
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudget/schema.js';
import { allowListed, created, one, wrapped, type ResourceStore } from './family.js';

const pdb = wrapped<PodDisruptionBudget>((p) => [['namespace', 'poddisruptionbudget'], [p.metadata.namespace ?? '', p.metadata.name]]);

export const podDisruptionBudgetStore: ResourceStore<PodDisruptionBudget> = {
  resource: 'poddisruptionbudgets',
  storeResource: 'poddisruptionbudgets.policy',
  families: [
    allowListed(pdb, 'annotations', 'poddisruptionbudget'),
    allowListed(pdb, 'labels', 'poddisruptionbudget', false),
    pdb('kube_poddisruptionbudget_created', 'Unix creation timestamp', true, created),
    pdb('kube_poddisruptionbudget_status_current_healthy', 'Current number of healthy pods', true, (p) => [one(p.status?.currentHealthy ?? 0)]),
    pdb('kube_poddisruptionbudget_status_desired_healthy', 'Minimum desired number of healthy pods', true, (p) => [one(p.status?.desiredHealthy ?? 0)]),
    pdb('kube_poddisruptionbudget_status_pod_disruptions_allowed', 'Number of pod disruptions that are currently allowed', true,
      (p) => [one(p.status?.disruptionsAllowed ?? 0)]),
    pdb('kube_poddisruptionbudget_status_expected_pods', 'Total number of pods counted by this disruption budget', true, (p) => [one(p.status?.expectedPods ?? 0)]),
    pdb('kube_poddisruptionbudget_status_observed_generation', 'Most recent generation observed when updating this PDB status', true,
      (p) => [one(p.status?.observedGeneration ?? 0)]),
  ],
};
