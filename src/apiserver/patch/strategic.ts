// Strategic merge patch: kubectl's default `kubectl patch` type and what client-side apply
// sends for built-in kinds. A port of k8s.io/apimachinery/pkg/util/strategicpatch (1.32),
// function by function and with upstream's names, over plain JSON values and the struct-tag
// table in ./merge-keys.ts:
//   - lists tagged `patchStrategy:"merge"` merge by `patchMergeKey` (containers by name, ports
//     by containerPort, ...); other lists are replaced whole;
//   - `null` deletes a key; `$patch: replace|delete|merge`; `$deleteFromPrimitiveList/<list>`;
//   - `$setElementOrder/<list>` orders merged lists; `$retainKeys` clears unlisted keys.
// Go's map iteration is random; where upstream's result would depend on it, key order here is
// insertion order.
import type { KubeObject } from '../../api/object.js';
import type { PatchType } from '../api.js';
import { ApiError, badRequest, internalError, invalid } from '../errors.js';
import { applyJsonPatch } from './json.js';
import { applyMergePatch, cloneJson, deepEqual, isJsonObject, jsonType, type JsonObject, type JsonValue } from './merge.js';
import { patchRootFor, patchStructs, type PatchStruct } from './merge-keys.js';

const directiveMarker = '$patch';
const deleteDirective = 'delete';
const replaceDirective = 'replace';
const mergeDirective = 'merge';
const retainKeysStrategy = 'retainKeys';
const deleteFromPrimitiveListDirectivePrefix = '$deleteFromPrimitiveList';
const retainKeysDirective = '$' + retainKeysStrategy;
const setElementOrderDirectivePrefix = '$setElementOrder';

// mergepatch's sentinel errors: the server answers these with 400 (or 422) and their text.
export const ErrBadJSONDoc = 'invalid JSON document';
export const ErrNoListOfLists = 'lists of lists are not supported';
export const ErrBadPatchFormatForPrimitiveList = 'invalid patch format of primitive list';
export const ErrBadPatchFormatForRetainKeys = 'invalid patch format of retainKeys';
export const ErrBadPatchFormatForSetElementOrderList = 'invalid patch format of setElementOrder list';
export const ErrPatchContentNotMatchRetainKeys = "patch content doesn't match retainKeys list";
export const ErrUnsupportedStrategicMergePatchFormat = 'strategic merge patch format is not supported';

/** A failure inside the patch algorithm, with upstream's message. */
export class StrategicPatchError extends Error {}

function fail(msg: string): never {
  throw new StrategicPatchError(msg);
}

// --- schema lookup --------------------------------------------------------------------------

interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

/** LookupPatchMeta over the struct-tag table; fields it does not list have no patch metadata. */
export class PatchSchema {
  constructor(
    readonly struct: PatchStruct | undefined,
    readonly typeName = 'struct',
    private readonly registry: Readonly<Record<string, PatchStruct>> = patchStructs,
  ) {}

  static forKind(apiVersion: string, kind: string): PatchSchema | undefined {
    const root = patchRootFor(apiVersion, kind);
    return root === undefined ? undefined : new PatchSchema(patchStructs[root], root);
  }

  lookupPatchMetadataForStruct(key: string): [PatchSchema, PatchMeta] {
    const f = this.struct?.[key];
    const sub = new PatchSchema(f?.type ? this.registry[f.type] : undefined, f?.type ?? 'struct', this.registry);
    return [sub, { strategies: f?.strategy ? f.strategy.split(',') : [], mergeKey: f?.mergeKey ?? '' }];
  }

  lookupPatchMetadataForSlice(key: string): [PatchSchema, PatchMeta] {
    return this.lookupPatchMetadataForStruct(key);
  }

  name(): string {
    return this.typeName;
  }
}

// --- Go formatting used in upstream's messages and orderings --------------------------------

/** strconv.FormatFloat(f, 'g', -1, 64), which is what fmt's %v prints for a float64. */
function formatFloatG(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  // Shortest formatting switches to an exponent from 1e+06 (fmt's %v prints 1e+06, not 1000000).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(n);
}

/** fmt's %v for a decoded JSON value (maps print with sorted keys, as Go does). */
export function goFmtV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloatG(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goFmtV).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o).sort().map((k) => `${k}:${goFmtV(o[k])}`).join(' ')}]`;
}

/** fmt's %s for a value that may not be a string (`%!s(float64=1)`). */
function goFmtS(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'number') return `%!s(float64=${formatFloatG(v)})`;
  if (typeof v === 'boolean') return `%!s(bool=${v})`;
  return goFmtV(v);
}

function goTypeName(v: unknown): string {
  switch (jsonType(v)) {
    case 'null': return '<nil>';
    case 'string': return 'string';
    case 'number': return 'float64';
    case 'bool': return 'bool';
    case 'list': return '[]interface {}';
    default: return 'map[string]interface {}';
  }
}

function errNoMergeKey(m: unknown, k: string): never {
  fail(`map: ${goFmtV(m)} does not contain declared merge key: ${k}`);
}

function errBadArgType(expected: 'map' | 'slice', actual: unknown): never {
  fail(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`);
}

