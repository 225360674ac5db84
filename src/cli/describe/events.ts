// The Events section every describer ends with: find the Events about an object the way
// kubectl's searchEvents does (the involvedObject field selector), and print them as
// DescribeEvents does in kubectl 1.32.
import type { Event } from '../../api/core/event/schema.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from '../printers/prefix-writer.js';
import { goSort } from '../printers/go-sort.js';
import { parseTimestamp, translateTimestampSince, type DescribeClient } from './helpers.js';

/** What searchEvents selects on: involvedObject.name/namespace always, kind and uid when known. */
export interface EventRef {
  name: string;
  /** '' for cluster-scoped objects; their Events are searched in every namespace. */
  namespace: string;
  kind?: string;
  uid?: string;
}

/**
 * The Events whose involvedObject matches `ref`, in the order the server lists them. The
 * field-selector semantics are applied here rather than sent to the server: a field the
 * object lacks compares as the empty string, as kube-apiserver's event field set does.
 */
export function searchEvents(client: DescribeClient, ref: EventRef): Event[] {
  // Only Events that mention the object's uid (else its name) as a whole JSON string are decoded.
  const contains = JSON.stringify(ref.uid || ref.name);
  const all = client.list<Event>('events', ref.namespace ? { namespace: ref.namespace, contains } : { contains });
  return all.filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? '') !== ref.name) return false;
    if ((io.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind && (io.kind ?? '') !== ref.kind) return false;
    if (ref.uid && (io.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

/** The reference kubectl builds for a typed object: kind and uid only when set. */
export function refFor(obj: { kind: string; metadata: { name: string; namespace?: string; uid?: string } }): EventRef {
  return {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? '',
    kind: obj.kind || undefined,
    uid: obj.metadata.uid || undefined,
  };
}

/** event.SortableEvents in 1.32 orders by lastTimestamp alone; Events without one sort first. */
function sortEvents(events: Event[]): Event[] {
  const key = (e: Event) => parseTimestamp(e.lastTimestamp) ?? -Infinity;
  return goSort([...events], (a, b) => key(a) < key(b));
}

/** DescribeEvents. */
export function describeEvents(events: Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // The table is aligned on its own, not with the fields above it.
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    const firstTimestampSince = parseTimestamp(e.eventTime) !== undefined
      ? translateTimestampSince(e.eventTime, now)
      : translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) {
      interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstTimestampSince})`;
    } else {
      interval = firstTimestampSince;
    }
    const source = e.source?.component || e.reportingComponent || '';
    const message = (e.message ?? '').trim();
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}
