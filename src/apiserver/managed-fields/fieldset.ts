// structured-merge-diff's fieldpath.Set: a trie of path elements, each a struct field or map key
// (`f:name`), an associative list item by its keys (`k:{"name":"web"}`), a set item by value
// (`v:"x"`) or an index (`i:0`). Elements are held in their FieldsV1 spelling; order is
// PathElement.Compare's, which is also how FieldsV1 lists them (`.` first when a node is itself a
// member and has children).
import type { JsonValue } from '../patch/merge.js';

export type PathElement = string;
export type Path = readonly PathElement[];

export const field = (name: string): PathElement => `f:${name}`;
export const valueElement = (v: JsonValue): PathElement => `v:${JSON.stringify(v)}`;
/** A list item by its keys: fields sorted by name, as FieldList.Sort. */
export function keyElement(keys: Readonly<Record<string, JsonValue>>): PathElement {
  const sorted: Record<string, JsonValue> = {};
  for (const k of Object.keys(keys).sort()) sorted[k] = keys[k];
  return `k:${JSON.stringify(sorted)}`;
}

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static of(paths: Iterable<Path>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: Path): void {
    if (path.length === 0) return;
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) s = s.child(path[i]);
    s.members.add(path[path.length - 1]);
  }

  child(pe: PathElement): FieldSet {
    let c = this.children.get(pe);
    if (!c) {
      c = new FieldSet();
      this.children.set(pe, c);
    }
    return c;
  }

  has(path: Path): boolean {
    let s: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && s; i++) s = s.children.get(path[i]);
    return !!s && path.length > 0 && s.members.has(path[path.length - 1]);
  }

  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** The subtree under one element (WithPrefix). */
  withPrefix(pe: PathElement): FieldSet | undefined {
    return this.children.get(pe);
  }

  copy(): FieldSet {
    const s = new FieldSet();
    for (const m of this.members) s.members.add(m);
    for (const [pe, c] of this.children) s.children.set(pe, c.copy());
    return s;
  }

  union(o: FieldSet): FieldSet {
    const s = this.copy();
    s.addAll(o);
    return s;
  }

  private addAll(o: FieldSet): void {
    for (const m of o.members) this.members.add(m);
    for (const [pe, c] of o.children) this.child(pe).addAll(c);
  }

  /** Members of o leave; children are differenced element by element (Set.Difference). */
  difference(o: FieldSet): FieldSet {
    const s = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) s.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      const d = oc ? c.difference(oc) : c.copy();
      if (!d.empty()) s.children.set(pe, d);
    }
    return s;
  }

  /** Like difference, but a member of o also removes everything under it (RecursiveDifference). */
  recursiveDifference(o: FieldSet): FieldSet {
    const s = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) s.members.add(m);
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) continue;
      const oc = o.children.get(pe);
      const d = oc ? c.recursiveDifference(oc) : c.copy();
      if (!d.empty()) s.children.set(pe, d);
    }
    return s;
  }

  intersection(o: FieldSet): FieldSet {
    const s = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) s.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (!oc) continue;
      const i = c.intersection(oc);
      if (!i.empty()) s.children.set(pe, i);
    }
    return s;
  }

  /** Every member path, members of a node before its children, each in PathElement order. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const m of [...this.members].sort(comparePathElements)) out.push([...prefix, m]);
    for (const pe of [...this.children.keys()].sort(comparePathElements)) {
      out.push(...this.children.get(pe)!.paths([...prefix, pe]));
    }
    return out;
  }

  /** FieldsV1: the set as a JSON object, in upstream's key order. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && (this.members.size || this.children.size)) out['.'] = {};
    const keys = new Set([...this.members, ...this.children.keys()]);
    for (const pe of [...keys].sort(comparePathElements)) {
      const c = this.children.get(pe);
      if (c && !c.empty()) out[pe] = c.emit(this.members.has(pe));
      else if (this.members.has(pe)) out[pe] = {};
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    s.read(v);
    return s;
  }

  private read(v: unknown): void {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected an object');
    for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
      if (k === '.') continue;
      const pe = normalizeElement(k);
      const obj = c as Record<string, unknown>;
      const keys = obj && typeof obj === 'object' ? Object.keys(obj) : [];
      if (keys.length === 0 || keys.includes('.')) this.members.add(pe);
      if (keys.some((x) => x !== '.')) this.child(pe).read(c);
    }
  }
}

/** Re-spells a decoded element as upstream would write it (keys sorted, compact JSON). */
function normalizeElement(k: string): PathElement {
  const t = k.slice(0, 2);
  if (t === 'f:' || t === 'i:') return k;
  if (t === 'k:') return keyElement(JSON.parse(k.slice(2)) as Record<string, JsonValue>);
  if (t === 'v:') return valueElement(JSON.parse(k.slice(2)) as JsonValue);
  throw new Error(`invalid path element: ${k}`);
}

