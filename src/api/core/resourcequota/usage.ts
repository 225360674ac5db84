// What an object counts against a quota: the evaluators of pkg/quota/v1/evaluator/core and the
// generic object-count evaluator (release-1.32). Shared by the quota admission plugin, which
// checks a create against it, and the resource-quota controller, which sums it into
// status.used, so both count exactly the same way.
import { addQuantity, formatQuantity, milliValue, parseQuantity, type Quantity } from '../../quantity.js';

export type ResourceList = Record<string, string | number>;
type Obj = { apiVersion?: string; kind?: string; metadata: { namespace?: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number }; spec?: unknown; status?: unknown };

interface ContainerLike { name: string; restartPolicy?: string; resources?: { requests?: ResourceList; limits?: ResourceList } }
interface PodSpecLike {
  containers: ContainerLike[]; initContainers?: ContainerLike[]; overhead?: ResourceList;
  activeDeadlineSeconds?: number; priorityClassName?: string;
}

/** The resource's quota names besides `count/<resource>`: the legacy object counts. */
const LEGACY_COUNTS: Record<string, string> = {
  services: 'services', configmaps: 'configmaps', secrets: 'secrets', resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers', persistentvolumeclaims: 'persistentvolumeclaims',
};

/** The pod resources the quota validates each container against (validationSet). */
export const POD_VALIDATION_SET = ['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory'];

const q = (v: string | number) => parseQuantity(v);

function addList(into: Record<string, Quantity>, list: ResourceList | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) into[k] = into[k] ? addQuantity(into[k], q(v)) : q(v);
}

/** component-helpers PodRequests / PodLimits: containers and sidecars add up, an init container runs alone. */
function podAggregate(spec: PodSpecLike, which: 'requests' | 'limits'): Record<string, Quantity> {
  const sum: Record<string, Quantity> = {};
  for (const c of spec.containers) addList(sum, c.resources?.[which]);
  const sidecars: Record<string, Quantity> = {};
  for (const c of spec.initContainers ?? []) {
    const own = c.resources?.[which] ?? {};
    if (c.restartPolicy === 'Always') {
      addList(sum, own);
      addList(sidecars, own);
      continue;
    }
    for (const [k, v] of Object.entries(own)) {
      const need = sidecars[k] ? addQuantity(sidecars[k], q(v)) : q(v);
      if (!sum[k] || milliValue(need) > milliValue(sum[k])) sum[k] = need;
    }
  }
  if (which === 'requests') addList(sum, spec.overhead);
  return sum;
}

/** podComputeUsageHelper. */
export function podComputeUsage(requests: Record<string, Quantity>, limits: Record<string, Quantity>): Record<string, Quantity> {
  const out: Record<string, Quantity> = { pods: q(1) };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[r]) { out[r] = requests[r]; out[`requests.${r}`] = requests[r]; }
    if (limits[r]) out[`limits.${r}`] = limits[r];
  }
  for (const [k, v] of Object.entries(requests)) {
    if (k.startsWith('hugepages-')) out[`requests.${k}`] = v;
    else if (k.includes('/') && !k.startsWith('kubernetes.io/')) out[`requests.${k}`] = v;
  }
  return out;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace period, use no compute. */