function errBadPatchType(t: unknown, m: JsonObject): never {
  fail(`unknown patch type: ${goFmtS(t)} in map: ${goFmtV(m)}`);
}

/** Go's `a == b` on two interface{} values holding decoded JSON scalars. */
function ifaceEq(a: unknown, b: unknown): boolean {
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/** Go compares strings bytewise (UTF-8), which is code point order. */
function strLess(a: string, b: string): boolean {
  return a < b;
}

// --- Go's sort.SliceStable, whose exact moves matter with upstream's non-strict comparator ---

function sliceStable<T>(data: T[], less: (a: T, b: T) => boolean): void {
  const lessIdx = (i: number, j: number) => less(data[i], data[j]);
  const swap = (i: number, j: number) => {
    const t = data[i];
    data[i] = data[j];
    data[j] = t;
  };
  const insertionSort = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessIdx(j, j - 1); j--) swap(j, j - 1);
  };
  const swapRange = (a: number, b: number, n: number) => {
    for (let i = 0; i < n; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number) => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessIdx(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessIdx(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessIdx(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}

/** sort.Sort with a `<=` comparator over %v strings; ties keep their order here. */
function sortByString<T>(s: T[], key: (v: T) => string): T[] {
  const keyed = s.map((v, i) => ({ v, k: key(v), i }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.i - y.i));
  for (let i = 0; i < s.length; i++) s[i] = keyed[i].v;
  return s;
}

// --- diff (used to build patches: kubectl apply, kubectl edit) -----------------------------

export interface DiffOptions {
  SetElementOrder?: boolean;
  IgnoreChangesAndAdditions?: boolean;
  IgnoreDeletions?: boolean;
  BuildRetainKeysDirective?: boolean;
}

export interface MergeOptions {
  MergeParallelList?: boolean;
  IgnoreUnmatchedNulls?: boolean;
}

/** CreateTwoWayMergeMapPatch: the patch that turns `original` into `modified`. */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: PatchSchema): JsonObject {
  return diffMaps(cloneJson(original), cloneJson(modified), schema, { SetElementOrder: true });
}

export function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, diffOptions: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (diffOptions.BuildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!diffOptions.IgnoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (handleDirectiveMarker(key, originalValue, modifiedValue, patch)) continue;
    if (jsonType(originalValue) !== jsonType(modifiedValue)) {
      if (!diffOptions.IgnoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isJsonObject(originalValue)) {
      handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, schema, diffOptions);
    } else if (Array.isArray(originalValue)) {
      handleSliceDiff(key, originalValue, modifiedValue as JsonValue[], patch, schema, diffOptions);
    } else {
      replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, diffOptions);
    }
  }
  updatePatchIfMissing(original, modified, patch, diffOptions);
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[retainKeysDirective] = sortScalars(retainKeysList);
  }
  return patch;
}

function handleDirectiveMarker(key: string, originalValue: JsonValue, modifiedValue: JsonValue, patch: JsonObject): boolean {
  if (key !== directiveMarker) return false;
  if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
    fail(`invalid value for special key: ${directiveMarker}`);
  }
  if (modifiedValue !== originalValue) patch[directiveMarker] = modifiedValue;
  return true;
}

function handleMapDiff(key: string, originalValue: JsonObject, modifiedValue: JsonObject, patch: JsonObject,
  schema: PatchSchema, diffOptions: DiffOptions): void {
  const [subschema, meta] = schema.lookupPatchMetadataForStruct(key);
  const [retainKeys, patchStrategy] = extractRetainKeysPatchStrategy(meta.strategies);
  const opts = { ...diffOptions, BuildRetainKeysDirective: retainKeys };
  if (patchStrategy === replaceDirective) {
    if (!opts.IgnoreChangesAndAdditions) patch[key] = modifiedValue;
    return;
  }
  const patchValue = diffMaps(originalValue, modifiedValue, subschema, opts);
  if (Object.keys(patchValue).length > 0) patch[key] = patchValue;
}

function handleSliceDiff(key: string, originalValue: JsonValue[], modifiedValue: JsonValue[], patch: JsonObject,
  schema: PatchSchema, diffOptions: DiffOptions): void {
  const [subschema, meta] = schema.lookupPatchMetadataForSlice(key);
  const [retainKeys, patchStrategy] = extractRetainKeysPatchStrategy(meta.strategies);
  if (patchStrategy !== mergeDirective) {
    replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, diffOptions);
    return;
  }
  const opts = { ...diffOptions, BuildRetainKeysDirective: retainKeys };
  const [addList, deletionList, setOrderList] = diffLists(originalValue, modifiedValue, subschema, meta.mergeKey, opts);
  if (addList.length > 0) patch[key] = addList;
  if (deletionList.length > 0) patch[`${deleteFromPrimitiveListDirectivePrefix}/${key}`] = deletionList;
  if (setOrderList.length > 0) patch[`${setElementOrderDirectivePrefix}/${key}`] = setOrderList;
}

