// What the control plane's own secure ports answer at /metrics: kube-scheduler's (10259) and
// kube-controller-manager's (10257), from the counters the store keeps and the objects now.
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { pendingQueues } from '../scheduler/scheduler.js';
import type { Store } from '../store/store.js';
import { controllerManagerMetricsText } from './controller-manager.js';
import { schedulerMetricsText } from './scheduler.js';

export type ComponentName = 'kube-scheduler' | 'kube-controller-manager';

export function componentMetrics(component: ComponentName, store: Pick<Store, 'getMeta'>, list: (resource: string) => KubeObject[],
  now: number): string {
  if (component === 'kube-scheduler') {
    return schedulerMetricsText(store, pendingQueues(store, list('pods') as unknown as Pod[], now));
  }
  // The queues are drained at the end of every catch-up, which runs before anything is read.
  return controllerManagerMetricsText(store, {});
}
