// Which stored objects a simulated component renews on a fixed period (a kubelet its node Lease,
// a leader its election Lease), kept in store meta by the object's uid. Reads compute the
// renewals since the last write from this record (api/coordination/lease/renewal.ts) instead of
// the component writing each one; a component that stops is recorded with the time it stopped,
// after which nothing is renewed. Keyed by uid, so a Lease deleted and created again by someone
// else is not renewed by a component that never saw it.
import type { Store } from '../store/store.js';

export interface Renewal {
  periodMs: number;
  /** The renewing component stopped at this time; no renewal after it. */
  stoppedAt?: number;
}

const key = (uid: string) => `renewal/${uid}`;

/** How the object with this uid is renewed, or undefined when nothing renews it. */
export function renewalOf(store: Store, uid: string | undefined): Renewal | undefined {
  if (!uid) return undefined;
  const v = store.getMeta(key(uid));
  return v === undefined ? undefined : JSON.parse(v) as Renewal;
}

export function setRenewal(store: Store, uid: string, renewal: Renewal | undefined): void {
  store.setMeta(key(uid), renewal === undefined ? undefined : JSON.stringify(renewal));
}
