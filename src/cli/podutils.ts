// kubectl's pod orderings (staging/src/k8s.io/kubectl/pkg/util/podutils): which of a workload's
// pods `kubectl logs TYPE/NAME` reads (ByLogging) and which `kubectl exec/attach/port-forward
// TYPE/NAME` enters (sort.Reverse(ActivePods)). kubectl sorts with Go's sort.Sort, which is not
// stable, so ties (pods created in the same second) come out as only Go's algorithm puts them.
import type { Pod } from '../api/core/pod/schema.js';
import { parseTime } from '../apiserver/time.js';
import { afterOrZero, isPodReady, podReadyTime } from '../controllers/controller-utils.js';
import { goSort } from './printers/go-sort.js';

/** maxContainerRestarts: the highest restart count among the regular containers. */
function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

const created = (pod: Pod) => parseTime(pod.metadata.creationTimestamp) ?? 0;
const nodeName = (pod: Pod) => pod.spec.nodeName ?? '';
const phase = (pod: Pod) => pod.status?.phase ?? '';

const loggingPhase: Readonly<Record<string, number>> = { Running: 0, Unknown: 1, Pending: 2 };
const activePhase: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };
// Go's map lookup of a missing phase (Succeeded, Failed, "") gives 0.
const ordinal = (m: Readonly<Record<string, number>>, pod: Pod) => m[phase(pod)] ?? 0;

/** ByLogging.Less: whether pod a is a better source of logs than pod b. */
export function byLoggingLess(a: Pod, b: Pod): boolean {
  // 1. assigned < unassigned
  if (nodeName(a) !== nodeName(b) && (nodeName(a) === '' || nodeName(b) === '')) return nodeName(a) !== '';
  // 2. PodRunning < PodUnknown < PodPending
  if (ordinal(loggingPhase, a) !== ordinal(loggingPhase, b)) return ordinal(loggingPhase, a) < ordinal(loggingPhase, b);
  // 3. ready < not ready
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a);
  // 4. been ready for more time < less time < empty time
  if (isPodReady(a) && isPodReady(b) && podReadyTime(a) !== podReadyTime(b)) return afterOrZero(podReadyTime(b), podReadyTime(a));
  // 5. higher restart counts < lower restart counts
  if (maxContainerRestarts(a) !== maxContainerRestarts(b)) return maxContainerRestarts(a) > maxContainerRestarts(b);
  // 6. older pods < newer pods < empty timestamp pods
  if (created(a) !== created(b)) return afterOrZero(created(b), created(a));
  return false;
}

/** kubectl's ActivePods.Less: whether pod a is less active than pod b (the first to give up). */
export function activePodsLess(a: Pod, b: Pod): boolean {
  // 1. unassigned < assigned
  if (nodeName(a) !== nodeName(b) && (nodeName(a) === '' || nodeName(b) === '')) return nodeName(a) === '';
  // 2. PodPending < PodUnknown < PodRunning
  if (ordinal(activePhase, a) !== ordinal(activePhase, b)) return ordinal(activePhase, a) < ordinal(activePhase, b);
  // 3. not ready < ready
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  // 4. been ready for empty time < less time < more time
  if (isPodReady(a) && isPodReady(b) && podReadyTime(a) !== podReadyTime(b)) return afterOrZero(podReadyTime(a), podReadyTime(b));
  // 5. higher restart counts < lower restart counts
  if (maxContainerRestarts(a) !== maxContainerRestarts(b)) return maxContainerRestarts(a) > maxContainerRestarts(b);
  // 6. empty creation time pods < newer pods < older pods
  if (created(a) !== created(b)) return afterOrZero(created(a), created(b));
  return false;
}

/** sort.Sort(podutils.ByLogging(pods)): a sorted copy, the best log source first. */
export function sortByLogging(pods: readonly Pod[]): Pod[] {
  return goSort([...pods], byLoggingLess);
}

/** sort.Sort(sort.Reverse(podutils.ActivePods(pods))): a sorted copy, the most active pod first. */
export function sortByActiveReversed(pods: readonly Pod[]): Pod[] {
  return goSort([...pods], (a, b) => activePodsLess(b, a));
}
