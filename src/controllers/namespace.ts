// The namespace controller's deletion path (pkg/controller/namespace/deletion): a Terminating
// namespace has its content deleted, reports progress in status conditions, and is removed once
// empty by dropping the `kubernetes` finalizer.
import type { Namespace } from '../api/core/namespace/schema.js';
import { builtinKinds, type KindInfo } from '../api/registry.js';
import { formatTime } from '../apiserver/time.js';
import type { Controller, ControllerContext } from './controller.js';

const namespacedResources = (builtinKinds as readonly KindInfo[])
  .filter((k) => k.namespaced)
  .map((k) => (k.group ? `${k.resource}.${k.group}` : k.resource));

/** Re-check a namespace whose pods are still terminating (the real controller polls too). */
const RECHECK_MS = 5_000;

export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['namespaces', ...namespacedResources],
  keysFor(ev) {
    if (ev.resource === 'namespaces') return ev.object.metadata.deletionTimestamp ? [ev.object.metadata.name] : [];
    // Content disappearing from a namespace may let its deletion finish.
    return ev.type === 'DELETED' && ev.object.metadata.namespace ? [ev.object.metadata.namespace] : [];
  },
  reconcile(key, ctx) {
    const ns = ctx.api.tryGet<Namespace>('namespaces', undefined, key);
    if (!ns?.metadata.deletionTimestamp) return;
    const remaining: Record<string, number> = {};
    for (const resource of namespacedResources) {
      const items = ctx.api.list(resource, { namespace: key });
      for (const item of items) {
        if (!item.metadata.deletionTimestamp) ctx.api.delete(resource, key, item.metadata.name);
      }
      const left = ctx.api.list(resource, { namespace: key }).length;
      if (left) remaining[resource] = left;
    }
    const resources = Object.keys(remaining);
    setConditions(ns, ctx, resources.length
      ? `Some resources are remaining: ${resources.map((r) => `${r}. has ${remaining[r]} resource instances`).join(', ')}`
      : undefined);
    if (resources.length) {
      ctx.requeueAt(ctx.now() + RECHECK_MS, key);
      return;
    }
    const latest = ctx.api.get<Namespace>('namespaces', undefined, key);
    ctx.api.update('namespaces', { ...latest, spec: { ...latest.spec, finalizers: [] } });
  },
};

function setConditions(ns: Namespace, ctx: ControllerContext, remainingMessage: string | undefined): void {
  const now = formatTime(ctx.now());
  const prev = new Map((ns.status?.conditions ?? []).map((c) => [c.type, c]));
  const cond = (type: string, status: string, reason: string, message: string) => {
    const old = prev.get(type);
    const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : now;
    return { lastTransitionTime, message, reason, status, type };
  };
  const conditions = [
    cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
    cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    remainingMessage
      ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', remainingMessage)
      : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
    cond('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
  if (JSON.stringify(conditions) === JSON.stringify(ns.status?.conditions)) return;
  ctx.api.updateStatus('namespaces', { ...ns, status: { ...ns.status, conditions } });
}
