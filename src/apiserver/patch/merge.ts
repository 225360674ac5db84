// RFC 7386 JSON merge patch (`kubectl patch --type=merge`) with the behaviour of the library the
// 1.32 API server uses for it (gopkg.in/evanphx/json-patch.v4 MergePatch / CreateMergePatch),
// including its departures from the RFC: a patch value that is not an object replaces the target
// with its nulls left in place, and a top-level array patch replaces the whole document.
// Also home of the plain JSON value type the other patch modules share.
import { badRequest } from '../errors.js';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

import { deepEqual } from '../../api/deep-equal.js';

export { deepEqual };

export function cloneJson<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

// --- MergePatch -----------------------------------------------------------------------------

/** The error the API server turns into `400 BadRequest: Invalid JSON Patch`. */
export const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

/**
 * Applies a merge patch to a document, as the API server does for
 * `application/merge-patch+json`. Neither argument is modified. A patch that is `null` or a
 * scalar is rejected with the server's BadRequest; an array patch becomes the whole document.
 */
export function applyMergePatch(doc: JsonValue, patch: unknown): JsonValue {
  if (patch === undefined || patch === null || (typeof patch !== 'object')) throw badRequest(ERR_BAD_JSON_PATCH);
  if (Array.isArray(patch)) return pruneArrayNulls(cloneJson(patch as JsonValue[]));
  const p = cloneJson(patch as JsonObject);
  if (!isJsonObject(doc)) return pruneDocNulls(p);
  const out = cloneJson(doc);
  mergeDocs(out, p);
  return out;
}

function merge(cur: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(cur)) {
    pruneNulls(patch);
    return patch;
  }
  // A non-object patch value replaces the target as it is: the library prunes nulls only on
  // the paths above, so `{"a":[null]}` over an object keeps its null.
  if (!isJsonObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) {
      pruneNulls(v);
      doc[k] = v;
    } else {
      doc[k] = merge(cur, v);
    }
  }
}

function pruneNulls(n: JsonValue): void {
  if (isJsonObject(n)) pruneDocNulls(n);
  else if (Array.isArray(n)) pruneArrayNulls(n);
}

function pruneDocNulls(doc: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(doc)) {
    if (v === null) delete doc[k];
    else pruneNulls(v);
  }
  return doc;
}

/** Null elements stay: only nulls inside objects in the array are pruned. */
function pruneArrayNulls(ary: JsonValue[]): JsonValue[] {
  for (const v of ary) if (v !== null) pruneNulls(v);
  return ary;
}

// --- CreateMergePatch -----------------------------------------------------------------------

/**
 * The merge patch that turns `original` into `modified` (evanphx CreateMergePatch for two
 * objects): changed and added keys with their new value, deleted keys as null, lists whole.
 */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  return getDiff(original, modified);
}

function getDiff(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const [key, bv] of Object.entries(b)) {
    if (!Object.hasOwn(a, key)) {
      into[key] = bv;
      continue;
    }
    const av = a[key];
    if (jsonType(av) !== jsonType(bv)) {
      into[key] = bv;
      continue;
    }
    if (isJsonObject(av)) {
      const dst = getDiff(av, bv as JsonObject);
      if (Object.keys(dst).length > 0) into[key] = dst;
    } else if (!deepEqual(av, bv)) {
      into[key] = bv;
    }
  }
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) into[key] = null;
  return into;
}

/** The dynamic type Go sees after json.Unmarshal into interface{}. */
export function jsonType(v: unknown): 'null' | 'string' | 'number' | 'bool' | 'list' | 'map' {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'list' : 'map';
}
