// structured-merge-diff's walks over a value and its schema (sigs.k8s.io/structured-merge-diff/v4
// typed/): the field set a value sets (ToFieldSet), what changed between two values (Compare),
// merging an applied configuration into a live object (Merge), and removing owned fields
// (RemoveItems). `undefined` is an absent value; `null` is present.
import { deepEqual, type JsonValue } from '../patch/merge.js';
import { FieldSet, field, keyElement, valueElement, type Path, type PathElement } from './fieldset.js';
import { childType, resolve, type Atom, type TypeRef } from './schema.js';

type Obj = Record<string, JsonValue>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const asObj = (v: JsonValue | undefined): Obj | undefined => (isObj(v) ? v : undefined);
const asList = (v: JsonValue | undefined): JsonValue[] | undefined => (Array.isArray(v) ? v : undefined);

/** A schema violation: upstream's `.spec.foo: field not declared in schema`. */
export class SchemaError extends Error {}

/** listItemToPathElement: an associative list item by its keys (or key defaults), a set item by value. */
export function listItemElement(atom: Extract<Atom, { kind: 'list' }>, item: JsonValue): PathElement {
  if (atom.keys.length === 0) {
    if (item === null) throw new SchemaError('associative list without keys has an element that\'s an explicit null');
    if (typeof item === 'object') throw new SchemaError('associative list without keys has an element that\'s a map type');
    return valueElement(item);
  }
  if (!isObj(item)) throw new SchemaError('associative list with keys may not have non-map elements');
  const keys: Obj = {};
  for (const k of atom.keys) {
    if (item[k] !== undefined) keys[k] = item[k];
    else if (atom.keyDefaults[k] !== undefined) keys[k] = atom.keyDefaults[k];
  }
  if (Object.keys(keys).length === 0) {
    throw new SchemaError(`associative list with keys has an element that omits all key fields ${JSON.stringify(atom.keys).replace(/,/g, ' ')} (and doesn't have default values for any key fields)`);
  }
  return keyElement(keys);
}

// --- ToFieldSet -------------------------------------------------------------------------------

export function toFieldSet(t: TypeRef, v: JsonValue, strict = false): FieldSet {
  const set = new FieldSet();
  walkSet(t, v, [], set, strict);
  return set;
}

function walkSet(t: TypeRef, v: JsonValue, path: PathElement[], set: FieldSet, strict: boolean): void {
  const atom = resolve(t, v);
  switch (atom.kind) {
    case 'leaf':
      set.insert(path);
      return;
    case 'list': {
      if (atom.rel === 'atomic') {
        set.insert(path);
        return;
      }
      const list = asList(v);
      if (!list) return;
      const seen = new Set<string>();
      for (const item of list) {
        const pe = listItemElement(atom, item);
        if (strict && seen.has(pe)) throw new SchemaError(`${pathText([...path])}: duplicate entries for key ${pe.slice(2)}`);
        seen.add(pe);
        path.push(pe);
        walkSet(atom.elem, item, path, set, strict);
        set.insert(path);
        path.pop();
      }
      return;
    }
    default: {
      if (atom.atomic) {
        set.insert(path);
        return;
      }
      const obj = asObj(v);
      if (!obj) return;
      for (const [k, val] of Object.entries(obj)) {
        const ct = childType(atom, k);
        if (!ct) {
          if (strict) throw new SchemaError(`${pathText([...path, field(k)])}: field not declared in schema`);
          continue;
        }
        path.push(field(k));
        walkSet(ct, val, path, set, strict);
        if (val === null || (isObj(val) && Object.keys(val).length === 0) || atom.kind === 'map') set.insert(path);
        path.pop();
      }
    }
  }
}

function pathText(path: Path): string {
  return path.map((pe) => (pe.startsWith('f:') ? `.${pe.slice(2)}` : `[${pe.slice(2)}]`)).join('');
}

// --- Compare ----------------------------------------------------------------------------------

export interface Comparison { added: FieldSet; modified: FieldSet; removed: FieldSet }

