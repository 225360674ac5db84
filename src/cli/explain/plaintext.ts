// kubectl 1.32's `explain` output: its plaintext template (k8s.io/kubectl/pkg/explain/v2/templates/
// plaintext.tmpl) run over an OpenAPI v3 group-version document, rendered here step for step.
// Go templates range over maps in sorted key order and treat empty maps, lists and strings as
// false; both are kept, since they decide which schema is found and in what order fields print.

type Json = unknown;
type Obj = Record<string, Json>;

export interface GVR { group: string; version: string; resource: string }

/** An error the template throws (`throw` / `fail`); kubectl prints its text. */
export class ExplainError extends Error {}

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Go template truth: false, 0, nil, and empty strings, maps and lists are false. */
const truthy = (v: Json): boolean => (Array.isArray(v) ? v.length > 0 : isObj(v) ? Object.keys(v).length > 0 : !!v);
const sortedKeys = (o: Obj): string[] => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const prop = (o: Json, k: string): Json => (isObj(o) ? o[k] : undefined);

function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** github.com/mitchellh/go-wordwrap v1.0.1 WrapString: wraps at white space, counting runes. */
export function wrap(lim: number, s: string): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  let wordLen = 0;
  let spaceLen = 0;
  const flush = () => {
    current += spaceLen + wordLen;
    buf += space + word;
    space = '';
    spaceLen = 0;
    word = '';
    wordLen = 0;
  };
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          buf += space;
        }
        space = '';
        spaceLen = 0;
      } else flush();
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) flush();
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** `resolveRef`: a `#/a/b` fragment looked up in the document, or undefined. */
function resolveRef(ref: Json, doc: Obj): Obj | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: Obj = doc;
  for (const k of ref.slice(1).split('/')) {
    if (!k) continue;
    const next = cur[k];
    if (!isObj(next)) return undefined;
    cur = next;
  }
  return cur;
}