function podCountsCompute(pod: Obj, now: number): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp && deletionGracePeriodSeconds !== undefined) {
    if (now > Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** The qualified plural a resource name uses in `count/...`: `pods`, `deployments.apps`. */
export function usage(resource: string, obj: Obj, now: number): Record<string, Quantity> {
  const out: Record<string, Quantity> = { [`count/${resource}`]: q(1) };
  if (LEGACY_COUNTS[resource]) out[LEGACY_COUNTS[resource]] = q(1);
  if (resource === 'services') {
    const spec = (obj.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[] };
    if (spec.type === 'LoadBalancer') out['services.loadbalancers'] = q(1);
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') out['services.nodeports'] = q((spec.ports ?? []).length);
  }
  if (resource === 'persistentvolumeclaims') Object.assign(out, claimUsage(obj));
  if (resource === 'pods' && podCountsCompute(obj, now)) {
    const spec = obj.spec as PodSpecLike;
    Object.assign(out, podComputeUsage(podAggregate(spec, 'requests'), podAggregate(spec, 'limits')));
  }
  return out;
}

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** The persistentVolumeClaimEvaluator's charge: the claim and its storage, also per storage class. */
function claimUsage(obj: Obj): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  const meta = obj.metadata as { annotations?: Record<string, string> };
  const spec = (obj.spec ?? {}) as { storageClassName?: string; resources?: { requests?: ResourceList } };
  const cls = meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? '';
  if (cls) out[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = q(1);
  const request = spec.resources?.requests?.storage;
  if (request !== undefined) {
    out['requests.storage'] = q(request);
    if (cls) out[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = q(request);
  }
  return out;
}

/** Whether a quota's resource name is one this resource's evaluator counts (MatchingResources). */
export function evaluatorMatches(resource: string, name: string): boolean {
  if (name === `count/${resource}` || LEGACY_COUNTS[resource] === name) return true;
  if (resource === 'persistentvolumeclaims') {
    return name === 'requests.storage' || (name.includes(STORAGE_CLASS_SUFFIX)
      && (name.endsWith('/persistentvolumeclaims') || name.endsWith('/requests.storage')));
  }
  if (resource === 'services') return name === 'services.loadbalancers' || name === 'services.nodeports';
  if (resource !== 'pods') return false;
  if (['pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
    'limits.cpu', 'limits.memory', 'limits.ephemeral-storage'].includes(name)) return true;
  return name.startsWith('requests.hugepages-') || (name.startsWith('requests.') && name.includes('/'));
}

/** The quota's scopes and scopeSelector against a pod (other kinds only meet unscoped quotas). */
export function scopesMatch(spec: { scopes?: string[]; scopeSelector?: { matchExpressions?: { scopeName: string; operator: string; values?: string[] }[] } } | undefined,
  resource: string, obj: Obj): boolean {
  const selectors = [
    ...(spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists', values: [] as string[] })),
    ...(spec?.scopeSelector?.matchExpressions ?? []),
  ];
  if (selectors.length === 0) return true;
  if (resource !== 'pods') return false;
  const pod = obj.spec as PodSpecLike;
  const bestEffort = [...pod.containers, ...(pod.initContainers ?? [])]
    .every((c) => Object.keys(c.resources?.requests ?? {}).length === 0 && Object.keys(c.resources?.limits ?? {}).length === 0);
  for (const sel of selectors) {
    let ok: boolean;
    switch (sel.scopeName) {
      case 'Terminating': ok = pod.activeDeadlineSeconds !== undefined && pod.activeDeadlineSeconds >= 0; break;
      case 'NotTerminating': ok = pod.activeDeadlineSeconds === undefined || pod.activeDeadlineSeconds < 0; break;
      case 'BestEffort': ok = bestEffort; break;
      case 'NotBestEffort': ok = !bestEffort; break;
      case 'PriorityClass': {
        const name = pod.priorityClassName ?? '';
        const values = sel.values ?? [];
        ok = sel.operator === 'In' ? values.includes(name) : sel.operator === 'NotIn' ? !values.includes(name)
          : sel.operator === 'Exists' ? name !== '' : name === '';
        break;
      }
      default: ok = false;
    }
    if (!ok) return false;
  }
  return true;
}

/** A ResourceList in canonical strings. */
export function toResourceList(m: Record<string, Quantity>): ResourceList {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, formatQuantity(v)]));
}

/** The usage of every matching object, for the quota's hard names, zero where nothing counts. */
export function calculateUsage(resources: { resource: string; items: Obj[] }[], hard: ResourceList,
  spec: Parameters<typeof scopesMatch>[0], now: number): ResourceList {
  const names = Object.keys(hard);
  const used: Record<string, Quantity> = {};
  for (const n of names) used[n] = q(0);
  for (const { resource, items } of resources) {
    if (!names.some((n) => evaluatorMatches(resource, n))) continue;
    for (const o of items) {
      if (!scopesMatch(spec, resource, o)) continue;
      for (const [k, v] of Object.entries(usage(resource, o, now))) if (k in used) used[k] = addQuantity(used[k], v);
    }
  }
  return toResourceList(used);
}
