// HorizontalPodAutoscaler through the API server (autoscaling/v2 defaults, the v1 conversion,
// pkg/apis/autoscaling/validation, release-1.32) and its printer (printHorizontalPodAutoscaler and
// formatHPAMetrics in printers.go).
import { describe, expect, test } from 'vitest';
import { NOW, failure, manifest, server } from '../policy/helpers.js';
import { formatHPAMetrics, printHorizontalPodAutoscaler } from '../../src/api/autoscaling/horizontalpodautoscaler/table.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../../src/api/autoscaling/horizontalpodautoscaler/schema.js';
import { convertV2ToV1 } from '../../src/api/autoscaling/horizontalpodautoscaler/conversion.js';

const R = 'horizontalpodautoscalers.autoscaling';
const v2 = (spec: string, name = 'h') =>
  manifest(`apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}}\nspec: ${spec}`);
const invalid = (msg: string, name = 'h') => `Invalid: HorizontalPodAutoscaler.autoscaling "${name}" is invalid: ${msg}`;
const REF = 'scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}';

describe('HorizontalPodAutoscaler admission', () => {
  test('autoscaling/v1 is converted: the CPU target becomes a cpu Utilization metric, kept as v2', () => {
    const api = server();
    const stored = api.create(R, manifest(`apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: php-apache}
spec: {${REF}, maxReplicas: 10, targetCPUUtilizationPercentage: 50}`)) as unknown as HorizontalPodAutoscaler;
    expect(stored.apiVersion).toBe('autoscaling/v2');
    expect(stored.metadata.generation).toBe(1);
    expect(stored.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    expect(stored.status).toEqual({ desiredReplicas: 0 });
    expect(convertV2ToV1(stored).spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50,
    });
  });

  test('no metrics default to 80% cpu; no behavior stays unset', () => {
    const stored = server().create(R, v2(`{${REF}, maxReplicas: 3}`)) as unknown as HorizontalPodAutoscaler;
    expect(stored.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(stored.spec.behavior).toBeUndefined();
  });

  test('a behavior is filled in with the default rules; scale-down keeps its window unset', () => {
    const stored = server().create(R, v2(`{${REF}, maxReplicas: 3, behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}`)) as unknown as HorizontalPodAutoscaler;
    expect(stored.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    const bare = server().create(R, v2(`{${REF}, maxReplicas: 3, behavior: {scaleUp: {selectPolicy: Min}}}`)) as unknown as HorizontalPodAutoscaler;
    expect(bare.spec.behavior?.scaleDown).toEqual({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(bare.spec.behavior?.scaleUp?.selectPolicy).toBe('Min');
  });

  test('quantities are stored canonical', () => {
    const stored = server().create(R, v2(`{${REF}, maxReplicas: 3, metrics: [{type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: "0.5Gi"}}}]}`)) as unknown as HorizontalPodAutoscaler;
    expect(stored.spec.metrics?.[0].resource?.target.averageValue).toBe('512Mi');
  });

  test.each([
    ['minReplicas below 1', `{${REF}, minReplicas: 0, maxReplicas: 3}`, invalid('spec.minReplicas: Invalid value: 0: must be greater than or equal to 1')],
    ['maxReplicas below minReplicas', `{${REF}, minReplicas: 5, maxReplicas: 3}`, invalid('spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`')],
    ['maxReplicas of 0', `{${REF}, maxReplicas: 0}`,
      invalid('[spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]')],
    ['a scale target without kind and name', '{scaleTargetRef: {kind: "", name: ""}, maxReplicas: 1}',
      invalid('[spec.scaleTargetRef.kind: Required value, spec.scaleTargetRef.name: Required value]')],
    ['a metric without its source', `{${REF}, maxReplicas: 2, metrics: [{type: Resource}]}`,
      invalid('spec.metrics[0].resource: Required value: must populate information for the given metric source')],
    ['an unknown metric type', `{${REF}, maxReplicas: 2, metrics: [{type: Memory}]}`,
      invalid('spec.metrics[0].type: Unsupported value: "Memory": supported values: "Object", "Pods", "Resource", "External", "ContainerResource"')],
    ['a utilization below 1', `{${REF}, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 0}}}]}`,
      invalid('spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0')],
    ['a resource target with neither value', `{${REF}, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization}}}]}`,
      invalid('spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization')],
    ['a bad target type', `{${REF}, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Percent, averageUtilization: 5}}}]}`,
      invalid('spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue')],
    ['two sources in one metric', `{${REF}, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 5}}, pods: {metric: {name: x}, target: {type: AverageValue, averageValue: 1}}}]}`,
      invalid('spec.metrics[0].pods: Forbidden: must populate the given metric source only')],
    ['bad scaling policies', `{${REF}, maxReplicas: 2, behavior: {scaleUp: {stabilizationWindowSeconds: 4000, selectPolicy: Fastest, policies: [{type: Replicas, value: 0, periodSeconds: 1801}]}}}`,
      invalid('[spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600, '
        + 'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Max", "Min", "Disabled", '
        + 'spec.behavior.scaleUp.policies[0].type: Unsupported value: "Replicas": supported values: "Pods", "Percent", '
        + 'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero, '
        + 'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800]')],
    ['empty policies', `{${REF}, maxReplicas: 2, behavior: {scaleDown: {policies: []}}}`,
      invalid('spec.behavior.scaleDown.policies: Required value: must specify at least one Policy')],
  ])('refuses %s', (_name, spec, want) => {
    expect(failure(() => server().create(R, v2(spec)))).toBe(want);
  });

  test('unknown fields are refused in the version of the body', () => {
    expect(failure(() => server().create(R, manifest(`apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec: {${REF}, maxReplicas: 2, metrics: []}`))))
      .toBe('BadRequest: HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field "spec.metrics"');
  });

  test('a patch made through autoscaling/v1 sees the v1 object and keeps what v1 cannot express', () => {
    const api = server();
    api.create(R, v2(`{${REF}, maxReplicas: 3, behavior: {scaleDown: {stabilizationWindowSeconds: 30}}, metrics: [
      {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}},
      {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]}`));
    const patched = api.patch(R, 'default', 'h', 'merge', { spec: { targetCPUUtilizationPercentage: 70, maxReplicas: 4 } }, { asVersion: 'autoscaling/v1' }) as unknown as HorizontalPodAutoscaler;
    expect(patched.apiVersion).toBe('autoscaling/v2');
    expect(patched.metadata.generation).toBe(2);
    expect(patched.spec.maxReplicas).toBe(4);
    expect(patched.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(patched.spec.behavior?.scaleDown?.stabilizationWindowSeconds).toBe(30);
    // A v2 field in a v1 patch is unknown to v1.
    expect(failure(() => api.patch(R, 'default', 'h', 'merge', { spec: { behavior: {} } }, { asVersion: 'autoscaling/v1' })))
      .toBe('BadRequest: strict decoding error: unknown field "spec.behavior"');
  });

  test('an update keeps the status and bumps the generation on a spec change', () => {
    const api = server();
    const stored = api.create(R, v2(`{${REF}, maxReplicas: 3}`));
    api.updateStatus(R, { ...stored, status: { currentReplicas: 2, desiredReplicas: 2 } });
    const changed = api.update(R, { ...api.get(R, 'default', 'h'), spec: { ...(stored.spec as object), maxReplicas: 5 }, status: { desiredReplicas: 9 } }) as unknown as HorizontalPodAutoscaler;
    expect(changed.metadata.generation).toBe(2);
    expect(changed.status).toEqual({ currentReplicas: 2, desiredReplicas: 2 });
  });
});

describe('formatHPAMetrics and printHorizontalPodAutoscaler', () => {
  const cpu = (u: number): MetricSpec => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });
  const cpuNow = (u: number, v = '100m'): MetricStatus => ({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: u, averageValue: v } } });
  const pods: MetricSpec = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '100m' } } };
  const ext = (avg: boolean): MetricSpec => ({ type: 'External', external: { metric: { name: 'q' }, target: avg ? { type: 'AverageValue', averageValue: '100m' } : { type: 'Value', value: '100m' } } });
  const obj = (avg: boolean): MetricSpec => ({ type: 'Object', object: { metric: { name: 'q' }, describedObject: { kind: 'Service', name: 's' },
    target: avg ? { type: 'AverageValue', averageValue: '100m' } : { type: 'Value', value: '100m' } } });
  const mem: MetricSpec = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
  const ctr: MetricSpec = { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } };
  test.each<[string, MetricSpec[], MetricStatus[], string]>([
    ['no metrics', [], [], '<none>'],
    ['cpu utilization, not yet measured', [cpu(50)], [], 'cpu: <unknown>/50%'],
    ['cpu utilization measured', [cpu(50)], [cpuNow(45)], 'cpu: 45%/50%'],
    ['a failed metric has an empty status', [cpu(50)], [{ type: '' }], 'cpu: <unknown>/50%'],
    ['cpu without a target', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }], [], 'cpu: <unknown>/<auto>'],
    ['memory average value', [mem], [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '50Mi' } } }], 'memory: 50Mi/100Mi'],
    ['memory average value, not yet measured', [mem], [], 'memory: <unknown>/100Mi'],
    ['pods metric', [pods], [{ type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '50m' } } }], '50m/100m'],
    ['external average value', [ext(true)], [], '<unknown>/100m (avg)'],
    ['external value', [ext(false)], [{ type: 'External', external: { metric: { name: 'q' }, current: { value: '50m' } } }], '50m/100m'],
    ['object value', [obj(false)], [], '<unknown>/100m'],
    ['object average value', [obj(true)], [{ type: 'Object', object: { metric: { name: 'q' }, describedObject: { kind: 'Service', name: 's' }, current: { averageValue: '50m' } } }], '50m/100m (avg)'],
    ['container resource', [ctr], [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 30, averageValue: '30m' } } }], 'cpu: 30%/60%'],
    ['two metrics', [cpu(50), mem], [cpuNow(45)], 'cpu: 45%/50%, memory: <unknown>/100Mi'],
    ['more than two metrics', [cpu(50), mem, pods, ext(true)], [cpuNow(45)], 'cpu: 45%/50%, memory: <unknown>/100Mi + 2 more...'],
    ['an unknown type', [{ type: 'Custom' }], [], '<unknown type>'],
  ])('%s', (_name, specs, statuses, want) => {
    expect(formatHPAMetrics(specs, statuses)).toBe(want);
  });

  test('the row: reference, targets, min (or <unset>), max, current replicas, age', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'php-apache', namespace: 'default', creationTimestamp: new Date(NOW - 90_000).toISOString() },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [cpu(50)] },
      status: { currentReplicas: 7, desiredReplicas: 7, currentMetrics: [cpuNow(250)] },
    } as HorizontalPodAutoscaler;
    expect(printHorizontalPodAutoscaler(hpa, { now: NOW, wide: false })[0].cells)
      .toEqual(['php-apache', 'Deployment/php-apache', 'cpu: 250%/50%', '1', 10, 7, '90s']);
    const unset = { ...hpa, metadata: { name: 'some-hpa' }, spec: { ...hpa.spec, minReplicas: undefined, metrics: [] }, status: { desiredReplicas: 0 } } as HorizontalPodAutoscaler;
    expect(printHorizontalPodAutoscaler(unset, { now: NOW, wide: false })[0].cells)
      .toEqual(['some-hpa', 'Deployment/php-apache', '<none>', '<unset>', 10, 0, '<unknown>']);
  });
});
