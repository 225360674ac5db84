// Ingress and IngressClass through the API server: pkg/apis/networking/validation, the registry
// strategies and the DefaultIngressClass plugin (release-1.32).
import { describe, expect, test } from 'vitest';
import { failure, manifest, server } from '../policy/helpers.js';
import type { Ingress } from '../../src/api/networking/ingress/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { defaultIngressClass } from '../../src/apiserver/admission/networking.js';

const R = 'ingresses.networking.k8s.io';
const RC = 'ingressclasses.networking.k8s.io';
const ing = (spec: string, meta = '') => manifest(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i${meta}}\nspec: ${spec}`);
const cls = (name: string, spec: string, meta = '') =>
  manifest(`apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ${name}${meta}}\nspec: ${spec}`);
const invalid = (msg: string) => `Invalid: Ingress.networking.k8s.io "i" is invalid: ${msg}`;
const rule = (path: string, backend = '{service: {name: web, port: {number: 80}}}') => `{rules: [{host: foo.bar, http: {paths: [${path.replace('BACKEND', backend)}]}}]}`;

describe('Ingress admission', () => {
  test('a created Ingress has generation 1 and an empty load balancer status, whatever the request says', () => {
    const api = server();
    const obj = ing(rule('{path: /, pathType: Prefix, backend: BACKEND}'));
    (obj as Record<string, unknown>).status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
    const stored = api.create(R, obj) as unknown as Ingress;
    expect(stored.metadata.generation).toBe(1);
    expect(stored.status).toEqual({ loadBalancer: {} });
  });

  test('status changes only through the status subresource; a spec change is a new generation', () => {
    const api = server();
    const stored = api.create(R, ing(rule('{path: /, pathType: Prefix, backend: BACKEND}'))) as unknown as Ingress;
    const withStatus = { ...stored, status: { loadBalancer: { ingress: [{ hostname: 'localhost' }] } } };
    expect((api.update(R, withStatus as unknown as KubeObject) as unknown as Ingress).status).toEqual({ loadBalancer: {} });
    const updated = api.updateStatus(R, withStatus as unknown as KubeObject) as unknown as Ingress;
    expect(updated.status).toEqual({ loadBalancer: { ingress: [{ hostname: 'localhost' }] } });
    expect(updated.metadata.generation).toBe(1);
    const respec = { ...updated, spec: { ...updated.spec, ingressClassName: 'nginx' } };
    const bumped = api.update(R, respec as unknown as KubeObject) as unknown as Ingress;
    expect(bumped.metadata.generation).toBe(2);
    expect(bumped.status).toEqual(updated.status);
  });

  test.each([
    ['neither rules nor a default backend', '{}',
      invalid('spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified')],
    ['an empty rule list', '{rules: []}',
      invalid('spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified')],
    ['a path without pathType', rule('{path: /, backend: BACKEND}'),
      invalid('spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified')],
    ['an unknown pathType', rule('{path: /, pathType: Regex, backend: BACKEND}'),
      invalid('spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"')],
    ['a relative Prefix path', rule('{path: foo, pathType: Prefix, backend: BACKEND}'),
      invalid('spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path')],
    ['a Prefix path with // and a /. suffix', rule('{path: "/a//b/.", pathType: Exact, backend: BACKEND}'),
      invalid(`[spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": must not contain '//', spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": cannot end with '/.']`)],
    ['an ImplementationSpecific path may be empty but not relative', rule('{path: x, pathType: ImplementationSpecific, backend: BACKEND}'),
      invalid('spec.rules[0].http.paths[0].path: Invalid value: "x": must be an absolute path')],
    ['both a port name and number', rule('{path: /, pathType: Prefix, backend: BACKEND}', '{service: {name: web, port: {name: http, number: 80}}}'),
      invalid('spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number')],
    ['no port', rule('{path: /, pathType: Prefix, backend: BACKEND}', '{service: {name: web}}'),
      invalid('spec.rules[0].http.paths[0].backend: Required value: port name or number is required')],
    ['a port out of range', rule('{path: /, pathType: Prefix, backend: BACKEND}', '{service: {name: web, port: {number: 70000}}}'),
      invalid('spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive')],
    ['no backend at all', rule('{path: /, pathType: Prefix, backend: {}}'),
      invalid('spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required')],
    ['a service name that is not a DNS-1035 label', rule('{path: /, pathType: Prefix, backend: BACKEND}', '{service: {name: 1web, port: {number: 80}}}'),
      invalid(`spec.rules[0].http.paths[0].backend.service.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`)],
    ['an IP as host', '{rules: [{host: 10.0.0.1}]}', invalid('spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address')],
    ['a bad wildcard host', '{rules: [{host: "*foo.com"}]}',
      invalid(`spec.rules[0].host: Invalid value: "*foo.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`)],
    ['a TLS secret name that is not a DNS subdomain', '{defaultBackend: {service: {name: web, port: {number: 80}}}, tls: [{secretName: My_Secret}]}',
      invalid(`spec.tls[0].secretName: Invalid value: "My_Secret": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`)],
    ['both a resource and a service backend', '{defaultBackend: {service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}}',
      invalid('spec.defaultBackend: Invalid value: "": cannot set both resource and service backends')],
    ['a class annotation that contradicts ingressClassName', `{ingressClassName: nginx, defaultBackend: {service: {name: web, port: {number: 80}}}}`,
      invalid('annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified'),
      ', annotations: {kubernetes.io/ingress.class: traefik}'],
  ])('refuses %s', (_name, spec, want, meta = '') => {
    expect(failure(() => server().create(R, ing(spec, meta)))).toBe(want);
  });

  test('the class annotation alone is accepted with a deprecation warning', () => {
    const api = server();
    api.create(R, ing('{defaultBackend: {service: {name: web, port: {number: 80}}}}', ', annotations: {kubernetes.io/ingress.class: nginx}'));
    expect(api.warnings).toEqual([`annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`]);
  });
});

