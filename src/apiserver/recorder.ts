// Events as client-go's recorders write them. Most components (kubelet, controllers) use the
// core/v1 recorder: identical events are folded into one Event with count/lastTimestamp. The
// scheduler uses the events.k8s.io/v1 API, seen through core/v1 with eventTime, empty source and
// a series when it repeats.
import type { KubeObject } from '../api/object.js';
import { kindInfo, apiVersionOf } from '../api/registry.js';
import type { Rand } from '../sim/rand.js';
import type { Store } from '../store/store.js';
import type { EventOccurrence, EventRecorder, EventSource } from './events.js';
import { eventAsRepeated, REPEAT_FIELD, type EventRepeat } from './event-series.js';
import { formatMicroTime, formatTime } from './time.js';

/** Components that record through events.k8s.io/v1 in 1.32. */
const NEW_API_COMPONENTS = new Set(['default-scheduler', 'kube-proxy']);

/** Where the last Event's name time is kept, so names stay in recording order within a millisecond. */
const LAST_NANOS_KEY = 'events/last-nanos';

/** Kube-apiserver's --event-ttl: events disappear an hour after their last update. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/** storage/etcd3's leaseManager reuses a lease for min(60 s, 10% of the TTL). */
const LEASE_REUSE_MS = Math.min(60_000, EVENT_TTL_MS / 10);

/**
 * When an Event last written at `t` is removed. The API server stores Events on etcd leases of
 * TTL plus the reuse period, each shared by the writes of that period, so Events go in batches,
 * between one hour and one hour and a minute after their last write. Periods are counted from
 * the epoch rather than from whichever write opened a lease; either way the cluster has one
 * removal a minute to make instead of one per Event.
 */
export function eventExpiry(t: number): number {
  return Math.floor(t / LEASE_REUSE_MS) * LEASE_REUSE_MS + LEASE_REUSE_MS + EVENT_TTL_MS;
}

/** What is left to come of a repetition that begins at `now`; undefined when nothing is. */
function repeatFrom(o: EventOccurrence['repeat'], now: number): EventRepeat | undefined {
  if (!o) return undefined;
  const main = o.until === undefined || o.until >= now + o.every;
  const also = o.also && (o.also.until === undefined || o.also.until >= o.also.next) ? o.also : undefined;
  if (!main && !also) return undefined;
  const until = main ? o.until : now;
  return { at: now, every: o.every, ...(until !== undefined ? { until } : {}), ...(also ? { also } : {}) };
}

interface EventIndexEntry {
  name: string;
  namespace: string;
}

export class StoreEventRecorder implements EventRecorder {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly rand: Rand,
    /** Node hosting the control plane, for reportingInstance of control-plane components. */
    private readonly controlPlaneHost: string,
  ) {}

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string,
    opts: EventSource & EventOccurrence & { fieldPath?: string; action?: string }): void {
    const now = opts.at ?? this.now();
    const times = opts.count ?? 1;
    const ns = obj.metadata.namespace || 'default';
    const k = kindInfo(obj.kind);
    // A bare ObjectReference (apiVersion '') is recorded as given: the kubelet and kube-proxy
    // refer to their Node by name alone ({kind: Node, name: n, uid: n}).
    const apiVersion = obj.apiVersion === '' ? '' : k ? apiVersionOf(k) : obj.apiVersion;
    const involvedObject: Record<string, string> = {
      ...(apiVersion ? { apiVersion } : {}),
      kind: obj.kind,
      name: obj.metadata.name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      uid: obj.metadata.uid ?? obj.metadata.name,
      ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
      ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
    };
    const newApi = NEW_API_COMPONENTS.has(opts.component);
    const key = ['events', opts.component, opts.host ?? '', obj.kind, ns, obj.metadata.name,
      opts.fieldPath ?? '', involvedObject.uid, type, reason, message].join('\u0000');
    const repeat = repeatFrom(opts.repeat, now);
    const indexed = this.store.getMeta(key);
    if (indexed) {
      const { name, namespace } = JSON.parse(indexed) as EventIndexEntry;
      const stored = this.store.get('events', namespace, name);
      if (stored) {
        // Repetitions due by now happened before this occurrence; later ones are replaced by its own.
        const ev = eventAsRepeated(stored, now);
        if (repeat) ev[REPEAT_FIELD] = repeat;
        if (times === 0) {
          if (ev !== stored) this.store.update('events', ev);
          return;
        }
        if (newApi) {
          const series = (ev.series as { count?: number } | undefined)?.count ?? 1;
          ev.series = { count: series + times, lastObservedTime: formatMicroTime(now) };
        } else {
          ev.count = ((ev.count as number | undefined) ?? 1) + times;
          ev.lastTimestamp = formatTime(now);
        }
        // The timer set when it was created finds it updated and waits for the new last time.
        this.store.update('events', ev);
        return;
      }
    }
    if (times === 0) return;
    // Event names are the object's name and the recording time in nanoseconds, as hex. Virtual
    // time has millisecond steps: the nanoseconds within one are drawn, but kept increasing, as
    // the wall clock of the recording process would be.
    const nanos = this.nextNanos(now);
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    const host = opts.host ?? '';
    const ev: KubeObject = newApi
      ? {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name, namespace: ns, uid: this.rand.uid(), creationTimestamp: formatTime(now) },
        involvedObject, reason, ...(message ? { message } : {}), source: {},
        firstTimestamp: null, lastTimestamp: null, type,
        eventTime: microTimeOf(nanos),
        ...(opts.action ? { action: opts.action } : {}),
        reportingComponent: opts.component,
        reportingInstance: `${opts.component}-${host || this.controlPlaneHost}`,
      }
      : {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name, namespace: ns, uid: this.rand.uid(), creationTimestamp: formatTime(now) },
        involvedObject, reason, ...(message ? { message } : {}),
        source: { component: opts.component, ...(host ? { host } : {}) },
        firstTimestamp: formatTime(now), lastTimestamp: formatTime(now), count: times, type,
        eventTime: null,
        reportingComponent: opts.component,
        reportingInstance: host,
        ...(repeat ? { [REPEAT_FIELD]: repeat } : {}),
      };
    this.store.create('events', ev);
    this.store.setMeta(key, JSON.stringify({ name, namespace: ns } satisfies EventIndexEntry));
    this.store.addTimer(eventExpiry(now), 'event-ttl', `${ns}/${name}`);
  }

  private nextNanos(now: number): bigint {
    const last = BigInt(this.store.getMeta(LAST_NANOS_KEY) ?? '0');
    let nanos = BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.rand.int(1_000_000));
    if (nanos <= last) nanos = last + 1n + BigInt(this.rand.int(50_000));
    this.store.setMeta(LAST_NANOS_KEY, nanos.toString());
    return nanos;
  }
}

/** MicroTime from a time in nanoseconds: RFC 3339 with six fractional digits. */
function microTimeOf(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  const micros = String(nanos / 1000n % 1_000_000n).padStart(6, '0');
  return `${formatTime(ms).slice(0, -1)}.${micros}Z`;
}
