// client-go's watchtools.UntilWithSync over one named object, the way `rollout status` and `wait`
// use it (a field selector on metadata.name): the object as listed comes first as ADDED, then
// every stored change to it in revision order — each one, even when nothing a caller looks at
// changed, as a real watch delivers them. Time passes as src/cli/wait.ts lets it: realtime
// clusters are polled, manual clocks jump from timer to timer.
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { WatchEventType } from '../../store/store.js';
import { waitUntil } from '../wait.js';

export interface ObjectRef {
  /** `deployments.apps` */
  resource: string;
  namespace: string | undefined;
  name: string;
}

/** Returns true to stop watching; throwing stops it with that error. */
export type WatchCondition = (type: WatchEventType, obj: KubeObject) => boolean;

export type WatchOutcome =
  /** The condition held. */
  | 'met'
  /** The deadline passed. */
  | 'timeout'
  /** A manual clock with nothing left to happen, or nothing that touched the object for `quietMs`. */
  | 'stalled';

export interface WatchOptions {
  /** Virtual ms from now; Infinity for no limit. */
  timeoutMs: number;
  /**
   * Checked against the object as listed, before any event (UntilWithSync's precondition): true
   * stops at once as 'met', throwing stops with that error.
   */
  precondition?: (obj: KubeObject | undefined) => boolean;
  /** Manual clocks only: give up after this much virtual time without an event for the object. */
  quietMs?: number;
}

export async function untilWithSync(cluster: ClusterHandle, ref: ObjectRef, condition: WatchCondition, opts: WatchOptions): Promise<WatchOutcome> {
  const { api, store } = cluster;
  // The listing and the revision it reflects, read together so no change falls between them.
  let { obj: listed, revision } = store.transaction(() => ({
    obj: api.tryGet(ref.resource, ref.namespace, ref.name),
    revision: store.revision(),
  }));
  if (opts.precondition?.(listed)) return 'met';
  if (listed && condition('ADDED', listed)) return 'met';

  const start = cluster.now();
  const deadline = start + opts.timeoutMs;
  let lastEvent = start;
  let met = false;
  let quiet = false;
  const drain = (): boolean => {
    let events: { type: WatchEventType; revision: number; object: KubeObject }[];
    try {
      events = store.changes(revision, [ref.resource]);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status.reason !== 'Gone') throw e;
      // Too far behind to replay: relist, as the reflector does, and carry on from there.
      const again = store.transaction(() => ({ obj: api.tryGet(ref.resource, ref.namespace, ref.name), revision: store.revision() }));
      revision = again.revision;
      events = again.obj ? [{ type: listed ? 'MODIFIED' : 'ADDED', revision, object: again.obj }]
        : listed ? [{ type: 'DELETED', revision, object: listed }] : [];
    }
    for (const ev of events) {
      revision = Math.max(revision, ev.revision);
      const o = ev.object;
      if (o.metadata.name !== ref.name || (ref.namespace !== undefined && o.metadata.namespace !== ref.namespace)) continue;
      lastEvent = cluster.now();
      listed = ev.type === 'DELETED' ? undefined : o;
      if (condition(ev.type, o)) {
        met = true;
        return true;
      }
    }
    if (opts.quietMs !== undefined && cluster.clock.mode === 'manual' && cluster.now() - lastEvent >= opts.quietMs) {
      quiet = true;
      return true;
    }
    return false;
  };
  const stopped = await waitUntil(cluster, drain, Math.max(0, deadline - cluster.now()));
  if (met) return 'met';
  if (stopped && quiet) return 'stalled';
  return cluster.now() >= deadline ? 'timeout' : 'stalled';
}