function replacePatchFieldIfNotEqual(key: string, original: JsonValue, modified: JsonValue, patch: JsonObject,
  diffOptions: DiffOptions): void {
  if (diffOptions.IgnoreChangesAndAdditions) return;
  if (deepEqual(original, modified)) return;
  patch[key] = modified;
}

function updatePatchIfMissing(original: JsonObject, modified: JsonObject, patch: JsonObject, diffOptions: DiffOptions): void {
  if (diffOptions.IgnoreDeletions) return;
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) errBadArgType('map', item);
      if (!Object.hasOwn(item, mergeKey)) errNoMergeKey(item, mergeKey);
    }
  }
}

type Kind = 'map' | 'scalar';

function normalizeElementOrder(patch: JsonValue[], serverOnly: JsonValue[], patchOrder: JsonValue[], serverOrder: JsonValue[],
  mergeKey: string, kind: Kind): JsonValue[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function mergeSortedSlice(left: JsonValue[], right: JsonValue[], serverOrder: JsonValue[], mergeKey: string, kind: Kind): JsonValue[] {
  const less = (l: JsonValue, r: JsonValue): [boolean, boolean] => {
    const li = index(serverOrder, l, mergeKey, kind);
    const ri = index(serverOrder, r, mergeKey, kind);
    return li >= 0 && ri >= 0 ? [li < ri, true] : [false, false];
  };
  const size = left.length + right.length;
  let i = 0;
  let j = 0;
  const s: JsonValue[] = new Array(size);
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) {
      s[k] = right[j++];
    } else if (j >= right.length && i < left.length) {
      s[k] = left[i++];
    } else {
      const [isLess, foundBoth] = less(left[i], right[j]);
      if (foundBoth && isLess) s[k] = left[i++];
      else s[k] = right[j++];
    }
  }
  return s;
}

function index(l: JsonValue[], valToLookUp: JsonValue, mergeKey: string, kind: Kind): number {
  const getVal = kind === 'map'
    ? (item: JsonValue) => (isJsonObject(item) ? item[mergeKey] : undefined)
    : (item: JsonValue) => item;
  const want = getVal(valToLookUp);
  for (let i = 0; i < l.length; i++) if (ifaceEq(want, getVal(l[i]))) return i;
  return -1;
}

function extractToDeleteItems(l: JsonValue[]): [JsonValue[], JsonValue[]] {
  const nonDelete: JsonValue[] = [];
  const toDelete: JsonValue[] = [];
  for (const v of l) {
    if (!isJsonObject(v)) errBadArgType('map', v);
    if (Object.hasOwn(v, directiveMarker) && v[directiveMarker] === deleteDirective) toDelete.push(v);
    else nonDelete.push(v);
  }
  return [nonDelete, toDelete];
}