// --- ordering (PathElement.Compare, value.Compare) ------------------------------------------

const TYPE_ORDER: Record<string, number> = { 'f:': 0, 'k:': 1, 'v:': 2, 'i:': 3 };
const goCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function comparePathElements(a: PathElement, b: PathElement): number {
  const ta = TYPE_ORDER[a.slice(0, 2)];
  const tb = TYPE_ORDER[b.slice(0, 2)];
  if (ta !== tb) return ta - tb;
  const ra = a.slice(2);
  const rb = b.slice(2);
  switch (ta) {
    case 0: return goCompare(ra, rb);
    case 3: return Number(ra) - Number(rb);
    case 2: return compareValues(JSON.parse(ra) as JsonValue, JSON.parse(rb) as JsonValue);
    default: {
      // FieldList.Compare: shorter lists first, then field by field (name, then value).
      const ka = keyEntries(ra);
      const kb = keyEntries(rb);
      if (ka.length !== kb.length) return ka.length - kb.length;
      for (let i = 0; i < ka.length; i++) {
        const c = goCompare(ka[i][0], kb[i][0]) || compareValues(ka[i][1], kb[i][1]);
        if (c) return c;
      }
      return 0;
    }
  }
}

const parsedKeys = new Map<string, [string, JsonValue][]>();
function keyEntries(json: string): [string, JsonValue][] {
  let e = parsedKeys.get(json);
  if (!e) {
    if (parsedKeys.size > 10_000) parsedKeys.clear();
    parsedKeys.set(json, e = Object.entries(JSON.parse(json) as Record<string, JsonValue>));
  }
  return e;
}

/** value.Compare: numbers, then strings, booleans, lists, maps, null. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const rank = (v: JsonValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2
    : Array.isArray(v) ? 3 : v === null ? 5 : 4);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return Math.sign(a - (b as number));
  if (typeof a === 'string') return goCompare(a, b as string);
  if (typeof a === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a)) {
    const bl = b as JsonValue[];
    for (let i = 0; i < Math.min(a.length, bl.length); i++) {
      const c = compareValues(a[i], bl[i]);
      if (c) return c;
    }
    return a.length - bl.length;
  }
  if (a === null) return 0;
  const ao = a as Record<string, JsonValue>;
  const bo = b as Record<string, JsonValue>;
  const ak = Object.keys(ao).sort();
  const bk = Object.keys(bo).sort();
  for (let i = 0; i < Math.min(ak.length, bk.length); i++) {
    const c = goCompare(ak[i], bk[i]) || compareValues(ao[ak[i]], bo[bk[i]]);
    if (c) return c;
  }
  return ak.length - bk.length;
}

/** fieldpath.Path.String: `.spec.replicas`, `.spec.containers[name="web"].image`. */
export function pathString(path: Path): string {
  return path.map((pe) => {
    const body = pe.slice(2);
    switch (pe.slice(0, 2)) {
      case 'f:': return `.${body}`;
      case 'i:': return `[${body}]`;
      case 'v:': return `[=${valueString(JSON.parse(body) as JsonValue)}]`;
      default: {
        const keys = JSON.parse(body) as Record<string, JsonValue>;
        return `[${Object.entries(keys).map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
      }
    }
  }).join('');
}

/** value.ToString: JSON for everything. */
function valueString(v: JsonValue): string {
  return JSON.stringify(v);
}
