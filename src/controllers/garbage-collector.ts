// The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are gone,
// and carries out the two deletions the API server only marks with a finalizer — `orphan` (strip
// the dependents' references to the owner, then let it go) and `foregroundDeletion` (delete the
// dependents first; the owner goes when none that blocks it is left).
//
// Upstream keeps the whole ownership graph in memory. Here a reconcile reads the store, so the
// graph's reverse edges are kept as a small marker per owner: the resources its dependents were
// seen in. Only owners with a marker are searched for dependents, which keeps the common deletion
// (a pod nobody references) at one meta read.
import type { OwnerReference } from '../api/meta/schema.js';
import type { KubeObject } from '../api/object.js';
import { builtinKinds, kindForGVK, qualifiedResource, type KindInfo } from '../api/registry.js';
import { ApiError } from '../apiserver/errors.js';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, kindOfResource } from '../apiserver/server.js';
import type { Controller, ControllerContext } from './controller.js';

type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Every resource that can own or depend; Events are refused as owners by validation. */
const resources = (builtinKinds as readonly KindInfo[])
  .filter((k) => k.kind !== 'Event')
  .map((k) => qualifiedResource(k));

const markerKey = (uid: string) => `gc/owned/${uid}`;

/** The three kinds of work, each keyed by what it needs: `verb:resource:namespace:name-or-uid`. */
const CHECK = 'check';
const OWNER_GONE = 'gone';
const FINALIZE = 'finalize';

export const garbageCollector: Controller = {
  name: 'garbagecollector',
  watches: resources,
  keysFor(ev) {
    const m = ev.object.metadata;
    const ns = m.namespace ?? '';
    if (ev.type === 'DELETED') {
      const keys = [`${OWNER_GONE}:${ev.resource}:${ns}:${m.uid ?? ''}`];
      // An owner deleting its dependents first may be waiting for this one.
      for (const ref of m.ownerReferences ?? []) {
        const k = kindForGVK(ref.apiVersion, ref.kind);
        if (k) keys.push(`${FINALIZE}:${qualifiedResource(k)}:${k.namespaced ? ns : ''}:${ref.name}`);
      }
      return keys;
    }
    const keys: string[] = [];
    if (m.ownerReferences?.length) keys.push(`${CHECK}:${ev.resource}:${ns}:${m.name}`);
    if (m.deletionTimestamp && hasGcFinalizer(ev.object)) keys.push(`${FINALIZE}:${ev.resource}:${ns}:${m.name}`);
    return keys;
  },
  reconcile(key, ctx) {
    const [verb, resource, ns, ...rest] = key.split(':');
    const last = rest.join(':');
    const gc = new Collector(ctx);
    switch (verb) {
      case CHECK: gc.attemptToDelete(resource, ns || undefined, last); break;
      case OWNER_GONE: gc.ownerGone(resource, ns || undefined, last); break;
      case FINALIZE: gc.finalize(resource, ns || undefined, last); break;
    }
  },
};

function hasGcFinalizer(obj: KubeObject): boolean {
  const f = obj.metadata.finalizers ?? [];
  return f.includes(FINALIZER_ORPHAN) || f.includes(FINALIZER_FOREGROUND);
}

function isDeletingDependents(obj: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND);
}

interface Dependent {
  resource: string;
  obj: KubeObject;
}

class Collector {
  constructor(private readonly ctx: ControllerContext) {}

  /**
   * attemptToDeleteItem: looks at an object's owners. With a live owner it stays (references to
   * owners that are gone, or that are deleting their dependents, are removed); otherwise it is
   * deleted — in the foreground when an owner waits for it and it has dependents of its own.
   */
  attemptToDelete(resource: string, ns: string | undefined, name: string, uid?: string): void {
    const item = this.ctx.api.tryGet(resource, ns, name);
    if (!item || (uid && item.metadata.uid !== uid)) return;
    const refs = item.metadata.ownerReferences ?? [];
    this.remember(resource, refs);
    // Being deleted is a one-way trip: its dependents are dealt with once it is gone.
    if (item.metadata.deletionTimestamp) {
      if (isDeletingDependents(item)) this.finalize(resource, ns, name);
      return;
    }
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.lookUpOwner(item, ref);
      // An owner of a kind this server does not serve, or a cluster-scoped object naming a
      // namespaced owner, cannot be judged: the item is left alone.
      if (owner === 'unknown') return;
      if (!owner) dangling.push(ref);
      else if (isDeletingDependents(owner)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.removeOwnerReferences(resource, item, drop);
      return;
    }
    if (waiting.length && this.dependentsOf(resource, item).length) {
      this.deleteObject(resource, item, 'Foreground');
      return;
    }
    const finalizers = item.metadata.finalizers ?? [];
    const policy: Propagation = finalizers.includes(FINALIZER_ORPHAN) ? 'Orphan'
      : finalizers.includes(FINALIZER_FOREGROUND) ? 'Foreground' : 'Background';
    this.deleteObject(resource, item, policy);
  }