function normalizeSliceOrder(toSort: JsonValue[], order: JsonValue[], mergeKey: string, kind: Kind): JsonValue[] {
  let sorted = toSort;
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [sorted, toDelete] = extractToDeleteItems(toSort);
  } else {
    sorted = [...toSort];
  }
  sliceStable(sorted, (a, b) => {
    const ii = index(order, a, mergeKey, kind);
    if (ii >= 0) {
      const ij = index(order, b, mergeKey, kind);
      if (ij >= 0) return ii < ij;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

function diffLists(original: JsonValue[], modified: JsonValue[], schema: PatchSchema, mergeKey: string,
  diffOptions: DiffOptions): [JsonValue[], JsonValue[], JsonValue[]] {
  if (original.length === 0) {
    if (modified.length === 0 || diffOptions.IgnoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  let patchList: JsonValue[];
  let deleteList: JsonValue[];
  let setOrderList: JsonValue[] = [];
  if (kind === 'map') {
    [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, diffOptions);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    deleteList = [];
    if (diffOptions.SetElementOrder
      && ((!diffOptions.IgnoreChangesAndAdditions && (patchList.length > 0 || !orderSame))
        || (!diffOptions.IgnoreDeletions && patchList.length > 0))) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, diffOptions);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    if (diffOptions.SetElementOrder && ((!diffOptions.IgnoreDeletions && deleteList.length > 0)
      || (!diffOptions.IgnoreChangesAndAdditions && !deepEqual(original, modified)))) {
      setOrderList = modified;
    }
  }
  return [patchList, deleteList, setOrderList];
}

function isOrderSame(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  return true;
}

function diffListsOfScalars(original: JsonValue[], modified: JsonValue[], diffOptions: DiffOptions): [JsonValue[], JsonValue[]] {
  const originalScalars = sortScalars([...original]);
  const modifiedScalars = sortScalars([...modified]);
  let originalIndex = 0;
  let modifiedIndex = 0;
  const addList: JsonValue[] = [];
  const deletionList: JsonValue[] = [];
  for (;;) {
    const originalInBounds = originalIndex < originalScalars.length;
    const modifiedInBounds = modifiedIndex < modifiedScalars.length;
    if (!originalInBounds && !modifiedInBounds) break;
    const originalString = originalInBounds ? goFmtV(originalScalars[originalIndex]) : '';
    const modifiedString = modifiedInBounds ? goFmtV(modifiedScalars[modifiedIndex]) : '';
    const both = originalInBounds && modifiedInBounds;
    if (both && originalString === modifiedString) {
      originalIndex++;
      modifiedIndex++;
    } else if (!originalInBounds || (both && originalString > modifiedString)) {
      if (!diffOptions.IgnoreChangesAndAdditions) addList.push(modifiedScalars[modifiedIndex]);
      modifiedIndex++;
    } else {
      if (!diffOptions.IgnoreDeletions) deletionList.push(originalScalars[originalIndex]);
      originalIndex++;
    }
  }
  return [addList, deduplicateScalars(deletionList)];
}

function diffListsOfMaps(original: JsonValue[], modified: JsonValue[], schema: PatchSchema, mergeKey: string,
  diffOptions: DiffOptions): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [];
  const deletionList: JsonValue[] = [];
  const originalSorted = sortMergeListsByNameArray(original, mergeKey);
  const modifiedSorted = sortMergeListsByNameArray(modified, mergeKey);
  let originalIndex = 0;
  let modifiedIndex = 0;
  for (;;) {
    const originalInBounds = originalIndex < originalSorted.length;
    const modifiedInBounds = modifiedIndex < modifiedSorted.length;
    const bothInBounds = originalInBounds && modifiedInBounds;
    if (!originalInBounds && !modifiedInBounds) break;
    let oStr = '';
    let mStr = '';
    let oVal: JsonValue = null;
    let mVal: JsonValue = null;
    let oElem: JsonObject = {};
    let mElem: JsonObject = {};
    if (originalInBounds) {
      [oElem, oVal] = getMapAndMergeKeyValueByIndex(originalIndex, mergeKey, originalSorted);
      oStr = goFmtV(oVal);
    }
    if (modifiedInBounds) {
      [mElem, mVal] = getMapAndMergeKeyValueByIndex(modifiedIndex, mergeKey, modifiedSorted);
      mStr = goFmtV(mVal);
    }
    if (bothInBounds && oStr === mStr) {
      const patchValue = diffMaps(oElem, mElem, schema, diffOptions);
      if (Object.keys(patchValue).length > 0) {
        patchValue[mergeKey] = mVal;
        patch.push(patchValue);
      }
      originalIndex++;
      modifiedIndex++;
    } else if (!originalInBounds || (bothInBounds && oStr > mStr)) {
      if (!diffOptions.IgnoreChangesAndAdditions) patch.push(mElem);
      modifiedIndex++;
    } else {
      if (!diffOptions.IgnoreDeletions) deletionList.push(createDeleteDirective(mergeKey, oVal));
      originalIndex++;
    }
  }
  return [patch, deletionList];
}

function getMapAndMergeKeyValueByIndex(i: number, mergeKey: string, listOfMaps: JsonValue[]): [JsonObject, JsonValue] {
  const m = listOfMaps[i];
  if (!isJsonObject(m)) errBadArgType('map', m);
  if (!Object.hasOwn(m, mergeKey)) errNoMergeKey(m, mergeKey);
  return [m, m[mergeKey]];
}

function createDeleteDirective(mergeKey: string, mergeKeyValue: JsonValue): JsonObject {
  return { [mergeKey]: mergeKeyValue, [directiveMarker]: deleteDirective };
}

/** sortMergeListsByNameArray without recursion (the only way the diff uses it). */
function sortMergeListsByNameArray(s: JsonValue[], mergeKey: string): JsonValue[] {
  if (s.length === 0) return s;
  if (sliceElementKind(s) !== 'map') return sortScalars(deduplicateScalars([...s]));
  return sortByString([...s], (m) => goFmtV((m as JsonObject)[mergeKey]));
}

function sortScalars<T extends JsonValue>(s: T[]): T[] {
  return sortByString(s, goFmtV);
}

/** Upstream's in-place deduplication, which moves the last element into each hole. */
function deduplicateScalars(s: JsonValue[]): JsonValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (ifaceEq(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** The element kind of the lists: 'map' or 'scalar'; lists of lists and mixed lists fail. */
function sliceElementKind(...slices: JsonValue[][]): Kind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = jsonType(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'list') fail(ErrNoListOfLists);
      } else if (prev !== t) {
        fail(`list element types are not identical: [${slices.map(goFmtV).join(' ')}]`);
      }
    }
  }
  if (prev === undefined) fail('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const [k, v] of Object.entries(original)) {
    if (v === null) continue;
    if (!Object.hasOwn(modified, k)) return true;
  }
  return false;
}

function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === retainKeysStrategy ? [true, ''] : [false, strategies[0]];
    case 2:
      if (strategies[0] === retainKeysStrategy) return [true, strategies[1]];
      if (strategies[1] === retainKeysStrategy) return [true, strategies[0]];
      return fail(`unexpected patch strategy: [${strategies.join(' ')}]`);
    default:
      return fail(`unexpected patch strategy: [${strategies.join(' ')}]`);
  }
}

