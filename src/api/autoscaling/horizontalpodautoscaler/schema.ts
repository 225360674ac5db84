// autoscaling/v2 HorizontalPodAutoscaler (k8s.io/api/autoscaling/v2/types.go, release-1.32), and
// the autoscaling/v1 form the API server still accepts (see conversion.ts).
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Quantity } from '../../meta/schema.js';

export const CrossVersionObjectReference = z.strictObject({
  kind: z.string(),
  name: z.string(),
  apiVersion: z.string().optional(),
});

export const MetricTarget = z.strictObject({
  type: z.string(),
  value: Quantity.optional(),
  averageValue: Quantity.optional(),
  averageUtilization: z.number().int().optional(),
});

export const MetricValueStatus = z.strictObject({
  value: Quantity.optional(),
  averageValue: Quantity.optional(),
  averageUtilization: z.number().int().optional(),
});

export const MetricIdentifier = z.strictObject({
  name: z.string(),
  selector: LabelSelector.optional(),
});

export const ResourceMetricSource = z.strictObject({ name: z.string(), target: MetricTarget });
export const ContainerResourceMetricSource = z.strictObject({ name: z.string(), target: MetricTarget, container: z.string() });
export const PodsMetricSource = z.strictObject({ metric: MetricIdentifier, target: MetricTarget });
export const ObjectMetricSource = z.strictObject({ describedObject: CrossVersionObjectReference, target: MetricTarget, metric: MetricIdentifier });
export const ExternalMetricSource = z.strictObject({ metric: MetricIdentifier, target: MetricTarget });

export const MetricSpec = z.strictObject({
  type: z.string(),
  object: ObjectMetricSource.optional(),
  pods: PodsMetricSource.optional(),
  resource: ResourceMetricSource.optional(),
  containerResource: ContainerResourceMetricSource.optional(),
  external: ExternalMetricSource.optional(),
});

export const MetricStatus = z.strictObject({
  type: z.string(),
  object: z.strictObject({ metric: MetricIdentifier, current: MetricValueStatus, describedObject: CrossVersionObjectReference }).optional(),
  pods: z.strictObject({ metric: MetricIdentifier, current: MetricValueStatus }).optional(),
  resource: z.strictObject({ name: z.string(), current: MetricValueStatus }).optional(),
  containerResource: z.strictObject({ name: z.string(), current: MetricValueStatus, container: z.string() }).optional(),
  external: z.strictObject({ metric: MetricIdentifier, current: MetricValueStatus }).optional(),
});

export const HPAScalingPolicy = z.strictObject({
  type: z.string(),
  value: z.number().int(),
  periodSeconds: z.number().int(),
});

export const HPAScalingRules = z.strictObject({
  stabilizationWindowSeconds: z.number().int().optional(),
  selectPolicy: z.string().optional(),
  policies: z.array(HPAScalingPolicy).optional(),
});

export const HorizontalPodAutoscalerBehavior = z.strictObject({
  scaleUp: HPAScalingRules.optional(),
  scaleDown: HPAScalingRules.optional(),
});

export const HorizontalPodAutoscalerSpec = z.strictObject({
  scaleTargetRef: CrossVersionObjectReference,
  minReplicas: z.number().int().optional(),
  maxReplicas: z.number().int(),
  metrics: z.array(MetricSpec).optional(),
  behavior: HorizontalPodAutoscalerBehavior.optional(),
});

export const HorizontalPodAutoscalerCondition = z.strictObject({
  type: z.string(),
  status: z.string(),
  lastTransitionTime: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const HorizontalPodAutoscalerStatus = z.strictObject({
  observedGeneration: z.number().int().optional(),
  lastScaleTime: z.string().optional(),
  currentReplicas: z.number().int().optional(),
  desiredReplicas: z.number().int(),
  currentMetrics: z.array(MetricStatus).optional(),
  conditions: z.array(HorizontalPodAutoscalerCondition).optional(),
});

export const HorizontalPodAutoscaler = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('HorizontalPodAutoscaler'),
  metadata: ObjectMeta,
  spec: HorizontalPodAutoscalerSpec,
  status: HorizontalPodAutoscalerStatus.optional(),
});

/** autoscaling/v1: one CPU target instead of a list of metrics. */
export const HorizontalPodAutoscalerV1 = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('HorizontalPodAutoscaler'),
  metadata: ObjectMeta,
  spec: z.strictObject({
    scaleTargetRef: CrossVersionObjectReference,
    minReplicas: z.number().int().optional(),
    maxReplicas: z.number().int(),
    targetCPUUtilizationPercentage: z.number().int().optional(),
  }),
  status: z.strictObject({
    observedGeneration: z.number().int().optional(),
    lastScaleTime: z.string().optional(),
    currentReplicas: z.number().int(),
    desiredReplicas: z.number().int(),
    currentCPUUtilizationPercentage: z.number().int().optional(),
  }).optional(),
});

export type HorizontalPodAutoscaler = z.infer<typeof HorizontalPodAutoscaler> & { metadata: { name: string } };
export type HorizontalPodAutoscalerV1 = z.infer<typeof HorizontalPodAutoscalerV1> & { metadata: { name: string } };
export type HorizontalPodAutoscalerSpec = z.infer<typeof HorizontalPodAutoscalerSpec>;
export type HorizontalPodAutoscalerStatus = z.infer<typeof HorizontalPodAutoscalerStatus>;
export type HorizontalPodAutoscalerCondition = z.infer<typeof HorizontalPodAutoscalerCondition>;
export type MetricSpec = z.infer<typeof MetricSpec>;
export type MetricStatus = z.infer<typeof MetricStatus>;
export type MetricTarget = z.infer<typeof MetricTarget>;
export type HPAScalingRules = z.infer<typeof HPAScalingRules>;
export type HPAScalingPolicy = z.infer<typeof HPAScalingPolicy>;
export type CrossVersionObjectReference = z.infer<typeof CrossVersionObjectReference>;

export const HPA_RESOURCE = 'horizontalpodautoscalers.autoscaling';
