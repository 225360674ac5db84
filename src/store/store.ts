// The Store: what etcd is to kube-apiserver. One global revision for the whole store; every object
// carries the revision of its last write as metadata.resourceVersion. Nothing above this interface
// knows which implementation it talks to.
import type { KubeObject } from '../api/object.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  revision: number;
  resource: string; // plural resource name, with group when not core: 'pods', 'deployments.apps'
  object: KubeObject; // for DELETED, the object as it was last stored
}

export interface ListResult {
  items: KubeObject[];
  revision: number; // the store revision the list reflects
}

export interface ListOptions {
  namespace?: string; // undefined: all namespaces
  /**
   * Only objects whose stored JSON (JSON.stringify's text, resourceVersion included) contains
   * this text. Lets a reader looking for a few objects by a field's value (`"web-1"`, quoted)
   * skip decoding the rest; it still checks the field on what it gets.
   */
  contains?: string;
  /** Read as of this revision (etcd-style MVCC). Older than the compaction window: throws Gone (410). */
  revision?: number;
}

/** A timer the simulation set: at `due` (virtual ms), `owner` (a controller name) reconciles `key`. */
export interface Timer {
  id: number;
  due: number;
  owner: string;
  key: string;
}

export interface Store {
  /** The current global revision (0 for an empty store). */
  revision(): number;
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, opts?: ListOptions): ListResult;
  /**
   * list(), one object at a time: fn sees the same items in the same order, and none is kept, so a
   * long list never holds all its objects at once. fn must not call the store. Returns the revision.
   */
  scan(resource: string, opts: ListOptions, fn: (obj: KubeObject) => void): number;
  /** Stores a new object; throws AlreadyExists. Sets metadata.resourceVersion. */
  create(resource: string, obj: KubeObject): KubeObject;
  /**
   * Replaces an existing object; throws NotFound. If obj.metadata.resourceVersion is set and is not
   * the stored one, throws Conflict ("the object has been modified; ...").
   */
  update(resource: string, obj: KubeObject): KubeObject;
  /** Removes an object; throws NotFound, or Conflict when `resourceVersion` is given and stale. */
  delete(resource: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject;
  /** Every change after `fromRevision`, in revision order (watch from revision). Throws Gone past compaction. */
  changes(fromRevision: number, resources?: string[]): WatchEvent[];
  /**
   * Runs fn atomically and in isolation from other processes: all of its writes land or none do.
   * Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;

  /** Small key/value state of the cluster itself: clock, lease, random state, controller cursors. */
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string | undefined): void;

  /** The simulation's timer queue, persisted with the objects so it survives between commands. */
  addTimer(due: number, owner: string, key: string): void;
  /** Timers due at or before `upTo`, earliest first (ties in insertion order), without removing them. */
  dueTimers(upTo: number, limit?: number): Timer[];
  /** The earliest timer, or the earliest of an owner not in `exceptOwners`. */
  nextTimer(exceptOwners?: readonly string[]): Timer | undefined;
  removeTimer(id: number): void;
  /** Drops all timers for owner+key (e.g. when the object is deleted or rescheduled). */
  clearTimers(owner: string, key: string): void;

  close(): void;
}
