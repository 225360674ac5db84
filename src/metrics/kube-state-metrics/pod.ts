// kube-state-metrics v2.14's pod families (internal/store/pod.go), in its order.
import type { ContainerStatus, Pod } from '../../api/core/pod/schema.js';
import { milliValue, quantityValue } from '../../api/quantity.js';
import { allowListed, bool, conditionMetrics, one, ownerMetrics, unix, wrapped, type KsmMetric, type ResourceStore } from './family.js';

const pod = wrapped<Pod>((p) => [['namespace', 'pod', 'uid'], [p.metadata.namespace ?? '', p.metadata.name, p.metadata.uid ?? '']]);

const statuses = (p: Pod): ContainerStatus[] => p.status?.containerStatuses ?? [];
const initStatuses = (p: Pod): ContainerStatus[] => p.status?.initContainerStatuses ?? [];
const byContainer = (list: ContainerStatus[], value: (cs: ContainerStatus) => number | undefined): KsmMetric[] =>
  list.flatMap((cs) => {
    const v = value(cs);
    return v === undefined ? [] : [one(v, ['container'], [cs.name])];
  });
const reasons = (list: ContainerStatus[], reason: (cs: ContainerStatus) => string | undefined): KsmMetric[] =>
  list.flatMap((cs) => {
    const r = reason(cs);
    return r === undefined ? [] : [one(1, ['container', 'reason'], [cs.name, r])];
  });

/** convertValueToFloat64: milli-precision, whole units past MaxMilliValue. */
const asFloat = (q: string | number): number => milliValue(q) / 1000;

