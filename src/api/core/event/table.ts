// `kubectl get events` columns: printEvent from pkg/printers/internalversion/printers.go (v1.32).
// Rows keep the order they are given in: like kubectl, ordering (e.g. --sort-by) is the caller's.
import type { Event } from './schema.js';
import { parseTimestamp, translateTimestampSince } from '../../duration.js';
import { columns, objectMetaNameDescription } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const eventColumnDefinitions = columns([
  { name: 'Last Seen', type: 'string', description: 'The time at which the most recent occurrence of this event was recorded.' },
  { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future' },
  { name: 'Reason', type: 'string', description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status." },
  { name: 'Object', type: 'string', description: 'The object that this event is about.' },
  { name: 'Subobject', type: 'string', priority: 1, description: 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.' },
  { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event. Should be a short machine understandable string.' },
  { name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.' },
  { name: 'First Seen', type: 'string', priority: 1, description: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)' },
  { name: 'Count', type: 'string', priority: 1, description: 'The number of times this event has occurred.' },
  { name: 'Name', type: 'string', priority: 1, format: 'name', description: objectMetaNameDescription },
]);

/** formatEventSource: "component, host", falling back to reportingController / reportingInstance. */
export function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export function printEvent(ev: Event, options: GenerateOptions): TableRow<Event>[] {
  const now = options.now;
  let firstTimestamp = translateTimestampSince(ev.firstTimestamp, now);
  if (parseTimestamp(ev.firstTimestamp) === undefined) {
    firstTimestamp = translateTimestampSince(ev.eventTime, now);
  }

  let lastTimestamp = translateTimestampSince(ev.lastTimestamp, now);
  if (parseTimestamp(ev.lastTimestamp) === undefined) {
    lastTimestamp = firstTimestamp;
  }

  let count = ev.count ?? 0;
  if (ev.series) {
    lastTimestamp = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }

  const kind = (ev.involvedObject.kind ?? '').toLowerCase();
  const target = ev.involvedObject.name ? `${kind}/${ev.involvedObject.name}` : kind;

  const message = (ev.message ?? '').trim();
  const row: TableRow<Event> = { cells: [], object: ev };
  if (options.wide) {
    row.cells.push(lastTimestamp, ev.type ?? '', ev.reason ?? '', target, ev.involvedObject.fieldPath ?? '',
      formatEventSource(ev), message, firstTimestamp, count, ev.metadata.name);
  } else {
    row.cells.push(lastTimestamp, ev.type ?? '', ev.reason ?? '', target, message);
  }
  return [row];
}

export const eventTable: TableHandler<Event> = { columns: eventColumnDefinitions, rows: printEvent };
