// Events a component keeps recording on a fixed period (a readiness probe failing every 10 s, a
// volume mount retried every 2m2s) are written once per run, with the period: each read brings
// count and lastTimestamp up to date as the writes of every occurrence would have left them. A
// day of a failing probe then costs one write, not 8,640. Loaded on the read path: no heavy imports.
import type { KubeObject } from '../api/object.js';
import { formatTime } from './time.js';

/** Where the stored Event keeps its repetition; never shown (views drop it). */
export const REPEAT_FIELD = 'mk:repeat';

/** Occurrences every `every` ms: the next one at `next`, the last at `until` when set. */
export interface EventCadence { next: number; every: number; until?: number }

/**
 * The occurrences still to come: one every `every` ms after `at`, up to `until` when set, and
 * those of a second cadence (`also`) besides.
 */
export interface EventRepeat { at: number; every: number; until?: number; also?: EventCadence }

/** How many occurrences of a cadence fall at or before `end`, and the time of the last. */
function countOf(c: EventCadence, now: number): { n: number; last: number } {
  const end = Math.min(now, c.until ?? Infinity);
  const n = end < c.next ? 0 : Math.floor((end - c.next) / c.every) + 1;
  return { n, last: c.next + (n - 1) * c.every };
}

/** The Event as of `now`: count and lastTimestamp include the repetitions due by then. */
export function eventAsRepeated(obj: KubeObject, now: number): KubeObject {
  const r = obj[REPEAT_FIELD] as EventRepeat | undefined;
  if (!r) return obj;
  const { [REPEAT_FIELD]: _r, ...rest } = obj;
  const main = countOf({ next: r.at + r.every, every: r.every, ...(r.until !== undefined ? { until: r.until } : {}) }, now);
  const also = r.also ? countOf(r.also, now) : { n: 0, last: -Infinity };
  const n = main.n + also.n;
  if (!n) return rest as KubeObject;
  const last = Math.max(main.n ? main.last : -Infinity, also.n ? also.last : -Infinity);
  return { ...rest, count: ((obj.count as number | undefined) ?? 1) + n, lastTimestamp: formatTime(last) } as KubeObject;
}
