// RFC 6902 JSON patch (`kubectl patch --type=json`) as the 1.32 API server applies it: with
// gopkg.in/evanphx/json-patch.v4, quirks included (negative array indices count from the end,
// `replace` on a missing object key adds it, a path that does not start with `/` has its first
// segment ignored, `test` of a missing key against null passes).
//
// The server does not pass the library's error text on: any failed operation becomes
// `422 Invalid` with the generic "the server rejected our request due to an error in our
// request", which kubectl prints as `The request is invalid: the server rejected our request due
// to an error in our request`. JsonPatchError keeps the library's text for mk's own diagnostics.
import { ApiError, badRequest } from '../errors.js';
import { cloneJson, deepEqual, isJsonObject, type JsonObject, type JsonValue } from './merge.js';

export class JsonPatchError extends Error {}

/** The generic message NewGenericServerResponse uses for a 422. */
export const JSON_PATCH_REJECTED = 'the server rejected our request due to an error in our request';

/** The server's JSONPatchMaxCopyBytes: `copy` operations may add at most this many bytes. */
export const ACCUMULATED_COPY_SIZE_LIMIT = 3 * 1024 * 1024;

/** The server caps a JSON patch at this many operations (413 beyond it). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * Applies a JSON patch request body to an object as the API server does: a body that is not a
 * list of operations is a 400 BadRequest with the decoder's text; a failing operation is the
 * generic 422 Invalid. Returns the patched document (not yet decoded or validated).
 */
