// Events a component keeps recording on a fixed period (a readiness probe failing every 10 s, a
// volume mount retried every 2m2s) are written once per run, with the period: each read brings
// count and lastTimestamp up to date as the writes of every occurrence would have left them. A
// day of a failing probe then costs one write, not 8,640. Loaded on the read path: no heavy imports.
import type { KubeObject } from '../api/object.js';
import { formatTime } from './time.js';

/** Where the stored Event keeps its repetition; never shown (views drop it). */
export const REPEAT_FIELD = 'mk:repeat';

/** The occurrences still to come: one every `every` ms after `at`, up to `until` when set. */
export interface EventRepeat { at: number; every: number; until?: number }

/** How many repetitions have happened by `now`, and when the last one was. */
function elapsed(r: EventRepeat, now: number): { n: number; last: number } {
  const end = Math.min(now, r.until ?? Infinity);
  const n = end <= r.at ? 0 : Math.floor((end - r.at) / r.every);
  return { n, last: r.at + n * r.every };
}

/**
 * The Event as of `now`: count and lastTimestamp include the repetitions due by then. With
 * `keep`, repetitions still to come stay attached (for a writer that goes on from there).
 */
export function eventAsRepeated(obj: KubeObject, now: number, keep = false): KubeObject {
  const r = obj[REPEAT_FIELD] as EventRepeat | undefined;
  if (!r) return obj;
  const { [REPEAT_FIELD]: _r, ...rest } = obj;
  const { n, last } = elapsed(r, now);
  const out: KubeObject = n > 0
    ? { ...rest, count: ((obj.count as number | undefined) ?? 1) + n, lastTimestamp: formatTime(last) } as KubeObject
    : rest as KubeObject;
  if (keep && (r.until === undefined || r.until >= last + r.every)) out[REPEAT_FIELD] = { ...r, at: last };
  return out;
}
