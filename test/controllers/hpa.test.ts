// The HPA controller in a whole in-process cluster on the manual clock: the Kubernetes HPA
// walkthrough (php-apache under a wget loop scales up, and back down 5 minutes after the load
// stops), what metrics-server serves agreeing with what the HPA computed, behavior policies
// pacing a scale-down, and the failures upstream reports in its own words.
import { describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/object.js';
import type { HorizontalPodAutoscaler } from '../../src/api/autoscaling/horizontalpodautoscaler/schema.js';
import type { Event } from '../../src/api/core/event/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { printHorizontalPodAutoscaler } from '../../src/api/autoscaling/horizontalpodautoscaler/table.js';
import { milliValue, parseQuantity } from '../../src/api/quantity.js';
import { initCluster } from '../../src/cluster/create.js';
import { enableWrites, settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { listPodMetrics } from '../../src/metrics/metrics-server.js';
import { horizontalPodAutoscalerController } from '../../src/controllers/hpa/horizontal.js';
import { MemoryStore } from '../../src/store/memory.js';

const HPA = 'horizontalpodautoscalers.autoscaling';
const manifest = (yaml: string) => parse(yaml) as KubeObject;

async function cluster(): Promise<ClusterHandle> {
  const h = initCluster(new MemoryStore(), 'mk', { clock: 'manual' });
  await enableWrites(h);
  await settle(h);
  return h;
}

async function advance(h: ClusterHandle, ms: number): Promise<void> {
  h.store.transaction(() => h.clock.advance(ms));
  await settle(h);
}

function deployment(name: string, image: string, resources: string): KubeObject {
  return manifest(`apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {run: ${name}}}
  template:
    metadata: {labels: {run: ${name}}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        ports: [{containerPort: 80}]
        ${resources}`);
}

const hpaV1 = (name: string, extra = '') => manifest(`apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 1
  maxReplicas: 10
  targetCPUUtilizationPercentage: 50
${extra}`);

const hpaOf = (h: ClusterHandle, name: string) => h.api.get(HPA, 'default', name) as unknown as HorizontalPodAutoscaler;
const replicas = (h: ClusterHandle, name: string) => (h.api.get('deployments.apps', 'default', name).spec as { replicas: number }).replicas;
const targets = (h: ClusterHandle, name: string) => printHorizontalPodAutoscaler(hpaOf(h, name), { now: h.now(), wide: false })[0].cells[2];
const hpaEvents = (h: ClusterHandle, name: string) => (h.api.list('events', { namespace: 'default' }) as unknown as Event[])
  .filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.involvedObject.name === name)
  .map((e) => `${e.type} ${e.reason} x${e.count ?? 1} ${e.source?.component ?? ''}: ${e.message}`);
const conditions = (h: ClusterHandle, name: string) => (hpaOf(h, name).status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

const LOAD = manifest(`apiVersion: v1
kind: Pod
metadata: {name: load-generator}
spec:
  restartPolicy: Never
  containers:
  - name: load-generator
    image: busybox:1.28
    command: [/bin/sh, -c, "while sleep 0.01; do wget -q -O- http://php-apache; done"]`);

describe('the HPA walkthrough on a manual clock', () => {
  test('scales php-apache up under a wget loop and down 5 minutes after it stops', async () => {
    const h = await cluster();
    h.api.create('deployments.apps', deployment('php-apache', 'registry.k8s.io/hpa-example', 'resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}'));
    h.api.create('services', manifest('apiVersion: v1\nkind: Service\nmetadata: {name: php-apache, labels: {run: php-apache}}\nspec: {ports: [{port: 80}], selector: {run: php-apache}}'));
    await advance(h, 60_000);
    h.api.create(HPA, hpaV1('php-apache'));
    await settle(h);
    // The first sync comes one period after the HPA is created.
    expect(targets(h, 'php-apache')).toBe('cpu: <unknown>/50%');
    await advance(h, 15_000);
    // Idle apache with php: a millicore or so of its 200m request.
    expect(targets(h, 'php-apache')).toMatch(/^cpu: [01]%\/50%$/);
    // At 1% the calculator asks for ceil(0.02 × 1) = 1 pod; at 0% for none, which the stabilisation
    // window (holding the current 1) overrides before minReplicas would.
    const idle = targets(h, 'php-apache') === 'cpu: 0%/50%'
      ? 'AbleToScale=True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation'
      : 'AbleToScale=True ReadyForNewScale: recommended size matches current size';
    expect(conditions(h, 'php-apache')).toEqual([
      idle,
      'ScalingActive=True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      'ScalingLimited=False DesiredWithinRange: the desired count is within the acceptable range',
    ]);
    expect(hpaOf(h, 'php-apache').status).toMatchObject({ currentReplicas: 1, desiredReplicas: 1 });

    h.api.create('pods', LOAD);
    await advance(h, 15_000);
    // One pod throttled at its 500m limit is ~240% of its 200m request: 5 pods wanted, and the
    // default scale-up limit (max(2x, 4)) lets it go to 4 at once.
    expect(replicas(h, 'php-apache')).toBe(4);
    expect(targets(h, 'php-apache')).toMatch(/^cpu: 2[34]\d%\/50%$/);
    expect(conditions(h, 'php-apache')[2]).toBe(
      'ScalingLimited=True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate');
    const up = 'cpu resource utilization (percentage of request) above target';
    expect(hpaEvents(h, 'php-apache')).toEqual([`Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: 4; reason: ${up}`]);
    await advance(h, 15_000);
    // The three new pods are not ready yet, so the metrics alone ask for no change; the 5 still in
    // the stabilisation window wins, with the reason left empty as upstream leaves it.
    expect(replicas(h, 'php-apache')).toBe(5);
    await advance(h, 15_000);
    // 650m of demand over 5 pods is 65% each; over 7, 46%: within the tolerance of the target.
    expect(replicas(h, 'php-apache')).toBe(7);
    expect(hpaEvents(h, 'php-apache')).toEqual([
      `Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: 4; reason: ${up}`,
      'Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: 5; reason: ',
      `Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: 7; reason: ${up}`,
    ]);
    await advance(h, 60_000);
    expect(replicas(h, 'php-apache')).toBe(7);
    const hpa = hpaOf(h, 'php-apache');
    expect(hpa.status?.currentReplicas).toBe(7);
    const utilization = hpa.status?.currentMetrics?.[0].resource?.current.averageUtilization ?? 0;
    expect(Math.abs(utilization - 50)).toBeLessThanOrEqual(5);

    // What metrics-server serves (and `mk top` prints) is what the HPA computed from.
    const served = listPodMetrics({ api: h.api, store: h.store, now: h.now() }, { namespace: 'default', labelSelector: 'run=php-apache' });
    const pods = h.api.list('pods', { namespace: 'default' }) as unknown as Pod[];
    expect(served.length).toBe(pods.filter((p) => p.metadata.labels?.run === 'php-apache').length);
    const total = served.reduce((s, m) => s + milliValue(parseQuantity(m.containers[0].usage.cpu)), 0);
    expect(hpa.status?.currentMetrics?.[0].resource?.current).toEqual({
      averageUtilization: Math.trunc((total * 100) / (200 * served.length)), averageValue: `${Math.trunc(total / served.length)}m` });

    h.api.delete('pods', 'default', 'load-generator', { gracePeriodSeconds: 0 });
    await advance(h, 60_000);
    expect(targets(h, 'php-apache')).toMatch(/^cpu: [0-2]%\/50%$/);
    expect(conditions(h, 'php-apache')[0]).toBe(
      'AbleToScale=True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation');
    await advance(h, 3 * 60_000);
    expect(replicas(h, 'php-apache')).toBe(7);
    await advance(h, 75_000);
    expect(replicas(h, 'php-apache')).toBe(1);
    expect(hpaEvents(h, 'php-apache').at(-1)).toBe('Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: 1; reason: All metrics below target');
  });
});

describe('catching up', () => {
  test('one long advance after the load starts scales as 15 s steps would, and an idle day costs few syncs', async () => {
    const h = await cluster();
    h.api.create('deployments.apps', deployment('php-apache', 'registry.k8s.io/hpa-example', 'resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}'));
    h.api.create('services', manifest('apiVersion: v1\nkind: Service\nmetadata: {name: php-apache}\nspec: {ports: [{port: 80}], selector: {run: php-apache}}'));
    h.api.create(HPA, hpaV1('php-apache'));
    const reconcile = vi.spyOn(horizontalPodAutoscalerController, 'reconcile');
    await advance(h, 24 * 3600_000);
    expect(hpaOf(h, 'php-apache').status?.currentReplicas).toBe(1);
    // Not 5,760 syncs: once its pods have settled, nothing changes until the day is over.
    expect(reconcile.mock.calls.filter(([key]) => key === 'default/php-apache').length).toBeLessThan(100);
    reconcile.mockRestore();
    h.api.create('pods', LOAD);
    await advance(h, 3 * 60_000);
    expect(replicas(h, 'php-apache')).toBe(7);
    expect(hpaEvents(h, 'php-apache').map((e) => e.split(';')[0])).toEqual([4, 5, 7].map((n) => `Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: ${n}`));
  });
});

describe('behavior and failures', () => {
  test('a scale-down policy of one pod a minute steps the size down', async () => {
    const h = await cluster();
    const d = deployment('web', 'registry.k8s.io/hpa-example', 'resources: {requests: {cpu: 200m}}');
    (d.spec as { replicas: number }).replicas = 4;
    h.api.create('deployments.apps', d);
    await advance(h, 60_000);
    h.api.create(HPA, manifest(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 0
      policies: [{type: Pods, value: 1, periodSeconds: 60}]`));
    await advance(h, 15_000);
    expect(replicas(h, 'web')).toBe(3);
    expect(conditions(h, 'web')).toContain(
      'ScalingLimited=True ScaleDownLimit: the desired replica count is decreasing faster than the maximum scale rate');
    await advance(h, 45_000);
    expect(replicas(h, 'web')).toBe(3);
    await advance(h, 15_000);
    expect(replicas(h, 'web')).toBe(2);
    await advance(h, 60_000);
    expect(replicas(h, 'web')).toBe(1);
    expect(hpaEvents(h, 'web')).toEqual([3, 2, 1].map((n) => `Normal SuccessfulRescale x1 horizontal-pod-autoscaler: New size: ${n}; reason: All metrics below target`));
  });

  test('pods without a cpu request: FailedGetResourceMetric, and ScalingActive False', async () => {
    const h = await cluster();
    h.api.create('deployments.apps', deployment('nginx', 'nginx', ''));
    await advance(h, 60_000);
    h.api.create(HPA, hpaV1('nginx'));
    await advance(h, 30_000);
    const pod = (h.api.list('pods', { namespace: 'default' }) as unknown as Pod[])[0].metadata.name;
    const why = `failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}`;
    expect(hpaEvents(h, 'nginx')).toEqual([
      `Warning FailedGetResourceMetric x2 horizontal-pod-autoscaler: ${why}`,
      `Warning FailedComputeMetricsReplicas x2 horizontal-pod-autoscaler: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`,
    ]);
    expect(conditions(h, 'nginx')).toEqual([
      "AbleToScale=True SucceededGetScale: the HPA controller was able to get the target's current scale",
      `ScalingActive=False FailedGetResourceMetric: the HPA was unable to compute the replica count: ${why}`,
    ]);
    expect(hpaOf(h, 'nginx').status).toMatchObject({ currentReplicas: 1, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    expect(targets(h, 'nginx')).toBe('cpu: <unknown>/50%');

    // The failure recurs every 15 s: 40 more times in 10 minutes, whether or not each sync runs.
    await advance(h, 10 * 60_000);
    expect(hpaEvents(h, 'nginx').map((e) => e.split(':')[0])).toEqual([
      'Warning FailedGetResourceMetric x42 horizontal-pod-autoscaler', 'Warning FailedComputeMetricsReplicas x42 horizontal-pod-autoscaler']);
    // Given requests, the new pod has metrics a little later and the warnings stop where they were.
    h.api.patch('deployments.apps', 'default', 'nginx', 'strategic',
      { spec: { template: { spec: { containers: [{ name: 'nginx', resources: { requests: { cpu: '100m' } } }] } } } });
    await advance(h, 5 * 60_000);
    const counts = hpaEvents(h, 'nginx').map((e) => e.split(' ')[2]);
    expect(counts[0]).toBe(counts[1]);
    await advance(h, 5 * 60_000);
    expect(hpaEvents(h, 'nginx').map((e) => e.split(' ')[2])).toEqual(counts);
    expect(conditions(h, 'nginx')[1]).toMatch(/^ScalingActive=True ValidMetricFound: /);
    expect(targets(h, 'nginx')).toBe('cpu: 0%/50%');
  });

  test('a pods metric: no custom metrics API is registered', async () => {
    const h = await cluster();
    h.api.create('deployments.apps', deployment('web', 'nginx', 'resources: {requests: {cpu: 100m}}'));
    await advance(h, 60_000);
    h.api.create(HPA, manifest(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  metrics: [{type: Pods, pods: {metric: {name: packets-per-second}, target: {type: AverageValue, averageValue: 1k}}}]`));
    await advance(h, 15_000);
    const why = 'unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
    expect(hpaEvents(h, 'web')).toEqual([
      `Warning FailedGetPodsMetric x1 horizontal-pod-autoscaler: ${why}`,
      `Warning FailedComputeMetricsReplicas x1 horizontal-pod-autoscaler: invalid metrics (1 invalid out of 1), first error is: failed to get pods metric value: ${why}`,
    ]);
    expect(conditions(h, 'web')[1]).toBe(`ScalingActive=False FailedGetPodsMetric: the HPA was unable to compute the replica count: ${why}`);
    expect(targets(h, 'web')).toBe('<unknown>/1k');
  });

  test('a missing target: FailedGetScale with the API error', async () => {
    const h = await cluster();
    h.api.create(HPA, hpaV1('nope'));
    await advance(h, 15_000);
    expect(hpaEvents(h, 'nope')).toEqual(['Warning FailedGetScale x1 horizontal-pod-autoscaler: deployments.apps "nope" not found']);
    expect(conditions(h, 'nope')).toEqual([
      'AbleToScale=False FailedGetScale: the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found',
    ]);
  });
});