/** Go's %v of a value decoded from JSON (maps print sorted as `map[k:v]`). */
function goValue(v: Json): string {
  if (isObj(v)) return `map[${sortedKeys(v).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** A float64 as %v prints it: `%g` with the shortest exact digits. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Math.abs(n) >= 1e21 ? n.toExponential() : String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

const deepEqual = (a: Json, b: Json): boolean => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
const canon = (v: Json): Json => (isObj(v) ? Object.fromEntries(sortedKeys(v).map((k) => [k, canon(v[k])])) : Array.isArray(v) ? v.map(canon) : v);

function hasMapAdditional(s: Obj): boolean {
  return truthy(s.additionalProperties) && typeof s.additionalProperties !== 'boolean';
}

class Renderer {
  constructor(readonly doc: Obj, readonly recursive: boolean) {}

  typeGuess(schema: Json): string {
    if (!isObj(schema) || !truthy(schema)) throw new ExplainError("expected schema argument to subtemplate 'typeguess'");
    if (truthy(schema.items)) return `[]${this.typeGuess(schema.items)}`;
    if (hasMapAdditional(schema)) return `map[string]${this.typeGuess(schema.additionalProperties)}`;
    const allOf = schema.allOf;
    if (truthy(allOf) && !truthy(schema.properties) && Array.isArray(allOf) && allOf.length === 1) return this.typeGuess(allOf[0]);
    if (truthy(schema.$ref)) {
      const ref = String(schema.$ref);
      const refSchema = resolveRef(ref, this.doc);
      if (!truthy(refSchema) || !truthy(refSchema!.type) || refSchema!.type === 'object') {
        const name = ref.split('/').at(-1)!;
        return name.split('.').at(-1) || 'Object';
      }
      return goValue(refSchema!.type);
    }
    if (schema.type === 'object') return 'Object';
    return truthy(schema.type) ? goValue(schema.type) : 'Object';
  }

  extractEnum(schema: Json, isLongView: boolean, limitArg: number, indentAmount = 0): string {
    if (!isObj(schema) || !truthy(schema) || !truthy(schema.enum) || !Array.isArray(schema.enum)) return '';
    const limit = limitArg || -1;
    let out = isLongView ? 'ENUM:' : `\n${indent(indentAmount, '')}enum: `;
    for (const [i, el] of schema.enum.entries()) {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0 && !isLongView) out += ', ';
      else if (isLongView) out += `\n${indent(4, '')}`;
      out += el === '' ? '""' : goValue(el);
    }
    return out;
  }

  description(schema: Json): string {
    const s = resolveRef(prop(schema, '$ref'), this.doc) ?? schema;
    if (!isObj(s) || !truthy(s)) return '';
    let out = '';
    if (truthy(s.description)) out += `${goValue(s.description)}\n`;
    for (const a of Array.isArray(s.allOf) ? s.allOf : []) out += this.description(a);
    if (truthy(s.items)) out += this.description(s.items);
    if (hasMapAdditional(s)) out += this.description(s.additionalProperties);
    return out;
  }

  fieldDetail(name: string, schema: Obj, short: boolean, level: number): string {
    const indentAmount = level * 2;
    const fieldSchema = (schema.properties as Obj)[name];
    let out = `${indent(indentAmount, name)}\t<${this.typeGuess(fieldSchema)}>`;
    if (Array.isArray(schema.required) && schema.required.includes(name)) out += ' -required-';
    out += this.extractEnum(fieldSchema, false, 4, indentAmount);
    out += '\n';
    if (!short) {
      const text = truthy(prop(fieldSchema, 'description')) ? goValue(prop(fieldSchema, 'description')) : '<no description>';
      out += `${indent(indentAmount + 2, wrap(78 - indentAmount, text))}\n\n`;
    }
    return out;
  }

  fieldList(schema: Json, level: number, history: Record<string, number>): string {
    const refString = truthy(prop(schema, '$ref')) ? String(prop(schema, '$ref')) : '';
    if (refString && history[refString]) return '';
    const next = { ...history, [refString]: 1 };
    const resolved = resolveRef(refString, this.doc) ?? (isObj(schema) ? schema : {});
    let out = '';
    const props = isObj(resolved.properties) ? resolved.properties : {};
    for (const k of sortedKeys(props)) {
      out += this.fieldDetail(k, resolved, this.recursive, level);
      if (this.recursive) out += this.fieldList(props[k], level + 1, next);
    }
    for (const a of Array.isArray(resolved.allOf) ? resolved.allOf : []) out += this.fieldList(a, level, next);
    if (truthy(resolved.items)) out += this.fieldList(resolved.items, level, next);
    if (hasMapAdditional(resolved)) out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  output(schema: Json, fieldPath: string[], history: Record<string, number>): string {
    const refString = truthy(prop(schema, '$ref')) ? String(prop(schema, '$ref')) : '';
    const next = { ...history, [refString]: 1 };
    const resolved = resolveRef(refString, this.doc) ?? (isObj(schema) ? schema : {});
    if (fieldPath.length === 0) {
      let out = 'DESCRIPTION:\n';
      out += `${indent(4, wrap(76, this.description(resolved) || '<empty>'))}\n`;
      const fields = this.fieldList(resolved, 1, {});
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (refString && history[refString]) return '';
    const props = resolved.properties;
    if (truthy(props) && isObj(props) && truthy(props[fieldPath[0]])) {
      const sub = props[fieldPath[0]];
      let out = '';
      if (fieldPath.length === 1) {
        out += `FIELD: ${fieldPath[0]} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1)}\n\n`;
      }
      return out + this.output(sub, fieldPath.slice(1), {});
    }
    if (truthy(resolved.items)) return this.output(resolved.items, fieldPath, next);
    if (hasMapAdditional(resolved)) return this.output(resolved.additionalProperties, fieldPath, next);
    for (const a of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
      const out = this.output(a, fieldPath, next);
      if (out) return out;
    }
    return '';
  }
}

/** The kind a resource's operations name, found as the template searches the document's paths. */
function findGVK(doc: Obj, gvr: GVR): Json {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const searchPaths = [
    [prefix, gvr.version, gvr.resource],
    [prefix, gvr.version, gvr.resource, '{name}'],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource, '{name}'],
  ].map((p) => p.join('/'));
  let gvk: Json;
  for (const p of searchPaths) {
    const element = prop(prop(doc, 'paths'), p);
    if (!truthy(element)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = prop(element, method);
      if (!truthy(op)) continue;
      // `with $gvk = ...` assigns before it tests, so an operation without one clears it.
      gvk = prop(op, 'x-kubernetes-group-version-kind');
      if (truthy(gvk)) break;
    }
  }
  return gvk;
}

export interface ExplainResult { out: string; error?: string }

/**
 * What `kubectl explain` writes for a resource and field path over a group version's document:
 * the output so far, and the error when the template throws (kubectl has printed the header by
 * then, so both are returned).
 */
export function renderPlaintext(doc: Obj, gvr: GVR, fieldPath: string[], recursive: boolean): ExplainResult {
  const r = new Renderer(doc, recursive);
  const gvk = findGVK(doc, gvr);
  if (!truthy(gvk) || !isObj(gvk)) {
    return { out: '', error: `error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema` };
  }
  let out = '';
  if (truthy(gvk.group)) out += `GROUP:      ${goValue(gvk.group)}\n`;
  out += `KIND:       ${goValue(gvk.kind)}\nVERSION:    ${goValue(gvk.version)}\n\n`;
  try {
    const schemas = prop(prop(doc, 'components'), 'schemas');
    let body = '';
    if (isObj(schemas)) {
      for (const name of sortedKeys(schemas)) {
        const schema = schemas[name];
        const list = prop(schema, 'x-kubernetes-group-version-kind');
        if (!Array.isArray(list) || !list.some((e) => deepEqual(e, gvk))) continue;
        body = r.output(schema, fieldPath, {});
        if (!body) throw new ExplainError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`);
        break;
      }
    }
    if (!body) throw new ExplainError(`error: GVK ${goValue(gvk)} not found in OpenAPI schema`);
    return { out: `${out}${body}\n` };
  } catch (err) {
    if (err instanceof ExplainError) return { out, error: err.message };
    throw err;
  }
}
