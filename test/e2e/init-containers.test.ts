// The Kubernetes docs' init-container example on the built CLI: two init containers that wait
// with `until nslookup` for Services myservice and mydb. The pod stays Init:0/2 until myservice
// is created, Init:1/2 until mydb is, then runs; each init container's log shows busybox 1.28's
// nslookup failing every 2 s, then its answer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: myapp-pod, labels: {app.kubernetes.io/name: MyApp}}
spec:
  containers:
  - {name: myapp-container, image: busybox:1.28, command: ['sh', '-c', 'echo The app is running! && sleep 3600']}
  initContainers:
  - {name: init-myservice, image: busybox:1.28, command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]}
  - {name: init-mydb, image: busybox:1.28, command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]}
`;

const mk = new MkHome();
afterAll(() => mk.dispose());

/** The header while STATUS is Init:n/2 (the column is as wide as its widest cell). */
const HEADER = 'NAME        READY   STATUS     RESTARTS   AGE\n';
const SERVER = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
const failed = (svc: string) => `${SERVER}nslookup: can't resolve '${svc}.default.svc.cluster.local'\nwaiting for ${svc}\n`;
const found = (svc: string, ip: string) => `${SERVER}Name:      ${svc}.default.svc.cluster.local\nAddress 1: ${ip} ${svc}.default.svc.cluster.local\n`;

/** Seconds since the cluster's start (the manual clock starts at 2025-01-01T00:00:00Z). */
const secondsOf = (rfc3339: string) => (Date.parse(rfc3339) - Date.UTC(2025, 0, 1)) / 1000;
const startedAt = (i: number) => secondsOf(mk.ok('get', 'pod', 'myapp-pod', '-o', `jsonpath={.status.initContainerStatuses[${i}].state.running.startedAt}`));
/** Failed tries of a loop started in second `start` (a try every 2 s) before a Service created at whole second `created`. */
const failedTries = (start: number, created: number) => Math.ceil((created - start) / 2);

test('the pod waits in Init:0/2, then Init:1/2, for its Services, then runs', () => {
  mk.ok('cluster', 'create', '--clock', 'manual');
  const dir = mkdtempSync(join(tmpdir(), 'mk-init-'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
  expect(mk.ok('apply', '-f', join(dir, 'pod.yaml'))).toBe('pod/myapp-pod created\n');
  mk.ok('clock', 'advance', '1m');
  expect(mk.ok('get', 'pod', 'myapp-pod')).toBe(`${HEADER}myapp-pod   0/1     Init:0/2   0          60s\n`);
  const s1 = startedAt(0);
  expect(mk.ok('logs', 'myapp-pod', '-c', 'init-myservice')).toBe(failed('myservice').repeat(failedTries(s1, 60)));
  expect(mk.run(['logs', 'myapp-pod', '-c', 'init-mydb'])).toEqual({ code: 1, stdout: '',
    stderr: 'Error from server (BadRequest): container "init-mydb" in pod "myapp-pod" is waiting to start: PodInitializing\n' });

  expect(mk.ok('create', 'service', 'clusterip', 'myservice', '--tcp=80:9376')).toBe('service/myservice created\n');
  mk.ok('clock', 'advance', '5s');
  expect(mk.ok('get', 'pod', 'myapp-pod')).toBe(`${HEADER}myapp-pod   0/1     Init:1/2   0          65s\n`);
  const myservice = mk.ok('get', 'svc', 'myservice', '-o', 'jsonpath={.spec.clusterIP}');
  expect(mk.ok('logs', 'myapp-pod', '-c', 'init-myservice'))
    .toBe(failed('myservice').repeat(failedTries(s1, 60)) + found('myservice', myservice));
  const s2 = startedAt(1);
  expect(mk.ok('logs', 'myapp-pod', '-c', 'init-mydb')).toBe(failed('mydb').repeat(failedTries(s2, 65)));

  expect(mk.ok('create', 'service', 'clusterip', 'mydb', '--tcp=80:9377')).toBe('service/mydb created\n');
  mk.ok('clock', 'advance', '5s');
  expect(mk.ok('get', 'pod', 'myapp-pod')).toBe('NAME        READY   STATUS    RESTARTS   AGE\nmyapp-pod   1/1     Running   0          70s\n');
  const mydb = mk.ok('get', 'svc', 'mydb', '-o', 'jsonpath={.spec.clusterIP}');
  expect(mk.ok('logs', 'myapp-pod', '-c', 'init-mydb')).toBe(failed('mydb').repeat(failedTries(s2, 65)) + found('mydb', mydb));
  expect(mk.ok('logs', 'myapp-pod')).toBe('The app is running!\n');
}, 120_000);

test('what a waiting process writes once its Service exists is what an exec finds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mk-init-'));
  writeFileSync(join(dir, 'pod.yaml'), `apiVersion: v1
kind: Pod
metadata: {name: waiter}
spec:
  containers:
  - {name: waiter, image: busybox:1.36, command: ['sh', '-c', 'until nslookup backend.default.svc.cluster.local >/dev/null 2>&1; do sleep 2; done; echo found > /tmp/ready; sleep 3600']}
`);
  mk.ok('apply', '-f', join(dir, 'pod.yaml'));
  mk.ok('clock', 'advance', '30s');
  expect(mk.run(['exec', 'waiter', '--', 'cat', '/tmp/ready'])).toEqual({ code: 1, stdout: '',
    stderr: "cat: can't open '/tmp/ready': No such file or directory\ncommand terminated with exit code 1\n" });
  mk.ok('create', 'service', 'clusterip', 'backend', '--tcp=80:8080');
  mk.ok('clock', 'advance', '3s');
  expect(mk.run(['exec', 'waiter', '--', 'cat', '/tmp/ready'])).toEqual({ code: 0, stdout: 'found\n', stderr: '' });
}, 60_000);
