// A seeded cluster on the manual clock, scraped as Prometheus would: kube-state-metrics' families
// and kube-scheduler's, whole, against what upstream's generators make of the same objects
// (internal/store/*.go of kube-state-metrics v2.14, pkg/scheduler/metrics of 1.32).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { componentMetrics } from '../../src/metrics/components.js';
import { kubeStateMetrics } from '../../src/metrics/kube-state-metrics/metrics.js';
import { advance, memoryCluster } from '../sim/harness.js';

interface ParsedFamily { name: string; help: string; type: string; lines: string[] }

/**
 * The text format parsed: every family is a HELP line, a TYPE line and its samples, each sample
 * named after its family (histograms: _bucket, _sum, _count) and well formed.
 */
function parse(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  let current: ParsedFamily | undefined;
  for (let i = 0; i < lines.length; i++) {
    const help = /^# HELP (\w+) (.*)$/.exec(lines[i]);
    if (help) {
      const type = /^# TYPE (\w+) (counter|gauge|histogram)$/.exec(lines[i + 1]);
      expect(type?.[1], lines[i]).toBe(help[1]);
      expect(families.has(help[1]), `${help[1]} twice`).toBe(false);
      current = { name: help[1], help: help[2], type: type![2], lines: [] };
      families.set(current.name, current);
      i++;
      continue;
    }
    const sample = /^(\w+)(\{(\w+="(?:[^"\\]|\\.)*"(,\w+="(?:[^"\\]|\\.)*")*)?\})? (\S+)$/.exec(lines[i]);
    expect(sample, lines[i]).not.toBeNull();
    const base = current!.type === 'histogram' ? sample![1].replace(/_(bucket|sum|count)$/, '') : sample![1];
    expect(base, lines[i]).toBe(current!.name);
    current!.lines.push(lines[i]);
  }
  return families;
}

/** A family's block: its header and the samples `keep` selects. */
function block(families: Map<string, ParsedFamily>, name: string, keep: (line: string) => boolean = () => true): string {
  const f = families.get(name);
  if (!f) return `(no ${name})`;
  return `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n${f.lines.filter(keep).map((l) => `${l}\n`).join('')}`;
}

const inDefault = (l: string) => l.includes('namespace="default"');

let h: ClusterHandle;
let ksm: Map<string, ParsedFamily>;
let before: Map<string, ParsedFamily>;
let scheduler: Map<string, ParsedFamily>;
let jobsBefore: string;
const pods = new Map<string, Pod>();

const create = (resource: string, obj: unknown) => h.api.create(resource, obj as KubeObject);
const pod = (name: string, spec: Record<string, unknown>) => create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });

beforeAll(async () => {
  h = memoryCluster();
  await advance(h, '1m');
  jobsBefore = kubeStateMetrics((r) => h.api.list(r));
  before = parse(componentMetrics('kube-scheduler', h.store, (r) => h.api.list(r), h.now()));
  create('deployments.apps', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  pod('broken', { containers: [{ name: 'redis', image: 'redis:5xx' }] });
  pod('big', { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100' } } }] });
  pod('gated', { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'app', image: 'nginx:1.27' }] });
  create('jobs.batch', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'fail', namespace: 'default' },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }] } } },
  });
  await settle(h);
  await advance(h, '45s');
  ksm = parse(kubeStateMetrics((r) => h.api.list(r)));
  scheduler = parse(componentMetrics('kube-scheduler', h.store, (r) => h.api.list(r), h.now()));
  for (const p of h.api.list('pods', { namespace: 'default' }) as unknown as Pod[]) pods.set(p.metadata.name, p);
});

/** A pod's identifying labels (wrapPodFunc), found by name or prefix. */
function podLabels(prefix: string): string {
  const p = [...pods.values()].find((x) => x.metadata.name === prefix || x.metadata.name.startsWith(`${prefix}-`))!;
  return `namespace="default",pod="${p.metadata.name}",uid="${p.metadata.uid}"`;
}
const webPods = () => [...pods.keys()].filter((n) => n.startsWith('web-')).sort();
const jobPod = () => [...pods.keys()].find((n) => n.startsWith('fail-'))!;

