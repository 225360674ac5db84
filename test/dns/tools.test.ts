// nslookup/dig/host output, whole, in the formats of busybox's networking/nslookup.c (1.28 and
// 1.36) and BIND 9.9.5's bin/dig (nslookup.c, dig.c, host.c, masterdump column style).
import { describe, expect, test } from 'vitest';
import { exchange } from '../../src/dns/resolver.js';
import type { DnsInputs } from '../../src/dns/query.js';
import { runDnsTool } from '../../src/dns/tools/run.js';
import { CLUSTER_FIRST, cluster } from './fixtures.js';

const NOW = Date.parse('2026-11-30T15:30:11Z');

function run(cmd: 'nslookup' | 'dig' | 'host', args: string[], opts: { busybox?: string; inputs?: DnsInputs; resolvConf?: string } = {}) {
  const inputs = opts.inputs ?? cluster();
  let out = '';
  let err = '';
  let waited = 0;
  const code = runDnsTool(cmd, args, {
    resolvConf: opts.resolvConf ?? CLUSTER_FIRST, hosts: '127.0.0.1\tlocalhost\n10.244.1.3\tbusybox\n',
    ask: (server, q, t) => exchange(inputs, server, q, t),
    out: (s) => { out += s; }, err: (s) => { err += s; }, wait: (ms) => { waited += ms; }, now: () => NOW + waited,
  }, opts.busybox);
  return { out, err, code, waited };
}

const withoutKubeDns = (): DnsInputs => { const c = cluster(); c.slices = c.slices.filter((s) => !s.metadata.name.startsWith('kube-dns')); return c; };
const kubeDnsRejecting = (): DnsInputs => { const c = cluster(); c.slices = c.slices.map((s) => (s.metadata.name.startsWith('kube-dns') ? { ...s, endpoints: [] } : s)); return c; };

