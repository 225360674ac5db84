// The DaemonSet's history (pkg/controller/daemon/update.go, release-1.32): one ControllerRevision
// per distinct pod template, named `<ds>-<hash>`, holding the patch that restores that template;
// the one matching the live template is the current revision and carries the highest number.
import type { ControllerRevision } from '../../api/apps/controllerrevision/schema.js';
import type { DaemonSet } from '../../api/apps/daemonset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { ControllerContext } from '../controller.js';
import { getControllerOf, newControllerRef } from '../controller-utils.js';
import { CONTROLLER_REVISIONS, controlledHistories as claimControllerRevisions, getPatch, matchRevision as matchTemplateRevision } from '../history.js';
import { computeHash } from '../deployment/hash.js';
import { DefaultDaemonSetUniqueLabelKey } from './util.js';

export { CONTROLLER_REVISIONS, getPatch };
export const DAEMONSETS = 'daemonsets.apps';

/** Match: the revision holds the DaemonSet's current template. */
export function matchRevision(ds: DaemonSet, history: ControllerRevision): boolean {
  return matchTemplateRevision(ds, history);
}

/** controlledHistories: the revisions this DaemonSet owns or adopts (ClaimControllerRevisions). */
export function controlledHistories(ds: DaemonSet, ctx: ControllerContext): ControllerRevision[] {
  return claimControllerRevisions(ds, 'DaemonSet', ctx);
}

const maxRevision = (list: readonly ControllerRevision[]) => list.reduce((m, h) => Math.max(m, h.revision), 0);

/**
 * constructHistory: the current revision (created when no revision matches the template, renumbered
 * above the old ones when it comes back) and the old ones.
 */
export function constructHistory(ds: DaemonSet, ctx: ControllerContext): { cur: ControllerRevision; old: ControllerRevision[] } {
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const h of controlledHistories(ds, ctx)) (matchRevision(ds, h) ? current : old).push(h);
  const currRevision = maxRevision(old) + 1;
  if (!current.length) return { cur: snapshot(ds, currRevision, ctx), old };
  // dedupCurHistories: keep the newest equal revision; pods of the others move to its hash.
  current.sort((a, b) => b.revision - a.revision);
  let cur = current[0];
  for (const dup of current.slice(1)) ctx.api.delete(CONTROLLER_REVISIONS, dup.metadata.namespace, dup.metadata.name);
  if (cur.revision < currRevision) {
    cur = ctx.api.update<KubeObject>(CONTROLLER_REVISIONS, { ...(cur as unknown as KubeObject), revision: currRevision } as KubeObject) as unknown as ControllerRevision;
  }
  return { cur, old };
}

/**
 * snapshot: a new revision named `<ds>-<hash>`. A name taken by a different revision is a hash
 * collision: the DaemonSet's collisionCount goes up and the sync is retried with a new hash.
 */
function snapshot(ds: DaemonSet, revision: number, ctx: ControllerContext): ControllerRevision {
  const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
  const history: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ds.metadata.namespace,
      labels: { ...ds.spec.template.metadata?.labels, [DefaultDaemonSetUniqueLabelKey]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds as unknown as KubeObject, 'apps/v1', 'DaemonSet')],
    },
    data: getPatch(ds),
    revision,
  };
  try {
    return ctx.api.create<KubeObject>(CONTROLLER_REVISIONS, history as unknown as KubeObject) as unknown as ControllerRevision;
  } catch (err) {
    if (!(err instanceof ApiError) || err.status.code !== 409) throw err;
    const existing = ctx.api.tryGet<KubeObject>(CONTROLLER_REVISIONS, ds.metadata.namespace, history.metadata.name) as unknown as ControllerRevision | undefined;
    if (existing && getControllerOf(existing)?.uid === ds.metadata.uid && matchRevision(ds, existing)) return existing;
    const fresh = ctx.api.get<KubeObject>(DAEMONSETS, ds.metadata.namespace, ds.metadata.name) as unknown as DaemonSet;
    const status = { ...fresh.status, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
    ctx.api.updateStatus<KubeObject>(DAEMONSETS, { ...(fresh as unknown as KubeObject), status });
    throw err;
  }
}

/**
 * cleanupHistory: old revisions beyond revisionHistoryLimit go, oldest first, except those whose
 * hash a live pod still carries.
 */
export function cleanupHistory(ds: DaemonSet, old: ControllerRevision[], pods: readonly Pod[], ctx: ControllerContext): void {
  let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set(pods.map((p) => p.metadata.labels?.[DefaultDaemonSetUniqueLabelKey]).filter((h) => h));
  for (const h of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (liveHashes.has(h.metadata.labels?.[DefaultDaemonSetUniqueLabelKey])) continue;
    ctx.api.delete(CONTROLLER_REVISIONS, h.metadata.namespace, h.metadata.name);
    toKill--;
  }
}
