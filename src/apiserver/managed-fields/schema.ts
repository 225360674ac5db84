// The schema structured-merge-diff walks objects with: what each node is (a leaf, a struct with
// named fields, a map, a list and its x-kubernetes-list-type), from the Go types in ./go-structs.
// Kinds without Go types (custom resources) are "deduced" as upstream does: objects are separable
// maps, lists atomic.
import type { JsonValue } from '../patch/merge.js';
import { goStructs } from './go-structs.js';

/** A Go type: a leaf code, a struct name, a list or a map. */
export type GoType = string | GoList | GoMap;
export interface GoList { readonly l: GoType; readonly r: 'atomic' | 'set' | 'map'; readonly k?: readonly string[] }
export interface GoMap { readonly m: GoType; readonly a?: 1 }
export interface GoField {
  readonly t: GoType;
  /** omitempty */
  readonly o?: 1;
  /** a pointer */
  readonly p?: 1;
  /** +structType=atomic on the field */
  readonly a?: 1;
  /** +default, for list-map keys */
  readonly d?: JsonValue;
  /** The patchStrategy tag: 'merge', 'replace', 'retainKeys' or 'merge,retainKeys'. */
  readonly ps?: string;
  /** The patchMergeKey tag. */
  readonly pk?: string;
}
export interface GoStruct { readonly f: Readonly<Record<string, GoField>>; readonly a?: 1 }

/** A node's type: a Go type (with a field's atomic marker), or deduced from the value. */
export type TypeRef = { readonly go: GoType; readonly atomic?: boolean } | 'deduced';

export type Atom =
  | { kind: 'leaf' }
  | { kind: 'struct'; fields: Readonly<Record<string, GoField>>; atomic: boolean }
  | { kind: 'map'; elem: TypeRef; atomic: boolean }
  | { kind: 'list'; elem: TypeRef; rel: 'atomic' | 'set' | 'map'; keys: readonly string[]; keyDefaults: Readonly<Record<string, JsonValue>> };

const LEAVES = new Set(['s', 'i', 'b', 'f', 'q', 't']);
const DEDUCED_MAP: Atom = { kind: 'map', elem: 'deduced', atomic: false };
const LEAF: Atom = { kind: 'leaf' };
const ATOMIC_LIST: Atom = { kind: 'list', elem: 'deduced', rel: 'atomic', keys: [], keyDefaults: {} };

/** The root type of a built-in kind, or deduced. */
export function rootType(apiVersion: string, kind: string): TypeRef {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : apiVersion.slice(0, slash).split('.')[0];
  const name = `${group}/${slash < 0 ? apiVersion : apiVersion.slice(slash + 1)}.${kind}`;
  return goStructs[name] && (slash < 0 || !apiVersion.slice(0, slash).includes('.') || BUILTIN_DOTTED.has(apiVersion.slice(0, slash)))
    ? { go: name } : 'deduced';
}

const BUILTIN_DOTTED = new Set(['coordination.k8s.io', 'discovery.k8s.io', 'networking.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io']);

// Walks resolve the same few hundred types over and over: their atoms are made once.
const structAtoms = new Map<string, Atom>();
const atomicStructAtoms = new Map<string, Atom>();
const compositeAtoms = new WeakMap<object, Atom>();
const fieldTypes = new WeakMap<GoField, TypeRef>();

export function resolve(t: TypeRef, value: JsonValue | undefined): Atom {
  if (t === 'deduced') {
    if (Array.isArray(value)) return ATOMIC_LIST;
    if (value !== null && typeof value === 'object') return DEDUCED_MAP;
    return LEAF;
  }
  const g = t.go;
  if (g === 'u') return resolve('deduced', value);
  if (typeof g === 'string') {
    const cache = t.atomic ? atomicStructAtoms : structAtoms;
    let a = cache.get(g);
    if (!a) cache.set(g, a = resolveGo(t, value));
    return a;
  }
  let a = compositeAtoms.get(g);
  if (!a) compositeAtoms.set(g, a = resolveGo(t, value));
  return a;
}

function resolveGo(t: { readonly go: GoType; readonly atomic?: boolean }, value: JsonValue | undefined): Atom {
  const g = t.go;
  if (typeof g === 'string') {
    if (LEAVES.has(g)) return LEAF;
    const s = goStructs[g];
    if (!s) return LEAF;
    return { kind: 'struct', fields: s.f, atomic: !!s.a || !!t.atomic };
  }
  if ('m' in g) return { kind: 'map', elem: { go: g.m }, atomic: !!g.a };
  const keyDefaults: Record<string, JsonValue> = {};
  if (g.r === 'map' && typeof g.l === 'string') {
    const s = goStructs[g.l];
    for (const k of g.k ?? []) {
      const d = s?.f[k]?.d;
      if (d !== undefined) keyDefaults[k] = d;
    }
  }
  return { kind: 'list', elem: { go: g.l }, rel: g.r, keys: g.k ?? [], keyDefaults };
}

