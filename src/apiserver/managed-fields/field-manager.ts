// The API server's field manager (k8s.io/apimachinery/pkg/util/managedfields/internal and
// structured-merge-diff's merge.Updater): metadata.managedFields kept on every write, and
// server-side apply. An Update entry per (manager, apiVersion, subresource) owns what that
// manager's writes changed; an Apply entry per (manager, subresource) owns what its last applied
// configuration set. Applying merges the configuration into the live object by the schema,
// removes what the manager applied before and applies no longer (unless someone else owns it),
// and refuses, without force, to change fields other managers own.
import type { KubeObject } from '../../api/object.js';
import { ApiError, badRequest, statusFailure } from '../errors.js';
import type { FieldManager, FieldManagerScope } from '../server.js';
import { deepEqual, type JsonValue } from '../patch/merge.js';
import { formatTime, parseTime } from '../time.js';
import { goJsonEncode } from '../apply.js';
import { FieldSet, field, pathString, type Path } from './fieldset.js';
import { emptyObject, goRoundTrip, rootType, type TypeRef } from './schema.js';
import { SchemaError, compare, ensureNamedFieldsAreMembers, filterComparison, merge, removeItems, toFieldSet } from './typed.js';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

interface VersionedSet { set: FieldSet; apiVersion: string; applied: boolean }

/** Managers by identifier (BuildManagerIdentifier's JSON), with the times of their last change. */
class Managed {
  constructor(readonly fields = new Map<string, VersionedSet>(), readonly times = new Map<string, string | undefined>()) {}
}

