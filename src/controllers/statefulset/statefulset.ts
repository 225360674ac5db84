// The StatefulSet controller (pkg/controller/statefulset/stateful_set.go, release-1.32): handlers
// map pod and revision changes to their set; sync claims the set's pods (only those its name
// prefixes) and revisions, then hands them to the set's control (control.ts). A failed sync is
// retried with the workqueue's exponential back-off on the virtual clock.
import type { StatefulSet } from '../../api/apps/statefulset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { objectKey, type KubeObject } from '../../api/object.js';
import type { Controller, ControllerContext } from '../controller.js';
import { claimPods, getControllerOf, selectorMatcher, splitKey } from '../controller-utils.js';
import { CONTROLLER_REVISIONS, controlledHistories } from '../history.js';
import { updateStatefulSetAndStatus } from './control.js';
import { STATEFULSETS, isMemberOf } from './util.js';

const KIND = 'StatefulSet';
const ORPHAN_PREFIX = 'orphan:';
const CLAIMS = 'persistentvolumeclaims';

/** workqueue.DefaultControllerRateLimiter's per-item back-off: 5ms doubling to 1000s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1000 * 1000;
const failuresKey = (key: string) => `statefulset/failures/${key}`;

export const statefulSetController: Controller = {
  name: 'statefulset',
  watches: [STATEFULSETS, 'pods', CONTROLLER_REVISIONS, CLAIMS],
  keysFor(ev) {
    if (ev.resource === STATEFULSETS) return [objectKey(ev.object)];
    const ns = ev.object.metadata.namespace ?? '';
    // A claim that finally went away may be what a pod of some set is waiting for (PodClaimIsStale).
    if (ev.resource === CLAIMS) return ev.type === 'DELETED' ? [`${ORPHAN_PREFIX}${ns}`] : [];
    const ref = getControllerOf(ev.object);
    if (ref) return ref.kind === KIND ? [`${ns}/${ref.name}`] : [];
    if (ev.type === 'DELETED' || ev.object.metadata.deletionTimestamp) return [];
    return [`${ORPHAN_PREFIX}${ns}`];
  },
  reconcile(key, ctx) {
    if (key.startsWith(ORPHAN_PREFIX)) {
      // An orphan pod or revision (every set of the namespace may adopt it), or a claim gone.
      const namespace = key.slice(ORPHAN_PREFIX.length);
      for (const set of ctx.api.list<KubeObject>(STATEFULSETS, { namespace })) syncWithBackoff(objectKey(set), ctx);
      return;
    }
    syncWithBackoff(key, ctx);
  },
};

function syncWithBackoff(key: string, ctx: ControllerContext): void {
  try {
    syncStatefulSet(key, ctx);
    ctx.store.setMeta(failuresKey(key), undefined);
  } catch (err) {
    if (err instanceof TypeError) throw err;
    const failures = Number(ctx.store.getMeta(failuresKey(key)) ?? '0');
    ctx.store.setMeta(failuresKey(key), String(failures + 1));
    ctx.requeueAt(ctx.now() + Math.min(BACKOFF_BASE_MS * 2 ** failures, BACKOFF_MAX_MS), key);
  }
}

/** getPodsForStatefulSet: the pods this set owns or adopts among those its name prefixes. */
export function getPodsForStatefulSet(set: StatefulSet, ctx: ControllerContext): Pod[] {
  const matches = selectorMatcher(set.spec.selector);
  if (!matches) return [];
  // Only pods the set's name prefixes are claimed; a pod of another name given this set as its
  // owner by hand is left alone, where upstream would release it.
  const pods = (ctx.api.list<KubeObject>('pods', { namespace: set.metadata.namespace }) as unknown as Pod[])
    .filter((p) => isMemberOf(set, p));
  const o = { api: ctx.api, controller: set as unknown as KubeObject, apiVersion: 'apps/v1', kind: KIND, matches };
  return claimPods(o, pods).claimed;
}

/** sync: the set, its revisions and pods, one pass of its control; requeued for minReadySeconds. */
export function syncStatefulSet(key: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(key);
  const set = ctx.api.tryGet<KubeObject>(STATEFULSETS, ns, name) as unknown as StatefulSet | undefined;
  if (!set) return;
  // A selector that does not convert is not retried.
  if (!selectorMatcher(set.spec.selector)) return;
  const revisions = controlledHistories(set, KIND, ctx);
  const pods = getPodsForStatefulSet(set, ctx);
  const availableAt = updateStatefulSetAndStatus(set, pods, revisions, ctx);
  if (availableAt !== undefined) ctx.requeueAt(Math.max(availableAt, ctx.now()), key);
}