// --- merge (applying a patch) ---------------------------------------------------------------

/**
 * StrategicMergeMapPatch: applies `patch` to `original` as the API server does. Neither argument
 * is modified. Throws StrategicPatchError with upstream's message.
 */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  return mergeMap(cloneJson(original), cloneJson(patch), schema, { MergeParallelList: true, IgnoreUnmatchedNulls: true });
}

function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchSchema, mergeOptions: MergeOptions): JsonObject {
  if (Object.hasOwn(patch, directiveMarker)) return handleDirectiveInMergeMap(patch[directiveMarker], patch);
  const orig: JsonObject = original ?? {};
  applyRetainKeysDirective(orig, patch, mergeOptions);
  mergePatchIntoOriginal(orig, patch, schema, mergeOptions);

  for (const key of Object.keys(patch)) {
    if (!Object.hasOwn(patch, key)) continue;
    const patchV = patch[key];
    const [skip, isDeleteList, noPrefixKey] = preprocessDeletionListForMerging(key, orig, patchV, !!mergeOptions.MergeParallelList);
    if (skip) continue;
    const k = noPrefixKey || key;

    if (patchV === null) {
      delete orig[k];
      if (mergeOptions.IgnoreUnmatchedNulls) continue;
    }

    if (!Object.hasOwn(orig, k)) {
      if (!isDeleteList) {
        if (mergeOptions.IgnoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) orig[k] = v;
        else delete orig[k];
      }
      continue;
    }

    const originalType = jsonType(orig[k]);
    if (originalType !== jsonType(patchV)) {
      if (!isDeleteList) {
        if (mergeOptions.IgnoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) orig[k] = v;
        else delete orig[k];
      }
      continue;
    }
    if (originalType === 'map') {
      const [subschema, meta] = schema.lookupPatchMetadataForStruct(k);
      const [, patchStrategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = mergeMapHandler(orig[k], patchV, subschema, patchStrategy, mergeOptions);
    } else if (originalType === 'list') {
      const [subschema, meta] = schema.lookupPatchMetadataForSlice(k);
      const [, patchStrategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = mergeSliceHandler(orig[k], patchV, subschema, patchStrategy, meta.mergeKey, isDeleteList, mergeOptions);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) orig[k] = v;
      else delete orig[k];
    }
  }
  return orig;
}

function handleDirectiveInMergeMap(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === replaceDirective) {
    delete patch[directiveMarker];
    return patch;
  }
  if (directive === deleteDirective) return {};
  return errBadPatchType(directive, patch);
}

function containsDirectiveMarker(item: JsonValue): boolean {
  return isJsonObject(item) && Object.hasOwn(item, directiveMarker);
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey.length === 0) return ifaceEq(left, right);
  if (!isJsonObject(left)) errBadArgType('map', left);
  if (!isJsonObject(right)) errBadArgType('map', right);
  if (!Object.hasOwn(left, mergeKey)) errNoMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) errNoMergeKey(right, mergeKey);
  return ifaceEq(left[mergeKey], right[mergeKey]);
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === deleteFromPrimitiveListDirectivePrefix) fail(ErrBadPatchFormatForPrimitiveList);
    if (prefix === setElementOrderDirectivePrefix) fail(ErrBadPatchFormatForSetElementOrderList);
    fail(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

function validatePatchWithSetOrderList(patchList: JsonValue | undefined, setOrderList: JsonValue[], mergeKey: string): void {
  // A missing patch list is a nil []interface{} upstream, which passes the type check.
  const typedPatchList = patchList === undefined ? [] : patchList;
  if (!Array.isArray(typedPatchList)) fail(ErrBadPatchFormatForSetElementOrderList);
  if (setOrderList.length === 0 || typedPatchList.length === 0) return;
  const nonDeleteList = mergeKey.length > 0 ? extractToDeleteItems(typedPatchList)[0] : typedPatchList;
  let patchIndex = 0;
  let setOrderIndex = 0;
  while (patchIndex < nonDeleteList.length && setOrderIndex < setOrderList.length) {
    if (containsDirectiveMarker(nonDeleteList[patchIndex])) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValueEqual(nonDeleteList[patchIndex], setOrderList[setOrderIndex], mergeKey)) patchIndex++;
    setOrderIndex++;
  }
  if (patchIndex < nonDeleteList.length && setOrderIndex >= setOrderList.length) {
    fail(`The order in patch list:\n${goFmtV(typedPatchList)}\n doesn't match ${setElementOrderDirectivePrefix} list:\n${goFmtV(setOrderList)}\n`);
  }
}

