// The ResourceQuota admission plugin (staging/src/k8s.io/apiserver/pkg/admission/plugin/
// resourcequota, release-1.32) and the ResourceQuota kind's registry handling. A create in a
// namespace is checked against every quota there whose status.hard names something the object
// counts: the quota must have usage for those names, a pod must state requests/limits for the
// compute resources the quota restricts, and used + requested must stay within hard.
//
// Upstream writes the new usage into the quota's status in the same request, so creates that
// follow at once see it. Here the usage is computed from the stored objects at admission time,
// which is the value that write would have left, without a write from inside admission.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import { forbidden } from '../errors.js';
import { type AdmissionContext, nameForMessages } from './context.js';
import { ResourceQuota as ResourceQuotaSchema, type ResourceQuota } from '../../api/core/resourcequota/schema.js';
import { validateResourceQuota, validateResourceQuotaUpdate } from '../../api/core/resourcequota/validate.js';
import {
  POD_VALIDATION_SET, calculateUsage, evaluatorMatches, scopesMatch, usage, type ResourceList,
} from '../../api/core/resourcequota/usage.js';
import { addQuantity, cmpQuantity, formatQuantity, parseQuantity } from '../../api/quantity.js';
import { builtinKinds, qualifiedResource, type KindInfo } from '../../api/registry.js';
import type { Pod } from '../../api/core/pod/schema.js';

const asQuota = (o: KubeObject) => o as unknown as ResourceQuota;

export const resourceQuotaAdmission: KindAdmission = {
  qualifiedKind: 'ResourceQuota',
  schema: ResourceQuotaSchema,
  prepareForCreate(o) { o.status = {}; },
  prepareForUpdate(o, old) {
    if (old.status === undefined) delete o.status;
    else o.status = structuredClone(old.status);
  },
  validateCreate: (o) => validateResourceQuota(asQuota(o)),
  validateUpdate: (o, old) => validateResourceQuotaUpdate(asQuota(o), asQuota(old)),
};

const resourceOfKind = new Map((builtinKinds as readonly KindInfo[]).filter((k) => k.namespaced).map((k) => [k.kind, qualifiedResource(k)]));

/** prettyPrint: `cpu=2,memory=1Gi`, keys sorted. */
function prettyPrint(list: ResourceList): string {
  return Object.keys(list).sort().map((k) => `${k}=${formatQuantity(parseQuantity(list[k]))}`).join(',');
}

function mask(list: ResourceList, names: string[]): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([k]) => names.includes(k)));
}

/** enforcePodContainerConstraints over every container: the `must specify` reasons, or undefined. */
function podConstraints(required: string[], pod: Pod): string | undefined {
  const requiredSet = required.filter((r) => POD_VALIDATION_SET.includes(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    const have = new Set<string>();
    for (const r of ['cpu', 'memory']) {
      if (r in requests) { have.add(r); have.add(`requests.${r}`); }
      if (r in limits) have.add(`limits.${r}`);
    }
    for (const r of requiredSet) {
      if (have.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)!.add(c.name);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export function admitResourceQuota(kind: string, obj: KubeObject, ctx: AdmissionContext): void {
  const resource = resourceOfKind.get(kind);
  const ns = obj.metadata.namespace;
  if (!resource || !ns) return;
  const quotas = (ctx.list?.('resourcequotas') ?? []).filter((o) => o.metadata.namespace === ns).map(asQuota)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (quotas.length === 0) return;
  const deny = (msg: string) => forbidden(`${resource} "${nameForMessages(obj.metadata)}" is forbidden: ${msg}`);
  const delta = usage(resource, obj, ctx.now);
  let items: KubeObject[] | undefined;
  for (const rq of quotas) {
    const hard = rq.status?.hard ?? {};
    const restricted = Object.keys(hard).filter((n) => evaluatorMatches(resource, n));
    if (restricted.length === 0 || !scopesMatch(rq.spec, resource, obj)) continue;
    const used = rq.status?.used ?? {};
    if (restricted.some((n) => !(n in used))) {
      throw deny(`status unknown for quota: ${rq.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    }
    if (resource === 'pods') {
      const err = podConstraints(restricted, obj as unknown as Pod);
      if (err) throw deny(`failed quota: ${rq.metadata.name}: ${err}`);
    }
    items ??= (ctx.list?.(resource) ?? []).filter((o) => o.metadata.namespace === ns);
    const current = calculateUsage([{ resource, items }], mask(hard, restricted), rq.spec, ctx.now);
    const requested: ResourceList = {};
    for (const n of restricted) if (delta[n]) requested[n] = formatQuantity(delta[n]);
    if (Object.keys(requested).length === 0) continue;
    const exceeded = restricted.filter((n) => {
      const next = addQuantity(parseQuantity(current[n] ?? 0), parseQuantity(requested[n] ?? 0));
      return cmpQuantity(next, parseQuantity(hard[n])) > 0;
    }).sort();
    if (exceeded.length) {
      throw deny(`exceeded quota: ${rq.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(current, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`);
    }
  }
}
