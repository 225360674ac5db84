// What the kubelet keeps per pod and per node outside the API objects, in the store's meta
// (JSON under kubelet/<node>/...). Shared by the kubelet and by `mk logs`, which recomputes a
// container's output from it.
import type { Store } from '../store/store.js';
import type { ContainerSlot, WaitingReason } from './containers.js';

export type Stage = 'begin' | 'pull' | 'create' | 'start';
export type Op =
  | { k: 'sandbox' }
  | { k: 'stopSandbox' }
  | { k: 'kill'; c: string; init: boolean; message: string; graceSeconds?: number }
  | { k: 'start'; c: string; init: boolean; stage: Stage; requestedAt?: number; pullMs?: number; ok?: boolean; err?: string };

export interface Backoff { backoffMs: number; lastUpdate: number }

/** Everything the kubelet keeps about one pod between reconciles. */
export interface PodRuntime {
  uid: string;
  ns: string;
  name: string;
  node: string;
  /** Names of the init containers (for field paths once the pod object is gone). */
  initNames: string[];
  /** When the kubelet first saw the pod (status.startTime; probe workers start then). */
  seenAt: number;
  sandbox?: { id: string; readyAt: number; stoppedAt?: number };
  ip?: string;
  slots: Record<string, ContainerSlot>;
  reasons: Record<string, WaitingReason>;
  backoff: Record<string, Backoff>;
  prevPullErr: Record<string, string>;
  worker: { ops: Op[]; busyUntil?: number; cursor: number; syncErr: boolean; pending: boolean };
  /** Times a sync is due (PLEG events, retries, probe results). */
  wakes: number[];
  phase: 'active' | 'stopping' | 'terminating' | 'terminated';
  termDoneAt?: number;
  deadlineExceeded?: boolean;
  /** Volumes not all set up yet: the last attempt made (its index from 0) and what failed then. */
  mountWait?: { last: number; failing: string[] };
  /** When SyncPod got past the wait for volumes (its probe workers start then). */
  mountedAt?: number;
  /** The node's kubelet stopped then: its probe workers and volume retries stopped with it. */
  heldAt?: number;
}

// -- meta keys -------------------------------------------------------------------------------

export const metaKeys = {
  pod: (node: string, ns: string, name: string) => `kubelet/${node}/pods/${ns}/${name}`,
  /** Which node's kubelet holds a pod's state, to find it again after the pod is gone. */
  index: (ns: string, name: string) => `kubelet/pods/${ns}/${name}`,
  images: (node: string) => `kubelet/${node}/images`,
  puller: (node: string) => `kubelet/${node}/puller`,
  ipam: (node: string) => `kubelet/${node}/ipam`,
  /** Pods of a namespace whose volumes wait for a ConfigMap or Secret (JSON list of names). */
  mountWait: (ns: string) => `kubelet/mountwait/${ns}`,
  /** Pods with a running container whose process asks the cluster's DNS (JSON list of ns/name). */
  dnsDependent: () => 'kubelet/dns-dependent',
};

export function loadPodRuntime(ctx: { store: Pick<Store, 'getMeta'> }, ns: string, name: string): PodRuntime | undefined {
  const node = ctx.store.getMeta(metaKeys.index(ns, name));
  if (!node) return undefined;
  const raw = ctx.store.getMeta(metaKeys.pod(node, ns, name));
  return raw ? (JSON.parse(raw) as PodRuntime) : undefined;
}

