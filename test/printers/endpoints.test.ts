// `kubectl get endpoints` and `kubectl get endpointslices` rows. The slice cases are
// TestPrintEndpointSlice from pkg/printers/internalversion/printers_test.go (v1.32); the
// Endpoints cases follow formatEndpoints in printers.go: ready addresses only, `ip:port` per
// port, three at most, then `+ N more...`.
import { describe, expect, test } from 'vitest';
import type { Endpoints } from '../../src/api/core/endpoints/schema.js';
import { endpointsTable } from '../../src/api/core/endpoints/table.js';
import type { EndpointSlice } from '../../src/api/discovery/endpointslice/schema.js';
import { endpointSliceTable } from '../../src/api/discovery/endpointslice/table.js';
import type { TableHandler } from '../../src/api/table.js';
import { printTable } from '../../src/cli/printers/table.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const almostNow = new Date(NOW + 1900).toISOString();
const fiveMinutesAgo = new Date(NOW - 300_000).toISOString();

function print<T>(h: TableHandler<T>, objs: T[], noHeaders = true): string {
  const rows = objs.flatMap((o) => h.rows(o, { now: NOW, wide: false }));
  return printTable({ columnDefinitions: [...h.columns], rows }, { noHeaders });
}

const slice = (name: string, created: string, ports: [string, number][], endpoints: string[][]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, creationTimestamp: created }, addressType: 'IP',
  ports: ports.map(([n, p]) => ({ name: n, port: p, protocol: 'TCP' })), endpoints: endpoints.map((addresses) => ({ addresses })),
});

describe('printEndpointSlice (TestPrintEndpointSlice)', () => {
  test('one port, one endpoint with two addresses', () => {
    expect(print(endpointSliceTable, [slice('abcslice.123', almostNow, [['http', 80]], [['10.1.2.3', '2001:db8::1234:5678']])]))
      .toBe('abcslice.123   IP    80    10.1.2.3,2001:db8::1234:5678   0s\n');
  });
  test('more than three addresses', () => {
    expect(print(endpointSliceTable, [slice('longerslicename.123', fiveMinutesAgo, [['http', 80], ['https', 443]],
      [['10.1.2.3', '2001:db8::1234:5678'], ['10.2.3.4', '2001:db8::2345:6789']])]))
      .toBe('longerslicename.123   IP    80,443   10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...   5m\n');
  });
  test('more than three ports', () => {
    expect(print(endpointSliceTable, [slice('multiportslice.123', fiveMinutesAgo, [['http', 80], ['https', 443], ['extra1', 3000], ['extra2', 3001]],
      [['10.1.2.3', '2001:db8::1234:5678'], ['10.2.3.4', '2001:db8::2345:6789']])]))
      .toBe('multiportslice.123   IP    80,443,3000 + 1 more...   10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...   5m\n');
  });
  test('a placeholder slice: no ports, no endpoints', () => {
    const s: EndpointSlice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x2b7q', creationTimestamp: fiveMinutesAgo }, addressType: 'IPv4' };
    expect(print(endpointSliceTable, [s], false)).toBe('NAME        ADDRESSTYPE   PORTS     ENDPOINTS   AGE\nweb-x2b7q   IPv4          <unset>   <unset>     5m\n');
  });
});

const ep = (name: string, subsets: Endpoints['subsets']): Endpoints => ({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name, creationTimestamp: fiveMinutesAgo }, ...(subsets ? { subsets } : {}),
});

describe('printEndpoints', () => {
  test('no subsets: <none>', () => {
    expect(print(endpointsTable, [ep('web', undefined)], false)).toBe('NAME   ENDPOINTS   AGE\nweb    <none>      5m\n');
  });
  test('ready addresses per port; not-ready ones are not shown', () => {
    expect(print(endpointsTable, [ep('web', [{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.3' }], notReadyAddresses: [{ ip: '10.244.2.4' }],
      ports: [{ port: 6379, protocol: 'TCP' }] }])])).toBe('web   10.244.1.2:6379,10.244.2.3:6379   5m\n');
  });
  test('only not-ready addresses: an empty cell', () => {
    expect(print(endpointsTable, [ep('web', [{ notReadyAddresses: [{ ip: '10.244.2.4' }], ports: [{ port: 80, protocol: 'TCP' }] }])]))
      .toBe('web         5m\n');
  });
  test('ports in order, addresses within each, three at most (kube-dns)', () => {
    expect(print(endpointsTable, [ep('kube-dns', [{ addresses: [{ ip: '10.244.0.2' }, { ip: '10.244.0.4' }],
      ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] }])]))
      .toBe('kube-dns   10.244.0.2:53,10.244.0.4:53,10.244.0.2:53 + 3 more...   5m\n');
  });
  test('a subset without ports lists bare IPs; IPv6 hosts are bracketed', () => {
    expect(print(endpointsTable, [ep('db', [{ addresses: [{ ip: '10.244.1.9' }] }, { addresses: [{ ip: 'fd00::5' }], ports: [{ port: 5432, protocol: 'TCP' }] }])]))
      .toBe('db    10.244.1.9,[fd00::5]:5432   5m\n');
  });
});