describe('busybox 1.36 nslookup', () => {
  const bb = { busybox: '1.36.1' };

  test('a short name: one A and one AAAA query per search domain, each reply printed', () => {
    expect(run('nslookup', ['nginx'], bb)).toEqual({ code: 1, err: '', waited: 0, out:
`Server:\t\t10.96.0.10
Address:\t10.96.0.10:53

Name:\tnginx.default.svc.cluster.local
Address: 10.96.45.12

** server can't find nginx.svc.cluster.local: NXDOMAIN

** server can't find nginx.cluster.local: NXDOMAIN


** server can't find nginx.svc.cluster.local: NXDOMAIN

** server can't find nginx.cluster.local: NXDOMAIN

` });
  });

  test('a name with a dot is asked as it is: kubernetes.default goes upstream', () => {
    expect(run('nslookup', ['kubernetes.default'], bb)).toEqual({ code: 1, err: '', waited: 0, out:
`Server:\t\t10.96.0.10
Address:\t10.96.0.10:53

** server can't find kubernetes.default: SERVFAIL

** server can't find kubernetes.default: SERVFAIL

` });
  });

  test('the full name: the A reply, then the empty AAAA reply as a blank line', () => {
    expect(run('nslookup', ['kubernetes.default.svc.cluster.local'], bb)).toEqual({ code: 0, err: '', waited: 0, out:
`Server:\t\t10.96.0.10
Address:\t10.96.0.10:53

Name:\tkubernetes.default.svc.cluster.local
Address: 10.96.0.1


` });
  });

  test('an address: its PTR', () => {
    expect(run('nslookup', ['10.96.0.10'], bb).out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n');
  });

  test('-type=srv on a headless Service', () => {
    expect(run('nslookup', ['-type=srv', '_mysql._tcp.mysql.default.svc.cluster.local'], bb).out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n'
      + '_mysql._tcp.mysql.default.svc.cluster.local\tservice = 0 50 3306 mysql-0.mysql.default.svc.cluster.local\n'
      + '_mysql._tcp.mysql.default.svc.cluster.local\tservice = 0 50 3306 mysql-1.mysql.default.svc.cluster.local\n\n');
  });

  test('an ExternalName Service: the CNAME', () => {
    expect(run('nslookup', ['db.default.svc.cluster.local'], bb).out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\ndb.default.svc.cluster.local\tcanonical name = db.example.com\n\ndb.default.svc.cluster.local\tcanonical name = db.example.com\n\n');
  });

  test('no server answers: timed out after 5 s', () => {
    expect(run('nslookup', ['nginx'], { ...bb, resolvConf: CLUSTER_FIRST.replace('10.96.0.10', '10.96.99.99') })).toEqual({ code: 1, err: '', waited: 5000,
      out: ';; connection timed out; no servers could be reached\n\n' });
  });

  test('kube-dns without endpoints: kube-proxy\'s reject is heard on each round of sends', () => {
    expect(run('nslookup', ['nginx'], { ...bb, inputs: kubeDnsRejecting() })).toEqual({ code: 1, waited: 5000,
      err: 'nslookup: read: Connection refused\nnslookup: read: Connection refused\n',
      out: ';; connection timed out; no servers could be reached\n\n' });
  });

  test('an explicit server', () => {
    expect(run('nslookup', ['nginx.default.svc.cluster.local', '10.244.0.2'], bb).out.split('\n').slice(0, 2)).toEqual(['Server:\t\t10.244.0.2', 'Address:\t10.244.0.2:53']);
  });
});

describe('busybox releases between', () => {
  test('1.29 searches nothing and exits 0 on failure', () => {
    expect(run('nslookup', ['nginx'], { busybox: '1.29.3' })).toMatchObject({ code: 0,
      out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nginx: SERVFAIL\n\n** server can't find nginx: SERVFAIL\n\n" });
  });

  test('1.32 and 1.33 say "No answer" for an empty reply', () => {
    expect(run('nslookup', ['nginx.default.svc.cluster.local'], { busybox: '1.33.1' }).out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tnginx.default.svc.cluster.local\nAddress: 10.96.45.12\n\n*** Can\'t find nginx.default.svc.cluster.local: No answer\n\n');
  });

  test('a type the cluster holds none of: an empty reply', () => {
    expect(run('nslookup', ['-type=mx', 'nginx.default.svc.cluster.local'], { busybox: '1.36.1' })).toMatchObject({ code: 0, out: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\n' });
  });
});

describe('busybox 1.28 nslookup (libc resolver)', () => {
  test('kubernetes.default through the search list, reverse names of the addresses', () => {
    expect(run('nslookup', ['kubernetes.default'], { busybox: '1.28.4' })).toEqual({ code: 0, err: '', waited: 0, out:
`Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      kubernetes.default
Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
` });
  });

  test('a headless Service: each ready pod, named under the Service', () => {
    expect(run('nslookup', ['mysql'], { busybox: '1.28.4' }).out).toBe(
`Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      mysql
Address 1: 10.244.1.8 mysql-0.mysql.default.svc.cluster.local
Address 2: 10.244.2.4 mysql-1.mysql.default.svc.cluster.local
`);
  });

  test('DNS down: the server line without its name, then can\'t resolve', () => {
    expect(run('nslookup', ['kubernetes.default'], { busybox: '1.28.4', inputs: withoutKubeDns() })).toEqual({ code: 1, waited: 20000,
      out: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n', err: "nslookup: can't resolve 'kubernetes.default'\n" });
  });
});

describe('BIND 9.9 nslookup', () => {
  test('the search list finds the Service; one answer, no AAAA', () => {
    expect(run('nslookup', ['kubernetes.default'])).toEqual({ code: 0, err: '', waited: 0, out:
`Server:\t\t10.96.0.10
Address:\t10.96.0.10#53

Name:\tkubernetes.default.svc.cluster.local
Address: 10.96.0.1

` });
  });

  test('nothing found: the last try (the name itself) went upstream', () => {
    expect(run('nslookup', ['nope'])).toEqual({ code: 1, err: '', waited: 0, out: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can\'t find nope: SERVFAIL\n\n' });
  });

  test('SRV and PTR lines', () => {
    expect(run('nslookup', ['-type=srv', '_http._tcp.nginx']).out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n_http._tcp.nginx.default.svc.cluster.local\tservice = 0 100 80 nginx.default.svc.cluster.local.\n\n');
    expect(run('nslookup', ['10.96.0.1']).out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n1.0.96.10.in-addr.arpa\tname = kubernetes.default.svc.cluster.local.\n\n');
  });

  test('no reply: 3 tries of 5 s', () => {
    expect(run('nslookup', ['nginx'], { inputs: kubeDnsRejecting() })).toEqual({ code: 1, err: '', waited: 15000, out: ';; connection timed out; no servers could be reached\n\n' });
  });
});

describe('dig 9.9', () => {
  test('a Service name', () => {
    expect(run('dig', ['kubernetes.default.svc.cluster.local']).out).toBe(
`
; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> kubernetes.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ${idOf(run('dig', ['kubernetes.default.svc.cluster.local']).out)}
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 4096
;; QUESTION SECTION:
;kubernetes.default.svc.cluster.local. IN A

;; ANSWER SECTION:
kubernetes.default.svc.cluster.local. 30 IN A\t10.96.0.1

;; Query time: 0 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Mon Nov 30 15:30:11 UTC 2026
;; MSG SIZE  rcvd: 117

`);
  });

  test('NXDOMAIN carries the zone SOA; columns pad with tabs', () => {
    const out = run('dig', ['nope.default.svc.cluster.local']).out;
    expect(out).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: ');
    expect(out).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n');
    expect(out).toContain(';; QUESTION SECTION:\n;nope.default.svc.cluster.local.\tIN\tA\n\n');
    expect(out).toContain(';; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1796050800 7200 1800 86400 30\n\n');
    expect(out).toContain(';; MSG SIZE  rcvd: 152\n');
  });

  test('+short, SRV with its additional addresses, -x', () => {
    expect(run('dig', ['+short', 'mysql.default.svc.cluster.local'])).toMatchObject({ code: 0, out: '10.244.1.8\n10.244.2.4\n' });
    expect(run('dig', ['SRV', '_http._tcp.nginx.default.svc.cluster.local', '+short']).out).toBe('0 100 80 nginx.default.svc.cluster.local.\n');
    expect(run('dig', ['-x', '10.96.0.10', '+short']).out).toBe('kube-dns.kube-system.svc.cluster.local.\n');
    const srv = run('dig', ['_mysql._tcp.mysql.default.svc.cluster.local', 'SRV']).out;
    expect(srv).toContain(';; ANSWER SECTION:\n_mysql._tcp.mysql.default.svc.cluster.local. 30\tIN SRV 0 50 3306 mysql-0.mysql.default.svc.cluster.local.\n');
    expect(srv).toContain(';; ADDITIONAL SECTION:\nmysql-0.mysql.default.svc.cluster.local. 30 IN A 10.244.1.8\nmysql-1.mysql.default.svc.cluster.local. 30 IN A 10.244.2.4\n\n');
    expect(srv).toContain('QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 3\n');
  });

  test('dig does not search: a short name goes upstream', () => {
    expect(run('dig', ['+short', 'nginx']).out).toBe('');
    expect(run('dig', ['nginx']).out).toContain('status: SERVFAIL');
    expect(run('dig', ['+search', '+short', 'nginx']).out).toBe('10.96.45.12\n');
  });

  test('no name: the root\'s name servers, which only upstream knows', () => {
    const out = run('dig', []).out;
    expect(out).toContain(';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: ');
    expect(out).toContain(';; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n');
    expect(out).toContain(';; QUESTION SECTION:\n;.\t\t\t\tIN\tNS\n\n;; Query time: 0 msec\n');
    expect(out).toContain(';; MSG SIZE  rcvd: 28\n');
  });

  test('no reply: the greeting, then timed out, exit 9', () => {
    expect(run('dig', ['nginx.default.svc.cluster.local'], { inputs: withoutKubeDns() })).toEqual({ code: 9, err: '', waited: 15000,
      out: '\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> nginx.default.svc.cluster.local\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n' });
  });
});

describe('host 9.9', () => {
  test('a Service through the search list', () => {
    expect(run('host', ['nginx'])).toEqual({ code: 0, err: '', waited: 0, out: 'nginx.default.svc.cluster.local has address 10.96.45.12\n' });
  });

  test('an ExternalName: the alias, then its AAAA and MX lookups fail upstream', () => {
    expect(run('host', ['db']).out).toBe('db.default.svc.cluster.local is an alias for db.example.com.\nHost db.example.com not found: 2(SERVFAIL)\nHost db.example.com not found: 2(SERVFAIL)\n');
  });

  test('an address, and a name nobody knows', () => {
    expect(run('host', ['10.96.0.1']).out).toBe('1.0.96.10.in-addr.arpa domain name pointer kubernetes.default.svc.cluster.local.\n');
    expect(run('host', ['nope'])).toMatchObject({ code: 1, out: 'Host nope not found: 2(SERVFAIL)\n' });
  });
});

function idOf(out: string): string {
  return /id: (\d+)/.exec(out)![1];
}
