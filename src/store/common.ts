// What the memory and SQLite stores share: key layout, the compaction rule and the API errors they
// throw, so both behave byte for byte alike and one conformance suite covers them.
import type { KubeObject } from '../api/object.js';
import { ApiError, gone } from '../apiserver/errors.js';
import type { WatchEventType } from './store.js';

export interface StoreOptions {
  /**
   * How many of the most recent changes stay readable by `changes()` and `list({ revision })`.
   * Older revisions answer Gone (410), as etcd does after compaction.
   */
  compactionWindow?: number;
}

export const DEFAULT_COMPACTION_WINDOW = 10_000;

export function compactionWindow(opts: StoreOptions | undefined): number {
  const w = opts?.compactionWindow ?? DEFAULT_COMPACTION_WINDOW;
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`compactionWindow must be a positive integer, got ${w}`);
  return w;
}

/**
 * The revision to compact up to after a write at `revision`, or undefined when it is not time yet.
 * Compacting in batches of a tenth of the window keeps the cost off most writes; at least `window`
 * changes always stay readable.
 */
export function compactionTarget(revision: number, compacted: number, window: number): number | undefined {
  const slack = Math.max(1, Math.ceil(window / 10));
  return revision - compacted > window + slack ? revision - window : undefined;
}

/**
 * The object's key within its resource: `namespace/name`, or `name` when cluster-scoped. Ordering
 * by this key byte-wise is etcd's `/registry/<resource>/<namespace>/<name>` order, so lists come
 * back in the order a real API server returns them (namespace `dev-2` sorts before `dev`).
 */
export function storageKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Bounds [from, to) of the keys of one namespace: '0' is the byte after '/'. */
export function namespaceRange(namespace: string): [string, string] {
  return [`${namespace}/`, `${namespace}0`];
}

export function inNamespace(key: string, namespace: string | undefined): boolean {
  return !namespace || key.startsWith(`${namespace}/`);
}

export function keyOf(obj: KubeObject): string {
  return storageKey(obj.metadata.namespace, obj.metadata.name);
}

/** The stored form of an object: JSON with the revision of this write as its resourceVersion. */
export function encode(obj: KubeObject, revision: number): string {
  return JSON.stringify({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } });
}

export function decode(data: string): KubeObject {
  return JSON.parse(data) as KubeObject;
}

/** A DELETED watch event carries the last stored object at the deletion's revision, as the apiserver sends it. */
export function decodeDeleted(data: string, revision: number): KubeObject {
  const obj = decode(data);
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

/** An update or delete is conditional only when the caller names a resourceVersion. */
export function isStale(wanted: string | undefined, stored: number): boolean {
  return wanted !== undefined && wanted !== '' && wanted !== String(stored);
}

export const EVENT_TYPES: readonly WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED'];
export const ADDED = 0;
export const MODIFIED = 1;
export const DELETED = 2;

export const listTooOld = () => gone('The resourceVersion for the provided list is too old.');

export const watchTooOld = (from: number, compacted: number) =>
  gone(`too old resource version: ${from} (${compacted})`);

/** A list at a revision the store has not reached yet (the apiserver's ResourceVersionTooLarge, 504). */
export function listTooNew(revision: number, current: number): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: `Too large resource version: ${revision}, current: ${current}`,
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }] },
    code: 504,
  });
}

/** Checks a list revision against the readable window [compacted, current]. */
export function checkListRevision(revision: number, compacted: number, current: number): void {
  if (revision < compacted) throw listTooOld();
  if (revision > current) throw listTooNew(revision, current);
}

/**
 * Transactions are synchronous: an async function would commit before its awaited writes run, so
 * it is refused (and whatever it wrote synchronously is rolled back) rather than half-applied.
 */
export function assertNotPromise(result: unknown): void {
  if (result !== null && (typeof result === 'object' || typeof result === 'function') &&
      typeof (result as { then?: unknown }).then === 'function') {
    throw new TypeError('Store.transaction() takes a synchronous function; it returned a promise');
  }
}

/** Orders timers by due time, ties in insertion (id) order. */
export function timerOrder(a: { due: number; id: number }, b: { due: number; id: number }): number {
  return a.due - b.due || a.id - b.id;
}