/** Fields no manager owns (stripMetaManager). */
const STRIP = FieldSet.of([
  [field('apiVersion')], [field('kind')], [field('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => [field('metadata'), field(f)]),
]);

const resetFieldSets = new Map<string, FieldSet | undefined>();

/** GetResetFields of the registry strategies: what a write through this endpoint cannot set. Not to be changed. */
function resetFields(scope: FieldManagerScope): FieldSet | undefined {
  const key = `${scope.hasStatus}/${scope.subresource}/${scope.kind === 'Pod'}`;
  if (!resetFieldSets.has(key)) resetFieldSets.set(key, computeResetFields(scope));
  return resetFieldSets.get(key);
}

function computeResetFields(scope: FieldManagerScope): FieldSet | undefined {
  if (!scope.hasStatus) return undefined;
  if (scope.subresource === 'status') {
    const s = FieldSet.of([[field('spec')]]);
    if (scope.kind === 'Pod') {
      s.insert([field('metadata'), field('deletionTimestamp')]);
      s.insert([field('metadata'), field('ownerReferences')]);
    }
    return s;
  }
  return FieldSet.of([[field('status')]]);
}

/** BuildManagerIdentifier: the entry without fields and time, apiVersion dropped for appliers. */
function managerIdentifier(e: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: ManagedFieldsEntry = {};
  if (e.manager) id.manager = e.manager;
  if (e.operation) id.operation = e.operation;
  if (e.apiVersion && e.operation !== 'Apply') id.apiVersion = e.apiVersion;
  if (e.subresource) id.subresource = e.subresource;
  return JSON.stringify(id);
}

function decodeManaged(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  const m = new Managed();
  for (const e of entries ?? []) {
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new Error('apiVersion must not be empty');
    if (e.fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${JSON.stringify(e.fieldsType ?? '')}`);
    const id = managerIdentifier(e);
    m.fields.set(id, { set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}), apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    m.times.set(id, e.time);
  }
  return m;
}

/** encodeManagedFields: entries sorted by operation, time, manager, apiVersion, subresource. */
function encodeManaged(m: Managed): ManagedFieldsEntry[] | undefined {
  if (m.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, vs] of m.fields) {
    const base = JSON.parse(id) as ManagedFieldsEntry;
    const e: ManagedFieldsEntry = {
      manager: base.manager,
      operation: vs.applied ? 'Apply' : 'Update',
      apiVersion: vs.apiVersion,
    };
    const time = m.times.get(id);
    if (time) e.time = time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = vs.set.toFieldsV1();
    if (base.subresource) e.subresource = base.subresource;
    if (e.manager === undefined) delete e.manager;
    entries.push(e);
  }
  const seconds = (e: ManagedFieldsEntry) => Math.floor((parseTime(e.time) ?? 0) / 1000);
  const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort((p, q) => cmp(p.operation, q.operation) || seconds(p) - seconds(q) || cmp(p.manager, q.manager)
    || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource));
  return entries;
}

type Obj = Record<string, JsonValue>;

/**
 * The object as the field manager compares it: its Go form, without managedFields. Top-level
 * fields the write cannot own (`ignored`) are left out rather than converted.
 */
function typedView(t: TypeRef, obj: KubeObject | undefined, ignored?: FieldSet): JsonValue {
  if (!obj) return emptyObject(t);
  let input = obj as unknown as Obj;
  if (ignored) {
    input = { ...input };
    for (const m of ignored.members) delete input[m.slice(2)];
  }
  const v = goRoundTrip(t, input) as Obj;
  if (v.metadata && typeof v.metadata === 'object') {
    const meta = { ...(v.metadata as Obj) };
    delete meta.managedFields;
    v.metadata = meta;
  }
  return v;
}

/** One conflict: a field another manager owns. */
interface Conflict { manager: string; path: Path }

/** merge.Conflicts: what an apply without force runs into. */
class Conflicts extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super('conflicts');
  }
}

/** merge.Updater.update: ownership moves to the writer; removed fields leave every manager. */
function updateOwners(t: TypeRef, live: JsonValue, next: JsonValue, version: string, managers: Map<string, VersionedSet>,
  workflow: string, force: boolean, ignored: FieldSet | undefined): { managers: Map<string, VersionedSet>; added: FieldSet; modified: FieldSet; removed: FieldSet } {
  const c = filterComparison(compare(t, live, next, ignored), ignored);
  const changed = c.modified.union(c.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, vs] of managers) {
    if (id === workflow) continue;
    const clash = vs.set.intersection(changed);
    if (!clash.empty()) conflicts.set(id, clash);
  }
  if (!force && conflicts.size) throw new Conflicts([...conflicts].flatMap(([manager, s]) => s.paths().map((path) => ({ manager, path }))));
  for (const [id, vs] of managers) {
    if (id === workflow) continue;
    let set = vs.set;
    const clash = conflicts.get(id);
    if (clash) set = set.difference(clash);
    if (!c.removed.empty()) set = set.difference(c.removed);
    if (set.empty()) managers.delete(id);
    else managers.set(id, { ...vs, set });
  }
  return { managers, ...c };
}

/**
 * Records an update's ownership in `next.metadata.managedFields` (FieldManager.UpdateNoErrors).
 * `live` is the stored object (undefined on create); `next` the decoded, defaulted object about
 * to be admitted. A request that sends managedFields replaces them (an empty list resets them);
 * subresource writes cannot.
 */
export function recordUpdate(live: KubeObject | undefined, next: KubeObject, manager: string, scope: FieldManagerScope): void {
  const t = rootType(scope.apiVersion, scope.kind);
  let managed: Managed;
  try {
    const sent = next.metadata.managedFields as ManagedFieldsEntry[] | undefined;
    if (scope.subresource) managed = safeDecode(live?.metadata.managedFields);
    else if (sent && (sent.length === 0 || (sent.length === 1 && Object.keys(sent[0]).length === 0))) managed = new Managed();
    else {
      managed = safeDecode(sent);
      if (managed.fields.size === 0) managed = safeDecode(live?.metadata.managedFields);
    }
    const version = scope.apiVersion;
    const self = 'current-operation';
    const ignored = resetFields(scope);
    const liveV = typedView(t, live, ignored);
    const nextV = typedView(t, next, ignored);
    const { managers, added, modified, removed } = updateOwners(t, liveV, nextV, version, managed.fields, self, true, ignored);
    let set = modified.union(added);
    if (ignored) set = set.recursiveDifference(ignored);
    set = set.difference(STRIP);
    void removed;
    if (!set.empty()) {
      const id = managerIdentifier({ manager, operation: 'Update', apiVersion: version, subresource: scope.subresource });
      const previous = managers.get(id);
      managers.set(id, { set: previous ? set.union(previous.set) : set, apiVersion: version, applied: false });
      managed.times.set(id, formatTime(scope.now));
    }
    setManagedFields(next, encodeManaged(new Managed(managers, managed.times)));
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // UpdateNoErrors: a failure drops managedFields rather than failing the write.
    delete next.metadata.managedFields;
  }
}

function safeDecode(entries: unknown): Managed {
  try {
    return decodeManaged(entries as ManagedFieldsEntry[] | undefined);
  } catch {
    return new Managed();
  }
}

function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[] | undefined): void {
  if (entries) obj.metadata.managedFields = entries as unknown as KubeObject['metadata']['managedFields'];
  else delete obj.metadata.managedFields;
}

export interface ApplyResult {
  /** The live object with the configuration merged in and managedFields set; the live object itself when nothing changed. */
  object: KubeObject;
  changed: boolean;
}

/**
 * Server-side apply (FieldManager.Apply): merges `config` into `live` (undefined: the object is
 * created), with ownership of the configuration's fields going to `manager`. Throws the 409
 * Conflict upstream sends when other managers own fields the configuration changes, unless forced.
 */
export function applyConfiguration(live: KubeObject | undefined, config: Obj, manager: string, force: boolean, scope: FieldManagerScope): ApplyResult {
  if (config.apiVersion !== scope.apiVersion) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${String(config.apiVersion ?? '')}, expected: ${scope.apiVersion}`);
  }
  const cmeta = config.metadata as Obj | undefined;
  if (cmeta && cmeta.managedFields !== undefined && cmeta.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  const t = rootType(scope.apiVersion, scope.kind);
  const managed = live ? decodeManagedOrFail(live.metadata.managedFields) : new Managed();
  const liveV = typedView(t, live);
  let configSet: FieldSet;
  try {
    configSet = toFieldSet(t, config, true);
  } catch (err) {
    // A plain error upstream: the handler answers 500 with no reason (`Error from server: ...`).
    if (err instanceof SchemaError) throw statusFailure(500, `failed to create typed patch object (${objectRef(config, scope)}): ${err.message}`);
    throw err;
  }
  const id = managerIdentifier({ manager, operation: 'Apply', subresource: scope.subresource });
  const attempt = (forced: boolean) => applyOnce(t, live, liveV, config, configSet, new Managed(new Map(managed.fields), new Map(managed.times)), id, forced, scope);
  let result: ApplyResult;
  try {
    result = attempt(force);
  } catch (err) {
    if (!(err instanceof Conflicts)) throw err;
    // lastAppliedManager: kubectl's server-side apply may take over what its client-side apply
    // set, where the last-applied annotation still says what the object holds.
    const allowed = manager === 'kubectl' && live ? allowedFromLastApplied(t, live, liveV, scope) : undefined;
    const remaining = allowed ? err.conflicts.filter((c) => !allowed.has(c.path)) : err.conflicts;
    if (remaining.length) throw conflictError(remaining);
    result = attempt(true);
  }
  // lastAppliedUpdater: kubectl's server-side apply keeps a last-applied annotation up to date.
  const annotations = result.object.metadata.annotations;
  if (manager === 'kubectl' && annotations?.[LAST_APPLIED]) {
    const value = lastAppliedOf(config);
    if (annotations[LAST_APPLIED] !== value) {
      result.object.metadata.annotations = { ...annotations, [LAST_APPLIED]: value };
      result.changed = true;
    }
  }
  return result;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** buildLastApplied: the applied configuration without the annotation, as kubectl encodes objects. */
function lastAppliedOf(config: Obj): string {
  const copy = structuredClone(config);
  const meta = copy.metadata as Obj | undefined;
  const ann = meta?.annotations as Obj | undefined;
  if (ann) delete ann[LAST_APPLIED];
  return goJsonEncode(copy);
}

/** The fields of the last-applied annotation that the live object still holds as it says. */
function allowedFromLastApplied(t: TypeRef, live: KubeObject, liveV: JsonValue, scope: FieldManagerScope): FieldSet | undefined {
  const raw = live.metadata.annotations?.[LAST_APPLIED];
  if (!raw) return undefined;
  try {
    const last = JSON.parse(raw) as Obj;
    if (last === null || typeof last !== 'object' || last.apiVersion !== scope.apiVersion) return undefined;
    const c = compare(t, last, liveV);
    return toFieldSet(t, last, true).difference(c.modified).difference(c.added).difference(c.removed);
  } catch {
    return undefined;
  }
}

function applyOnce(t: TypeRef, live: KubeObject | undefined, liveV: JsonValue, config: Obj, configSet: FieldSet, managed: Managed,
  id: string, force: boolean, scope: FieldManagerScope): ApplyResult {
  const version = scope.apiVersion;
  const ignored = resetFields(scope);
  // A create merges into nothing: the empty object's nulls are Go zero values, not fields.
  let merged = merge(t, live ? liveV : {}, config) as JsonValue;
  const last = managed.fields.get(id);
  const set = ignored ? configSet.recursiveDifference(ignored) : configSet;
  managed.fields.set(id, { set, apiVersion: version, applied: true });
  merged = prune(t, merged, managed.fields, last);
  const { managers } = updateOwners(t, liveV, merged, version, managed.fields, id, force, ignored);
  // stripMetaManager, for the applier's entry only.
  const mine = managers.get(id);
  if (mine) {
    const stripped = mine.set.difference(STRIP);
    if (stripped.empty()) managers.delete(id);
    else managers.set(id, { ...mine, set: stripped });
  }
  const changed = !deepEqual(liveV, merged);
  if (changed) managed.times.set(id, formatTime(scope.now));
  if (live && !changed) {
    // The live object as stored, only its managedFields may differ.
    const copy = structuredClone(live);
    setManagedFields(copy, encodeManaged(new Managed(managers, managed.times)));
    return { object: copy, changed: false };
  }
  const object = structuredClone(merged as unknown as KubeObject);
  setManagedFields(object, encodeManaged(new Managed(managers, managed.times)));
  return { object, changed };
}

function decodeManagedOrFail(entries: unknown): Managed {
  try {
    return decodeManaged(entries as ManagedFieldsEntry[] | undefined);
  } catch (err) {
    throw badRequest(`failed to decode managed fields: ${(err as Error).message}`);
  }
}

function objectRef(config: Obj, scope: FieldManagerScope): string {
  const meta = (config.metadata ?? {}) as Obj;
  const gv = scope.apiVersion.includes('/') ? scope.apiVersion : `/${scope.apiVersion}`;
  return `${String(meta.namespace ?? '')}/${String(meta.name ?? '')}; ${gv}, Kind=${scope.kind}`;
}

/** Updater.prune: what the manager applied last time and no longer does goes, unless another manager owns it. */
function prune(t: TypeRef, merged: JsonValue, managers: Map<string, VersionedSet>, last: VersionedSet | undefined): JsonValue {
  if (!last || last.set.empty()) return merged;
  const ensure = (s: FieldSet) => ensureNamedFieldsAreMembers(t, s);
  const lastSet = ensure(last.set);
  let pruned = removeItems(t, merged, lastSet) ?? {};
  // addBackOwnedItems
  let owned = new FieldSet();
  for (const vs of managers.values()) owned = owned.union(vs.set);
  const mergedSet = ensure(toFieldSet(t, merged));
  let prunedSet = ensure(toFieldSet(t, pruned));
  pruned = removeItems(t, merged, mergedSet.difference(prunedSet.union(ensure(owned)))) ?? {};
  // addBackDanglingItems
  prunedSet = ensure(toFieldSet(t, pruned));
  return removeItems(t, merged, mergedSet.difference(prunedSet).intersection(lastSet)) ?? {};
}

/** internal.NewConflictError: the 409 an apply gets, with upstream's message. */
function conflictError(conflicts: readonly Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  } else {
    const by = new Map<string, Path[]>();
    for (const c of conflicts) by.set(c.manager, [...(by.get(c.manager) ?? []), c.path]);
    const lines: string[] = [];
    for (const m of [...by.keys()].sort()) {
      lines.push(`conflicts with ${printManager(m)}:`);
      for (const p of by.get(m)!) lines.push(`- ${pathString(p)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 });
}

function printManager(id: string): string {
  let e: ManagedFieldsEntry;
  try {
    e = JSON.parse(id) as ManagedFieldsEntry;
  } catch {
    return JSON.stringify(id);
  }
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') return `${s} using ${e.apiVersion ?? ''}${e.time ? ` at ${e.time}` : ''}`;
  return s;
}

/** DecodeManagedFields then encodeManagedFields: the entries as the server rewrites them. */
export function roundTripManagedFields(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] | undefined {
  return encodeManaged(decodeManaged(entries));
}

export { conflictError as newConflictError };

export const fieldManager: FieldManager = { recordUpdate, applyConfiguration };
