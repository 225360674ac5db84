// SetDefaults_HorizontalPodAutoscaler of pkg/apis/autoscaling/v2/defaults.go (release-1.32).
import type { HPAScalingRules, HorizontalPodAutoscaler } from './schema.js';
import { canonicalQuantity } from '../../quantity.js';

/** autoscaling.DefaultCPUUtilization: the target when no metric is given. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** defaultHPAScaleUpRules: at most 4 pods or double, whichever is more, every 15 s, at once. */
export function defaultScaleUpRules(): Required<HPAScalingRules> {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

/**
 * defaultHPAScaleDownRules: everything above the recommendation may go every 15 s. The window is
 * left unset: the controller fills in its --horizontal-pod-autoscaler-downscale-stabilization.
 */
export function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the set fields of `from` over the defaults, in the defaults' key order. */
function withDefaults(from: HPAScalingRules | undefined, to: HPAScalingRules): HPAScalingRules {
  if (!from) return to;
  return {
    ...(from.stabilizationWindowSeconds !== undefined || to.stabilizationWindowSeconds !== undefined
      ? { stabilizationWindowSeconds: from.stabilizationWindowSeconds ?? to.stabilizationWindowSeconds } : {}),
    selectPolicy: from.selectPolicy ?? to.selectPolicy,
    policies: from.policies ?? to.policies,
  };
}

/** GenerateHPAScaleUpRules: every unset field from the defaults. */
export const generateHPAScaleUpRules = (rules: HPAScalingRules | undefined) => withDefaults(rules, defaultScaleUpRules());
/** GenerateHPAScaleDownRules: likewise, the window excepted. */
export const generateHPAScaleDownRules = (rules: HPAScalingRules | undefined) => withDefaults(rules, defaultScaleDownRules());

export function setObjectDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = hpa.spec;
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = generateHPAScaleUpRules(spec.behavior.scaleUp);
    spec.behavior.scaleDown = generateHPAScaleDownRules(spec.behavior.scaleDown);
  }
}

/** Quantities are stored in canonical form ("0.5" reads back as "500m"). */
export function canonicalizeHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  for (const m of hpa.spec.metrics ?? []) {
    for (const src of [m.resource, m.containerResource, m.pods, m.object, m.external]) {
      const t = src?.target;
      if (!t) continue;
      if (t.value !== undefined) t.value = canonicalQuantity(t.value);
      if (t.averageValue !== undefined) t.averageValue = canonicalQuantity(t.averageValue);
    }
  }
}