  /** An object is gone: its dependents lose that owner. */
  ownerGone(resource: string, ns: string | undefined, uid: string): void {
    if (!uid) return;
    const marker = this.ctx.store.getMeta(markerKey(uid));
    if (marker === undefined) return;
    for (const dep of this.findDependents(resource, ns, uid, JSON.parse(marker) as string[])) {
      this.attemptToDelete(dep.resource, dep.obj.metadata.namespace, dep.obj.metadata.name, dep.obj.metadata.uid);
    }
    this.ctx.store.setMeta(markerKey(uid), undefined);
  }

  /**
   * An owner being deleted with a garbage-collection finalizer: orphan its dependents, or delete
   * them and drop `foregroundDeletion` once none with blockOwnerDeletion is left.
   */
  finalize(resource: string, ns: string | undefined, name: string): void {
    const owner = this.ctx.api.tryGet(resource, ns, name);
    if (!owner?.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes(FINALIZER_ORPHAN)) {
      const uid = owner.metadata.uid!;
      for (const dep of this.dependentsOf(resource, owner)) {
        this.removeOwnerReferences(dep.resource, dep.obj, new Set([uid]));
      }
      this.removeFinalizer(resource, owner, FINALIZER_ORPHAN);
      return;
    }
    if (!finalizers.includes(FINALIZER_FOREGROUND)) return;
    for (const dep of this.dependentsOf(resource, owner)) {
      if (isDeletingDependents(dep.obj)) continue;
      this.attemptToDelete(dep.resource, dep.obj.metadata.namespace, dep.obj.metadata.name, dep.obj.metadata.uid);
    }
    const uid = owner.metadata.uid;
    const blocking = this.dependentsOf(resource, owner).filter((d) =>
      d.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
    if (!blocking.length) this.removeFinalizer(resource, owner, FINALIZER_FOREGROUND);
  }

  /** The owner a reference names, undefined when it is absent (or another object of that name), 'unknown' when it cannot be looked up. */
  private lookUpOwner(item: KubeObject, ref: OwnerReference): KubeObject | undefined | 'unknown' {
    const k = kindForGVK(ref.apiVersion, ref.kind);
    if (!k) return 'unknown';
    const ns = item.metadata.namespace;
    if (!ns && k.namespaced) return 'unknown';
    const owner = this.ctx.api.tryGet(qualifiedResource(k), k.namespaced ? ns : undefined, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  /** Records, for each owner, that it has dependents among `resource`. */
  private remember(resource: string, refs: OwnerReference[]): void {
    for (const ref of refs) {
      const key = markerKey(ref.uid);
      const raw = this.ctx.store.getMeta(key);
      const list = raw ? (JSON.parse(raw) as string[]) : [];
      if (list.includes(resource)) continue;
      this.ctx.store.setMeta(key, JSON.stringify([...list, resource].sort()));
    }
  }

  private dependentsOf(resource: string, owner: KubeObject): Dependent[] {
    const uid = owner.metadata.uid;
    if (!uid) return [];
    const marker = this.ctx.store.getMeta(markerKey(uid));
    if (marker === undefined) return [];
    return this.findDependents(resource, owner.metadata.namespace, uid, JSON.parse(marker) as string[]);
  }

  /** Objects referencing `uid`: in the owner's namespace, or anywhere for a cluster-scoped owner. */
  private findDependents(ownerResource: string, ns: string | undefined, uid: string, among: string[]): Dependent[] {
    let namespaced: boolean;
    try {
      namespaced = kindOfResource(ownerResource).namespaced;
    } catch {
      return [];
    }
    const out: Dependent[] = [];
    for (const resource of among) {
      let items: KubeObject[];
      try {
        items = this.ctx.api.list(resource, { namespace: namespaced ? ns : undefined });
      } catch {
        continue;
      }
      for (const obj of items) {
        if (obj.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ resource, obj });
      }
    }
    return out;
  }

  private deleteObject(resource: string, item: KubeObject, propagationPolicy: Propagation): void {
    try {
      this.ctx.api.delete(resource, item.metadata.namespace, item.metadata.name, { propagationPolicy });
    } catch (err) {
      if (err instanceof ApiError && err.status.code === 404) return;
      throw err;
    }
  }

  /** The strategic-merge `$patch: delete` of owner references, by UID. */
  private removeOwnerReferences(resource: string, item: KubeObject, uids: Set<string>): void {
    const refs = (item.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
    const metadata = { ...item.metadata, ownerReferences: refs };
    if (!refs.length) delete (metadata as { ownerReferences?: OwnerReference[] }).ownerReferences;
    try {
      this.ctx.api.update(resource, { ...item, metadata });
    } catch (err) {
      if (err instanceof ApiError && err.status.code === 404) return;
      throw err;
    }
  }

  private removeFinalizer(resource: string, owner: KubeObject, finalizer: string): void {
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const metadata = { ...owner.metadata, finalizers };
    if (!finalizers.length) delete (metadata as { finalizers?: string[] }).finalizers;
    this.ctx.api.update(resource, { ...owner, metadata });
  }
}
