// The kubelet's node Lease (pkg/kubelet/nodelease, component-helpers' lease controller, 1.32): one
// Lease per node in kube-node-lease, named and held by the node, owned by its Node so it goes
// with it, renewed every quarter of its 40 s duration while the kubelet runs. The renewals are
// computed when the Lease is read (sim/renewals.ts); only creating it and the first renewal after
// the kubelet starts again are written.
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import { formatMicroTimeOf, parseMicroTime } from '../api/coordination/lease/renewal.js';
import type { Store } from '../store/store.js';
import { renewalOf, setRenewal } from '../sim/renewals.js';

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
  });
  setRenewal(store, lease.metadata.uid ?? '', { periodMs: NODE_LEASE_RENEW_INTERVAL_MS });
  return lease;
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

/** The kubelet runs again: its lease controller syncs at once, renewing the lease now. */
export function resumeRenewingNodeLease(api: Api, store: Store, node: string, now: number): void {
  const lease = nodeLease(api, node);
  const uid = lease?.metadata.uid;
  if (!lease || !uid) return;
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
