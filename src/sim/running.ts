// Whether a node's kubelet runs. `mk node stop` takes a kubelet down without touching the API
// objects: the node keeps its last reported status, its pods keep theirs, and nothing on the node
// reacts any more until `mk node start`. Kept in store meta, outside the API, as a real kubelet's
// liveness is outside the API server's view; here with the simulation's other machine state, as
// reads need it too (a stopped kubelet's Node reads as of its stop).
import type { Store } from '../store/store.js';

const key = (node: string) => `kubelet/stopped/${node}`;

/** The virtual time the node's kubelet stopped, or undefined while it runs. */
export function kubeletStoppedAt(store: Pick<Store, 'getMeta'>, node: string): number | undefined {
  const v = store.getMeta(key(node));
  return v === undefined ? undefined : Number(v);
}

export function setKubeletStopped(store: Store, node: string, at: number | undefined): void {
  store.setMeta(key(node), at === undefined ? undefined : String(at));
}
