// kube-scheduler's metrics (pkg/scheduler/metrics) as its secure port (10259) serves them at
// /metrics: attempts and their latency, the attempts a pod needed, preemptions (counted in the
// store by the scheduler, across mk processes), and the pending pods per queue, worked out from
// the pods and the scheduler's queue bookkeeping at scrape time.
import type { Pod } from '../api/core/pod/schema.js';
import type { Store } from '../store/store.js';
import { readCounters, parseLabelKey, type CounterBatch } from './cluster-counters.js';
import { buildInfoFamily } from './build-info.js';
import { encode, exponentialBuckets, type Family } from './exposition.js';

export const ATTEMPTS = 'scheduler_schedule_attempts_total';
export const ATTEMPT_DURATION = 'scheduler_scheduling_attempt_duration_seconds';
export const POD_ATTEMPTS = 'scheduler_pod_scheduling_attempts';
export const PREEMPTION_ATTEMPTS = 'scheduler_preemption_attempts_total';
export const PREEMPTION_VICTIMS = 'scheduler_preemption_victims';

export const ATTEMPT_DURATION_BUCKETS = exponentialBuckets(0.001, 2, 15);
export const POD_ATTEMPTS_BUCKETS = exponentialBuckets(1, 2, 5);
export const PREEMPTION_VICTIMS_BUCKETS = exponentialBuckets(1, 2, 7);

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

/** One scheduling cycle's outcome, as schedulingCycle's callers record it upstream. */
export function recordAttempt(b: CounterBatch, profile: string, result: AttemptResult, seconds: number, podAttempts?: number): void {
  b.add(ATTEMPTS, { profile, result });
  b.observe(ATTEMPT_DURATION, { profile, result }, ATTEMPT_DURATION_BUCKETS, seconds);
  if (result === 'scheduled' && podAttempts !== undefined) b.observe(POD_ATTEMPTS, {}, POD_ATTEMPTS_BUCKETS, podAttempts);
}

/** PostFilter (preemption) ran and nominated a node: one attempt, its victims counted. */
export function recordPreemption(b: CounterBatch, victims: number): void {
  b.add(PREEMPTION_ATTEMPTS, {});
  if (victims > 0) b.observe(PREEMPTION_VICTIMS, {}, PREEMPTION_VICTIMS_BUCKETS, victims);
}

export type PendingQueue = 'active' | 'backoff' | 'unschedulable' | 'gated';

const HELP = {
  [ATTEMPTS]: "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.",
  [ATTEMPT_DURATION]: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
  [POD_ATTEMPTS]: 'Number of attempts to successfully schedule a pod.',
  [PREEMPTION_ATTEMPTS]: 'Total preemption attempts in the cluster till now',
  [PREEMPTION_VICTIMS]: 'Number of selected preemption victims',
  scheduler_pending_pods: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
};

const BUCKETS: Record<string, number[]> = {
  [ATTEMPT_DURATION]: ATTEMPT_DURATION_BUCKETS, [POD_ATTEMPTS]: POD_ATTEMPTS_BUCKETS, [PREEMPTION_VICTIMS]: PREEMPTION_VICTIMS_BUCKETS,
};

/** The families of kube-scheduler's /metrics, given the queue each pending pod is in now. */
export function schedulerFamilies(store: Pick<Store, 'getMeta'>, pending: Record<PendingQueue, number>): Family[] {
  const state = readCounters(store);
  const counter = (name: keyof typeof HELP, always?: Record<string, string>): Family => {
    const m = state.counters[name] ?? {};
    const samples = Object.entries(m).map(([k, value]) => ({ labels: parseLabelKey(k), value }));
    // A metric without labels exists from registration on, at 0.
    if (always && samples.length === 0) samples.push({ labels: always, value: 0 });
    return { name, help: HELP[name], stability: 'STABLE', type: 'counter', samples };
  };
  const histogram = (name: keyof typeof HELP, always?: Record<string, string>): Family => {
    const m = state.histograms[name] ?? {};
    const samples = Object.entries(m).map(([k, h]) => ({ labels: parseLabelKey(k), ...h }));
    if (always && samples.length === 0) samples.push({ labels: always, counts: BUCKETS[name].map(() => 0), sum: 0, count: 0 });
    return { name, help: HELP[name], stability: 'STABLE', type: 'histogram', buckets: BUCKETS[name], samples };
  };
  return [
    counter(ATTEMPTS),
    histogram(ATTEMPT_DURATION),
    histogram(POD_ATTEMPTS, {}),
    counter(PREEMPTION_ATTEMPTS, {}),
    histogram(PREEMPTION_VICTIMS, {}),
    {
      name: 'scheduler_pending_pods', help: HELP.scheduler_pending_pods, stability: 'STABLE', type: 'gauge',
      samples: (['active', 'backoff', 'gated', 'unschedulable'] as const).map((queue) => ({ labels: { queue }, value: pending[queue] })),
    },
  ];
}

export function schedulerMetricsText(store: Pick<Store, 'getMeta'>, pending: Record<PendingQueue, number>): string {
  return encode([...schedulerFamilies(store, pending), buildInfoFamily()]);
}

export type { Pod };
