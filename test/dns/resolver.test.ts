// The pod resolver over resolv.conf, and what reaches a nameserver.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { exchange, resolveHost } from '../../src/dns/resolver.js';
import { podResolvConf } from '../../src/dns/resolv-conf.js';
import { CLUSTER_FIRST, cluster, pod } from './fixtures.js';

describe('podResolvConf (kubelet GetPodDNS, containerd\'s file)', () => {
  const p = (spec: Partial<Pod['spec']>, ns = 'default'): Pod => { const x = pod(ns, 'p', '10.244.1.3'); x.spec = { ...x.spec, ...spec }; return x; };

  test('ClusterFirst: the namespace search list, kube-dns, ndots:5', () => {
    expect(podResolvConf(p({}, 'luffy'))).toBe('search luffy.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  test('Default, and ClusterFirst on the host network: the node\'s resolver', () => {
    expect(podResolvConf(p({ dnsPolicy: 'Default' }))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(podResolvConf(p({ dnsPolicy: 'ClusterFirst', hostNetwork: true }))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(podResolvConf(p({ dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }))).toBe(CLUSTER_FIRST);
  });

  test('None takes dnsConfig alone; dnsConfig is appended to other policies, options merged by name', () => {
    expect(podResolvConf(p({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } })))
      .toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n');
    expect(podResolvConf(p({ dnsConfig: { searches: ['svc.cluster.local', 'corp'], options: [{ name: 'ndots', value: '1' }] } })))
      .toBe('search default.svc.cluster.local svc.cluster.local cluster.local corp\nnameserver 10.96.0.10\noptions ndots:1\n');
  });
});

describe('exchange', () => {
  test('kube-dns answers while it has ready endpoints; without them kube-proxy rejects', () => {
    const c = cluster();
    expect(exchange(c, '10.96.0.10', 'nginx.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR' });
    c.slices = c.slices.map((s) => (s.metadata.name.startsWith('kube-dns') ? { ...s, endpoints: [] } : s));
    expect(exchange(c, '10.96.0.10', 'nginx.default.svc.cluster.local', 'A')).toEqual({ timeout: true, refused: true });
  });

  test('a CoreDNS pod answers on its own IP; an unknown address never does', () => {
    const c = cluster();
    expect(exchange(c, '10.244.0.3', 'kubernetes.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR' });
    expect(exchange(c, '8.8.8.8', 'kubernetes.default.svc.cluster.local', 'A')).toEqual({ timeout: true });
    expect(exchange(c, '10.96.45.12', 'kubernetes.default.svc.cluster.local', 'A')).toEqual({ timeout: true });
  });

  test('the node resolver knows the nodes and fails the rest', () => {
    const c = { ...cluster(), nodes: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'kind-worker' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] } }] } as Parameters<typeof exchange>[0];
    expect(exchange(c, '172.18.0.1', 'kind-worker', 'A')).toEqual({ rcode: 'NOERROR', answers: [{ name: 'kind-worker', type: 'A', ttl: 600, data: '172.18.0.3' }] });
    expect(exchange(c, '172.18.0.1', 'nginx.default.svc.cluster.local', 'A')).toEqual({ rcode: 'SERVFAIL', answers: [] });
  });
});

describe('resolveHost', () => {
  const c = cluster();

  test('a short name through the search list', () => {
    expect(resolveHost(c, 'nginx', CLUSTER_FIRST)).toEqual({ fqdn: 'nginx.default.svc.cluster.local', addresses: ['10.96.45.12'] });
    expect(resolveHost(c, 'kube-dns.kube-system', CLUSTER_FIRST)).toEqual({ fqdn: 'kube-dns.kube-system.svc.cluster.local', addresses: ['10.96.0.10'] });
    expect(resolveHost(c, 'mysql', CLUSTER_FIRST)).toEqual({ fqdn: 'mysql.default.svc.cluster.local', addresses: ['10.244.1.8', '10.244.2.4'] });
    expect(resolveHost(c, 'mysql-0.mysql', CLUSTER_FIRST)).toEqual({ fqdn: 'mysql-0.mysql.default.svc.cluster.local', addresses: ['10.244.1.8'] });
  });

  test('another namespace\'s search list does not find default\'s Services by short name (the bare name then goes upstream)', () => {
    const luffy = CLUSTER_FIRST.replace('default.svc', 'luffy.svc');
    expect(resolveHost(c, 'nginx', luffy)).toEqual({ error: 'SERVFAIL' });
    expect(resolveHost(c, 'nginx.default', luffy)).toEqual({ fqdn: 'nginx.default.svc.cluster.local', addresses: ['10.96.45.12'] });
  });

  test('an absolute name skips the search list; addresses and /etc/hosts need no DNS', () => {
    expect(resolveHost(c, 'nginx.default.svc.cluster.local.', CLUSTER_FIRST)).toEqual({ fqdn: 'nginx.default.svc.cluster.local', addresses: ['10.96.45.12'] });
    expect(resolveHost(c, '10.244.2.7', CLUSTER_FIRST)).toEqual({ fqdn: '10.244.2.7', addresses: ['10.244.2.7'] });
    expect(resolveHost(c, 'busybox', CLUSTER_FIRST, { hosts: '127.0.0.1\tlocalhost\n10.244.1.3\tbusybox\n' })).toEqual({ fqdn: 'busybox', addresses: ['10.244.1.3'] });
  });

  test('names outside the cluster: SERVFAIL (musl stops there, glibc too once the list is done)', () => {
    expect(resolveHost(c, 'example.com', CLUSTER_FIRST)).toEqual({ error: 'SERVFAIL' });
    expect(resolveHost(c, 'example.com', CLUSTER_FIRST, { libc: 'glibc' })).toEqual({ error: 'SERVFAIL' });
  });

  test('kube-dns without ready endpoints: the resolver times out', () => {
    const down = { ...c, slices: c.slices.filter((s) => !s.metadata.name.startsWith('kube-dns')) };
    expect(resolveHost(down, 'nginx', CLUSTER_FIRST)).toEqual({ error: 'timeout' });
  });

  test('dnsPolicy Default: cluster names are unknown to the node resolver', () => {
    expect(resolveHost(c, 'nginx.default.svc.cluster.local', 'nameserver 172.18.0.1\noptions ndots:0\n')).toEqual({ error: 'SERVFAIL' });
  });
});
