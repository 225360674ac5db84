// The zod schemas and the Go types agree: every field the 1.32 API accepts for a core kind is in
// its schema, so strict decoding rejects exactly what kube-apiserver rejects.
import { describe, expect, test } from 'vitest';
import type { ZodType } from 'zod';
import { goNamedTypes, goStructs } from '../../src/apiserver/admission/go-types.js';
import { Pod } from '../../src/api/core/pod/schema.js';
import { Namespace } from '../../src/api/core/namespace/schema.js';
import { Node } from '../../src/api/core/node/schema.js';
import { ConfigMap } from '../../src/api/core/configmap/schema.js';
import { Secret } from '../../src/api/core/secret/schema.js';
import { ServiceAccount } from '../../src/api/core/serviceaccount/schema.js';
import { Event } from '../../src/api/core/event/schema.js';
import { Service } from '../../src/api/core/service/schema.js';
import { PodDisruptionBudget } from '../../src/api/policy/poddisruptionbudget/schema.js';
import { Ingress } from '../../src/api/networking/ingress/schema.js';
import { IngressClass } from '../../src/api/networking/ingressclass/schema.js';

interface Def { type: string; shape?: Record<string, ZodType>; innerType?: ZodType; element?: ZodType; valueType?: ZodType; options?: ZodType[] }
const def = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: ZodType): ZodType {
  let d = def(s);
  while ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) {
    s = d.innerType;
    d = def(s);
  }
  return s;
}

/** Paths of Go fields the schema does not have; stops at unknown/any/union schemas. */
function missing(schema: ZodType, goType: string, path: string, out: string[], depth = 0): void {
  if (depth > 12) return;
  const s = unwrap(schema);
  const d = def(s);
  if (goType.startsWith('[]') && goType !== '[]byte') {
    if (d.type === 'array' && d.element) missing(d.element, goType.slice(2), `${path}[]`, out, depth + 1);
    return;
  }
  if (goType.startsWith('map[')) {
    const close = goType.indexOf(']');
    if (d.type === 'record' && d.valueType) missing(d.valueType, goType.slice(close + 1), `${path}{}`, out, depth + 1);
    return;
  }
  const named = goNamedTypes[goType];
  if (named) return missing(schema, named, path, out, depth);
  const struct = goStructs[goType];
  if (!struct || d.type !== 'object' || !d.shape) return;
  for (const pair of struct.split(' ')) {
    const [name, t] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)];
    const field = d.shape[name];
    if (!field) out.push(`${path}.${name}`);
    else missing(field, t, `${path}.${name}`, out, depth + 1);
  }
}

describe('zod schemas cover the 1.32 Go types', () => {
  test.each([
    ['Pod', Pod, 'core/v1.Pod'], ['Namespace', Namespace, 'core/v1.Namespace'], ['Node', Node, 'core/v1.Node'],
    ['ConfigMap', ConfigMap, 'core/v1.ConfigMap'], ['Secret', Secret, 'core/v1.Secret'],
    ['ServiceAccount', ServiceAccount, 'core/v1.ServiceAccount'], ['Event', Event, 'core/v1.Event'], ['Service', Service, 'core/v1.Service'],
    ['PodDisruptionBudget', PodDisruptionBudget, 'policy/v1.PodDisruptionBudget'],
    ['Ingress', Ingress, 'networking/v1.Ingress'], ['IngressClass', IngressClass, 'networking/v1.IngressClass'],
  ] as const)('%s', (_kind, schema, goType) => {
    const out: string[] = [];
    missing(schema as unknown as ZodType, goType, '', out);
    expect(out).toEqual([]);
  });
});
