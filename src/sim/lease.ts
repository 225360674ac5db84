// The lease a long-running process (`mk get -w`, `mk logs -f`, later `mk serve`) holds while it
// keeps a realtime cluster caught up, so that short commands meanwhile only read and write
// objects and leave the reconciling to it. It is a row in the store's meta, read and renewed in
// the same transaction as the catch-up it licenses.
//
// The exclusion itself never depends on the lease: every catch-up is one write transaction, so
// two processes can never advance a cluster at once. The lease only spares the others the work,
// and it is measured in wall-clock time because it is about processes, not about the simulation.
// A holder that dies without releasing it is noticed at once on its own host (its pid is gone)
// and everywhere else when the lease runs out.
import { hostname } from 'node:os';
import type { Store } from '../store/store.js';

export const LEASE_KEY = 'lease';
/** How long a lease stays valid without renewal. */
export const LEASE_TTL_MS = 15_000;
/** A holder renews once a third of the lease has gone by. */
export const LEASE_RENEW_MS = LEASE_TTL_MS / 3;

export interface Lease {
  holder: string;
  host: string;
  pid: number;
  /** Wall-clock ms of the last renewal. */
  renewedAt: number;
  ttlMs: number;
}

export interface LeaseEnv {
  wallNow(): number;
  host: string;
  /** Whether a process of this host is still running. */
  alive(pid: number): boolean;
}

export const processEnv: LeaseEnv = {
  wallNow: () => Date.now(),
  host: hostname(),
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists but belongs to someone else.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/** A name for this process as a lease holder: unique even when pids are reused. */
export function holderId(env: LeaseEnv = processEnv): string {
  return `${env.host}/${process.pid}/${Math.floor(performance.timeOrigin).toString(36)}`;
}

export function readLease(store: Pick<Store, 'getMeta'>): Lease | undefined {
  const raw = store.getMeta(LEASE_KEY);
  return raw ? (JSON.parse(raw) as Lease) : undefined;
}

/** Whether `lease` still binds others: renewed recently and, on this host, its process alive. */
export function isLive(lease: Lease | undefined, env: LeaseEnv = processEnv): lease is Lease {
  if (!lease) return false;
  if (env.wallNow() - lease.renewedAt >= lease.ttlMs) return false;
  if (lease.host === env.host && !env.alive(lease.pid)) return false;
  return true;
}

/** The live lease of a process other than `holder`, if any. */
export function heldByOther(store: Pick<Store, 'getMeta'>, holder: string | undefined, env: LeaseEnv = processEnv): Lease | undefined {
  const lease = readLease(store);
  return isLive(lease, env) && lease.holder !== holder ? lease : undefined;
}

/**
 * Takes or renews the lease for `holder`. Fails (false) while another live holder has it. Call it
 * inside the transaction of the work the lease licenses.
 */
export function acquire(store: Store, holder: string, env: LeaseEnv = processEnv, ttlMs = LEASE_TTL_MS): boolean {
  if (heldByOther(store, holder, env)) return false;
  const lease: Lease = { holder, host: env.host, pid: process.pid, renewedAt: env.wallNow(), ttlMs };
  store.setMeta(LEASE_KEY, JSON.stringify(lease));
  return true;
}

/** Whether `holder` should renew now to keep its lease from running out. */
export function renewalDue(store: Pick<Store, 'getMeta'>, holder: string, env: LeaseEnv = processEnv): boolean {
  const lease = readLease(store);
  return !lease || lease.holder !== holder || env.wallNow() - lease.renewedAt >= LEASE_RENEW_MS;
}

/** Gives the lease up, if `holder` still has it. */
export function release(store: Store, holder: string): void {
  store.transaction(() => {
    if (readLease(store)?.holder === holder) store.setMeta(LEASE_KEY, undefined);
  });
}
