// Recording Events the way client-go's recorder does: same object+reason+message within the
// aggregation window bumps count and lastTimestamp instead of creating a new Event.
import type { KubeObject } from '../api/object.js';
import type { EventCadence } from './event-series.js';

export interface EventSource {
  component: string; // 'default-scheduler', 'kubelet', 'replicaset-controller'
  host?: string; // node name, for kubelet events
}

export interface EventRecorder {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string,
    opts: EventSource & EventOccurrence & { fieldPath?: string; action?: string }): void;
}

/**
 * Several identical occurrences folded into one call: the Event's count grows by `count` and its
 * last time becomes `at` (a component settling repeated work up to a moment ahead of now).
 */
export interface EventOccurrence {
  count?: number;
  at?: number;
  /**
   * The occurrence goes on repeating every `every` ms after `at` (up to `until`, when set): the
   * Event's count and last time follow as they are read. A later record of the same Event first
   * takes in the repetitions due by its own time, and ends them unless it repeats too. A record
   * with count 0 just ends them there. `also`: a second cadence of occurrences besides.
   */
  repeat?: { every: number; until?: number; also?: EventCadence };
}