/** kube_pod_container_resource_limits/requests: cores, bytes or integers by resource name. */
function resources(p: Pod, init: boolean, which: 'limits' | 'requests'): KsmMetric[] {
  const out: KsmMetric[] = [];
  const containers = (init ? p.spec.initContainers : p.spec.containers) ?? [];
  for (const c of containers) {
    for (const [name, val] of Object.entries((c.resources?.[which] ?? {}) as Record<string, string | number>)) {
      const labels = (unit: string) => [c.name, p.spec.nodeName ?? '', name.replace(/[^a-zA-Z0-9_]/g, '_'), unit];
      const keys = ['container', 'node', 'resource', 'unit'];
      if (name === 'cpu') out.push(one(asFloat(val), keys, labels('core')));
      else if (name === 'memory' || name === 'storage' || name === 'ephemeral-storage' || name.startsWith('hugepages-')
        || name.startsWith('attachable-volumes-')) out.push(one(quantityValue(val), keys, labels('byte')));
      else if (name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.')) out.push(one(quantityValue(val), keys, labels('integer')));
    }
  }
  return out;
}

/** kube_pod_(init_)container_info; an init container also tells its restartPolicy (a sidecar's Always). */
function containerInfo(p: Pod, init: boolean): KsmMetric[] {
  const keys = ['container', 'image_spec', 'image', 'image_id', 'container_id', ...(init ? ['restart_policy'] : [])];
  const list = init ? initStatuses(p) : statuses(p);
  return ((init ? p.spec.initContainers : p.spec.containers) ?? []).flatMap((c) => list.filter((cs) => cs.name === c.name)
    .map((cs) => one(1, keys, [cs.name, c.image ?? '', cs.image ?? '', cs.imageID ?? '', cs.containerID ?? '',
      ...(init ? [(c as { restartPolicy?: string }).restartPolicy ?? ''] : [])])));
}

const condition = (p: Pod, type: string) => (p.status?.conditions ?? []).filter((c) => c.type === type);
const conditionTime = (p: Pod, type: string, status: string) =>
  condition(p, type).filter((c) => c.status === status).map((c) => one(unix(c.lastTransitionTime)));

export const podStore: ResourceStore<Pod> = {
  resource: 'pods',
  storeResource: 'pods',
  families: [
    pod('kube_pod_completion_time', 'Completion time in unix timestamp for a pod.', true, (p) => {
      let last = 0;
      for (const cs of statuses(p)) {
        const t = cs.state?.terminated;
        if (t && (last === 0 || last < unix(t.finishedAt))) last = unix(t.finishedAt);
      }
      return last > 0 ? [one(last)] : [];
    }),
    pod('kube_pod_container_info', 'Information about a container in a pod.', true, (p) => containerInfo(p, false)),
    pod('kube_pod_container_resource_limits', 'The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.',
      false, (p) => resources(p, false, 'limits')),
    pod('kube_pod_container_resource_requests', 'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.',
      false, (p) => resources(p, false, 'requests')),
    pod('kube_pod_container_state_started', 'Start time in unix timestamp for a pod container.', true,
      (p) => byContainer(statuses(p), (cs) => cs.state?.running ? unix(cs.state.running.startedAt)
        : cs.state?.terminated ? unix(cs.state.terminated.startedAt) : undefined)),
    pod('kube_pod_container_status_last_terminated_reason', 'Describes the last reason the container was in terminated state.', false,
      (p) => reasons(statuses(p), (cs) => cs.lastState?.terminated ? (cs.lastState.terminated.reason ?? '') : undefined)),
    pod('kube_pod_container_status_last_terminated_exitcode', 'Describes the exit code for the last container in terminated state.', false,
      (p) => byContainer(statuses(p), (cs) => cs.lastState?.terminated?.exitCode)),
    pod('kube_pod_container_status_last_terminated_timestamp', 'Last terminated time for a pod container in unix timestamp.', false,
      (p) => byContainer(statuses(p), (cs) => cs.lastState?.terminated ? unix(cs.lastState.terminated.finishedAt) : undefined)),
    pod('kube_pod_container_status_ready', 'Describes whether the containers readiness check succeeded.', true,
      (p) => byContainer(statuses(p), (cs) => bool(cs.ready))),
    pod('kube_pod_container_status_restarts_total', 'The number of container restarts per container.', true,
      (p) => byContainer(statuses(p), (cs) => cs.restartCount ?? 0), 'counter'),
    pod('kube_pod_container_status_running', 'Describes whether the container is currently in running state.', true,
      (p) => byContainer(statuses(p), (cs) => bool(!!cs.state?.running))),
    pod('kube_pod_container_status_terminated', 'Describes whether the container is currently in terminated state.', true,
      (p) => byContainer(statuses(p), (cs) => bool(!!cs.state?.terminated))),
    pod('kube_pod_container_status_terminated_reason', 'Describes the reason the container is currently in terminated state.', false,
      (p) => reasons(statuses(p), (cs) => cs.state?.terminated ? (cs.state.terminated.reason ?? '') : undefined)),
    pod('kube_pod_container_status_waiting', 'Describes whether the container is currently in waiting state.', true,
      (p) => byContainer(statuses(p), (cs) => bool(!!cs.state?.waiting))),
    pod('kube_pod_container_status_waiting_reason', 'Describes the reason the container is currently in waiting state.', true,
      (p) => reasons(statuses(p), (cs) => cs.state?.waiting ? (cs.state.waiting.reason ?? '') : undefined)),
    pod('kube_pod_created', 'Unix creation timestamp', true, (p) => (p.metadata.creationTimestamp ? [one(unix(p.metadata.creationTimestamp))] : [])),
    pod('kube_pod_deletion_timestamp', 'Unix deletion timestamp', false,
      (p) => (p.metadata.deletionTimestamp ? [one(unix(p.metadata.deletionTimestamp))] : [])),
    pod('kube_pod_info', 'Information about pod.', true, (p) => {
      const owner = (p.metadata.ownerReferences ?? []).find((o) => o.controller);
      return [one(1, ['host_ip', 'pod_ip', 'node', 'created_by_kind', 'created_by_name', 'priority_class', 'host_network'],
        [p.status?.hostIP ?? '', p.status?.podIP ?? '', p.spec.nodeName ?? '', owner?.kind ?? '', owner?.name ?? '',
          p.spec.priorityClassName ?? '', String(!!p.spec.hostNetwork)])];
    }),
    pod('kube_pod_ips', 'Pod IP addresses', false, (p) => (p.status?.podIPs ?? []).flatMap(({ ip }) => {
      const family = /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? '4' : ip.includes(':') ? '6' : undefined;
      return family ? [one(1, ['ip', 'ip_family'], [ip, family])] : [];
    })),
    pod('kube_pod_init_container_info', 'Information about an init container in a pod.', true, (p) => containerInfo(p, true)),
    pod('kube_pod_init_container_resource_limits', 'The number of requested limit resource by an init container.', false, (p) => resources(p, true, 'limits')),
    pod('kube_pod_init_container_resource_requests', 'The number of requested request resource by an init container.', false, (p) => resources(p, true, 'requests')),
    pod('kube_pod_init_container_status_last_terminated_reason', 'Describes the last reason the init container was in terminated state.', false,
      (p) => reasons(initStatuses(p), (cs) => cs.lastState?.terminated ? (cs.lastState.terminated.reason ?? '') : undefined)),
    pod('kube_pod_init_container_status_ready', 'Describes whether the init containers readiness check succeeded.', true,
      (p) => byContainer(initStatuses(p), (cs) => bool(cs.ready))),
    pod('kube_pod_init_container_status_restarts_total', 'The number of restarts for the init container.', true,
      (p) => byContainer(initStatuses(p), (cs) => cs.restartCount ?? 0), 'counter'),
    pod('kube_pod_init_container_status_running', 'Describes whether the init container is currently in running state.', true,
      (p) => byContainer(initStatuses(p), (cs) => bool(!!cs.state?.running))),
    pod('kube_pod_init_container_status_terminated', 'Describes whether the init container is currently in terminated state.', true,
      (p) => byContainer(initStatuses(p), (cs) => bool(!!cs.state?.terminated))),
    pod('kube_pod_init_container_status_terminated_reason', 'Describes the reason the init container is currently in terminated state.', false,
      (p) => reasons(initStatuses(p), (cs) => cs.state?.terminated ? (cs.state.terminated.reason ?? '') : undefined)),
    pod('kube_pod_init_container_status_waiting', 'Describes whether the init container is currently in waiting state.', true,
      (p) => byContainer(initStatuses(p), (cs) => bool(!!cs.state?.waiting))),
    pod('kube_pod_init_container_status_waiting_reason', 'Describes the reason the init container is currently in waiting state.', false,
      (p) => reasons(initStatuses(p), (cs) => cs.state?.waiting ? (cs.state.waiting.reason ?? '') : undefined)),
    allowListed(pod, 'annotations', 'pod'),
    allowListed(pod, 'labels', 'pod'),
    pod('kube_pod_overhead_cpu_cores', 'The pod overhead in regards to cpu cores associated with running a pod.', false,
      (p) => { const v = (p.spec.overhead as Record<string, string> | undefined)?.cpu; return v === undefined ? [] : [one(asFloat(v))]; }),
    pod('kube_pod_overhead_memory_bytes', 'The pod overhead in regards to memory associated with running a pod.', false,
      (p) => { const v = (p.spec.overhead as Record<string, string> | undefined)?.memory; return v === undefined ? [] : [one(quantityValue(v))]; }),
    pod('kube_pod_owner', "Information about the Pod's owner.", true, (p) => ownerMetrics(p.metadata.ownerReferences)),
    pod('kube_pod_restart_policy', 'Describes the restart policy in use by this pod.', true, (p) => [one(1, ['type'], [p.spec.restartPolicy ?? ''])]),
    pod('kube_pod_runtimeclass_name_info', 'The runtimeclass associated with the pod.', false,
      (p) => (p.spec.runtimeClassName ? [one(1, ['runtimeclass_name'], [p.spec.runtimeClassName])] : [])),
    pod('kube_pod_spec_volumes_persistentvolumeclaims_info', 'Information about persistentvolumeclaim volumes in a pod.', true,
      (p) => (p.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim
        ? [one(1, ['volume', 'persistentvolumeclaim'], [v.name, v.persistentVolumeClaim.claimName])] : []))),
    pod('kube_pod_spec_volumes_persistentvolumeclaims_readonly', 'Describes whether a persistentvolumeclaim is mounted read only.', true,
      (p) => (p.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim
        ? [one(bool(!!v.persistentVolumeClaim.readOnly), ['volume', 'persistentvolumeclaim'], [v.name, v.persistentVolumeClaim.claimName])] : []))),
    pod('kube_pod_start_time', 'Start time in unix timestamp for a pod.', true, (p) => (p.status?.startTime ? [one(unix(p.status.startTime))] : [])),
    pod('kube_pod_status_phase', 'The pods current phase.', true, (p) => {
      const phase = p.status?.phase;
      if (!phase) return [];
      return ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'].map((n) => one(bool(phase === n), ['phase'], [n]));
    }),
    pod('kube_pod_status_qos_class', 'The pods current qosClass.', false, (p) => {
      const qos = p.status?.qosClass;
      if (!qos) return [];
      return ['BestEffort', 'Burstable', 'Guaranteed'].map((n) => one(bool(qos === n), ['qos_class'], [n]));
    }),
    pod('kube_pod_status_ready', 'Describes whether the pod is ready to serve requests.', true,
      (p) => condition(p, 'Ready').flatMap((c) => conditionMetrics(c.status, ['condition'], []))),
    pod('kube_pod_status_ready_time', 'Readiness achieved time in unix timestamp for a pod.', false, (p) => conditionTime(p, 'Ready', 'True')),
    pod('kube_pod_status_initialized_time', 'Initialized time in unix timestamp for a pod.', false, (p) => conditionTime(p, 'Initialized', 'True')),
    pod('kube_pod_status_container_ready_time', 'Readiness achieved time in unix timestamp for a pod containers.', false,
      (p) => conditionTime(p, 'ContainersReady', 'True')),
    pod('kube_pod_status_reason', 'The pod status reasons', false,
      (p) => ['Evicted', 'NodeAffinity', 'NodeLost', 'Shutdown', 'UnexpectedAdmissionError'].map((r) => one(bool(p.status?.reason === r), ['reason'], [r]))),
    pod('kube_pod_status_scheduled', 'Describes the status of the scheduling process for the pod.', true,
      (p) => condition(p, 'PodScheduled').flatMap((c) => conditionMetrics(c.status, ['condition'], []))),
    pod('kube_pod_status_scheduled_time', 'Unix timestamp when pod moved into scheduled status', true, (p) => conditionTime(p, 'PodScheduled', 'True')),
    pod('kube_pod_status_unschedulable', 'Describes the unschedulable status for the pod.', true,
      (p) => condition(p, 'PodScheduled').filter((c) => c.status === 'False').map(() => one(1))),
    pod('kube_pod_tolerations', 'Information about the pod tolerations', false, (p) => (p.spec.tolerations ?? []).map((t) => one(1,
      ['key', 'operator', 'value', 'effect', 'toleration_seconds'],
      [t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '', t.tolerationSeconds === undefined || t.tolerationSeconds === null ? '' : String(t.tolerationSeconds)]))),
    pod('kube_pod_nodeselectors', 'Describes the Pod nodeSelectors.', false, (p) => {
      const sel = (p.spec.nodeSelector ?? {}) as Record<string, string>;
      const keys = Object.keys(sel).sort();
      return [one(1, keys.map((k) => prometheusLabel('nodeselector', k)), keys.map((k) => sel[k]))];
    }),
    pod('kube_pod_service_account', 'The service account for a pod.', false, (p) => [one(1, ['service_account'], [p.spec.serviceAccountName ?? ''])]),
    pod('kube_pod_scheduler', 'The scheduler for a pod.', false, (p) => [one(1, ['name'], [p.spec.schedulerName ?? ''])]),
  ],
};

/** labelName: prefix_ + the key sanitized and snake_cased. */
export function prometheusLabel(prefix: string, key: string): string {
  return `${prefix}_${key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;
}
