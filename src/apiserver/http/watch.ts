// A watch over HTTP: the changes to one resource after a resourceVersion, as a stream of
// `{"type":...,"object":...}` lines. With sendInitialEvents (which a watch from "" or "0" is
// defaulted to) it starts with an ADDED event per current object, as the watch cache does, and
// when bookmarks are allowed marks their end with a BOOKMARK annotated k8s.io/initial-events-end;
// further BOOKMARKs carry only the revision the watch has reached. Selectors apply as the API server's
// filtered watch applies them: an object that starts matching arrives as ADDED, one that stops
// matching leaves as DELETED. A resourceVersion older than the store's history ends the stream with
// an ERROR event carrying the 410 Gone Status.
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource, type KindInfo } from '../../api/registry.js';
import { ApiError, type Status } from '../errors.js';
import { selectors } from '../selectors.js';
import type { ApiServer } from '../server.js';

export interface WatchSpec {
  kind: KindInfo;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  /** Send the current state first (ListOptions.sendInitialEvents after defaulting). */
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** The annotation of the bookmark that ends a watch's initial events. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export interface WatchSink {
  /** Sends one event; `object` is encoded by the sink (a Table row, or the object itself). */
  event(type: Exclude<WatchEventType, 'ERROR' | 'BOOKMARK'>, object: KubeObject): void;
  /** A BOOKMARK at a revision; initialEventsEnd: the one closing the initial events. */
  bookmark(resourceVersion: string, initialEventsEnd: boolean): void;
  error(status: Status): void;
}

export class Watch {
  private revision = 0;
  /** The client's resourceVersion, when it gave one: changes after it, no initial events. */
  private readonly from: number | undefined;
  private readonly matching = new Set<string>();
  /** Objects whose matching before a change this watch knows; for others the stored event type stands. */
  private readonly known = new Set<string>();
  private readonly matches: (o: KubeObject) => boolean;
  private readonly resource: string;
  closed = false;

  constructor(private readonly api: ApiServer, private readonly spec: WatchSpec, private readonly sink: WatchSink) {
    this.resource = qualifiedResource(spec.kind);
    const { labelSelector, fieldSelector } = spec;
    // Compiled before anything is sent, so a bad selector is the request's 400.
    this.matches = labelSelector || fieldSelector ? selectors.compile(spec.kind.kind, { labelSelector, fieldSelector }) : () => true;
    const rv = spec.resourceVersion;
    if (rv && rv !== '0') {
      const n = Number(rv);
      if (!/^\d+$/.test(rv)) throw new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message: `invalid resource version: ${rv}` });
      this.from = n;
    }
  }

  /** The initial events (or none, from a given resourceVersion or without sendInitialEvents). */
  start(): void {
    const initial = this.spec.sendInitialEvents ?? this.from === undefined;
    if (!initial) {
      this.revision = this.from ?? this.api.store.revision();
      return;
    }
    const { items, revision } = this.api.store.transaction(() => ({
      items: this.api.list(this.resource, { namespace: this.spec.namespace }),
      revision: this.api.store.revision(),
    }));
    this.revision = revision;
    for (const o of items) {
      this.known.add(key(o));
      if (!this.matches(o)) continue;
      this.matching.add(key(o));
      this.sink.event('ADDED', o);
    }
    if (this.spec.sendInitialEvents && this.spec.allowWatchBookmarks) this.sink.bookmark(String(revision), true);
  }

  /** A periodic bookmark: the changes so far, then the revision reached (only if bookmarks were asked for). */
  bookmark(): void {
    if (this.closed || !this.spec.allowWatchBookmarks) return;
    this.pump();
    if (!this.closed) this.sink.bookmark(String(this.revision), false);
  }

  /** Sends the changes since the last look. */
  pump(): void {
    if (this.closed) return;
    let changes;
    let revision: number;
    try {
      ({ changes, revision } = this.api.store.transaction(() => ({
        changes: this.api.store.changes(this.revision, [this.resource]),
        revision: this.api.store.revision(),
      })));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.sink.error(err.status);
      this.closed = true;
      return;
    }
    for (const ev of changes) {
      const o = this.api.asRead(ev.object as KubeObject);
      if (this.spec.namespace !== undefined && o.metadata.namespace !== this.spec.namespace) continue;
      const k = key(o);
      const is = this.matches(o);
      if (!this.known.has(k)) {
        // First news of this object since the client's resourceVersion: it matched before if it matches now.
        if (ev.type !== 'DELETED') this.known.add(k);
        if (is) {
          if (ev.type !== 'DELETED') this.matching.add(k);
          this.sink.event(ev.type, o);
        }
        continue;
      }
      const was = this.matching.has(k);
      if (ev.type === 'DELETED') {
        if (was) this.sink.event('DELETED', o);
        this.matching.delete(k);
        this.known.delete(k);
        continue;
      }
      if (is) this.matching.add(k);
      else this.matching.delete(k);
      if (is) this.sink.event(was ? 'MODIFIED' : 'ADDED', o);
      else if (was) this.sink.event('DELETED', o);
    }
    this.revision = Math.max(this.revision, revision);
  }
}

function key(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
