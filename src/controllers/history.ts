// What pkg/controller/history (release-1.32) gives the DaemonSet and StatefulSet controllers: the
// ControllerRevisions a parent owns or adopts, the patch that restores a pod template, and the
// name-by-content revisions the StatefulSet keeps (`<parent>-<hash of the patch>`).
import type { ControllerRevision } from '../api/apps/controllerrevision/schema.js';
import type { LabelSelector } from '../api/meta/schema.js';
import type { PodTemplateSpec } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { goJsonEncode } from '../apiserver/apply.js';
import { ApiError } from '../apiserver/errors.js';
import type { ControllerContext } from './controller.js';
import { claimPods, newControllerRef, selectorMatcher } from './controller-utils.js';
import { safeEncodeString } from './deployment/hash.js';

export const CONTROLLER_REVISIONS = 'controllerrevisions.apps';
/** history.ControllerRevisionHashLabel: the hash a revision's name ends with. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';

/** A parent whose history is its pod template: a DaemonSet or a StatefulSet. */
export interface TemplateParent {
  metadata: KubeObject['metadata'] & { name: string };
  spec: { selector?: LabelSelector; template: PodTemplateSpec };
}

/**
 * The patch bytes getPatch marshals: `{"spec":{"template":{...,"$patch":"replace"}}}` with every
 * key sorted, as Go's json.Marshal of the decoded parent leaves it; the template's metadata always
 * has its null creationTimestamp.
 */
export function getPatchBytes(parent: TemplateParent): string {
  const template = { ...parent.spec.template, metadata: { creationTimestamp: null, ...parent.spec.template.metadata }, $patch: 'replace' };
  return goJsonEncode({ spec: { template } }).replace(/\n$/, '');
}

/** getPatch, as the revision's data holds it. */
export function getPatch(parent: TemplateParent): Record<string, unknown> {
  return JSON.parse(getPatchBytes(parent)) as Record<string, unknown>;
}

/** The revision's data as json.Marshal spells it (what Data.Raw holds). */
export function revisionDataBytes(history: ControllerRevision): string {
  return goJsonEncode(history.data ?? null).replace(/\n$/, '');
}

/** Match: the revision holds the parent's current template. */
export function matchRevision(parent: TemplateParent, history: ControllerRevision): boolean {
  return getPatchBytes(parent) === revisionDataBytes(history);
}

/** ClaimControllerRevisions: the revisions the parent owns or adopts. */
export function controlledHistories(parent: TemplateParent, kind: string, ctx: ControllerContext): ControllerRevision[] {
  const matches = selectorMatcher(parent.spec.selector);
  if (!matches) return [];
  const all = ctx.api.list<KubeObject>(CONTROLLER_REVISIONS, { namespace: parent.metadata.namespace }) as unknown as ControllerRevision[];
  const o = { api: ctx.api, controller: parent as unknown as KubeObject, apiVersion: 'apps/v1', kind, matches, resource: CONTROLLER_REVISIONS };
  return claimPods(o, all).claimed;
}

/** hash/fnv New32 (FNV-1, multiply then xor) over the UTF-8 bytes of `s`, continuing from `h`. */
function fnv32(s: string, h = 0x811c9dc5): number {
  for (const b of Buffer.from(s, 'utf8')) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}

/** HashControllerRevision: FNV-1 over the data, then the collision count's decimal digits. */
export function hashControllerRevision(data: string, probe?: number): string {
  let h = fnv32(data);
  if (probe !== undefined) h = fnv32(String(probe), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** NewControllerRevision: the parent's template labels plus the hash label, owned by the parent. */
export function newControllerRevision(parent: TemplateParent, kind: string, data: string, revision: number, collisionCount: number): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name, hash),
      namespace: parent.metadata.namespace,
      labels: { ...parent.spec.template.metadata?.labels, [ControllerRevisionHashLabel]: hash },
      ownerReferences: [newControllerRef(parent as unknown as KubeObject, 'apps/v1', kind)],
    },
    data: JSON.parse(data) as Record<string, unknown>,
    revision,
  };
}

/** SortControllerRevisions: by revision number, then creation time, then name. */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => a.revision - b.revision
    || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
    || a.metadata.name.localeCompare(b.metadata.name));
}

/** EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  const ha = a.metadata.labels?.[ControllerRevisionHashLabel];
  const hb = b.metadata.labels?.[ControllerRevisionHashLabel];
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return revisionDataBytes(a) === revisionDataBytes(b);
}

/** FindEqualRevisions. */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** nextRevision: one above the newest of a sorted history. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length ? sorted[sorted.length - 1].revision + 1 : 1;
}

/**
 * realHistory.CreateControllerRevision: creates the revision, naming it by its hash; a name taken
 * by a revision with other data is a collision, which bumps the count and tries the next name.
 * Returns the revision and the collision count it ended with.
 */
export function createControllerRevision(parent: TemplateParent, revision: ControllerRevision, collisionCount: number,
  ctx: ControllerContext): { revision: ControllerRevision; collisionCount: number } {
  const data = revisionDataBytes(revision);
  for (;;) {
    const clone: ControllerRevision = structuredClone(revision);
    clone.metadata.name = controllerRevisionName(parent.metadata.name, hashControllerRevision(data, collisionCount));
    try {
      const created = ctx.api.create<KubeObject>(CONTROLLER_REVISIONS, clone as unknown as KubeObject) as unknown as ControllerRevision;
      return { revision: created, collisionCount };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status.code !== 409) throw err;
      const exists = ctx.api.get<KubeObject>(CONTROLLER_REVISIONS, parent.metadata.namespace, clone.metadata.name) as unknown as ControllerRevision;
      if (revisionDataBytes(exists) === data) return { revision: exists, collisionCount };
      collisionCount++;
    }
  }
}

/** realHistory.UpdateControllerRevision: the revision renumbered. */
export function updateControllerRevision(revision: ControllerRevision, newRevision: number, ctx: ControllerContext): ControllerRevision {
  if (revision.revision === newRevision) return revision;
  return ctx.api.update<KubeObject>(CONTROLLER_REVISIONS, { ...(revision as unknown as KubeObject), revision: newRevision } as KubeObject) as unknown as ControllerRevision;
}
