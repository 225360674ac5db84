// podutil.UpdatePodCondition, shared by the writers of pod conditions (the scheduler, the
// binding subresource).
import type { PodCondition } from './schema.js';

/** metav1.Time in RFC 3339, second precision. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The transition time moves only when the status changes. Returns the new conditions, or
 * undefined when nothing changed.
 */
export function updatePodCondition(conditions: readonly PodCondition[] | undefined, c: PodCondition, now: number): PodCondition[] | undefined {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  const next: PodCondition = { ...c, lastProbeTime: c.lastProbeTime ?? null, lastTransitionTime: rfc3339(now) };
  if (i < 0) return [...list, next];
  const old = list[i];
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
  const same = old.status === next.status && (old.reason ?? '') === (next.reason ?? '') &&
    (old.message ?? '') === (next.message ?? '') && (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  list[i] = next;
  return same ? undefined : list;
}