/** Compare; paths under `ignored` are not walked (they would be filtered out anyway). */
export function compare(t: TypeRef, lhs: JsonValue, rhs: JsonValue, ignored?: FieldSet): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkCompare(t, lhs, rhs, [], c, ignored);
  return c;
}

function walkCompare(t: TypeRef, l: JsonValue | undefined, r: JsonValue | undefined, path: PathElement[], c: Comparison,
  ignored: FieldSet | undefined): void {
  const atom = resolve(t, r !== undefined ? r : l);
  let leaf = false;
  const doLeaf = () => {
    leaf = true;
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
  };
  switch (atom.kind) {
    case 'leaf':
      doLeaf();
      break;
    case 'list': {
      const ll = asList(l);
      const rl = asList(r);
      if (atom.rel === 'atomic' || (!ll?.length && !rl?.length)) {
        doLeaf();
        break;
      }
      const items = new Map<PathElement, [JsonValue | undefined, JsonValue | undefined]>();
      for (const item of ll ?? []) {
        const pe = listItemElement(atom, item);
        if (!items.has(pe)) items.set(pe, [item, undefined]);
      }
      for (const item of rl ?? []) {
        const pe = listItemElement(atom, item);
        const cur = items.get(pe);
        if (!cur) items.set(pe, [undefined, item]);
        else if (cur[1] === undefined) cur[1] = item;
      }
      for (const [pe, [li, ri]] of items) {
        if (ignored?.members.has(pe)) continue;
        path.push(pe);
        walkCompare(atom.elem, li, ri, path, c, ignored?.children.get(pe));
        path.pop();
      }
      break;
    }
    default: {
      const lo = asObj(l);
      const ro = asObj(r);
      if (atom.atomic || ((!lo || !Object.keys(lo).length) && (!ro || !Object.keys(ro).length))) {
        doLeaf();
        break;
      }
      const keys = new Set([...Object.keys(lo ?? {}), ...Object.keys(ro ?? {})]);
      for (const k of keys) {
        const ct = childType(atom, k);
        if (!ct) continue;
        const pe = field(k);
        if (ignored?.members.has(pe)) continue;
        path.push(pe);
        walkCompare(ct, lo?.[k], ro?.[k], path, c, ignored?.children.get(pe));
        path.pop();
      }
    }
  }
  if (!leaf) {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
  }
}

/** Comparison.FilterFields: ignored paths (and what is under them) are neither changed nor owned. */
export function filterComparison(c: Comparison, ignored: FieldSet | undefined): Comparison {
  if (!ignored) return c;
  return { added: c.added.recursiveDifference(ignored), modified: c.modified.recursiveDifference(ignored), removed: c.removed.recursiveDifference(ignored) };
}

// --- Merge ------------------------------------------------------------------------------------

/** TypedValue.Merge: the applied configuration over the live object. */
export function merge(t: TypeRef, lhs: JsonValue | undefined, rhs: JsonValue | undefined): JsonValue | undefined {
  const atom = resolve(t, rhs !== undefined ? rhs : lhs);
  const leaf = () => (rhs !== undefined ? rhs : lhs);
  switch (atom.kind) {
    case 'leaf': return leaf();
    case 'list': {
      const ll = asList(lhs);
      const rl = asList(rhs);
      if (atom.rel === 'atomic' || (!ll?.length && !rl?.length)) return leaf();
      if (!ll && !rl) return leaf();
      return mergeListItems(atom, ll ?? [], rl ?? []);
    }
    default: {
      const lo = asObj(lhs);
      const ro = asObj(rhs);
      if (atom.atomic || ((!lo || !Object.keys(lo).length) && (!ro || !Object.keys(ro).length))) return leaf();
      if (!lo && !ro) return leaf();
      const out: Obj = {};
      for (const k of new Set([...Object.keys(lo ?? {}), ...Object.keys(ro ?? {})])) {
        const ct = childType(atom, k) ?? 'deduced';
        const m = merge(ct, lo?.[k], ro?.[k]);
        if (m !== undefined) out[k] = m;
      }
      return out;
    }
  }
}

/**
 * mergingWalker.visitListItems: items in the applied order, live-only items kept where they
 * were relative to the shared ones.
 */
