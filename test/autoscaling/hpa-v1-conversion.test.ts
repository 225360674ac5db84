// autoscaling/v2 → v1 → v2 as kube-apiserver 1.32 converts (pkg/apis/autoscaling/v1/conversion.go):
// what v1 cannot say rides in the autoscaling.alpha.kubernetes.io annotations, marshalled by
// encoding/json (v1 metric types; the internal behavior type with Go field names), and comes back.
import { describe, expect, it } from 'vitest';
import { convertV1ToV2, convertV2ToV1 } from '../../src/api/autoscaling/horizontalpodautoscaler/conversion.js';
import type { HorizontalPodAutoscaler } from '../../src/api/autoscaling/horizontalpodautoscaler/schema.js';

const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };
const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
const pods = { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } };

const hpa: HorizontalPodAutoscaler = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, uid: 'u' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
    metrics: [cpu, memory, pods],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
  },
  status: {
    currentReplicas: 2, desiredReplicas: 2,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 20, averageValue: '20m' } } }],
    conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'ReadyForNewScale', message: 'recommended size matches current size & <ok>' }],
  },
};

describe('HorizontalPodAutoscaler autoscaling/v1 conversion', () => {
  it('keeps the cpu target as targetCPUUtilizationPercentage and the rest in the round-trip annotations', () => {
    const v1 = convertV2ToV1(hpa);
    expect(v1).toEqual({
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'web', namespace: 'default', uid: 'u', labels: { app: 'web' },
        annotations: {
          'autoscaling.alpha.kubernetes.io/behavior': '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":60}]}}',
          'autoscaling.alpha.kubernetes.io/conditions': '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size \\u0026 \\u003cok\\u003e"}]',
          'autoscaling.alpha.kubernetes.io/current-metrics': '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":20,"currentAverageValue":"20m"}}]',
          'autoscaling.alpha.kubernetes.io/metrics': '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}},{"type":"Pods","pods":{"metricName":"packets-per-second","targetAverageValue":"1k"}}]',
        },
      },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
      status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 20 },
    });
    // ObjectMeta's Go field order: labels before annotations.
    expect(Object.keys(v1.metadata)).toEqual(['name', 'namespace', 'uid', 'labels', 'annotations']);
  });

  it('reads the annotations back and drops them: other metrics first, then the cpu target', () => {
    const back = convertV1ToV2(convertV2ToV1(hpa));
    expect(back.metadata).toEqual(hpa.metadata);
    expect(back.spec).toEqual({ ...hpa.spec, metrics: [memory, pods, cpu] });
    expect(back.status).toEqual(hpa.status);
  });

  it('writes no annotations when v1 says everything', () => {
    const plain: HorizontalPodAutoscaler = { ...hpa, spec: { ...hpa.spec, metrics: [cpu], behavior: undefined }, status: { currentReplicas: 1, desiredReplicas: 1 } };
    delete plain.spec.behavior;
    const v1 = convertV2ToV1(plain);
    expect(v1.metadata).toEqual(hpa.metadata);
    expect(convertV1ToV2(v1).spec).toEqual(plain.spec);
  });
});
