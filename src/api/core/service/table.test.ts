// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintService,
// TestPrintServiceLoadBalancer.
import { describe, expect, test } from 'vitest';
import { printService } from './table.js';
import type { Service } from './schema.js';
import type { TableCell } from '../../table.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');

type Spec = NonNullable<Service['spec']>;
type Status = NonNullable<Service['status']>;

function svc(name: string, spec: Spec, status?: Status): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec, ...(status ? { status } : {}) };
}
const lb = (...ingress: Array<{ ip?: string; hostname?: string }>): Status => ({ loadBalancer: { ingress } });

function cells(s: Service, wide = false): TableCell[] {
  const rows = printService(s, { now: NOW, wide });
  expect(rows).toHaveLength(1);
  expect(rows[0].object).toBe(s);
  return rows[0].cells;
}

const singleExternalIP = ['80.11.12.10'];
const mulExternalIP = ['80.11.12.10', '80.11.12.11'];

describe('printService (TestPrintService)', () => {
  test.each<[string, Service, boolean, TableCell[]]>([
    ['name, cluster ip, port with protocol',
      svc('test1', { type: 'ClusterIP', ports: [{ protocol: 'tcp', port: 2233 }], clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' } }), false,
      ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>']],
    ['wide includes selectors',
      svc('test1', { type: 'ClusterIP', ports: [{ protocol: 'tcp', port: 2233 }], clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' } }), true,
      ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>', 'foo=bar']],
    ['NodePort service',
      svc('test2', { type: 'NodePort', ports: [{ protocol: 'tcp', port: 8888, nodePort: 9999 }], clusterIPs: ['10.9.8.7'] }), false,
      ['test2', 'NodePort', '10.9.8.7', '<none>', '8888:9999/tcp', '<unknown>']],
    ['LoadBalancer service',
      svc('test3', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'] }), false,
      ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888/tcp', '<unknown>']],
    ['LoadBalancer service with single ExternalIP and no LoadBalancerStatus',
      svc('test4', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: singleExternalIP }), false,
      ['test4', 'LoadBalancer', '10.9.8.7', '80.11.12.10', '8888/tcp', '<unknown>']],
    ['LoadBalancer service with single ExternalIP',
      svc('test5', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: singleExternalIP },
        lb({ ip: '3.4.5.6', hostname: 'test.cluster.com' })), false,
      ['test5', 'LoadBalancer', '10.9.8.7', '3.4.5.6,80.11.12.10', '8888/tcp', '<unknown>']],
    ['LoadBalancer service with mul ExternalIPs',
      svc('test6', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: mulExternalIP },
        lb({ ip: '2.3.4.5', hostname: 'test.cluster.local' }, { ip: '3.4.5.6', hostname: 'test.cluster.com' })), false,
      ['test6', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11', '8888/tcp', '<unknown>']],
    ['ExternalName service',
      svc('test7', { type: 'ExternalName', externalName: 'my.database.example.com' }), false,
      ['test7', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '<unknown>']],
  ])('%s', (_name, s, wide, want) => {
    expect(cells(s, wide)).toEqual(want);
  });
});

describe('printService load balancers (TestPrintServiceLoadBalancer)', () => {
  test.each<[string, Service, boolean, TableCell[]]>([
    ['multiple external IPs',
      svc('service1', { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' })), false,
      ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>']],
    ['pending external IP',
      svc('service2', { clusterIPs: ['1.3.4.5'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }, { port: 7777, protocol: 'SCTP' }] }), false,
      ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '<unknown>']],
    ['multiple ports',
      svc('service3', { clusterIPs: ['1.4.5.6'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }] }, lb({ ip: '2.3.4.5' })), false,
      ['service3', 'LoadBalancer', '1.4.5.6', '2.3.4.5', '80/TCP,8090/UDP,8000/TCP', '<unknown>']],
    ['long external IP list gets elided',
      svc('service4', { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }] },
        lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' })), false,
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5...', '80/TCP,8090/UDP,8000/TCP', '<unknown>']],
    ['wide: not elided, and selectors',
      svc('service4', { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }], selector: { foo: 'bar' } },
        lb({ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' })), true,
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '<unknown>', 'foo=bar']],
  ])('%s', (_name, s, wide, want) => {
    expect(cells(s, wide)).toEqual(want);
  });
});

describe('printService for the Services a cluster has', () => {
  test('the kubernetes Service', () => {
    const s = svc('kubernetes', {
      type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    });
    s.metadata.creationTimestamp = new Date(NOW - 2 * 24 * 3600e3).toISOString();
    expect(cells(s, true)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '2d', '<none>']);
  });

  test('kube-dns: several ports, selector sorted as k=v strings', () => {
    const s = svc('kube-dns', {
      type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }],
      selector: { 'k8s-app': 'kube-dns', k8s: 'x' },
    });
    expect(cells(s, true)).toEqual(['kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '<unknown>', 'k8s-app=kube-dns,k8s=x']);
  });

  test('a headless Service shows None', () => {
    const s = svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(cells(s)).toEqual(['db', 'ClusterIP', 'None', '<none>', '5432/TCP', '<unknown>']);
  });

  test('a Service without ports or selector', () => {
    const s = svc('empty', { type: 'ClusterIP', clusterIPs: ['10.96.3.3'] });
    expect(cells(s, true)).toEqual(['empty', 'ClusterIP', '10.96.3.3', '<none>', '<none>', '<unknown>', '<none>']);
  });

  test('an object with only the singular clusterIP reads as clusterIPs after conversion', () => {
    const s = svc('old', { type: 'NodePort', clusterIP: '10.96.7.7', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] });
    expect(cells(s)).toEqual(['old', 'NodePort', '10.96.7.7', '<none>', '80:30080/TCP', '<unknown>']);
  });

  test('NodePort with external IPs', () => {
    const s = svc('np', { type: 'NodePort', clusterIPs: ['10.96.1.1'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }] });
    expect(cells(s)).toEqual(['np', 'NodePort', '10.96.1.1', '1.2.3.4,5.6.7.8', '80:30001/TCP', '<unknown>']);
  });

  test('an unknown type', () => {
    expect(cells(svc('odd', { type: 'Weird', clusterIPs: ['10.96.1.2'] }))).toEqual(['odd', 'Weird', '10.96.1.2', '<unknown>', '<none>', '<unknown>']);
  });
});