describe('kube-state-metrics', () => {
  test('a resource without objects writes no header at all; with objects every family has one', () => {
    expect(jobsBefore).not.toContain('kube_job_');
    expect([...ksm.keys()].filter((n) => n.startsWith('kube_job_'))).toEqual([
      'kube_job_annotations', 'kube_job_labels', 'kube_job_info', 'kube_job_created', 'kube_job_spec_parallelism',
      'kube_job_spec_completions', 'kube_job_spec_active_deadline_seconds', 'kube_job_status_succeeded', 'kube_job_status_failed',
      'kube_job_status_active', 'kube_job_complete', 'kube_job_failed', 'kube_job_status_start_time', 'kube_job_status_completion_time',
      'kube_job_status_suspended', 'kube_job_owner',
    ]);
  });

  test('the failed Job: succeeded, failed by reason, its Failed condition, no owner', () => {
    // BackoffLimitExceeded is a known reason: one series per known reason, none for "".
    expect(['kube_job_status_succeeded', 'kube_job_status_failed', 'kube_job_failed', 'kube_job_complete', 'kube_job_owner', 'kube_job_labels']
      .map((n) => block(ksm, n)).join('')).toBe(`# HELP kube_job_status_succeeded [STABLE] The number of pods which reached Phase Succeeded.
# TYPE kube_job_status_succeeded gauge
kube_job_status_succeeded{namespace="default",job_name="fail"} 0
# HELP kube_job_status_failed [STABLE] The number of pods which reached Phase Failed and the reason for failure.
# TYPE kube_job_status_failed gauge
kube_job_status_failed{namespace="default",job_name="fail",reason="BackoffLimitExceeded"} 1
kube_job_status_failed{namespace="default",job_name="fail",reason="DeadlineExceeded"} 0
kube_job_status_failed{namespace="default",job_name="fail",reason="Evicted"} 0
# HELP kube_job_failed [STABLE] The job has failed its execution.
# TYPE kube_job_failed gauge
kube_job_failed{namespace="default",job_name="fail",condition="true"} 1
kube_job_failed{namespace="default",job_name="fail",condition="false"} 0
kube_job_failed{namespace="default",job_name="fail",condition="unknown"} 0
# HELP kube_job_complete [STABLE] The job has completed its execution.
# TYPE kube_job_complete gauge
# HELP kube_job_owner [STABLE] Information about the Job's owner.
# TYPE kube_job_owner gauge
kube_job_owner{namespace="default",job_name="fail",owner_kind="",owner_name="",owner_is_controller=""} 1
# HELP kube_job_labels [STABLE] Kubernetes labels converted to Prometheus labels.
# TYPE kube_job_labels gauge
`);
  });

  test('the Deployment: desired, current, ready, available, updated and unavailable replicas; 25% surge and unavailability of 2', () => {
    expect(['kube_deployment_spec_replicas', 'kube_deployment_status_replicas', 'kube_deployment_status_replicas_available',
      'kube_deployment_status_replicas_updated', 'kube_deployment_status_replicas_unavailable',
      'kube_deployment_spec_strategy_rollingupdate_max_unavailable', 'kube_deployment_spec_strategy_rollingupdate_max_surge']
      .map((n) => block(ksm, n, inDefault)).join('')).toBe(`# HELP kube_deployment_spec_replicas [STABLE] Number of desired pods for a deployment.
# TYPE kube_deployment_spec_replicas gauge
kube_deployment_spec_replicas{namespace="default",deployment="web"} 2
# HELP kube_deployment_status_replicas [STABLE] The number of replicas per deployment.
# TYPE kube_deployment_status_replicas gauge
kube_deployment_status_replicas{namespace="default",deployment="web"} 2
# HELP kube_deployment_status_replicas_available [STABLE] The number of available replicas per deployment.
# TYPE kube_deployment_status_replicas_available gauge
kube_deployment_status_replicas_available{namespace="default",deployment="web"} 2
# HELP kube_deployment_status_replicas_updated [STABLE] The number of updated replicas per deployment.
# TYPE kube_deployment_status_replicas_updated gauge
kube_deployment_status_replicas_updated{namespace="default",deployment="web"} 2
# HELP kube_deployment_status_replicas_unavailable [STABLE] The number of unavailable replicas per deployment.
# TYPE kube_deployment_status_replicas_unavailable gauge
kube_deployment_status_replicas_unavailable{namespace="default",deployment="web"} 0
# HELP kube_deployment_spec_strategy_rollingupdate_max_unavailable [STABLE] Maximum number of unavailable replicas during a rolling update of a deployment.
# TYPE kube_deployment_spec_strategy_rollingupdate_max_unavailable gauge
kube_deployment_spec_strategy_rollingupdate_max_unavailable{namespace="default",deployment="web"} 0
# HELP kube_deployment_spec_strategy_rollingupdate_max_surge [STABLE] Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.
# TYPE kube_deployment_spec_strategy_rollingupdate_max_surge gauge
kube_deployment_spec_strategy_rollingupdate_max_surge{namespace="default",deployment="web"} 1
`);
  });

  test('pods: phase, readiness, restarts and the reason a container waits', () => {
    const phase = (who: string, p: string) => ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running']
      .map((n) => `kube_pod_status_phase{${who},phase="${n}"} ${n === p ? 1 : 0}\n`).join('');
    const ready = (who: string, s: 'true' | 'false') => ['true', 'false', 'unknown']
      .map((c) => `kube_pod_status_ready{${who},condition="${c}"} ${c === s ? 1 : 0}\n`).join('');
    const [w1, w2] = webPods().map(podLabels);
    const [big, broken, fail, gated] = ['big', 'broken', jobPod(), 'gated'].map(podLabels);
    expect(['kube_pod_status_phase', 'kube_pod_status_ready', 'kube_pod_container_status_restarts_total', 'kube_pod_container_status_waiting_reason']
      .map((n) => block(ksm, n, inDefault)).join('')).toBe(`# HELP kube_pod_status_phase [STABLE] The pods current phase.
# TYPE kube_pod_status_phase gauge
${phase(big, 'Pending')}${phase(broken, 'Pending')}${phase(fail, 'Failed')}${phase(gated, 'Pending')}${phase(w1, 'Running')}${phase(w2, 'Running')}\
# HELP kube_pod_status_ready [STABLE] Describes whether the pod is ready to serve requests.
# TYPE kube_pod_status_ready gauge
${ready(broken, 'false')}${ready(fail, 'false')}${ready(w1, 'true')}${ready(w2, 'true')}\
# HELP kube_pod_container_status_restarts_total [STABLE] The number of container restarts per container.
# TYPE kube_pod_container_status_restarts_total counter
kube_pod_container_status_restarts_total{${broken},container="redis"} 0
kube_pod_container_status_restarts_total{${fail},container="c"} 0
kube_pod_container_status_restarts_total{${w1},container="nginx"} 0
kube_pod_container_status_restarts_total{${w2},container="nginx"} 0
# HELP kube_pod_container_status_waiting_reason [STABLE] Describes the reason the container is currently in waiting state.
# TYPE kube_pod_container_status_waiting_reason gauge
kube_pod_container_status_waiting_reason{${broken},container="redis",reason="ImagePullBackOff"} 1
`);
  });

  test('kube_pod_info: addresses, node and controller; an unscheduled pod has none', () => {
    const info = (name: string) => {
      const p = pods.get(name)!;
      const owner = p.metadata.ownerReferences?.find((o) => o.controller);
      return `kube_pod_info{${podLabels(name)},host_ip="${p.status?.hostIP ?? ''}",pod_ip="${p.status?.podIP ?? ''}",node="${p.spec.nodeName ?? ''}",`
        + `created_by_kind="${owner?.kind ?? ''}",created_by_name="${owner?.name ?? ''}",priority_class="",host_network="false"} 1\n`;
    };
    expect(pods.get('big')!.spec.nodeName).toBeUndefined();
    expect(pods.get(webPods()[0])!.metadata.ownerReferences?.[0].kind).toBe('ReplicaSet');
    expect(block(ksm, 'kube_pod_info', inDefault)).toBe(`# HELP kube_pod_info [STABLE] Information about pod.
# TYPE kube_pod_info gauge
${['big', 'broken', jobPod(), 'gated', ...webPods()].map(info).join('')}`);
    expect(info('big')).toContain('host_ip="",pod_ip="",node="",created_by_kind="",created_by_name=""');
    expect(info(jobPod())).toContain('created_by_kind="Job",created_by_name="fail"');
  });

  test('namespaces and nodes, every one', () => {
    const nodes = ['mk-control-plane', 'mk-worker', 'mk-worker2'];
    const conditions = (n: string) => ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((c) => ['true', 'false', 'unknown']
      .map((s) => `kube_node_status_condition{node="${n}",condition="${c}",status="${s}"} ${(c === 'Ready') === (s === 'true') && s !== 'unknown' ? 1 : 0}\n`).join('')).join('');
    expect(block(ksm, 'kube_namespace_status_phase') + block(ksm, 'kube_node_status_condition') + block(ksm, 'kube_node_spec_taint'))
      .toBe(`# HELP kube_namespace_status_phase [STABLE] kubernetes namespace status phase.
# TYPE kube_namespace_status_phase gauge
${['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']
    .map((ns) => `kube_namespace_status_phase{namespace="${ns}",phase="Active"} 1\nkube_namespace_status_phase{namespace="${ns}",phase="Terminating"} 0\n`).join('')}\
# HELP kube_node_status_condition [STABLE] The condition of a cluster node.
# TYPE kube_node_status_condition gauge
${nodes.map(conditions).join('')}\
# HELP kube_node_spec_taint [STABLE] The taint of a cluster node.
# TYPE kube_node_spec_taint gauge
kube_node_spec_taint{node="mk-control-plane",key="node-role.kubernetes.io/control-plane",value="",effect="NoSchedule"} 1
`);
  });

  test('the Deployment\'s ReplicaSet, kind\'s StorageClass and the Endpoints of web\'s ready pods', () => {
    const rs = h.api.list('replicasets.apps', { namespace: 'default' })[0];
    const sc = h.api.list('storageclasses.storage.k8s.io')[0] as unknown as { provisioner: string; reclaimPolicy: string; volumeBindingMode: string };
    expect(block(ksm, 'kube_replicaset_owner', inDefault) + block(ksm, 'kube_storageclass_info'))
      .toBe(`# HELP kube_replicaset_owner [STABLE] Information about the ReplicaSet's owner.
# TYPE kube_replicaset_owner gauge
kube_replicaset_owner{namespace="default",replicaset="${rs.metadata.name}",owner_kind="Deployment",owner_name="web",owner_is_controller="true"} 1
# HELP kube_storageclass_info [STABLE] Information about storageclass.
# TYPE kube_storageclass_info gauge
kube_storageclass_info{storageclass="standard",provisioner="${sc.provisioner}",reclaim_policy="${sc.reclaimPolicy}",volume_binding_mode="${sc.volumeBindingMode}"} 1
`);
    expect(sc).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
    expect([...ksm.keys()].filter((n) => n.startsWith('kube_endpoint_'))).toEqual([
      'kube_endpoint_info', 'kube_endpoint_created', 'kube_endpoint_annotations', 'kube_endpoint_labels', 'kube_endpoint_address', 'kube_endpoint_ports']);
    expect(ksm.get('kube_endpoint_ports')!.help).toBe('[STABLE] (Deprecated since v2.14.0) Information about the Endpoint ports.');
  });
});

