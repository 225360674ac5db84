// autoscaling/v1 ⇄ autoscaling/v2, as pkg/apis/autoscaling/v1/conversion.go converts through the
// internal version: v1's single CPU target is v2's one Resource metric on cpu. Objects are kept in
// v2 (the storage version); a v1 body is converted on the way in.
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerV1 } from './schema.js';

export const AUTOSCALING_V1 = 'autoscaling/v1';
export const AUTOSCALING_V2 = 'autoscaling/v2';

/** A v1 object as v2: targetCPUUtilizationPercentage becomes a cpu Utilization metric. */
export function convertV1ToV2(v1: HorizontalPodAutoscalerV1): HorizontalPodAutoscaler {
  const { targetCPUUtilizationPercentage: cpu, ...spec } = v1.spec;
  const out: HorizontalPodAutoscaler = {
    apiVersion: AUTOSCALING_V2,
    kind: 'HorizontalPodAutoscaler',
    metadata: v1.metadata,
    spec: {
      ...spec,
      ...(cpu !== undefined ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] } : {}),
    },
  };
  if (v1.status) {
    const { currentCPUUtilizationPercentage: current, ...status } = v1.status;
    out.status = {
      ...status,
      ...(current !== undefined ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] } : {}),
    };
  }
  return out;
}

/** The v2 object as v1 reads it: the first cpu Utilization metric, target and current. */
export function convertV2ToV1(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const cpu = hpa.spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.averageUtilization !== undefined);
  const current = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const { metrics: _m, behavior: _b, ...spec } = hpa.spec;
  return {
    apiVersion: AUTOSCALING_V1,
    kind: 'HorizontalPodAutoscaler',
    metadata: hpa.metadata,
    spec: { ...spec, ...(cpu ? { targetCPUUtilizationPercentage: cpu.resource!.target.averageUtilization } : {}) },
    ...(hpa.status ? {
      status: {
        ...(hpa.status.observedGeneration !== undefined ? { observedGeneration: hpa.status.observedGeneration } : {}),
        ...(hpa.status.lastScaleTime !== undefined ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
        currentReplicas: hpa.status.currentReplicas ?? 0,
        desiredReplicas: hpa.status.desiredReplicas,
        ...(current?.resource?.current.averageUtilization !== undefined
          ? { currentCPUUtilizationPercentage: current.resource.current.averageUtilization } : {}),
      },
    } : {}),
  };
}
