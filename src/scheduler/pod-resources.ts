// A pod's effective requests and limits (k8s.io/component-helpers/resource PodRequests/PodLimits,
// 1.32 defaults: no pod-level resources, no in-place resize). Regular containers add up; an init
// container runs alone, so the pod needs the largest of them; a restartable init container (a
// sidecar) keeps running, so it adds to everything that starts after it. Overhead is added on top.
import type { Container, Pod } from '../api/core/pod/schema.js';
import { addQuantity, cmpQuantity, parseQuantity, type Quantity } from '../api/quantity.js';

export type ResourceMap = Map<string, Quantity>;

export interface PodResourcesOptions {
  /** Used for a container that doesn't set the resource at all (not one that sets 0). */
  nonMissingContainerRequests?: ReadonlyMap<string, Quantity>;
  excludeOverhead?: boolean;
}

type Quantities = Readonly<Record<string, string | number>> | undefined;

function toMap(list: Quantities): ResourceMap {
  const m: ResourceMap = new Map();
  if (list) for (const [k, v] of Object.entries(list)) m.set(k, parseQuantity(v));
  return m;
}

function addResourceList(into: ResourceMap, add: ResourceMap): void {
  for (const [k, v] of add) {
    const cur = into.get(k);
    into.set(k, cur ? addQuantity(cur, v) : v);
  }
}

function maxResourceList(into: ResourceMap, other: ResourceMap): void {
  for (const [k, v] of other) {
    const cur = into.get(k);
    if (!cur || cmpQuantity(v, cur) > 0) into.set(k, v);
  }
}

function applyNonMissing(reqs: ResourceMap, nonMissing: ReadonlyMap<string, Quantity>): ResourceMap {
  const out = new Map(reqs);
  for (const [k, v] of nonMissing) if (!reqs.has(k)) out.set(k, v);
  return out;
}

const isRestartable = (c: Container) => c.restartPolicy === 'Always';

function aggregate(pod: Pod, pick: (c: Container) => ResourceMap): ResourceMap {
  const total: ResourceMap = new Map();
  for (const c of pod.spec.containers) addResourceList(total, pick(c));

  const restartable: ResourceMap = new Map();
  const initMax: ResourceMap = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    let use = pick(c);
    if (isRestartable(c)) {
      addResourceList(total, use);
      addResourceList(restartable, use);
      use = restartable;
    } else {
      const tmp: ResourceMap = new Map();
      addResourceList(tmp, use);
      addResourceList(tmp, restartable);
      use = tmp;
    }
    maxResourceList(initMax, use);
  }
  maxResourceList(total, initMax);
  return total;
}

/** PodRequests. */
export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceMap {
  const nonMissing = opts.nonMissingContainerRequests;
  const reqs = aggregate(pod, (c) => {
    const r = toMap(c.resources?.requests);
    return nonMissing && nonMissing.size > 0 ? applyNonMissing(r, nonMissing) : r;
  });
  if (!opts.excludeOverhead && pod.spec.overhead) addResourceList(reqs, toMap(pod.spec.overhead));
  return reqs;
}

/** PodLimits: overhead is added only to resources that have a limit. */
export function podLimits(pod: Pod, opts: PodResourcesOptions = {}): ResourceMap {
  const limits = aggregate(pod, (c) => toMap(c.resources?.limits));
  if (!opts.excludeOverhead && pod.spec.overhead) {
    for (const [k, v] of toMap(pod.spec.overhead)) {
      const cur = limits.get(k);
      if (cur) limits.set(k, addQuantity(cur, v));
    }
  }
  return limits;
}
