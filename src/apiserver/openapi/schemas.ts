// OpenAPI component schemas of the kinds mk serves, built from the k8s.io/api type table the
// decoder uses (admission/go-types.ts), named as openapi-gen names Go types
// (`io.k8s.api.core.v1.PodSpec`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`). The table
// carries field names and Go types only, so the schemas have no descriptions, enums or required
// lists; what they have is exact: every field, its type and the named type behind it.
import { goNamedTypes, goRootTypes, goStructs } from '../admission/go-types.js';

export type Schema = { [key: string]: unknown };

export type RefStyle = 'v3' | 'v2';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Types with their own JSON form, as kube-openapi's OpenAPIDefinitions give them per spec version. */
const CUSTOM: Record<string, { name: string; v3: Schema; v2: Schema }> = {
  Quantity: { name: 'io.k8s.apimachinery.pkg.api.resource.Quantity', v3: { oneOf: [{ type: 'string' }, { type: 'number' }] }, v2: { type: 'string' } },
  IntOrString: {
    name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    v3: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
    v2: { type: 'string', format: 'int-or-string' },
  },
  Time: { name: `${META}.Time`, v3: { type: 'string', format: 'date-time' }, v2: { type: 'string', format: 'date-time' } },
  MicroTime: { name: `${META}.MicroTime`, v3: { type: 'string', format: 'date-time' }, v2: { type: 'string', format: 'date-time' } },
  Duration: { name: `${META}.Duration`, v3: { type: 'string' }, v2: { type: 'string' } },
  Raw: { name: 'io.k8s.apimachinery.pkg.runtime.RawExtension', v3: { type: 'object' }, v2: { type: 'object' } },
  FieldsV1: { name: `${META}.FieldsV1`, v3: { type: 'object' }, v2: { type: 'object' } },
};

/** ListMeta is not a request body, so the decoder's table lacks it; list kinds refer to it. */
const LIST_META: Schema = {
  type: 'object',
  properties: {
    continue: { type: 'string' },
    remainingItemCount: { type: 'integer', format: 'int64' },
    resourceVersion: { type: 'string' },
    selfLink: { type: 'string' },
  },
};

/** `core/v1.PodSpec` → `io.k8s.api.core.v1.PodSpec`; meta/v1 lives in apimachinery. */
export function definitionName(goId: string): string {
  const [pkg, rest] = goId.split('/');
  return pkg === 'meta' ? `io.k8s.apimachinery.pkg.apis.meta.${rest}` : `io.k8s.api.${pkg}.${rest}`;
}

function refTo(name: string, style: RefStyle): Schema {
  return { $ref: style === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}` };
}

function fieldsOf(goId: string): [string, string][] {
  return goStructs[goId].split(' ').filter(Boolean).map((pair) => {
    const colon = pair.indexOf(':');
    return [pair.slice(0, colon), pair.slice(colon + 1)];
  });
}

/** The closing bracket of `map[K]` in a Go type string. */
function mapKeyEnd(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '[') depth++;
    else if (t[i] === ']' && --depth === 0) return i;
  }
  return t.length;
}

/** Collects the component schemas reachable from some Go structs. */
class Collector {
  readonly schemas: Record<string, Schema> = {};

  constructor(readonly style: RefStyle) {}

  typeSchema(t: string, owner?: string, field?: string): Schema {
    if (t === '[]byte') return { type: 'string', format: 'byte' };
    if (t.startsWith('[]')) return { type: 'array', items: this.typeSchema(t.slice(2)) };
    if (t.startsWith('map[')) return { type: 'object', additionalProperties: this.typeSchema(t.slice(mapKeyEnd(t) + 1)) };
    // ManagedFieldsEntry.fieldsV1 decodes like a raw extension but is its own type.
    const custom = CUSTOM[owner === 'meta/v1.ManagedFieldsEntry' && field === 'fieldsV1' ? 'FieldsV1' : t];
    if (custom) {
      this.schemas[custom.name] ??= { ...custom[this.style] };
      return refTo(custom.name, this.style);
    }
    if (t === 'string' || t.startsWith('string:')) return { type: 'string' };
    if (t === 'bool') return { type: 'boolean' };
    if (t === 'int32' || t === 'int64') return { type: 'integer', format: t };
    if (/^u?int\d*$/.test(t)) return { type: 'integer' };
    if (t === 'float64' || t === 'float32') return { type: 'number', format: t === 'float64' ? 'double' : 'float' };
    if (t in goStructs) {
      this.struct(t);
      return refTo(definitionName(t), this.style);
    }
    const underlying = goNamedTypes[t];
    if (underlying !== undefined) return this.typeSchema(underlying);
    throw new Error(`unknown Go type ${t}`);
  }

  struct(goId: string): void {
    const name = definitionName(goId);
    if (this.schemas[name]) return;
    const properties: Record<string, Schema> = {};
    const schema: Schema = { type: 'object', properties };
    this.schemas[name] = schema;
    for (const [field, t] of fieldsOf(goId).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      properties[field] = this.typeSchema(t, goId, field);
    }
  }

  listMeta(): Schema {
    this.schemas[`${META}.ListMeta`] ??= LIST_META;
    return refTo(`${META}.ListMeta`, this.style);
  }
}

export interface ServedKind { group: string; version: string; kind: string }

/** The Go struct of a served kind, or undefined when the type table does not cover it. */
export function rootStruct(k: ServedKind): string | undefined {
  return goRootTypes[`${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`];
}

/**
 * The component schemas for some kinds: each kind, its list, and every type they reach. Kinds and
 * lists carry x-kubernetes-group-version-kind, which is how kubectl finds a kind's schema.
 */
export function kindSchemas(kinds: readonly ServedKind[], style: RefStyle): Record<string, Schema> {
  const c = new Collector(style);
  for (const k of kinds) {
    const goId = rootStruct(k);
    if (!goId) continue;
    c.struct(goId);
    const name = definitionName(goId);
    const gvk = (kind: string) => [{ group: k.group, kind, version: k.version }];
    c.schemas[name] = { ...c.schemas[name], 'x-kubernetes-group-version-kind': gvk(k.kind) };
    c.schemas[`${name}List`] = {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        items: { type: 'array', items: refTo(name, style) },
        kind: { type: 'string' },
        metadata: c.listMeta(),
      },
      required: ['items'],
      'x-kubernetes-group-version-kind': gvk(`${k.kind}List`),
    };
  }
  return Object.fromEntries(Object.entries(c.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
