// `kubectl get pods` columns: printPod from pkg/printers/internalversion/printers.go (v1.32),
// ported against core/v1 field names. The pod's STATUS ("reason") is computed here and only here.
import type { Container, Pod, PodCondition, PodStatus } from './schema.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow, TableRowCondition } from '../../table.js';

export const podColumnDefinitions = columns([
  nameColumn,
  { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
  { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
  { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' },
  ageColumn,
  { name: 'IP', type: 'string', priority: 1, description: 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.' },
  { name: 'Node', type: 'string', priority: 1, description: 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename' },
  { name: 'Nominated Node', type: 'string', priority: 1, description: 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.' },
  { name: 'Readiness Gates', type: 'string', priority: 1, description: 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates' },
]);

export const podSuccessConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
export const podFailedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

// v1.PodReasonSchedulingGated and node.NodeUnreachablePodReason.
const podReasonSchedulingGated = 'SchedulingGated';
const nodeUnreachablePodReason = 'NodeLost';

/** pkg/api/pod.IsRestartableInitContainer: a sidecar (`restartPolicy: Always` init container). */
export function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function isPodPhaseTerminal(phase: string): boolean {
  return phase === 'Failed' || phase === 'Succeeded';
}

export function hasPodReadyCondition(conditions: readonly PodCondition[] | undefined): boolean {
  for (const c of conditions ?? []) {
    if (c.type === 'Ready' && c.status === 'True') return true;
  }
  return false;
}

export function isPodInitializedConditionTrue(status: PodStatus | undefined): boolean {
  for (const c of status?.conditions ?? []) {
    if (c.type !== 'Initialized') continue;
    return c.status === 'True';
  }
  return false;
}

/** The first pod IP, as the v1→internal conversion leaves it (a set `podIP` wins over `podIPs`). */
function firstPodIP(status: PodStatus | undefined): string {
  return status?.podIP || status?.podIPs?.[0]?.ip || '';
}

// Later of two finish times; undefined is Go's zero metav1.Time, before every real time.
function later(current: number | undefined, finishedAt: string | undefined): number | undefined {
  const t = parseTimestamp(finishedAt);
  if (t !== undefined && (current === undefined || current < t)) return t;
  return current;
}

export function printPod(pod: Pod, options: GenerateOptions): TableRow<Pod>[] {
  const spec = pod.spec;
  const status = pod.status;
  const initContainerSpecs = spec.initContainers ?? [];
  const initContainerStatuses = status?.initContainerStatuses ?? [];
  const containerStatuses = status?.containerStatuses ?? [];

  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec.containers.length;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status?.phase ?? '';
  let reason = podPhase;
  if (status?.reason) reason = status.reason;

  // If the Pod carries {type:PodScheduled, reason:SchedulingGated}, set reason to 'SchedulingGated'.
  for (const condition of status?.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === podReasonSchedulingGated) {
      reason = podReasonSchedulingGated;
    }
  }

  const row: TableRow<Pod> = { cells: [], object: pod };
  if (podPhase === 'Succeeded') row.conditions = podSuccessConditions;
  else if (podPhase === 'Failed') row.conditions = podFailedConditions;

  const initContainers = new Map<string, Container>();
  for (const c of initContainerSpecs) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  for (let i = 0; i < initContainerStatuses.length; i++) {
    const container = initContainerStatuses[i];
    const state = container.state ?? {};
    restarts += container.restartCount;
    if (container.lastState?.terminated) {
      lastRestartDate = later(lastRestartDate, container.lastState.terminated.finishedAt);
    }
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount;
      if (container.lastState?.terminated) {
        lastRestartableInitContainerRestartDate = later(
          lastRestartableInitContainerRestartDate, container.lastState.terminated.finishedAt);
      }
    }
    if (state.terminated && state.terminated.exitCode === 0) {
      continue;
    } else if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    } else if (state.terminated) {
      // initialization is failed
      if (!state.terminated.reason) {
        reason = state.terminated.signal
          ? `Init:Signal:${state.terminated.signal}`
          : `Init:ExitCode:${state.terminated.exitCode}`;
      } else {
        reason = `Init:${state.terminated.reason}`;
      }
      initializing = true;
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initContainerSpecs.length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(status)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    for (let i = containerStatuses.length - 1; i >= 0; i--) {
      const container = containerStatuses[i];
      const state = container.state ?? {};

      restarts += container.restartCount;
      if (container.lastState?.terminated) {
        lastRestartDate = later(lastRestartDate, container.lastState.terminated.finishedAt);
      }
      if (state.waiting && state.waiting.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated && state.terminated.reason) {
        reason = state.terminated.reason;
      } else if (state.terminated) {
        reason = state.terminated.signal
          ? `Signal:${state.terminated.signal}`
          : `ExitCode:${state.terminated.exitCode}`;
      } else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }

    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(status?.conditions) ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status?.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && !isPodPhaseTerminal(podPhase)) {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) {
    restartsStr = `${restarts} (${humanDuration(options.now - lastRestartDate)} ago)`;
  }

  row.cells.push(pod.metadata.name, `${readyContainers}/${totalContainers}`, reason, restartsStr,
    translateTimestampSince(pod.metadata.creationTimestamp, options.now));
  if (options.wide) {
    const podIP = firstPodIP(status) || '<none>';
    const nodeName = spec.nodeName || '<none>';
    const nominatedNodeName = status?.nominatedNodeName || '<none>';

    let readinessGates = '<none>';
    const gates = spec.readinessGates ?? [];
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const gate of gates) {
        for (const condition of status?.conditions ?? []) {
          if (condition.type === gate.conditionType) {
            if (condition.status === 'True') trueConditions++;
            break;
          }
        }
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    row.cells.push(podIP, nodeName, nominatedNodeName, readinessGates);
  }

  return [row];
}

export const podTable: TableHandler<Pod> = { columns: podColumnDefinitions, rows: printPod };