describe('kube-scheduler', () => {
  test('attempts: four pods (two of web, broken, the Job pod) bound at the first try, one rejected by NodeResourcesFit (PostFilter ran once, no victims)', () => {
    const counter = (f: Map<string, ParsedFamily>, name: string, labels = '') =>
      Number(f.get(name.replace(/_(bucket|count|sum)$/, ''))!.lines.find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}{${labels.slice(1, -1)}} `))?.split(' ')[1] ?? 0);
    const delta = (name: string, labels = '') => counter(scheduler, name, labels) - counter(before, name, labels);
    expect({
      scheduled: delta('scheduler_schedule_attempts_total', '{profile="default-scheduler",result="scheduled"}'),
      unschedulable: delta('scheduler_schedule_attempts_total', '{profile="default-scheduler",result="unschedulable"}'),
      preemptions: delta('scheduler_preemption_attempts_total'),
      podAttemptsCount: delta('scheduler_pod_scheduling_attempts_count'),
      podAttemptsAtOne: delta('scheduler_pod_scheduling_attempts_bucket', '{le="1"}'),
      durationCount: delta('scheduler_scheduling_attempt_duration_seconds_count', '{profile="default-scheduler",result="scheduled"}'),
    }).toEqual({ scheduled: 4, unschedulable: 1, preemptions: 1, podAttemptsCount: 4, podAttemptsAtOne: 4, durationCount: 4 });
  });

  test('pending pods: the gated one never enters the queue, the rejected one waits in unschedulablePods', () => {
    expect(block(scheduler, 'scheduler_pending_pods')).toBe(`# HELP scheduler_pending_pods [STABLE] Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.
# TYPE scheduler_pending_pods gauge
scheduler_pending_pods{queue="active"} 0
scheduler_pending_pods{queue="backoff"} 0
scheduler_pending_pods{queue="gated"} 1
scheduler_pending_pods{queue="unschedulable"} 1
`);
  });

  test('after podMaxInUnschedulablePodsDuration the rejected pod is tried again, and counted again', async () => {
    const attempts = () => Number(parse(componentMetrics('kube-scheduler', h.store, (r) => h.api.list(r), h.now()))
      .get('scheduler_schedule_attempts_total')!.lines.find((l) => l.includes('result="unschedulable"'))!.split(' ')[1]);
    const now = attempts();
    await advance(h, '5m');
    expect(attempts()).toBe(now + 1);
  });
});
