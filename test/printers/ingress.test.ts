// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintIngress,
// TestPrintIngressClass; plus formatHosts' "+ N more..." and the 16-byte ADDRESS clip.
import { describe, expect, test } from 'vitest';
import { formatHosts, printIngress } from '../../src/api/networking/ingress/table.js';
import { printIngressClass } from '../../src/api/networking/ingressclass/table.js';
import type { Ingress } from '../../src/api/networking/ingress/schema.js';
import type { IngressClass } from '../../src/api/networking/ingressclass/schema.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const yearsAgo = (y: number) => new Date(NOW - y * 365 * 24 * 3600e3).toISOString();
const opts = { now: NOW, wide: false };

describe('printIngress (TestPrintIngress)', () => {
  const ingress: Ingress = {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'test1', creationTimestamp: yearsAgo(10) },
    spec: { ingressClassName: 'foo', defaultBackend: { service: { name: 'default-backend', port: { name: 'default-backend', number: 80 } } } },
    status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
  };
  test('class, no rules, an IP before its hostname', () => {
    expect(printIngress(ingress, opts)[0].cells).toEqual(['test1', 'foo', '*', '2.3.4.5', '80', '10y']);
  });
  test('no class, TLS, several addresses clipped unless wide', () => {
    const ing: Ingress = {
      ...ingress,
      spec: { tls: [{ hosts: ['a.io'] }], rules: [{ host: 'a.io' }, { host: 'b.io' }] },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.3' }, { ip: '172.18.0.2' }, { hostname: 'localhost' }] } },
    };
    expect(printIngress(ing, opts)[0].cells).toEqual(['test1', '<none>', 'a.io,b.io', '172.18.0.2,17...', '80, 443', '10y']);
    expect(printIngress(ing, { ...opts, wide: true })[0].cells[3]).toBe('172.18.0.2,172.18.0.3,localhost');
  });
});

describe('formatHosts', () => {
  test.each([
    [[], '*'],
    [[{}, {}], '*'],
    [[{ host: 'a' }, {}, { host: 'b' }], 'a,b'],
    [[{ host: 'a' }, { host: 'b' }, { host: 'c' }], 'a,b,c'],
    [[{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }], 'a,b,c + 2 more...'],
    [[{}, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }], 'b,c,d + 2 more...'],
  ])('%j → %s', (rules, want) => expect(formatHosts(rules)).toBe(want));
});

describe('printIngressClass (TestPrintIngressClass)', () => {
  const ic = (name: string, years: number, spec: IngressClass['spec']): IngressClass =>
    ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, creationTimestamp: yearsAgo(years) }, spec });
  test.each([
    ['example with params', ic('test1', 10, { controller: 'example.com/controller', parameters: { kind: 'customgroup', name: 'example' } }),
      ['test1', 'example.com/controller', 'customgroup/example', '10y']],
    ['example with params + API Group', ic('test1', 10, { controller: 'example.com/controller', parameters: { apiGroup: 'example.com', kind: 'customgroup', name: 'example' } }),
      ['test1', 'example.com/controller', 'customgroup.example.com/example', '10y']],
    ['example without params', ic('test2', 11, { controller: 'example.com/controller2' }),
      ['test2', 'example.com/controller2', '<none>', '11y']],
  ] as const)('%s', (_n, obj, want) => expect(printIngressClass(obj, opts)[0].cells).toEqual(want));
});
