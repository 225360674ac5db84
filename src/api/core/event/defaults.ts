// Event defaulting: core/v1 Event has no defaulting functions, but several of its fields are Go
// structs or non-omitempty strings, which a real server always serializes (`source: {}`,
// `firstTimestamp: null`, `reportingComponent: ""`). They are materialized here.
import type { Event } from './schema.js';

export function setObjectDefaultsEvent(ev: Event): Event {
  ev.source ??= {};
  if (ev.firstTimestamp === undefined) ev.firstTimestamp = null;
  if (ev.lastTimestamp === undefined) ev.lastTimestamp = null;
  if (ev.eventTime === undefined) ev.eventTime = null;
  ev.reportingComponent ??= '';
  ev.reportingInstance ??= '';
  return ev;
}