describe('IngressClass admission', () => {
  const invalidClass = (name: string, msg: string) => `Invalid: IngressClass.networking.k8s.io "${name}" is invalid: ${msg}`;
  test.each([
    ['no controller', '{}', 'spec.controller: Required value'],
    ['a controller that is not domain-prefixed', '{controller: nginx}', 'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'],
    ['parameters scoped to a namespace without one', '{controller: a.io/c, parameters: {kind: P, name: p, scope: Namespace}}',
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
    ['cluster-scoped parameters with a namespace', '{controller: a.io/c, parameters: {kind: P, name: p, scope: Cluster, namespace: x}}',
      "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
    ['an unknown scope', '{controller: a.io/c, parameters: {kind: P, name: p, scope: Global}}',
      'spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"'],
  ])('refuses %s', (_n, spec, msg) => {
    expect(failure(() => server().create(RC, cls('c', spec)))).toBe(invalidClass('c', msg));
  });

  test('parameters default to the Cluster scope; the controller is immutable', () => {
    const api = server();
    const stored = api.create(RC, cls('c', '{controller: a.io/c, parameters: {kind: P, name: p}}'));
    expect((stored as Record<string, unknown>).spec).toEqual({ controller: 'a.io/c', parameters: { kind: 'P', name: 'p', scope: 'Cluster' } });
    const changed = { ...stored, spec: { controller: 'b.io/c' } };
    expect(failure(() => api.update(RC, changed as KubeObject))).toBe(invalidClass('c', 'spec.controller: Invalid value: "b.io/c": field is immutable'));
  });
});

describe('DefaultIngressClass', () => {
  const defaultAnnotation = ', annotations: {ingressclass.kubernetes.io/is-default-class: "true"}';
  const backend = '{defaultBackend: {service: {name: web, port: {number: 80}}}}';
  test('an Ingress without a class gets the default class; with a class or the annotation it keeps its own', () => {
    const api = server();
    api.create(RC, cls('nginx', '{controller: k8s.io/ingress-nginx}', defaultAnnotation));
    expect((api.create(R, ing(backend)) as unknown as Ingress).spec?.ingressClassName).toBe('nginx');
    const named = manifest(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: j}\nspec: {ingressClassName: other, defaultBackend: {service: {name: web, port: {number: 80}}}}`);
    expect((api.create(R, named) as unknown as Ingress).spec?.ingressClassName).toBe('other');
    const annotated = manifest(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: k, annotations: {kubernetes.io/ingress.class: x}}\nspec: ${backend}`);
    expect((api.create(R, annotated) as unknown as Ingress).spec?.ingressClassName).toBeUndefined();
  });

  test('without a default class nothing is set', () => {
    const api = server();
    api.create(RC, cls('nginx', '{controller: k8s.io/ingress-nginx}'));
    expect((api.create(R, ing(backend)) as unknown as Ingress).spec?.ingressClassName).toBeUndefined();
  });

  test('of several default classes the newest wins, then the first name', () => {
    const at = (name: string, time: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
      metadata: { name, creationTimestamp: time, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } });
    const pick = (classes: KubeObject[]) => defaultIngressClass(classes)?.metadata.name;
    expect(pick([at('old', '2020-01-01T00:00:00Z'), at('new', '2021-01-01T00:00:00Z'), at('newer-but-not-default', '2022-01-01T00:00:00Z')]
      .map((c, i) => (i === 2 ? { ...c, metadata: { ...c.metadata, annotations: {} } } : c)))).toBe('new');
    expect(pick([at('z', '2021-01-01T00:00:00Z'), at('a', '2021-01-01T00:00:00Z')])).toBe('a');
  });
});
