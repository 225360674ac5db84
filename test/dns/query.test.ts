// CoreDNS's kubernetes plugin answers (CoreDNS 1.11 plugin/kubernetes and backend_lookup.go).
import { describe, expect, test } from 'vitest';
import { queryCluster } from '../../src/dns/query.js';
import { cluster } from './fixtures.js';

const SOA = { name: 'cluster.local', type: 'SOA', ttl: 30, data: 'ns.dns.cluster.local hostmaster.cluster.local 1796050800 7200 1800 86400 30' };

describe('queryCluster', () => {
  const c = cluster();

  test('a ClusterIP Service is its ClusterIP', () => {
    expect(queryCluster(c, 'kubernetes.default.svc.cluster.local.', 'A')).toEqual({
      rcode: 'NOERROR', authoritative: true,
      answers: [{ name: 'kubernetes.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.96.0.1' }],
    });
  });

  test('names match case-insensitively and keep the case asked', () => {
    expect(queryCluster(c, 'NGINX.Default.svc.cluster.local', 'A').answers).toEqual([{ name: 'NGINX.Default.svc.cluster.local', type: 'A', ttl: 30, data: '10.96.45.12' }]);
  });

  test('no AAAA for an IPv4 Service: NODATA with the SOA', () => {
    expect(queryCluster(c, 'nginx.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', answers: [], authoritative: true, authority: [SOA] });
  });

  test('unknown Service, unknown namespace, wrong label: NXDOMAIN', () => {
    for (const q of ['nope.default.svc.cluster.local', 'nginx.nope.svc.cluster.local', 'nginx.default.cluster.local', 'nginx.svc.cluster.local', 'a.b.nginx.default.svc.cluster.local'])
      expect(queryCluster(c, q, 'A'), q).toEqual({ rcode: 'NXDOMAIN', answers: [], authoritative: true, authority: [SOA] });
  });

  test('the namespace and svc levels exist without records', () => {
    for (const q of ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'])
      expect(queryCluster(c, q, 'A').rcode, q).toBe('NOERROR');
  });

  test('a headless Service is its ready endpoints', () => {
    expect(queryCluster(c, 'mysql.default.svc.cluster.local', 'A').answers).toEqual([
      { name: 'mysql.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.1.8' },
      { name: 'mysql.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.2.4' },
    ]);
  });

  test('a StatefulSet pod by hostname.subdomain; a not-ready one is not published', () => {
    expect(queryCluster(c, 'mysql-1.mysql.default.svc.cluster.local', 'A').answers).toEqual([{ name: 'mysql-1.mysql.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.2.4' }]);
    expect(queryCluster(c, 'mysql-2.mysql.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  test('endpoints of a ClusterIP Service by dashed address', () => {
    expect(queryCluster(c, '10-244-2-7.nginx.default.svc.cluster.local', 'A').answers).toEqual([{ name: '10-244-2-7.nginx.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.2.7' }]);
  });

  test('SRV for a named port of a ClusterIP Service', () => {
    expect(queryCluster(c, '_http._tcp.nginx.default.svc.cluster.local', 'SRV')).toEqual({
      rcode: 'NOERROR', authoritative: true,
      answers: [{ name: '_http._tcp.nginx.default.svc.cluster.local', type: 'SRV', ttl: 30, data: '0 100 80 nginx.default.svc.cluster.local' }],
      additional: [{ name: 'nginx.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.96.45.12' }],
    });
    expect(queryCluster(c, '_http._udp.nginx.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  test('SRV for a headless Service: one per endpoint, weights sharing 100', () => {
    expect(queryCluster(c, '_mysql._tcp.mysql.default.svc.cluster.local', 'SRV')).toEqual({
      rcode: 'NOERROR', authoritative: true,
      answers: [
        { name: '_mysql._tcp.mysql.default.svc.cluster.local', type: 'SRV', ttl: 30, data: '0 50 3306 mysql-0.mysql.default.svc.cluster.local' },
        { name: '_mysql._tcp.mysql.default.svc.cluster.local', type: 'SRV', ttl: 30, data: '0 50 3306 mysql-1.mysql.default.svc.cluster.local' },
      ],
      additional: [
        { name: 'mysql-0.mysql.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.1.8' },
        { name: 'mysql-1.mysql.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.2.4' },
      ],
    });
  });

  test('kube-dns SRV on the Service name lists every port', () => {
    expect(queryCluster(c, 'kube-dns.kube-system.svc.cluster.local', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 33 53 kube-dns.kube-system.svc.cluster.local', '0 33 9153 kube-dns.kube-system.svc.cluster.local',
    ]);
  });

  test('ExternalName: a CNAME; upstream cannot be reached so it stands alone', () => {
    expect(queryCluster(c, 'db.default.svc.cluster.local', 'A').answers).toEqual([{ name: 'db.default.svc.cluster.local', type: 'CNAME', ttl: 30, data: 'db.example.com' }]);
  });

  test('ExternalName inside the cluster: the CNAME and the target\'s address', () => {
    expect(queryCluster(c, 'web.default.svc.cluster.local', 'A').answers).toEqual([
      { name: 'web.default.svc.cluster.local', type: 'CNAME', ttl: 30, data: 'nginx.default.svc.cluster.local' },
      { name: 'nginx.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.96.45.12' },
    ]);
  });

  test('pods insecure: any dashed address in an existing namespace', () => {
    expect(queryCluster(c, '10-244-1-3.default.pod.cluster.local', 'A').answers).toEqual([{ name: '10-244-1-3.default.pod.cluster.local', type: 'A', ttl: 30, data: '10.244.1.3' }]);
    expect(queryCluster(c, '1-2-3-4.default.pod.cluster.local', 'A').answers[0].data).toBe('1.2.3.4');
    expect(queryCluster(c, 'busybox.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(queryCluster(c, '10-244-1-3.nope.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  test('PTR: a ClusterIP names its Service, an endpoint its hostname under the Service', () => {
    expect(queryCluster(c, '10.0.96.10.in-addr.arpa', 'PTR')).toEqual({ rcode: 'NOERROR', authoritative: true,
      answers: [{ name: '10.0.96.10.in-addr.arpa', type: 'PTR', ttl: 30, data: 'kube-dns.kube-system.svc.cluster.local' }] });
    expect(queryCluster(c, '8.1.244.10.in-addr.arpa', 'PTR').answers[0].data).toBe('mysql-0.mysql.default.svc.cluster.local');
    expect(queryCluster(c, '5.1.244.10.in-addr.arpa', 'PTR').answers[0].data).toBe('10-244-1-5.nginx.default.svc.cluster.local');
  });

  test('what the plugin does not know goes upstream, which cannot be reached: SERVFAIL', () => {
    expect(queryCluster(c, '3.1.244.10.in-addr.arpa', 'PTR')).toEqual({ rcode: 'SERVFAIL', answers: [] });
    expect(queryCluster(c, 'google.com', 'A')).toEqual({ rcode: 'SERVFAIL', answers: [] });
    expect(queryCluster(c, 'kubernetes.default', 'A')).toEqual({ rcode: 'SERVFAIL', answers: [] });
  });
});
