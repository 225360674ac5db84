// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintNamespace,
// TestPrintSecret, TestPrintServiceAccount; and printConfigMap (no upstream test: Data counts
// data and binaryData keys).
import { describe, expect, test } from 'vitest';
import { printConfigMap } from '../../src/api/core/configmap/table.js';
import { printNamespace } from '../../src/api/core/namespace/table.js';
import { printSecret } from '../../src/api/core/secret/table.js';
import { printServiceAccount } from '../../src/api/core/serviceaccount/table.js';
import { defaultTableHandler, tableHandlerFor, tableHandlers } from '../../src/api/tables.js';
import { builtinKinds } from '../../src/api/registry.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const opts = { now: NOW, wide: false };
// time.Now().Add(1.9e9): 1.9s in the future, "almost now"
const almostNow = new Date(NOW + 1900).toISOString();

describe('printNamespace (TestPrintNamespace)', () => {
  test('with status and age', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace' as const, metadata: { name: 'namespace1', creationTimestamp: almostNow }, status: { phase: 'FooStatus' } };
    expect(printNamespace(ns, opts)[0].cells).toEqual(['namespace1', 'FooStatus', '0s']);
  });
  test('without status or age', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace' as const, metadata: { name: 'namespace2' } };
    expect(printNamespace(ns, opts)[0].cells).toEqual(['namespace2', '', '<unknown>']);
  });
});

describe('printSecret (TestPrintSecret)', () => {
  test('with type, data, and age', () => {
    const s = { apiVersion: 'v1', kind: 'Secret' as const, metadata: { name: 'secret1', creationTimestamp: almostNow }, type: 'kubernetes.io/service-account-token', data: { token: 'c2VjcmV0IGRhdGE=' } };
    expect(printSecret(s, opts)[0].cells).toEqual(['secret1', 'kubernetes.io/service-account-token', 1, '0s']);
  });
  test('with type and age; no data', () => {
    const s = { apiVersion: 'v1', kind: 'Secret' as const, metadata: { name: 'secret1', creationTimestamp: almostNow }, type: 'kubernetes.io/service-account-token' };
    expect(printSecret(s, opts)[0].cells).toEqual(['secret1', 'kubernetes.io/service-account-token', 0, '0s']);
  });
  test('stringData keys count as data (the conversion folds them in)', () => {
    const s = { apiVersion: 'v1', kind: 'Secret' as const, metadata: { name: 's' }, type: 'Opaque', data: { a: 'eA==' }, stringData: { a: 'y', b: 'z' } };
    expect(printSecret(s, opts)[0].cells).toEqual(['s', 'Opaque', 2, '<unknown>']);
  });
});

describe('printServiceAccount (TestPrintServiceAccount)', () => {
  test('without secrets', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount' as const, metadata: { name: 'sa1', creationTimestamp: almostNow }, secrets: [] };
    expect(printServiceAccount(sa, opts)[0].cells).toEqual(['sa1', 0, '0s']);
  });
  test('with two secrets', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount' as const, metadata: { name: 'sa1', creationTimestamp: almostNow }, secrets: [{ name: 'Secret1' }, { name: 'Secret2' }] };
    expect(printServiceAccount(sa, opts)[0].cells).toEqual(['sa1', 2, '0s']);
  });
});

describe('printConfigMap', () => {
  test('counts data and binaryData keys', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap' as const, metadata: { name: 'kube-root-ca.crt', creationTimestamp: new Date(NOW - 47 * 3600e3).toISOString() }, data: { 'ca.crt': 'x' }, binaryData: { 'b.bin': 'AA==' } };
    expect(printConfigMap(cm, opts)[0].cells).toEqual(['kube-root-ca.crt', 2, '47h']);
  });
  test('empty', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap' as const, metadata: { name: 'e' } };
    expect(printConfigMap(cm, opts)[0].cells).toEqual(['e', 0, '<unknown>']);
  });
});

describe('tableHandlers', () => {
  test('every builtin kind has a printer whose first column is its name column', () => {
    for (const k of builtinKinds) {
      const h = tableHandlerFor(k.kind);
      expect(h).not.toBe(defaultTableHandler);
      expect(h).toBe(tableHandlers[k.kind]);
    }
  });

  test('column headers as kubectl prints them', () => {
    const headers = (kind: string, wide: boolean) => tableHandlerFor(kind).columns
      .filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase()).join(' | ');
    expect(headers('Pod', true)).toBe('NAME | READY | STATUS | RESTARTS | AGE | IP | NODE | NOMINATED NODE | READINESS GATES');
    expect(headers('Node', true)).toBe('NAME | STATUS | ROLES | AGE | VERSION | INTERNAL-IP | EXTERNAL-IP | OS-IMAGE | KERNEL-VERSION | CONTAINER-RUNTIME');
    expect(headers('Service', true)).toBe('NAME | TYPE | CLUSTER-IP | EXTERNAL-IP | PORT(S) | AGE | SELECTOR');
    expect(headers('Event', false)).toBe('LAST SEEN | TYPE | REASON | OBJECT | MESSAGE');
    expect(headers('Event', true)).toBe('LAST SEEN | TYPE | REASON | OBJECT | SUBOBJECT | SOURCE | MESSAGE | FIRST SEEN | COUNT | NAME');
    expect(headers('Namespace', false)).toBe('NAME | STATUS | AGE');
    expect(headers('ConfigMap', false)).toBe('NAME | DATA | AGE');
    expect(headers('Secret', false)).toBe('NAME | TYPE | DATA | AGE');
    expect(headers('ServiceAccount', false)).toBe('NAME | SECRETS | AGE');
  });

  test('a kind without a printer gets NAME and AGE', () => {
    const h = tableHandlerFor('Widget');
    expect(h).toBe(defaultTableHandler);
    expect(h.columns.map((c) => [c.name, c.format])).toEqual([['Name', 'name'], ['Age', '']]);
    const obj = { metadata: { name: 'w1', creationTimestamp: new Date(NOW - 190e3).toISOString() } };
    expect(h.rows(obj, opts)).toEqual([{ cells: ['w1', '3m10s'], object: obj }]);
  });
});

describe('printLease', () => {
  test('holder and age; an unset holder prints empty', async () => {
    const { printLease } = await import('../../src/api/coordination/lease/table.js');
    const l = (spec: Record<string, unknown>) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' as const, metadata: { name: 'l', creationTimestamp: almostNow }, spec });
    expect(printLease(l({ holderIdentity: 'node-1' }), opts)[0].cells).toEqual(['l', 'node-1', '0s']);
    expect(printLease(l({}), opts)[0].cells).toEqual(['l', '', '0s']);
  });
});
