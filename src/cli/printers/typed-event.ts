// kubectl events prints what it decoded into corev1.EventList: Go structs re-encoded, so every
// field without omitempty is there (zero times as null, empty reporting fields as ""), and -o json
// keeps the structs' field order where the map-based printers sort keys.
import type { Event, ObjectReference } from '../../api/core/event/schema.js';
import type { ObjectMeta } from '../../api/meta/schema.js';

type Ordered = Record<string, unknown>;

/** Drops Go's omitempty fields: empty strings, zero numbers, empty maps and lists, absent values. */
function compact(fields: [string, unknown][]): Ordered {
  const out: Ordered = {};
  for (const [k, v] of fields) {
    if (v === undefined || v === null || v === '' || v === 0) continue;
    if (Array.isArray(v) && !v.length) continue;
    if (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v as object).length) continue;
    out[k] = v;
  }
  return out;
}

function objectMeta(m: ObjectMeta): Ordered {
  const out = compact([
    ['name', m.name], ['generateName', m.generateName], ['namespace', m.namespace], ['uid', m.uid],
    ['resourceVersion', m.resourceVersion], ['generation', m.generation],
  ]);
  // metav1.Time is a struct: omitempty never drops it, and its zero value encodes as null.
  out.creationTimestamp = m.creationTimestamp ?? null;
  return { ...out, ...compact([
    ['deletionTimestamp', m.deletionTimestamp], ['deletionGracePeriodSeconds', m.deletionGracePeriodSeconds], ['labels', m.labels],
    ['annotations', m.annotations], ['ownerReferences', m.ownerReferences], ['finalizers', m.finalizers], ['managedFields', m.managedFields],
  ]) };
}

function objectReference(r: ObjectReference): Ordered {
  return compact([['kind', r.kind], ['namespace', r.namespace], ['name', r.name], ['uid', r.uid], ['apiVersion', r.apiVersion],
    ['resourceVersion', r.resourceVersion], ['fieldPath', r.fieldPath]]);
}

export function typedEvent(e: Event): Ordered {
  return {
    kind: 'Event', apiVersion: 'v1', metadata: objectMeta(e.metadata), involvedObject: objectReference(e.involvedObject),
    ...compact([['reason', e.reason], ['message', e.message]]),
    source: compact([['component', e.source?.component], ['host', e.source?.host]]),
    firstTimestamp: e.firstTimestamp || null, lastTimestamp: e.lastTimestamp || null,
    ...compact([['count', e.count], ['type', e.type]]),
    eventTime: e.eventTime || null,
    ...compact([['series', e.series && compact([['count', e.series.count], ['lastObservedTime', e.series.lastObservedTime]])],
      ['action', e.action], ['related', e.related && objectReference(e.related)]]),
    reportingComponent: e.reportingComponent ?? '', reportingInstance: e.reportingInstance ?? '',
  };
}

/** The EventList kubectl events builds: its own list metadata, which stays empty. */
export function typedEventList(events: Event[]): Ordered {
  return { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events.map(typedEvent) };
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** json.MarshalIndent of a struct: fields in order, four-space indent, HTML characters escaped. */
export function marshalStructJSON(v: Ordered): string {
  return JSON.stringify(v, null, 4).replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c]) + '\n';
}
