// The Leases of a kind v0.27 (Kubernetes 1.32) control plane besides the kubelets' node Leases:
// the API server's identity Lease (its start-kube-apiserver-identity-lease-controller post-start
// hook) and the leader-election Leases client-go's LeaseLock creates for the controller-manager,
// the scheduler and kind's storage provisioner. Each is renewed at its holder's period, computed
// when read (sim/renewals.ts); the control plane keeps running, so nothing stops them.
import { createHash } from 'node:crypto';
import { base32NoPadding } from '../api/go-base32.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import { formatMicroTimeOf } from '../api/coordination/lease/renewal.js';
import { LEASE_RESOURCE } from '../kubelet/node-lease.js';
import { setRenewal } from '../sim/renewals.js';
import type { Store } from '../store/store.js';

/** controlplane/apiserver: IdentityLeaseDurationSeconds and IdentityLeaseRenewIntervalPeriod. */
export const IDENTITY_LEASE_DURATION_SECONDS = 3600;
export const IDENTITY_LEASE_RENEW_INTERVAL_MS = 10_000;
/** kube-controller-manager / kube-scheduler --leader-elect-lease-duration and --leader-elect-retry-period. */
export const LEADER_LEASE_DURATION_SECONDS = 15;
export const LEADER_RETRY_PERIOD_MS = 2_000;

/** A cryptobyte uint16 length-prefixed field. */
function lengthPrefixed(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/**
 * genericapiserver.NewConfig's APIServerID: `apiserver-` and the lower-cased base32 of the first
 * 16 bytes of sha256 over the length-prefixed hostname and identity `kube-apiserver`.
 */
export function apiServerID(hostname: string): string {
  const hash = createHash('sha256').update(Buffer.concat([lengthPrefixed(hostname), lengthPrefixed('kube-apiserver')])).digest();
  return `apiserver-${base32NoPadding(hash.subarray(0, 16)).toLowerCase()}`;
}

function createRenewed(api: Api, store: Store, lease: KubeObject, periodMs: number): KubeObject {
  const created = api.create<KubeObject>(LEASE_RESOURCE, lease);
  setRenewal(store, created.metadata.uid ?? '', { periodMs });
  return created;
}

/**
 * The identity Lease of the API server on `hostname` (the control-plane node's container): named
 * by its APIServerID, held by `<id>_<uuid>`, labelled by labelAPIServerHeartbeatFunc.
 */
export function createAPIServerIdentityLease(api: Api, store: Store, opts: { hostname: string; uuid: string; now: number; micros: number }): KubeObject {
  const id = apiServerID(opts.hostname);
  return createRenewed(api, store, {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      name: id, namespace: 'kube-system',
      labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': opts.hostname },
    },
    spec: {
      holderIdentity: `${id}_${opts.uuid}`, leaseDurationSeconds: IDENTITY_LEASE_DURATION_SECONDS,
      renewTime: formatMicroTimeOf(opts.now, opts.micros),
    },
  }, IDENTITY_LEASE_RENEW_INTERVAL_MS);
}

/**
 * A leader-election Lease as LeaseLock.Create writes it on the first acquisition
 * (LeaderElectionRecordToLeaseSpec): acquired and renewed now, no transitions yet.
 */
export function createLeaderElectionLease(api: Api, store: Store,
  opts: { name: string; namespace: string; identity: string; now: number; micros: number }): KubeObject {
  const at = formatMicroTimeOf(opts.now, opts.micros);
  return createRenewed(api, store, {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: {
      holderIdentity: opts.identity, leaseDurationSeconds: LEADER_LEASE_DURATION_SECONDS,
      acquireTime: at, renewTime: at, leaseTransitions: 0,
    },
  }, LEADER_RETRY_PERIOD_MS);
}
