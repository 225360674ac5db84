// The resource-quota controller (pkg/controller/resourcequota, release-1.32): keeps each quota's
// status.hard equal to spec.hard and status.used equal to what the namespace's objects count
// against it. Keyed by namespace: any change to a counted object or a quota there recomputes
// that namespace's quotas, and a status that is already right is not written again.
import type { Controller } from './controller.js';
import type { ResourceQuota } from '../api/core/resourcequota/schema.js';
import { calculateUsage, evaluatorMatches } from '../api/core/resourcequota/usage.js';
import { builtinKinds, qualifiedResource, type KindInfo } from '../api/registry.js';
import { canonicalQuantity } from '../api/quantity.js';
import { deepEqual } from '../api/deep-equal.js';

const countedResources = (builtinKinds as readonly KindInfo[])
  .filter((k) => k.namespaced && k.kind !== 'Event')
  .map(qualifiedResource);

export const resourceQuotaController: Controller = {
  name: 'resourcequota',
  watches: countedResources,
  keysFor(ev) {
    const ns = ev.object.metadata.namespace;
    if (!ns) return [];
    // Only the quota controller writes a quota's status; its own writes settle nothing new.
    if (ev.resource === 'resourcequotas' && ev.type === 'DELETED') return [];
    return [ns];
  },
  reconcile(ns, ctx) {
    const quotas = ctx.api.list<ResourceQuota & { kind: string; apiVersion: string }>('resourcequotas', { namespace: ns });
    if (quotas.length === 0) return;
    const listed = new Map<string, { resource: string; items: ReturnType<typeof ctx.api.list> }>();
    for (const rq of quotas) {
      const hard: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(rq.spec?.hard ?? {})) hard[k] = canonicalQuantity(v);
      const inputs = [];
      for (const resource of countedResources) {
        if (!Object.keys(hard).some((n) => evaluatorMatches(resource, n))) continue;
        if (!listed.has(resource)) listed.set(resource, { resource, items: ctx.api.list(resource, { namespace: ns }) });
        inputs.push(listed.get(resource)!);
      }
      const used = calculateUsage(inputs, hard, rq.spec, ctx.now());
      const status = { hard, used };
      if (deepEqual(rq.status ?? {}, status)) continue;
      ctx.api.updateStatus('resourcequotas', { ...rq, status });
    }
  },
};
