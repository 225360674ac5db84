// Cluster DNS from inside pods, on the built CLI: seed 001's blog finding MySQL by its Service
// name (short in its namespace, name.namespace from another), busybox's two nslookups, the
// jessie-dnsutils image's BIND tools, a headless Service's pod by hostname.subdomain, and what
// the clients print once kube-dns has no endpoints left.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: mysql, namespace: luffy}
spec:
  replicas: 1
  selector: {matchLabels: {app: mysql}}
  template:
    metadata: {labels: {app: mysql}}
    spec:
      containers:
      - name: mysql
        image: mysql:5.7
        env: [{name: MYSQL_ROOT_PASSWORD, value: "123456"}, {name: MYSQL_DATABASE, value: myblog}]
        ports: [{containerPort: 3306}]
---
apiVersion: v1
kind: Service
metadata: {name: mysql, namespace: luffy}
spec:
  selector: {app: mysql}
  ports: [{name: mysql, port: 3306, targetPort: 3306}]
---
apiVersion: v1
kind: Pod
metadata: {name: myblog, namespace: luffy}
spec:
  containers:
  - {name: tools, image: busybox:1.36, command: [sleep, "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: busybox}
spec:
  containers:
  - {name: busybox, image: busybox:1.28, command: [sleep, "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: dnsutils}
spec:
  containers:
  - {name: dnsutils, image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3, command: [sleep, infinity]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, labels: {app: web}}
spec:
  hostname: web-0
  subdomain: web
  containers:
  - {name: nginx, image: nginx:1.27.3}
`;

const mk = new MkHome();
afterAll(() => mk.dispose());

const ip = (args: string[]) => mk.ok('get', ...args, '-o', 'jsonpath={.spec.clusterIP}{.status.podIP}');
let mysqlIP = '';
let webIP = '';

beforeAll(() => {
  mk.ok('cluster', 'create', '--clock', 'manual');
  mk.ok('create', 'namespace', 'luffy');
  const dir = mkdtempSync(join(tmpdir(), 'mk-dns-'));
  writeFileSync(join(dir, 'all.yaml'), MANIFESTS);
  mk.ok('apply', '-f', join(dir, 'all.yaml'));
  mk.ok('clock', 'advance', '2m');
  mysqlIP = ip(['svc', 'mysql', '-n', 'luffy']);
  webIP = ip(['pod', 'web-0']);
});

describe('DNS from pods', () => {
  test('the blog finds mysql by its short name (busybox 1.36: one query per search domain)', () => {
    expect(mysqlIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(mk.run(['exec', 'myblog', '-n', 'luffy', '--', 'nslookup', 'mysql'])).toEqual({ code: 1, stderr: 'command terminated with exit code 1\n', stdout:
`Server:\t\t10.96.0.10
Address:\t10.96.0.10:53

Name:\tmysql.luffy.svc.cluster.local
Address: ${mysqlIP}

** server can't find mysql.svc.cluster.local: NXDOMAIN

** server can't find mysql.cluster.local: NXDOMAIN


** server can't find mysql.svc.cluster.local: NXDOMAIN

** server can't find mysql.cluster.local: NXDOMAIN

` });
  });

  test('busybox 1.36 asks kubernetes.default as it is, which goes upstream and fails', () => {
    expect(mk.run(['exec', 'myblog', '-n', 'luffy', '--', 'nslookup', 'kubernetes.default'])).toEqual({ code: 1, stderr: 'command terminated with exit code 1\n',
      stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: SERVFAIL\n\n** server can't find kubernetes.default: SERVFAIL\n\n" });
  });

  test('busybox 1.28 resolves kubernetes.default through the search list', () => {
    expect(mk.run(['exec', 'busybox', '--', 'nslookup', 'kubernetes.default'])).toEqual({ code: 0, stderr: '', stdout:
`Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      kubernetes.default
Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
` });
  });

  test('from another namespace: mysql.luffy; the short name is not found', () => {
    expect(mk.run(['exec', 'dnsutils', '--', 'nslookup', 'mysql.luffy'])).toEqual({ code: 0, stderr: '',
      stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tmysql.luffy.svc.cluster.local\nAddress: ${mysqlIP}\n\n` });
    expect(mk.run(['exec', 'dnsutils', '--', 'nslookup', 'mysql'])).toEqual({ code: 1, stderr: 'command terminated with exit code 1\n',
      stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find mysql: SERVFAIL\n\n" });
  });

  test('a headless Service\'s pod by hostname.subdomain, and its SRV record', () => {
    expect(webIP).toMatch(/^10\.244\./);
    expect(mk.run(['exec', 'dnsutils', '--', 'dig', '+short', 'web-0.web.default.svc.cluster.local']).stdout).toBe(`${webIP}\n`);
    expect(mk.run(['exec', 'dnsutils', '--', 'dig', '+short', 'web.default.svc.cluster.local']).stdout).toBe(`${webIP}\n`);
    expect(mk.run(['exec', 'dnsutils', '--', 'host', '-t', 'srv', '_http._tcp.web']).stdout)
      .toBe('_http._tcp.web.default.svc.cluster.local has SRV record 0 100 80 web-0.web.default.svc.cluster.local.\n');
  });

  test('kube-dns with no endpoints: kube-proxy rejects, nslookup times out', () => {
    mk.ok('scale', 'deployment', 'coredns', '-n', 'kube-system', '--replicas=0');
    mk.ok('clock', 'advance', '1m');
    expect(mk.run(['exec', 'myblog', '-n', 'luffy', '--', 'nslookup', 'mysql'])).toEqual({ code: 1,
      stderr: 'nslookup: read: Connection refused\nnslookup: read: Connection refused\ncommand terminated with exit code 1\n',
      stdout: ';; connection timed out; no servers could be reached\n\n' });
    expect(mk.run(['exec', 'dnsutils', '--', 'dig', 'mysql.luffy.svc.cluster.local'])).toEqual({ code: 9, stderr: 'command terminated with exit code 9\n',
      stdout: '\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> mysql.luffy.svc.cluster.local\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n' });
  });
});
