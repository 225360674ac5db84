// The policy/v1 PodDisruptionBudget kind through the admission chain: the registry strategy of
// pkg/registry/policy/poddisruptionbudget/strategy.go (release-1.32) and validation. There is no
// defaulting for the kind. index.ts registers it.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import { PodDisruptionBudget as PodDisruptionBudgetSchema, type PodDisruptionBudget } from '../../api/policy/poddisruptionbudget/schema.js';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate } from '../../api/policy/poddisruptionbudget/validate.js';

const asPdb = (o: KubeObject) => o as unknown as PodDisruptionBudget;

export const podDisruptionBudgetAdmission: KindAdmission = {
  qualifiedKind: 'PodDisruptionBudget.policy',
  schema: PodDisruptionBudgetSchema,
  // A create cannot set status; v1 always serializes the four counters.
  prepareForCreate(o) { o.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }; },
  prepareForUpdate(o, old) {
    if (old.status === undefined) delete o.status;
    else o.status = structuredClone(old.status);
  },
  validateCreate: (o) => validatePodDisruptionBudget(asPdb(o)),
  validateUpdate: (o, old) => validatePodDisruptionBudgetUpdate(asPdb(o), asPdb(old)),
};