function mergeListItems(atom: Extract<Atom, { kind: 'list' }>, lhs: JsonValue[], rhs: JsonValue[]): JsonValue[] {
  const index = (list: JsonValue[]) => {
    const pes: PathElement[] = [];
    const observed = new Map<PathElement, JsonValue>();
    for (const item of list) {
      const pe = listItemElement(atom, item);
      if (!observed.has(pe)) {
        observed.set(pe, item);
        pes.push(pe);
      }
    }
    return { pes, observed };
  };
  const { pes: rPEs, observed: oR } = index(rhs);
  const { pes: lPEs, observed: oL } = index(lhs);
  const shared = rPEs.filter((pe) => oL.has(pe));
  let nextShared = shared.shift();
  const mergedR = new Set<PathElement>();
  const out: JsonValue[] = [];
  const push = (v: JsonValue | undefined) => {
    if (v !== undefined) out.push(v);
  };
  let lI = 0;
  let rI = 0;
  while (lI < lPEs.length || rI < rPEs.length) {
    if (lI < lPEs.length && rI < rPEs.length) {
      const pe = lPEs[lI];
      if (pe === rPEs[rI]) {
        mergedR.add(pe);
        push(merge(atom.elem, oL.get(pe), oR.get(pe)));
        lI++;
        rI++;
        nextShared = shared.shift();
        continue;
      }
      if (oR.has(pe) && nextShared !== undefined && nextShared !== pe) {
        lI++;
        continue;
      }
    }
    if (lI < lPEs.length) {
      const pe = lPEs[lI];
      if (!oR.has(pe)) {
        push(merge(atom.elem, oL.get(pe), undefined));
        lI++;
        continue;
      } else if (mergedR.has(pe)) {
        lI++;
      }
    }
    if (rI < rPEs.length) {
      const pe = rPEs[rI];
      mergedR.add(pe);
      push(merge(atom.elem, oL.get(pe), oR.get(pe)));
      rI++;
      if (nextShared !== undefined && nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

// --- RemoveItems ------------------------------------------------------------------------------

/** TypedValue.RemoveItems; a map or list left with nothing reads as absent. */
export function removeItems(t: TypeRef, v: JsonValue, toRemove: FieldSet): JsonValue | undefined {
  const atom = resolve(t, v);
  if (atom.kind === 'leaf') return v;
  if (atom.kind === 'list') {
    const list = asList(v);
    if (!list || list.length === 0 || atom.rel === 'atomic') return v;
    const out: JsonValue[] = [];
    for (const item of list) {
      const pe = listItemElement(atom, item);
      if (toRemove.members.has(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      const kept = sub && !sub.empty() ? removeItems(atom.elem, item, sub) : item;
      out.push(kept === undefined ? null : kept);
    }
    return out.length ? out : undefined;
  }
  const obj = asObj(v);
  if (!obj || Object.keys(obj).length === 0 || atom.atomic) return v;
  const out: Obj = {};
  for (const [k, val] of Object.entries(obj)) {
    const pe = field(k);
    if (toRemove.members.has(pe)) continue;
    const sub = toRemove.withPrefix(pe);
    const kept = sub && !sub.empty() ? removeItems(childType(atom, k) ?? 'deduced', val, sub) : val;
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Set.EnsureNamedFieldsAreMembers: a struct field with owned children counts as owned itself. */
export function ensureNamedFieldsAreMembers(t: TypeRef, set: FieldSet): FieldSet {
  const out = new FieldSet();
  const atom = resolve(t, t === 'deduced' ? {} : undefined);
  for (const m of set.members) out.members.add(m);
  for (const [pe, child] of set.children) {
    let ct: TypeRef | undefined;
    if (pe.startsWith('f:')) {
      ct = childType(atom, pe.slice(2));
      if (atom.kind === 'struct' && ct) out.members.add(pe);
    } else if (atom.kind === 'list') {
      ct = atom.elem;
    }
    out.children.set(pe, ct ? ensureNamedFieldsAreMembers(ct, child) : child.copy());
  }
  return out;
}