/** The type of a map entry or struct field; undefined for a field the struct does not declare. */
export function childType(atom: Atom, key: string): TypeRef | undefined {
  if (atom.kind === 'struct') {
    const f = atom.fields[key];
    if (!f) return undefined;
    let t = fieldTypes.get(f);
    if (!t) fieldTypes.set(f, t = { go: f.t, atomic: !!f.a });
    return t;
  }
  if (atom.kind === 'map') return atom.elem;
  return undefined;
}

type Obj = Record<string, JsonValue>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const zeroValues = new WeakMap<GoField, JsonValue | undefined>();

/**
 * The zero value a Go field of this type has in JSON (structs: their zero struct). Shared between
 * calls: callers copy before they change what they get.
 */
function zeroValue(f: GoField): JsonValue | undefined {
  if (zeroValues.has(f)) return zeroValues.get(f);
  const z = computeZeroValue(f);
  zeroValues.set(f, z);
  return z;
}

function computeZeroValue(f: GoField): JsonValue | undefined {
  if (f.p) return null;
  const t = f.t;
  if (typeof t !== 'string') return null;
  switch (t) {
    case 's': return '';
    case 'i': case 'f': case 'q': return 0;
    case 'b': return false;
    case 't': case 'u': return null;
  }
  const s = goStructs[t];
  return s ? zeroStruct(s) : null;
}

function zeroStruct(s: GoStruct): Obj {
  const out: Obj = {};
  for (const [name, f] of Object.entries(s.f)) {
    const present = !f.o || (!f.p && typeof f.t === 'string' && (goStructs[f.t] !== undefined || f.t === 'q' || f.t === 't'));
    if (present) {
      const z = zeroValue(f);
      if (z !== undefined) out[name] = z;
    }
  }
  return out;
}

/** What `scope.Creater.New(kind)` holds as structured-merge-diff reads it: the live side of a create. */
export function emptyObject(t: TypeRef): JsonValue {
  if (t === 'deduced' || typeof t.go !== 'string' || !goStructs[t.go]) return {};
  return structuredClone(zeroStruct(goStructs[t.go]));
}

function isEmptyGo(f: GoField, v: JsonValue): boolean {
  // Time, Quantity and IntOrString are structs: omitempty never drops them.
  if (!f.p && (f.t === 't' || f.t === 'q')) return false;
  if (v === null) return true;
  if (f.p) return false;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return v.length === 0;
  // maps are empty when they have no entries; structs never are
  return typeof f.t !== 'string' && 'm' in f.t && Object.keys(v).length === 0;
}

/**
 * The object as it reads after decoding into the Go type and encoding again (what the field
 * manager sees of a typed object): omitempty fields at their zero value vanish, fields without
 * omitempty and struct fields appear at their zero value (a condition's lastProbeTime: null).
 */
export function goRoundTrip(t: TypeRef, v: JsonValue): JsonValue {
  if (t === 'deduced' || v === null) return v;
  const g = t.go;
  if (typeof g === 'string') {
    const s = goStructs[g];
    if (!s || !isObj(v)) return v;
    const out: Obj = {};
    for (const [name, f] of Object.entries(s.f)) {
      const given = v[name];
      if (given === undefined || (given === null && !f.p && typeof f.t === 'string' && goStructs[f.t])) {
        const present = !f.o || (!f.p && typeof f.t === 'string' && (goStructs[f.t] !== undefined || f.t === 'q' || f.t === 't'));
        if (present) {
          const z = zeroValue(f);
          if (z !== undefined) out[name] = z;
        }
        continue;
      }
      const nv = goRoundTrip({ go: f.t }, given);
      if (f.o && isEmptyGo(f, nv)) continue;
      out[name] = nv;
    }
    // Fields the type does not declare are dropped by decoding; keep them visible to callers
    // that validate (strict decoding reports them elsewhere).
    return out;
  }
  if ('m' in g) {
    if (!isObj(v)) return v;
    const out: Obj = {};
    for (const [k, e] of Object.entries(v)) out[k] = goRoundTrip({ go: g.m }, e);
    return out;
  }
  if (!Array.isArray(v)) return v;
  return v.map((e) => goRoundTrip({ go: g.l }, e));
}
