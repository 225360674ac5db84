// Routing as ingress-nginx renders nginx.conf from Ingresses: server by host (exact, then the
// longest wildcard, then the catch-all `_`), location by path (exact, then longest prefix), the
// root location from spec.defaultBackend or the controller's 404 backend.
import { describe, expect, test } from 'vitest';
import { ingressBackend, servedByController } from '../../src/ingress/route.js';
import type { Ingress, IngressRule } from '../../src/api/networking/ingress/schema.js';
import type { IngressClass } from '../../src/api/networking/ingressclass/schema.js';

let seq = 0;
function ing(name: string, spec: Ingress['spec'], meta: Partial<Ingress['metadata']> = {}): Ingress {
  seq += 1;
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name, namespace: 'default', creationTimestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(), ...meta },
    spec,
  };
}
const path = (p: string | undefined, pathType: string | undefined, svc: string, port = 80) =>
  ({ path: p, pathType, backend: { service: { name: svc, port: { number: port } } } });
const rule = (host: string | undefined, ...paths: ReturnType<typeof path>[]): IngressRule => ({ host, http: { paths } });

const nginx: IngressClass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };
const other: IngressClass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } };

/** The service name a request reaches, or 404 for the controller's default backend. */
function to(ingresses: Ingress[], host: string, p: string): string {
  const m = ingressBackend(ingresses, [nginx, other], host, p);
  if ('redirect' in m) return `301 ${m.redirect}`;
  return 'defaultBackend' in m ? '404' : `${m.service.name}:${m.port.number ?? m.port.name}`;
}

describe('path types', () => {
  const ingresses = [ing('paths', { rules: [rule('foo.bar',
    path('/exact', 'Exact', 'exact'),
    path('/prefix', 'Prefix', 'prefix'),
    path('/slash/', 'Prefix', 'slash'),
    path('/impl', 'ImplementationSpecific', 'impl'),
  )] })];
  test.each([
    ['/exact', 'exact:80'], ['/exact/', '404'], ['/exactly', '404'],
    ['/prefix', 'prefix:80'], ['/prefix/', 'prefix:80'], ['/prefix/a/b', 'prefix:80'], ['/prefixes', '404'],
    ['/slash/', 'slash:80'], ['/slash/x', 'slash:80'],
    // nginx's auto_redirect of a proxied location whose name ends in a slash.
    ['/slash', '301 /slash/'], ['/slash?q=1', '301 /slash/?q=1'],
    // ImplementationSpecific is an nginx prefix location: a plain string prefix.
    ['/impl', 'impl:80'], ['/implementation', 'impl:80'], ['/impl/x', 'impl:80'],
    ['/', '404'], ['/other', '404'], ['/prefix?x=1', 'prefix:80'],
  ])('%s → %s', (p, want) => expect(to(ingresses, 'foo.bar', p)).toBe(want));
});

describe('precedence', () => {
  test('an exact location beats any prefix; the longest prefix wins', () => {
    const ingresses = [ing('a', { rules: [rule('h.example.com',
      path('/', 'Prefix', 'root'), path('/api', 'Prefix', 'api'), path('/api/v1', 'Prefix', 'v1'), path('/api/v1', 'Exact', 'v1-exact'),
    )] })];
    expect(to(ingresses, 'h.example.com', '/api/v1')).toBe('v1-exact:80');
    expect(to(ingresses, 'h.example.com', '/api/v1/pods')).toBe('v1:80');
    expect(to(ingresses, 'h.example.com', '/api/v2')).toBe('api:80');
    expect(to(ingresses, 'h.example.com', '/apis')).toBe('root:80');
    expect(to(ingresses, 'h.example.com', '/')).toBe('root:80');
  });

  test('the older Ingress keeps a location both claim; the newer adds its other paths', () => {
    const older = ing('older', { rules: [rule('shared.io', path('/app', 'Prefix', 'old'))] });
    const newer = ing('newer', { rules: [rule('shared.io', path('/app', 'Prefix', 'new'), path('/new', 'Prefix', 'only-new'))] });
    expect(to([newer, older], 'shared.io', '/app')).toBe('old:80');
    expect(to([newer, older], 'shared.io', '/new/x')).toBe('only-new:80');
  });
});

describe('hosts', () => {
  const ingresses = [ing('hosts', { rules: [
    rule('foo.bar.com', path('/', 'Prefix', 'exact-host')),
    rule('*.bar.com', path('/', 'Prefix', 'wildcard')),
    rule('*.baz.bar.com', path('/', 'Prefix', 'longer-wildcard')),
    rule(undefined, path('/any', 'Prefix', 'no-host')),
  ] })];
  test.each([
    ['foo.bar.com', '/', 'exact-host:80'],
    ['FOO.bar.com:8080', '/', 'exact-host:80'],
    ['x.bar.com', '/', 'wildcard:80'],
    // nginx's `*.bar.com` matches any depth of subdomain.
    ['a.b.bar.com', '/', 'wildcard:80'],
    ['q.baz.bar.com', '/', 'longer-wildcard:80'],
    ['bar.com', '/', '404'],
    ['bar.com', '/any', 'no-host:80'],
    ['unknown.io', '/any/thing', 'no-host:80'],
    ['unknown.io', '/', '404'],
    // A named server does not fall through to the rules without host.
    ['foo.bar.com', '/any', 'exact-host:80'],
  ])('%s%s → %s', (host, p, want) => expect(to(ingresses, host, p)).toBe(want));
});

