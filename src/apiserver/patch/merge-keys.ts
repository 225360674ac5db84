// Where strategic merge patch merges lists by key instead of replacing them: the
// `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api 1.32 and metav1.ObjectMeta, read from
// the same Go types server-side apply walks (../managed-fields/go-structs.ts). A field without tags
// has no patch metadata (lists are replaced, maps are merged key by key).
//
// A field's `type` names the struct of its value, or of its elements for a list.
import { goStructs } from '../managed-fields/go-structs.js';
import type { GoType } from '../managed-fields/schema.js';

export interface PatchFieldMeta {
  /** The `patchStrategy` tag: 'merge', 'replace', 'retainKeys' or 'merge,retainKeys'. */
  readonly strategy?: string;
  readonly mergeKey?: string;
  readonly type?: string;
}

export type PatchStruct = Readonly<Record<string, PatchFieldMeta>>;

/** The struct a field holds, directly or as list elements. */
function structOf(t: GoType): string | undefined {
  if (typeof t === 'string') return goStructs[t] ? t : undefined;
  return 'l' in t ? structOf(t.l) : undefined;
}

function patchStructsOf(): Record<string, PatchStruct> {
  /** The root of any built-in kind without Go types here: only metadata is special. */
  const out: Record<string, PatchStruct> = { 'meta/v1.Object': { metadata: { type: 'meta/v1.ObjectMeta' } } };
  for (const [name, s] of Object.entries(goStructs)) {
    const fields: Record<string, PatchFieldMeta> = {};
    for (const [f, gf] of Object.entries(s.f)) {
      const type = structOf(gf.t);
      if (gf.ps || gf.pk || type) fields[f] = { ...(gf.ps ? { strategy: gf.ps } : {}), ...(gf.pk ? { mergeKey: gf.pk } : {}), ...(type ? { type } : {}) };
    }
    out[name] = fields;
  }
  return out;
}

export const patchStructs: Readonly<Record<string, PatchStruct>> = patchStructsOf();

/** The API group of a Go package (`networking` → networking.k8s.io). */
const PACKAGE_GROUPS: Readonly<Record<string, string>> = {
  core: '', coordination: 'coordination.k8s.io', discovery: 'discovery.k8s.io', networking: 'networking.k8s.io',
  scheduling: 'scheduling.k8s.io', storage: 'storage.k8s.io',
};

/** `apiVersion/Kind` → root struct, for the kinds with Go types. */
function kindRootsOf(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, s] of Object.entries(goStructs)) {
    if (!s.f.apiVersion || !s.f.kind || !s.f.metadata) continue;
    const m = /^(\w+)\/(\w+)\.(\w+)$/.exec(name);
    if (!m || m[1] === 'meta') continue;
    const group = PACKAGE_GROUPS[m[1]] ?? m[1];
    out[`${group ? `${group}/` : ''}${m[2]}/${m[3]}`] = name;
  }
  return out;
}

export const patchKindRoots: Readonly<Record<string, string>> = kindRootsOf();

/** API groups served by the built-in API server (their kinds accept strategic merge patch). */
export const builtinGroups: ReadonlySet<string> = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps',
  'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'extensions', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'policy', 'rbac.authorization.k8s.io',
  'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/**
 * The root struct for a kind, or undefined when the kind is not built in (custom resources
 * have no struct tags: the server refuses strategic merge patch for them and kubectl apply
 * falls back to a JSON merge patch). Legacy versions (extensions/v1beta1, apps/v1beta2, ...)
 * carry the same tags as the current version of the kind.
 */
export function patchRootFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (!builtinGroups.has(group)) return undefined;
  const exact = patchKindRoots[`${apiVersion}/${kind}`];
  if (exact) return exact;
  for (const [key, root] of Object.entries(patchKindRoots)) {
    if (key.slice(key.lastIndexOf('/') + 1) === kind) return root;
  }
  return 'meta/v1.Object';
}