export function applyJsonPatch(doc: JsonObject, patch: unknown): JsonValue {
  if (!Array.isArray(patch)) {
    throw badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of patch) {
    if (op !== null && !isJsonObject(op)) {
      throw badRequest(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    // 413 RequestEntityTooLarge has no StatusReason of its own in mk's errors yet.
    throw badRequest(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`);
  }
  try {
    return applyJsonPatchOps(doc, patch as (JsonObject | null)[]);
  } catch (e) {
    if (e instanceof JsonPatchError) {
      throw new ApiError({
        kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422,
        message: JSON_PATCH_REJECTED, details: {},
      });
    }
    throw e;
  }
}

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

// --- the library ----------------------------------------------------------------------------

type Container = JsonObject | JsonValue[];
/** Mutable holder for the document so `replace` of "" can swap it. */
interface Doc {
  root: Container;
  /** Bytes added by `copy` so far, as the library counts them (the copied value's JSON). */
  copied: number;
  copySizeLimit: number;
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

function wrap(msg: string, cause: string): JsonPatchError {
  return new JsonPatchError(`${msg}: ${cause}`);
}

/** Applies the operations to a copy of `doc`; throws JsonPatchError with the library's text. */
export function applyJsonPatchOps(doc: JsonValue, ops: readonly (JsonObject | null)[],
  copySizeLimit = ACCUMULATED_COPY_SIZE_LIMIT): JsonValue {
  if (!isJsonObject(doc) && !Array.isArray(doc)) throw new JsonPatchError('json: cannot unmarshal into document');
  const d: Doc = { root: cloneJson(doc), copied: 0, copySizeLimit };
  for (const op of ops) {
    const o = op ?? {};
    switch (kindOf(o)) {
      case 'add': opAdd(d, o); break;
      case 'remove': opRemove(d, o); break;
      case 'replace': opReplace(d, o); break;
      case 'move': opMove(d, o); break;
      case 'test': opTest(d, o); break;
      case 'copy': opCopy(d, o); break;
      default: throw new JsonPatchError(`Unexpected kind: ${kindOf(o)}`);
    }
  }
  return d.root;
}

function kindOf(op: JsonObject): string {
  const v = op.op;
  return typeof v === 'string' ? v : 'unknown';
}

/** Path or From: [value, error text]. A non-string is a decode error. */
function stringField(op: JsonObject, field: 'path' | 'from'): { value?: string; err?: string } {
  const v = op[field];
  if (v === undefined || v === null) {
    return { err: field === 'path' ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}` };
  }
  if (typeof v !== 'string') return { err: `json: cannot unmarshal ${goJsonKind(v)} into Go value of type string` };
  return { value: v };
}

/** The op's value: undefined when the key is absent, null when it is JSON null. */
function valueOf(op: JsonObject): JsonValue | undefined {
  return Object.hasOwn(op, 'value') ? cloneJson(op.value) : undefined;
}

function decodePatchKey(k: string): string {
  return k.replaceAll('~1', '/').replaceAll('~0', '~');
}

function isContainer(v: JsonValue | undefined): v is Container {
  return Array.isArray(v) || isJsonObject(v);
}

/** The container holding the last path segment, and that segment; undefined when unreachable. */
function findObject(d: Doc, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc: Container = d.root;
  for (const part of split.slice(1, -1)) {
    let next: JsonValue | undefined;
    try {
      next = get(doc, decodePatchKey(part));
    } catch {
      return undefined;
    }
    if (!isContainer(next)) return undefined;
    doc = next;
  }
  return { con: doc, key: decodePatchKey(split[split.length - 1]) };
}

/** strconv.Atoi: optional sign, decimal digits. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new JsonPatchError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function get(con: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
    idx += con.length;
  }
  if (idx >= con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
  return con[idx];
}

function set(con: Container, key: string, val: JsonValue): void {
  if (!Array.isArray(con)) {
    con[key] = val;
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
    idx += con.length;
  }
  // The library writes past the end without a bounds check and panics; treat it as invalid.
  if (idx >= con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
  con[idx] = val;
}

function add(con: Container, key: string, val: JsonValue): void {
  if (!Array.isArray(con)) {
    con[key] = val;
    return;
  }
  if (key === '-') {
    con.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw wrap(`value was not a proper array index: '${key}'`, (e as Error).message);
  }
  const size = con.length + 1;
  if (idx >= size) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
  if (idx < 0) {
    if (idx < -size) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
    idx += size;
  }
  con.splice(idx, 0, val);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.hasOwn(con, key)) throw wrap(`Unable to remove nonexistent key: ${key}`, MISSING);
    delete con[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
  if (idx < 0) {
    if (idx < -con.length) throw wrap(`Unable to access invalid index: ${idx}`, INVALID_INDEX);
    idx += con.length;
  }
  con.splice(idx, 1);
}

function withCause<T>(fn: () => T, msg: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JsonPatchError) throw wrap(msg, e.message);
    throw e;
  }
}

/** A value absent from the op is added as JSON null, as the library marshals a nil node. */
function valueOrNull(op: JsonObject): JsonValue {
  return valueOf(op) ?? null;
}

function opAdd(d: Doc, op: JsonObject): void {
  const { value: path, err } = stringField(op, 'path');
  if (err !== undefined || path === undefined) throw wrap('add operation failed to decode path', MISSING);
  const found = findObject(d, path);
  if (!found) throw wrap(`add operation does not apply: doc is missing path: "${path}"`, MISSING);
  withCause(() => add(found.con, found.key, valueOrNull(op)), `error in add for path: '${path}'`);
}

function opRemove(d: Doc, op: JsonObject): void {
  const { value: path, err } = stringField(op, 'path');
  if (err !== undefined || path === undefined) throw wrap('remove operation failed to decode path', MISSING);
  const found = findObject(d, path);
  if (!found) throw wrap(`remove operation does not apply: doc is missing path: "${path}"`, MISSING);
  withCause(() => remove(found.con, found.key), `error in remove for path: '${path}'`);
}

function opReplace(d: Doc, op: JsonObject): void {
  const { value: path, err } = stringField(op, 'path');
  if (err !== undefined || path === undefined) throw wrap('replace operation failed to decode path', err ?? MISSING);
  if (path === '') {
    // The library wraps a nil error here, so a scalar value is silently ignored.
    const val = valueOf(op);
    if (isContainer(val)) d.root = val;
    return;
  }
  const found = findObject(d, path);
  if (!found) throw wrap(`replace operation does not apply: doc is missing path: ${path}`, MISSING);
  try {
    get(found.con, found.key);
  } catch {
    throw wrap(`replace operation does not apply: doc is missing key: ${path}`, MISSING);
  }
  withCause(() => set(found.con, found.key, valueOrNull(op)), `error in remove for path: '${path}'`);
}

function opMove(d: Doc, op: JsonObject): void {
  const { value: from, err } = stringField(op, 'from');
  if (err !== undefined || from === undefined) throw wrap('move operation failed to decode from', err ?? MISSING);
  const src = findObject(d, from);
  if (!src) throw wrap(`move operation does not apply: doc is missing from path: ${from}`, MISSING);
  const val = withCause(() => get(src.con, src.key), `error in move for path: '${src.key}'`);
  withCause(() => remove(src.con, src.key), `error in move for path: '${src.key}'`);
  const { value: path, err: perr } = stringField(op, 'path');
  if (perr !== undefined || path === undefined) throw wrap('move operation failed to decode path', perr ?? MISSING);
  const dst = findObject(d, path);
  if (!dst) throw wrap(`move operation does not apply: doc is missing destination path: ${path}`, MISSING);
  withCause(() => add(dst.con, dst.key, val ?? null), `error in move for path: '${path}'`);
}

function opTest(d: Doc, op: JsonObject): void {
  const { value: path, err } = stringField(op, 'path');
  if (err !== undefined || path === undefined) throw wrap('test operation failed to decode path', err ?? MISSING);
  const want = valueOf(op);
  if (path === '') {
    if (want !== undefined && deepEqual(d.root, want)) return;
    throw wrap(`testing value ${path} failed`, TEST_FAILED);
  }
  const found = findObject(d, path);
  if (!found) throw wrap(`test operation does not apply: is missing path: ${path}`, MISSING);
  const val = withCause(() => get(found.con, found.key), `error in test for path: '${path}'`);
  if (val === undefined || val === null) {
    if (want === null) return;
    throw wrap(`testing value ${path} failed`, TEST_FAILED);
  }
  if (want === undefined) throw wrap(`testing value ${path} failed`, TEST_FAILED);
  if (deepEqual(val, want)) return;
  throw wrap(`testing value ${path} failed`, TEST_FAILED);
}

function opCopy(d: Doc, op: JsonObject): void {
  const { value: from, err } = stringField(op, 'from');
  if (err !== undefined || from === undefined) throw wrap('copy operation failed to decode from', err ?? MISSING);
  const src = findObject(d, from);
  if (!src) throw wrap(`copy operation does not apply: doc is missing from path: ${from}`, MISSING);
  const val = withCause(() => get(src.con, src.key), `error in copy for from: '${from}'`);
  const { value: path, err: perr } = stringField(op, 'path');
  if (perr !== undefined || path === undefined) throw wrap('copy operation failed to decode path', MISSING);
  const dst = findObject(d, path);
  if (!dst) throw wrap(`copy operation does not apply: doc is missing destination path: ${path}`, MISSING);
  const copy = val === undefined ? null : cloneJson(val);
  d.copied += val === undefined ? 0 : Buffer.byteLength(JSON.stringify(copy));
  if (d.copySizeLimit > 0 && d.copied > d.copySizeLimit) {
    throw new JsonPatchError(`Unable to complete the copy, the accumulated size increase of copy is ${d.copied}, exceeding the limit ${d.copySizeLimit}`);
  }
  withCause(() => add(dst.con, dst.key, copy), 'error while adding value during copy');
}
