// The kubelet's node Lease (pkg/kubelet/nodelease, component-helpers' lease controller, 1.32): one
// Lease per node in kube-node-lease, named and held by the node, owned by its Node so it goes
// with it, renewed every quarter of its 40 s duration while the kubelet runs. The renewals are
// computed when the Lease is read (sim/renewals.ts); only creating it and the first renewal after
// the kubelet starts again are written. A Lease someone deletes is created again at the kubelet's
// next sync, as its lease controller does when its update finds the Lease gone.
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import { formatMicroTimeOf, parseMicroTime } from '../api/coordination/lease/renewal.js';
import type { Store, WatchEvent } from '../store/store.js';
import { renewalOf, setRenewal } from '../sim/renewals.js';
import { kubeletStoppedAt } from '../sim/running.js';
import type { Controller, ControllerContext } from '../controllers/controller.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_RESOURCE = 'leases.coordination.k8s.io';
/** --node-lease-duration-seconds (kubelet default). */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** renewInterval: NodeLeaseRenewIntervalFraction (0.25) of the lease duration. */
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 1000 / 4;

/**
 * The lease controller's first sync once the node exists (newLease + setNodeOwnerFunc): holder
 * and duration, renewTime now, and the Node as owner — apiVersion and kind, name and uid only.
 * `micros` is the sub-millisecond part of the renewal instant.
 */
export function createNodeLease(api: Api, store: Store, node: KubeObject, now: number, micros = 0): KubeObject {
  const name = node.metadata.name;
  const lease = api.create<KubeObject>(LEASE_RESOURCE, {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      name, namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: formatMicroTimeOf(now, micros) },
  }, { fieldManager: 'kubelet' });
  setRenewal(store, lease.metadata.uid ?? '', { periodMs: NODE_LEASE_RENEW_INTERVAL_MS });
  return lease;
}

/**
 * ensureLease when the Lease is missing: created for the Node if there is one and the
 * kube-node-lease namespace exists (otherwise the kubelet's create fails and it tries again at a
 * later sync; mk's Nodes written without a cluster around them never get one).
 */
function ensureNodeLease(api: Api, store: Store, node: string, now: number, micros: number): void {
  const owner = api.tryGet<KubeObject>('nodes', undefined, node);
  if (owner && api.tryGet('namespaces', undefined, NODE_LEASE_NAMESPACE)) createNodeLease(api, store, owner, now, micros);
}

function nodeLease(api: Api, node: string): KubeObject | undefined {
  return api.tryGet<KubeObject>(LEASE_RESOURCE, NODE_LEASE_NAMESPACE, node);
}

/** The kubelet stops at `now`: the renewal it made last is the one that stays. */
export function stopRenewingNodeLease(api: Api, store: Store, node: string, now: number): void {
  const uid = nodeLease(api, node)?.metadata.uid;
  const renewal = renewalOf(store, uid);
  if (uid && renewal && renewal.stoppedAt === undefined) setRenewal(store, uid, { ...renewal, stoppedAt: now });
}

/** The kubelet runs again: its lease controller syncs at once, renewing the lease now (or creating it). */
export function resumeRenewingNodeLease(api: Api, store: Store, node: string, now: number, createdMicros = 0): void {
  const lease = nodeLease(api, node);
  const uid = lease?.metadata.uid;
  if (!lease || !uid) {
    ensureNodeLease(api, store, node, now, createdMicros);
    return;
  }
  const spec = (lease.spec ?? {}) as { renewTime?: string };
  const micros = parseMicroTime(spec.renewTime)?.micros ?? 0;
  api.update(LEASE_RESOURCE, { ...lease, spec: { ...spec, renewTime: formatMicroTimeOf(now, micros) } });
  setRenewal(store, uid, { periodMs: NODE_LEASE_RENEW_INTERVAL_MS });
}

/** The node goes away: nothing renews its Lease any more (the garbage collector deletes it). */
export function forgetNodeLease(api: Api, store: Store, node: string): void {
  const uid = nodeLease(api, node)?.metadata.uid;
  if (uid) setRenewal(store, uid, undefined);
}

/**
 * The kubelets' lease controllers noticing their Lease gone: keyed `<node>/<last renewal ms>/<uid>`
 * from the deleted object, each creates it again at its next sync (its 10 s ticks continue from
 * that renewal) if its kubelet runs and its Node is still there.
 */
export const nodeLeaseController: Controller = {
  name: 'node-lease',
  watches: [LEASE_RESOURCE],
  keysFor(ev: WatchEvent): string[] {
    const m = ev.object.metadata;
    if (ev.type !== 'DELETED' || m.namespace !== NODE_LEASE_NAMESPACE) return [];
    const renewed = parseMicroTime((ev.object.spec as { renewTime?: string } | undefined)?.renewTime);
    return renewed ? [`${m.name}/${renewed.ms}/${m.uid ?? ''}`] : [];
  },
  reconcile(key: string, ctx: ControllerContext): void {
    const [node, anchorText, oldUid] = key.split('/');
    const renewal = renewalOf(ctx.store, oldUid);
    if (!renewal) return;
    const anchor = Number(anchorText);
    const now = ctx.now();
    const gone = renewal.stoppedAt !== undefined || kubeletStoppedAt(ctx.store, node) !== undefined
      || !ctx.api.tryGet<KubeObject>('nodes', undefined, node) || nodeLease(ctx.api, node) !== undefined;
    if (gone) {
      setRenewal(ctx.store, oldUid, undefined);
      return;
    }
    const sync = anchor + Math.ceil((now - anchor) / renewal.periodMs) * renewal.periodMs;
    if (sync > now) {
      ctx.requeueAt(sync, key);
      return;
    }
    setRenewal(ctx.store, oldUid, undefined);
    ensureNodeLease(ctx.api, ctx.store, node, now, ctx.rand.int(1000));
  },
};