function preprocessDeletionListForMerging(key: string, original: JsonObject, patchVal: JsonValue,
  mergeDeletionList: boolean): [boolean, boolean, string] {
  if (key.startsWith(deleteFromPrimitiveListDirectivePrefix)) {
    if (!mergeDeletionList) {
      original[key] = patchVal;
      return [true, false, ''];
    }
    return [false, true, extractKey(key, deleteFromPrimitiveListDirectivePrefix)];
  }
  return [false, false, ''];
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const retainKeysInPatch = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!options.MergeParallelList) {
    if (Object.hasOwn(original, retainKeysDirective)) {
      const inOriginal = original[retainKeysDirective];
      if (!deepEqual(inOriginal, retainKeysInPatch)) {
        fail(`${goFmtV(inOriginal)} and ${goFmtV(retainKeysInPatch)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      original[retainKeysDirective] = retainKeysInPatch;
    }
    return;
  }
  if (!Array.isArray(retainKeysInPatch)) fail(ErrBadPatchFormatForRetainKeys);
  const m = new Set<unknown>(retainKeysInPatch);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListDirectivePrefix) || k.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!m.has(k)) fail(ErrBadPatchFormatForRetainKeys);
  }
  for (const k of Object.keys(original)) if (!m.has(k)) delete original[k];
}

function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: PatchSchema, mergeOptions: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!Object.hasOwn(patch, key)) continue;
    const setElementOrderInPatch = patch[key];
    if (!mergeOptions.MergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (!deepEqual(original[key], setElementOrderInPatch)) fail(ErrBadPatchFormatForSetElementOrderList);
      } else {
        original[key] = setElementOrderInPatch;
      }
    }
    delete patch[key];

    if (!Array.isArray(setElementOrderInPatch)) errBadArgType('slice', setElementOrderInPatch);
    const typedSetElementOrderList = setElementOrderInPatch;
    const originalKey = extractKey(key, setElementOrderDirectivePrefix);
    const foundOriginal = Object.hasOwn(original, originalKey);
    const foundPatch = Object.hasOwn(patch, originalKey);
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    let originalFieldValue: JsonValue[] = [];
    let patchFieldValue: JsonValue[] = [];
    if (foundOriginal) {
      if (!Array.isArray(originalList)) errBadArgType('slice', originalList);
      originalFieldValue = originalList;
    }
    if (foundPatch) {
      if (!Array.isArray(patchList)) errBadArgType('slice', patchList);
      patchFieldValue = patchList;
    }
    const [subschema, patchMeta] = schema.lookupPatchMetadataForSlice(originalKey);
    const [, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.strategies);
    validatePatchWithSetOrderList(foundPatch ? patchList : undefined, typedSetElementOrderList, patchMeta.mergeKey);

    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) {
      merged = originalFieldValue;
    } else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchFieldValue)[0] as JsonValue[];
    } else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList, patchList, subschema, patchStrategy, patchMeta.mergeKey, false, mergeOptions);
    } else {
      continue;
    }

    let patchItems: JsonValue[];
    let serverOnlyItems: JsonValue[];
    if (patchMeta.mergeKey.length === 0) {
      [patchItems, serverOnlyItems] = partitionPrimitivesByPresentInList(merged, typedSetElementOrderList);
    } else {
      [patchItems, serverOnlyItems] = partitionMapsByPresentInList(merged, typedSetElementOrderList, patchMeta.mergeKey);
    }
    const kind = sliceElementKind(originalFieldValue, patchFieldValue);
    const serverOrder = foundOriginal && foundPatch && kind === 'map' && patchMeta.mergeKey !== ''
      && (patchStrategy === mergeDirective)
      ? aliasedAfterMergeSlice(originalFieldValue, patchFieldValue, patchMeta.mergeKey)
      : originalFieldValue;
    original[originalKey] = normalizeElementOrder(patchItems, serverOnlyItems, typedSetElementOrderList, serverOrder,
      patchMeta.mergeKey, kind);
    delete patch[originalKey];
  }
}

/**
 * What upstream's `originalFieldValue` holds after mergeSlice ran on it. In Go, deleting
 * entries (`append(s[:k], s[k+1:]...)`) shifts the elements of the shared backing array, and
 * the merged list's appends then reuse the freed slots, so the original slice header — which
 * mergePatchIntoOriginal goes on to use as the live order — sees the patched list through its
 * old length. Element order in the result depends on it. Decoded lists have the capacity
 * append growth gives them (the next power of two for short lists).
 */
function aliasedAfterMergeSlice(original: JsonValue[], patch: JsonValue[], mergeKey: string): JsonValue[] {
  const backing = [...original];
  let cap = original.length === 0 ? 0 : 2 ** Math.ceil(Math.log2(original.length));
  while (backing.length < cap) backing.push(null);
  let n = original.length;
  const findIn = (value: JsonValue): number => {
    for (let i = 0; i < n; i++) {
      const m = backing[i];
      if (isJsonObject(m) && Object.hasOwn(m, mergeKey) && ifaceEq(m[mergeKey], value)) return i;
    }
    return -1;
  };
  let replace = false;
  const rest: JsonObject[] = [];
  for (const v of patch) {
    if (!isJsonObject(v)) return original;
    if (!Object.hasOwn(v, directiveMarker)) {
      rest.push(v);
      continue;
    }
    if (v[directiveMarker] === deleteDirective) {
      for (let k = findIn(v[mergeKey]); k >= 0; k = findIn(v[mergeKey])) {
        for (let i = k; i < n - 1; i++) backing[i] = backing[i + 1];
        n--;
      }
    } else if (v[directiveMarker] === replaceDirective) {
      replace = true;
    }
  }
  if (!replace) {
    for (const v of rest) {
      if (findIn(v[mergeKey]) >= 0) continue;
      if (n >= cap) break; // append reallocates: later writes no longer reach the original array
      backing[n++] = v;
    }
  }
  cap = original.length;
  return backing.slice(0, cap);
}

function partitionPrimitivesByPresentInList(original: JsonValue[], partitionBy: JsonValue[]): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of original) {
    if (partitionBy.some((p) => ifaceEq(p, v))) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(original: JsonValue[], partitionBy: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of original) {
    if (!isJsonObject(v)) errBadArgType('map', v);
    if (!Object.hasOwn(v, mergeKey)) errNoMergeKey(v, mergeKey);
    if (findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, v[mergeKey])) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

/** Drops `$patch` maps (and their keys); returns [value, keep]. Modifies its input. */
function removeDirectives(obj: JsonValue): [JsonValue, boolean] {
  if (obj === null) return [obj, true];
  if (isJsonObject(obj)) {
    if (Object.hasOwn(obj, directiveMarker)) return [null, false];
    for (const [k, v] of Object.entries(obj)) {
      const [nv, keep] = removeDirectives(v);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: JsonValue[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(patchV: JsonValue): void {
  if (isJsonObject(patchV)) {
    for (const [k, v] of Object.entries(patchV)) {
      if (v === null) delete patchV[k];
      else discardNullValuesFromPatch(v);
    }
  } else if (Array.isArray(patchV)) {
    for (const v of patchV) discardNullValuesFromPatch(v);
  }
}

function mergeMapHandler(original: JsonValue, patch: JsonValue, schema: PatchSchema, fieldPatchStrategy: string,
  mergeOptions: MergeOptions): JsonObject {
  if (!isJsonObject(original)) errBadArgType('map', original);
  if (!isJsonObject(patch)) errBadArgType('map', patch);
  if (fieldPatchStrategy !== replaceDirective) return mergeMap(original, patch, schema, mergeOptions);
  return patch;
}

function mergeSliceHandler(original: JsonValue, patch: JsonValue, schema: PatchSchema, fieldPatchStrategy: string,
  fieldPatchMergeKey: string, isDeleteList: boolean, mergeOptions: MergeOptions): JsonValue[] {
  if (!Array.isArray(original)) errBadArgType('slice', original);
  if (!Array.isArray(patch)) errBadArgType('slice', patch);
  if (fieldPatchStrategy === mergeDirective || isDeleteList) {
    return mergeSlice(original, patch, schema, fieldPatchMergeKey, mergeOptions, isDeleteList);
  }
  return patch;
}

function mergeSlice(original: JsonValue[], patch: JsonValue[], schema: PatchSchema, mergeKey: string,
  mergeOptions: MergeOptions, isDeleteList: boolean): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: JsonValue[];
  let orig = original;
  let pat = patch;
  if (kind !== 'map') {
    if (mergeOptions.MergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') fail(`cannot merge lists without merge key for ${schema.name()}`);
    [orig, pat] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(orig, pat, mergeKey, schema, mergeOptions);
  }
  let patchItems: JsonValue[];
  let serverOnlyItems: JsonValue[];
  if (mergeKey.length === 0) [patchItems, serverOnlyItems] = partitionPrimitivesByPresentInList(merged, pat);
  else [patchItems, serverOnlyItems] = partitionMapsByPresentInList(merged, pat, mergeKey);
  return normalizeElementOrder(patchItems, serverOnlyItems, pat, orig, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const patchWithoutSpecialElements: JsonValue[] = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    const typedV = v as JsonObject;
    if (!Object.hasOwn(typedV, directiveMarker)) {
      patchWithoutSpecialElements.push(v);
      continue;
    }
    const patchType = typedV[directiveMarker];
    if (patchType === deleteDirective) {
      if (!Object.hasOwn(typedV, mergeKey)) errNoMergeKey(typedV, mergeKey);
      orig = deleteMatchingEntries(orig, mergeKey, typedV[mergeKey]);
    } else if (patchType === replaceDirective) {
      replace = true;
    } else if (patchType === mergeDirective) {
      fail('merging lists cannot yet be specified in the patch');
    } else {
      errBadPatchType(patchType, typedV);
    }
  }
  if (replace) return [patchWithoutSpecialElements, []];
  return [orig, patchWithoutSpecialElements];
}

function deleteMatchingEntries(original: JsonValue[], mergeKey: string, mergeValue: JsonValue): JsonValue[] {
  let out = original;
  for (;;) {
    const found = findMapInSliceBasedOnKeyValue(out, mergeKey, mergeValue);
    if (!found) break;
    out = [...out.slice(0, found.index), ...out.slice(found.index + 1)];
  }
  return out;
}

function mergeSliceWithoutSpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string, schema: PatchSchema,
  mergeOptions: MergeOptions): JsonValue[] {
  const out = [...original];
  for (const v of patch) {
    const typedV = v as JsonObject;
    if (!Object.hasOwn(typedV, mergeKey)) errNoMergeKey(typedV, mergeKey);
    const found = findMapInSliceBasedOnKeyValue(out, mergeKey, typedV[mergeKey]);
    if (found) out[found.index] = mergeMap(found.map, typedV, schema, mergeOptions);
    else out.push(v);
  }
  return out;
}

function deleteFromSlice(current: JsonValue[], toDelete: JsonValue[]): JsonValue[] {
  return current.filter((v) => !toDelete.some((d) => ifaceEq(d, v)));
}

function findMapInSliceBasedOnKeyValue(m: JsonValue[], key: string, value: JsonValue): { map: JsonObject; index: number } | undefined {
  for (let k = 0; k < m.length; k++) {
    const typedV = m[k];
    if (!isJsonObject(typedV)) fail(`value for key ${k} is not a map`);
    if (Object.hasOwn(typedV, key) && ifaceEq(typedV[key], value)) return { map: typedV, index: k };
  }
  return undefined;
}

// --- three-way patch (kubectl apply) --------------------------------------------------------

/**
 * CreateThreeWayMergePatch with overwrite (kubectl apply's default): the changes from
 * `current` to `modified` without deletions, plus the deletions from `original` (the
 * last-applied configuration) to `modified`. Fields nobody declared in `original` — set by
 * controllers or by `kubectl label` — are left alone.
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject,
  schema: PatchSchema): JsonObject {
  const deltaMap = diffMaps(cloneJson(current), cloneJson(modified), schema, { IgnoreDeletions: true, SetElementOrder: true });
  const deletionsMap = diffMaps(cloneJson(original), cloneJson(modified), schema,
    { SetElementOrder: true, IgnoreChangesAndAdditions: true });
  return mergeMap(deletionsMap, deltaMap, schema, {});
}

// --- the API server's patch handler ---------------------------------------------------------

/**
 * Applies a strategic merge patch request body as the API server does (smpPatcher): the body
 * must be a JSON object; upstream's sentinel errors become 400 BadRequest (or 422 Invalid),
 * anything else a 500. Custom resources have no patch metadata and get 415.
 */
export function applyStrategicMergePatch(current: JsonObject, patch: unknown, apiVersion: string, kind: string): JsonObject {
  const schema = PatchSchema.forKind(apiVersion, kind);
  if (!schema) {
    throw new ApiError({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
      message: 'the body of the request was in an unknown format - accepted media types include: '
        + 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    });
  }
  // A JSON null body decodes to a nil map upstream: nothing to merge.
  if (patch === null) return cloneJson(current);
  if (!isJsonObject(patch)) throw badRequest(`json: cannot unmarshal ${jsonType(patch) === 'list' ? 'array' : goDecodeKind(patch)} into Go value of type map[string]interface {}`);
  try {
    return strategicMergePatch(current, patch, schema);
  } catch (e) {
    if (!(e instanceof StrategicPatchError)) throw e;
    switch (e.message) {
      case ErrBadJSONDoc:
      case ErrBadPatchFormatForPrimitiveList:
      case ErrBadPatchFormatForRetainKeys:
      case ErrBadPatchFormatForSetElementOrderList:
      case ErrUnsupportedStrategicMergePatchFormat:
        throw badRequest(e.message);
      case ErrNoListOfLists:
      case ErrPatchContentNotMatchRetainKeys:
        throw new ApiError({
          kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422,
          message: 'the server rejected our request due to an error in our request', details: {},
        });
      default:
        throw internalError(e.message);
    }
  }
}

function goDecodeKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * The API server's PATCH for all three types (the `Patcher` the request path plugs in): the
 * patched object, not yet decoded, defaulted or validated. A patch that leaves something other
 * than an object fails as the server's decoder does.
 */
export function patchObject(type: PatchType, current: KubeObject, patch: unknown): KubeObject {
  const doc = current as unknown as JsonObject;
  let out: JsonValue;
  if (type === 'json') out = applyJsonPatch(doc, patch);
  else if (type === 'merge') out = applyMergePatch(doc, patch);
  else out = applyStrategicMergePatch(doc, patch, current.apiVersion, current.kind);
  if (!isJsonObject(out)) {
    const what = Array.isArray(out) ? 'array' : goDecodeKind(out);
    throw invalid('', '', [{
      reason: 'FieldValueInvalid',
      field: 'patch',
      message: `Invalid value: ${JSON.stringify(JSON.stringify(out))}: couldn't get version/kind; json parse error: `
        + `json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; `
        + `Kind string "json:\\"kind,omitempty\\"" }`,
    }]);
  }
  return out as unknown as KubeObject;
}
