// Storage on the built CLI, on a manual-clock kind cluster: a claim of the default `standard`
// class waits for its first consumer, is provisioned by the local-path provisioner on the node the
// scheduler picked, and keeps what a pod wrote into it (`mk exec`, `mk cp`) for the next pod.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27.3
    volumeMounts:
    - {name: www, mountPath: /usr/share/nginx/html}
  volumes:
  - name: www
    persistentVolumeClaim: {claimName: data}
`;

const mk = new MkHome();
const local = mkdtempSync(join(tmpdir(), 'mk-storage-'));
afterAll(() => mk.dispose());

beforeAll(() => {
  mk.ok('cluster', 'create', '--clock', 'manual');
  writeFileSync(join(local, 'claim.yaml'), CLAIM);
  writeFileSync(join(local, 'pod.yaml'), POD);
});

const jsonpath = (...args: string[]) => mk.ok('get', ...args.slice(0, -1), '-o', `jsonpath=${args[args.length - 1]}`);

describe('a claim of the default class', () => {
  test('waits for its first consumer, then binds to a volume provisioned on the pod\'s node', () => {
    expect(mk.ok('get', 'sc')).toMatch(/^NAME +PROVISIONER +RECLAIMPOLICY +VOLUMEBINDINGMODE +ALLOWVOLUMEEXPANSION +AGE\nstandard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\d+s\n$/);
    expect(mk.ok('apply', '-f', join(local, 'claim.yaml'))).toBe('persistentvolumeclaim/data created\n');
    mk.ok('clock', 'advance', '10s');
    expect(mk.ok('get', 'pvc')).toBe(
      'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n'
      + 'data   Pending                                      standard       <unset>                 10s\n');
    expect(mk.ok('describe', 'pvc', 'data')).toContain('  Normal  WaitForFirstConsumer  10s   persistentvolume-controller  waiting for first consumer to be created before binding\n');

    mk.ok('apply', '-f', join(local, 'pod.yaml'));
    mk.ok('clock', 'advance', '10s');
    const uid = jsonpath('pvc', 'data', '{.metadata.uid}');
    const node = jsonpath('pod', 'web', '{.spec.nodeName}');
    expect(node).toMatch(/^mk-worker2?$/);
    expect(mk.ok('get', 'pvc')).toBe(
      'NAME   STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n'
      + `data   Bound    pvc-${uid}   1Gi        RWO            standard       <unset>                 20s\n`);
    expect(jsonpath('pv', `pvc-${uid}`, '{.status.phase} {.spec.claimRef.name} {.spec.hostPath.path} {.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}'))
      .toBe(`Bound data /var/local-path-provisioner/pvc-${uid}_default_data ${node}`);
    expect(jsonpath('pod', 'web', '{.status.phase}')).toBe('Running');
  });

  test('what a pod wrote survives the pod: the next pod using the claim sees it', () => {
    mk.ok('exec', 'web', '--', 'sh', '-c', 'echo hello from the first pod > /usr/share/nginx/html/index.html');
    writeFileSync(join(local, 'notes.txt'), 'copied in\n');
    mk.ok('cp', join(local, 'notes.txt'), 'web:/usr/share/nginx/html/notes.txt');
    expect(mk.ok('delete', 'pod', 'web')).toBe('pod "web" deleted\n');
    mk.ok('apply', '-f', join(local, 'pod.yaml'));
    mk.ok('clock', 'advance', '10s');
    expect(jsonpath('pod', 'web', '{.status.phase}')).toBe('Running');
    expect(mk.ok('exec', 'web', '--', 'cat', '/usr/share/nginx/html/index.html')).toBe('hello from the first pod\n');
    mk.ok('cp', 'web:/usr/share/nginx/html/notes.txt', join(local, 'back.txt'));
    expect(readFileSync(join(local, 'back.txt'), 'utf8')).toBe('copied in\n');
  });

  test('deleting the claim while a pod uses it waits for the pod; then the volume is deleted too', () => {
    expect(mk.ok('delete', 'pvc', 'data', '--wait=false')).toBe('persistentvolumeclaim "data" deleted\n');
    expect(jsonpath('pvc', 'data', '{.metadata.finalizers[0]}')).toBe('kubernetes.io/pvc-protection');
    expect(mk.ok('get', 'pvc', 'data')).toMatch(/^NAME +STATUS +VOLUME.*\ndata +Terminating +pvc-/);
    mk.ok('delete', 'pod', 'web');
    mk.ok('clock', 'advance', '10s');
    expect(mk.run(['get', 'pvc'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(mk.run(['get', 'pv'])).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
  });

  test('what a container\'s own process wrote into the volume is there for the next pod too', () => {
    const writer = (name: string, command: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ["sh", "-c", "${command}"]
    volumeMounts:
    - {name: logs, mountPath: /logs}
  volumes:
  - name: logs
    persistentVolumeClaim: {claimName: logs}
`;
    writeFileSync(join(local, 'logs.yaml'), CLAIM.replace('name: data', 'name: logs'));
    writeFileSync(join(local, 'first.yaml'), writer('first', 'echo written by the first pod > /logs/first.txt; sleep 3600'));
    writeFileSync(join(local, 'second.yaml'), writer('second', 'sleep 3600'));
    mk.ok('apply', '-f', join(local, 'logs.yaml'), '-f', join(local, 'first.yaml'));
    mk.ok('clock', 'advance', '20s');
    expect(mk.ok('exec', 'first', '--', 'cat', '/logs/first.txt')).toBe('written by the first pod\n');
    mk.ok('delete', 'pod', 'first');
    mk.ok('apply', '-f', join(local, 'second.yaml'));
    mk.ok('clock', 'advance', '20s');
    expect(mk.ok('exec', 'second', '--', 'cat', '/logs/first.txt')).toBe('written by the first pod\n');
  });
});
