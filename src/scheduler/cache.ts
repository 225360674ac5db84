// The scheduler's cache (pkg/scheduler/backend/cache, 1.32): the NodeInfo snapshot kept between
// cycles and brought up to date from the store's change feed, instead of listing every node and
// pod and building every NodeInfo again for each pod. A pod the scheduler binds comes back through
// the feed as the next cycle starts, so it is counted on its node before anything else is
// decided (upstream assumes it in the cache; mk's binding is a synchronous write, so the feed
// already says the same thing by then).
//
// What it holds matches buildNodeInfos over a fresh list exactly: nodes in store order, each
// node's pods in store order, image spread over all nodes. Nodes are held as stored, without the
// API's heartbeat-time view, which no plugin reads.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import { ApiError } from '../apiserver/errors.js';
import type { Store, WatchEvent } from '../store/store.js';
import { NodeInfo, occupiesNode, setImageStates } from './node-info.js';

/** The store's key order (namespace/name), which is the order a list returns. */
const keyOf = (p: Pod) => (p.metadata.namespace ? `${p.metadata.namespace}/${p.metadata.name}` : p.metadata.name);

/** What the nominator holds: unbound pods waiting for the node preemption cleared for them. */
const isNominated = (p: Pod) => !p.spec.nodeName && !!p.status?.nominatedNodeName && !p.metadata.deletionTimestamp;

const eventText = (ev: WatchEvent) => `${ev.type} ${ev.resource} ${JSON.stringify(ev.object)}`;

/** Inserts keeping `keys` sorted; returns the index. */
function sortedIndex(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The pods bound to one node name, in key order; kept for names that have no Node (yet). */
class BoundPods {
  readonly keys: string[] = [];
  readonly pods: Pod[] = [];

  set(key: string, pod: Pod): void {
    const i = sortedIndex(this.keys, key);
    if (this.keys[i] === key) this.pods[i] = pod;
    else {
      this.keys.splice(i, 0, key);
      this.pods.splice(i, 0, pod);
    }
  }

  delete(key: string): void {
    const i = sortedIndex(this.keys, key);
    if (this.keys[i] !== key) return;
    this.keys.splice(i, 1);
    this.pods.splice(i, 1);
  }
}

export class SchedulerCache {
  private revision = 0;
  private readonly nodes = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] = [];
  private orderedValid = false;
  private readonly bound = new Map<string, BoundPods>();
  /** Pod key → the node name it is counted on. */
  private readonly podNode = new Map<string, string>();
  private readonly nominated = new Map<string, Pod>();
  private imagesDirty = false;
  /** The last change applied, as it read: finding it again proves the history the cache holds still stands. */
  private last: { revision: number; text: string } | undefined;

  private constructor(private readonly store: Store) {}

  /** A cache of the store as it is now. */
  static load(store: Store): SchedulerCache {
    const c = new SchedulerCache(store);
    c.reload();
    return c;
  }

  private reload(): void {
    this.nodes.clear();
    this.bound.clear();
    this.podNode.clear();
    this.nominated.clear();
    const revision = this.store.revision();
    // Pods first: a node's NodeInfo is made with the pods already bound to it.
    this.store.scan('pods', { revision }, (o) => this.putPod(o as unknown as Pod));
    this.store.scan('nodes', { revision }, (o) => this.putNode(o as unknown as Node));
    this.revision = revision;
    this.last = undefined;
    this.orderedValid = false;
    this.imagesDirty = true;
  }

  /**
   * Applies every change since the last sync. Relists when the feed no longer reaches back that
   * far (compaction), or when the history the cache was built from is gone: a reconcile that
   * failed had its writes rolled back after the cache read them, and the revisions were reused.
   * The last change applied is read again each time to tell.
   */
  sync(): void {
    const now = this.store.revision();
    if (now < this.revision) return this.reload();
    if (now === this.revision && !this.last) return;
    let changes: WatchEvent[];
    try {
      changes = this.store.changes(this.last ? this.last.revision - 1 : this.revision, ['pods', 'nodes']);
    } catch (err) {
      if (err instanceof ApiError && err.status.code === 410) return this.reload();
      throw err;
    }
    let i = 0;
    if (this.last) {
      const first = changes[0];
      if (!first || first.revision !== this.last.revision || eventText(first) !== this.last.text) return this.reload();
      i = 1;
    }
    for (; i < changes.length; i++) this.apply(changes[i]);
    const tail = changes.at(-1);
    if (tail && tail.revision !== this.last?.revision) this.last = { revision: tail.revision, text: eventText(tail) };
    this.revision = now;
  }

  /** The snapshot: one NodeInfo per node, in store order. Valid until the next sync. */
  nodeInfos(): readonly NodeInfo[] {
    if (!this.orderedValid) {
      this.ordered = [...this.nodes.keys()].sort().map((n) => this.nodes.get(n)!);
      this.orderedValid = true;
    }
    if (this.imagesDirty) {
      setImageStates(this.ordered);
      this.imagesDirty = false;
    }
    return this.ordered;
  }

  /** Pending pods nominated to a node, in store order. */
  nominatedPods(): Pod[] {
    return [...this.nominated.keys()].sort().map((k) => this.nominated.get(k)!);
  }

  private apply(ev: WatchEvent): void {
    if (ev.resource === 'pods') {
      const pod = ev.object as unknown as Pod;
      if (ev.type === 'DELETED') this.dropPod(keyOf(pod));
      else this.putPod(pod);
      return;
    }
    const node = ev.object as unknown as Node;
    if (ev.type === 'DELETED') {
      if (this.nodes.delete(node.metadata.name)) {
        this.orderedValid = false;
        this.imagesDirty = true;
      }
    } else this.putNode(node);
  }

  private putNode(node: Node): void {
    const name = node.metadata.name;
    const old = this.nodes.get(name);
    const ni = new NodeInfo(node, this.bound.get(name)?.pods ?? []);
    this.nodes.set(name, ni);
    if (!old) {
      this.orderedValid = false;
      this.imagesDirty = true;
      return;
    }
    if (this.orderedValid) this.ordered[this.ordered.indexOf(old)] = ni;
    if (JSON.stringify(old.node.status?.images ?? []) !== JSON.stringify(node.status?.images ?? [])) this.imagesDirty = true;
    else ni.imageStates = old.imageStates;
  }

  private putPod(pod: Pod): void {
    const key = keyOf(pod);
    this.dropPod(key);
    if (occupiesNode(pod)) {
      const name = pod.spec.nodeName!;
      let b = this.bound.get(name);
      if (!b) this.bound.set(name, (b = new BoundPods()));
      b.set(key, pod);
      this.podNode.set(key, name);
      const ni = this.nodes.get(name);
      if (ni) ni.insertPod(sortedIndex(b.keys, key), pod);
    } else if (isNominated(pod)) this.nominated.set(key, pod);
  }

  private dropPod(key: string): void {
    this.nominated.delete(key);
    const name = this.podNode.get(key);
    if (name === undefined) return;
    this.podNode.delete(key);
    const b = this.bound.get(name)!;
    const i = sortedIndex(b.keys, key);
    const pod = b.pods[i];
    b.delete(key);
    if (b.keys.length === 0) this.bound.delete(name);
    this.nodes.get(name)?.removePod(pod);
  }
}

/** One cache per store, for the life of the process; each `mk` command loads it afresh. */
const caches = new WeakMap<Store, SchedulerCache>();

export function schedulerCache(store: Store): SchedulerCache {
  let c = caches.get(store);
  if (!c) {
    caches.set(store, (c = SchedulerCache.load(store)));
    return c;
  }
  c.sync();
  return c;
}