describe('defaultBackend', () => {
  test('an Ingress with only a defaultBackend is the catch-all server', () => {
    const ingresses = [ing('catch-all', { defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } } })];
    expect(to(ingresses, 'anything.io', '/x')).toBe('fallback:http');
  });

  test("an Ingress's defaultBackend is the root of its own hosts only", () => {
    const ingresses = [
      ing('with-default', { defaultBackend: { service: { name: 'mine', port: { number: 8080 } } }, rules: [rule('mine.io', path('/a', 'Exact', 'a'))] }),
      ing('plain', { rules: [rule('theirs.io', path('/a', 'Exact', 'a'))] }),
    ];
    expect(to(ingresses, 'mine.io', '/a')).toBe('a:80');
    expect(to(ingresses, 'mine.io', '/b')).toBe('mine:8080');
    expect(to(ingresses, 'theirs.io', '/b')).toBe('404');
    expect(to(ingresses, 'other.io', '/b')).toBe('404');
  });
});

describe('ingress class', () => {
  const a = ing('annotated', { rules: [rule('a.io', path('/', 'Prefix', 'a'))] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } });
  const b = ing('annotated-other', { rules: [rule('b.io', path('/', 'Prefix', 'b'))] }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } });
  const c = ing('class-nginx', { ingressClassName: 'nginx', rules: [rule('c.io', path('/', 'Prefix', 'c'))] });
  const d = ing('class-other', { ingressClassName: 'traefik', rules: [rule('d.io', path('/', 'Prefix', 'd'))] });
  const e = ing('class-missing', { ingressClassName: 'gone', rules: [rule('e.io', path('/', 'Prefix', 'e'))] });
  const f = ing('no-class', { rules: [rule('f.io', path('/', 'Prefix', 'f'))] });
  test.each([[a, true], [b, false], [c, true], [d, false], [e, false], [f, true]] as const)('%#', (i, served) => {
    expect(servedByController(i, [nginx, other])).toBe(served);
    expect(to([a, b, c, d, e, f], i.spec!.rules![0].host!, '/') !== '404').toBe(served);
  });
});

describe('use-regex and rewrite-target', () => {
  const rewrite = (p: string) => {
    const m = ingressBackend(kindUsage, [nginx], 'localhost', p);
    return 'defaultBackend' in m || 'redirect' in m ? '404' : `${m.service.name} ${m.rewrite}`;
  };
  // kind's ingress guide (examples/ingress/usage.yaml).
  const kindUsage = [ing('example-ingress', { rules: [{ http: { paths: [
    path('/foo(/|$)(.*)', 'Prefix', 'foo-service', 8080), path('/bar(/|$)(.*)', 'Prefix', 'bar-service', 8080),
  ] } }] }, { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } })];
  test.each([
    ['/foo/hostname', 'foo-service /hostname'], ['/foo', 'foo-service /'], ['/FOO/x?y=1', 'foo-service /x?y=1'],
    ['/bar/a/b', 'bar-service /a/b'], ['/foobar', '404'], ['/', '404'],
  ])('%s → %s', (p, want) => expect(rewrite(p)).toBe(want));

  test('one regex location makes every location of the server a `~* "^path"` one, tried longest first', () => {
    const plain = ing('plain', { rules: [rule('r.io', path('/exact', 'Exact', 'exact'), path('/app', 'Prefix', 'app'))] });
    const regex = ing('regex', { rules: [rule('r.io', path('/a.+', 'ImplementationSpecific', 'regex'))] },
      { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });
    expect(to([plain, regex], 'r.io', '/exactly')).toBe('exact:80');
    expect(to([plain, regex], 'r.io', '/apple')).toBe('app:80');
    expect(to([plain, regex], 'r.io', '/abc')).toBe('regex:80');
    expect(to([plain], 'r.io', '/exactly')).toBe('404');
    // Another host is a server of its own, with plain locations.
    expect(to([plain, regex, ing('other', { rules: [rule('o.io', path('/app', 'Prefix', 'other'))] })], 'o.io', '/apple')).toBe('404');
  });

  test('rewrite-target / replaces the whole path', () => {
    const r = ingressBackend([ing('rw', { rules: [rule('x.io', path('/api', 'Prefix', 'api'))] },
      { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } })], [nginx], 'x.io', '/api/v1/items');
    expect('service' in r ? r.rewrite : '404').toBe('/');
  });
});
