// kube-controller-manager's workqueue metrics (component-base/metrics/prometheus/workqueue) as its
// secure port (10257) serves them at /metrics, for the controllers mk runs in its place. Each mk
// controller is one of KCM's queues: a key handed to it for a change or a timer is an add, a key
// requeued after its reconcile failed is a retry. The counts live in the store (cluster-counters),
// since any mk process may be the one running the controllers; between two catch-ups the queues
// are drained, so the depth is what is due and not yet processed.
import type { Store } from '../store/store.js';
import { readCounters, parseLabelKey } from './cluster-counters.js';
import { buildInfoFamily } from './build-info.js';
import { encode, type Family } from './exposition.js';

export const ADDS = 'workqueue_adds_total';
export const RETRIES = 'workqueue_retries_total';

/** mk's controller → the name of the workqueue the same controller has in kube-controller-manager 1.32. */
export const WORKQUEUE_NAMES: Record<string, string> = {
  cronjob: 'cronjob',
  daemonset: 'daemonset',
  deployment: 'deployment',
  disruption: 'disruption',
  endpoint: 'endpoint',
  endpointslice: 'endpoint_slice',
  garbagecollector: 'garbage_collector_attempt_to_delete',
  'horizontal-pod-autoscaler': 'horizontalpodautoscaler',
  job: 'job',
  namespace: 'namespace',
  'node-lifecycle': 'node_lifecycle_controller',
  'persistentvolume-binder': 'volumes',
  replicaset: 'replicaset',
  resourcequota: 'resourcequota_primary',
  serviceaccount: 'serviceaccount',
  statefulset: 'statefulset',
  'storage-protection': 'pvcprotection',
  'taint-eviction-controller': 'noexec_taint_pod',
  'ttl-after-finished': 'ttl_jobs_to_delete',
};

const HELP = {
  workqueue_adds_total: 'Total number of adds handled by workqueue',
  workqueue_depth: 'Current depth of workqueue',
  workqueue_retries_total: 'Total number of retries handled by workqueue',
};

/** The workqueue families; `due` counts the timers each controller has due and not yet fired. */
export function workqueueFamilies(store: Pick<Store, 'getMeta'>, due: Record<string, number>): Family[] {
  const state = readCounters(store);
  const names = Object.values(WORKQUEUE_NAMES);
  const counter = (name: typeof ADDS | typeof RETRIES): Family => {
    const m = state.counters[name] ?? {};
    const byQueue = new Map<string, number>();
    for (const [k, v] of Object.entries(m)) byQueue.set(parseLabelKey(k).name, v);
    // Every queue exists from the controller's start, at 0.
    return { name, help: HELP[name], stability: 'ALPHA', type: 'counter', samples: names.map((n) => ({ labels: { name: n }, value: byQueue.get(n) ?? 0 })) };
  };
  return [
    counter(ADDS),
    {
      name: 'workqueue_depth', help: HELP.workqueue_depth, stability: 'ALPHA', type: 'gauge',
      samples: Object.entries(WORKQUEUE_NAMES).map(([controller, n]) => ({ labels: { name: n }, value: due[controller] ?? 0 })),
    },
    counter(RETRIES),
  ];
}

export function controllerManagerMetricsText(store: Pick<Store, 'getMeta'>, due: Record<string, number>): string {
  return encode([...workqueueFamilies(store, due), buildInfoFamily()]);
}
