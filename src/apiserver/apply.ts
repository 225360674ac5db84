// kubectl's client-side apply (kubectl/pkg/cmd/apply/patcher.go, kubectl/pkg/util/apply.go):
// the `kubectl.kubernetes.io/last-applied-configuration` annotation and the three-way patch
// from (last applied, new manifest, live object). The patch keeps what others set on the live
// object (status, a label added with `kubectl label`, defaults) and removes only what the
// previous apply declared and the new manifest no longer does. Built-in kinds get a strategic
// merge patch; kinds without struct tags (custom resources) a JSON merge patch.
import type { KubeObject } from '../api/object.js';
import { applyMergePatch, createMergePatch, deepEqual, isJsonObject, type JsonObject, type JsonValue } from './patch/merge.js';
import { PatchSchema, createThreeWayMergePatch } from './patch/strategic.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What Go's json.Encoder writes for a decoded JSON value, as kubectl encodes objects: object
 * keys sorted, compact, `<`, `>`, `&`, U+2028 and U+2029 escaped, and a trailing newline.
 */
export function goJsonEncode(v: unknown): string {
  return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : sortKeys(e)));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
  return out;
}

/** A plain-JSON copy: drops undefined members as encoding would. */
function toJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * The annotation's value for a manifest (GetModifiedConfiguration without annotating): the
 * manifest as given, without any last-applied annotation of its own, encoded. kubectl first
 * sets the annotations map, so a manifest without annotations records `"annotations":{}`.
 */
export function lastAppliedConfiguration(manifest: KubeObject): string {
  const obj = toJson(manifest);
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  obj.metadata = { ...obj.metadata, annotations };
  return goJsonEncode(obj);
}

/**
 * The manifest with the annotation set, as `kubectl apply` (and `kubectl create
 * --save-config`) sends it. `kubectl create` without --save-config sends the manifest as is.
 */
export function withLastApplied<T extends KubeObject>(manifest: T): T {
  const value = lastAppliedConfiguration(manifest);
  const obj = toJson(manifest);
  obj.metadata = { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: value } };
  return obj;
}

export interface ApplyPatch {
  /** The patch body; `{}` when there is nothing to change. */
  patch: JsonObject;
  /** false exactly when kubectl prints `unchanged` (the patch is `{}`, so nothing is sent). */
  changed: boolean;
  /** strategic for built-in kinds; merge for kinds without patch metadata (custom resources). */
  patchType: 'strategic' | 'merge';
}

/** kubectl's errors for an apply whose patch cannot be computed. */
export class ApplyPatchError extends Error {}

/**
 * The patch `kubectl apply` sends for an object that exists (Patcher.patchSimple, with
 * --overwrite, kubectl's default). `lastApplied` is the live object's annotation (string or
 * decoded; absent when the object was made with `kubectl create`); `modified` is the new
 * manifest, with or without its annotation (it is added as kubectl does); `current` is the
 * live object. `annotate` false is `kubectl diff`'s patch (GetModifiedConfiguration without
 * annotating): the manifest without the annotation, so the live one is left as it is.
 */
export function computeApplyPatch(lastApplied: string | JsonObject | undefined, modified: KubeObject, current: KubeObject,
  kind: string = modified.kind, annotate = true): ApplyPatch {
  const original = decodeOriginal(lastApplied);
  const mod = (!annotate ? JSON.parse(lastAppliedConfiguration(modified))
    : modified.metadata.annotations?.[LAST_APPLIED] !== undefined ? toJson(modified) : withLastApplied(modified)) as JsonObject;
  const cur = toJson(current) as unknown as JsonObject;
  const schema = PatchSchema.forKind(modified.apiVersion, kind);
  if (schema) {
    const patch = createThreeWayMergePatch(original, mod, cur, schema);
    return { patch, changed: Object.keys(patch).length > 0, patchType: 'strategic' };
  }
  const patch = createThreeWayJsonMergePatch(original, mod, cur);
  return { patch, changed: Object.keys(patch).length > 0, patchType: 'merge' };
}

function decodeOriginal(lastApplied: string | JsonObject | undefined): JsonObject {
  if (lastApplied === undefined || lastApplied === '') return {};
  if (typeof lastApplied !== 'string') return toJson(lastApplied);
  let v: unknown;
  try {
    v = JSON.parse(lastApplied);
  } catch {
    throw new ApplyPatchError('invalid JSON document');
  }
  // json.Unmarshal of `null` into a map leaves it empty.
  if (v === null) return {};
  if (!isJsonObject(v)) throw new ApplyPatchError('invalid JSON document');
  return v;
}

// --- jsonmergepatch.CreateThreeWayJSONMergePatch (custom resources) -------------------------

/**
 * The three-way JSON merge patch kubectl apply uses when the kind has no patch metadata:
 * additions and changes from current to modified, deletions from original to modified.
 * Lists are replaced whole. Changing apiVersion, kind or metadata.name is refused.
 */
export function createThreeWayJsonMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDeleteNullInObj(createMergePatch(current, modified), false);
  const deletions = keepOrDeleteNullInObj(createMergePatch(original, modified), true);
  if (hasConflicts(addAndChange, deletions)) {
    throw new ApplyPatchError(`patch:\n${JSON.stringify(addAndChange)}\nconflicts with changes made from original to current:\n${JSON.stringify(deletions)}\n`);
  }
  const patch = applyMergePatch(deletions, addAndChange) as JsonObject;
  const meta = patch.metadata;
  if (Object.hasOwn(patch, 'apiVersion') || Object.hasOwn(patch, 'kind') || (isJsonObject(meta) && Object.hasOwn(meta, 'name'))) {
    throw new ApplyPatchError('At least one of apiVersion, kind and name was changed');
  }
  return patch;
}

function keepOrDeleteNullInObj(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, val] of Object.entries(m)) {
    if (val === null) {
      if (keepNull) out[key] = null;
      continue;
    }
    if (isJsonObject(val)) {
      // An explicitly empty map is a value, not an empty patch.
      if (Object.keys(val).length === 0) {
        if (!keepNull) out[key] = val;
        continue;
      }
      const sub = keepOrDeleteNullInObj(val, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
      continue;
    }
    if (!keepNull) out[key] = val;
  }
  return out;
}

/** mergepatch.HasConflicts: the two patches set an overlapping key differently. */
function hasConflicts(left: JsonValue, right: JsonValue): boolean {
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    for (const [k, lv] of Object.entries(left)) {
      if (Object.hasOwn(right, k) && hasConflicts(lv, right[k])) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((v, i) => hasConflicts(v, right[i]));
  }
  return !deepEqual(left, right);
}
