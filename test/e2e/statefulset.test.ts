// The web StatefulSet of the Kubernetes StatefulSet docs (nginx `web` behind the headless Service
// `nginx`) through the built CLI on a manual clock: pods start one at a time in ordinal order as
// `get -w` shows them, each resolves as web-N.nginx, rollout status prints kubectl's StatefulSet
// messages, a new image rolls from the highest ordinal down, history and undo read the
// ControllerRevisions, scale-down removes the highest ordinals first while their claims stay, and
// the API server refuses what a 1.32 server refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome, REPO } from './harness.js';

const MANIFEST = readFileSync(join(REPO, 'examples/web-statefulset.yaml'), 'utf8');

describe('the web StatefulSet', () => {
  const home = new MkHome();
  const events = () => home.ok('get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o',
    'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}');

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('starts web-0, web-1, web-2 in order, each once the one before is Running and Ready', () => {
    expect(home.run(['apply', '-f', '-'], { input: MANIFEST })).toEqual({ stdout: 'service/nginx created\nstatefulset.apps/web created\n', stderr: '', code: 0 });
    // The apply settled the first sync: web-0 was created and waits for its claim, which kind's
    // standard class binds only once the scheduler picks a node (WaitForFirstConsumer); the
    // provisioner's volume lets the binding through. Ages come from the seeded random source.
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-w').replace(/ \d+s$/gm, ' Ns')).toBe([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'web-0   0/1     Pending   0          Ns',
      'web-0   0/1     Pending   0          Ns',
      'web-0   0/1     ContainerCreating   0          Ns',
      'web-0   1/1     Running             0          Ns',
      'web-1   0/1     Pending             0          Ns',
      'web-1   0/1     Pending             0          Ns',
      'web-1   0/1     ContainerCreating   0          Ns',
      'web-1   1/1     Running             0          Ns',
      'web-2   0/1     Pending             0          Ns',
      'web-2   0/1     Pending             0          Ns',
      'web-2   0/1     ContainerCreating   0          Ns',
      'web-2   1/1     Running             0          Ns',
      '',
    ].join('\n'));
    // Each pod's claim is made just before it.
    expect(events()).toBe([0, 1, 2].map((i) => `SuccessfulCreate create Claim www-web-${i} Pod web-${i} in StatefulSet web success\n`
      + `SuccessfulCreate create Pod web-${i} in StatefulSet web successful\n`).join(''));
    expect(home.ok('get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.app} {.spec.resources.requests.storage}{"\\n"}{end}'))
      .toBe('www-web-0 nginx 1Gi\nwww-web-1 nginx 1Gi\nwww-web-2 nginx 1Gi\n');
    expect(home.ok('get', 'sts')).toMatch(/^NAME   READY   AGE\nweb    3\/3     \d+s\n$/);
    expect(home.ok('rollout', 'status', 'sts/web')).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
  });

  test('pods have stable names, hostnames under the headless Service, and identity labels', () => {
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o',
      'jsonpath={range .items[*]}{.metadata.name} {.spec.hostname}.{.spec.subdomain} {.metadata.labels.apps\\.kubernetes\\.io/pod-index} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.spec.volumes[0].persistentVolumeClaim.claimName}{"\\n"}{end}'))
      .toBe('web-0 web-0.nginx 0 web-0 www-web-0\nweb-1 web-1.nginx 1 web-1 www-web-1\nweb-2 web-2.nginx 2 web-2 www-web-2\n');
    // The kubelet names the container's host after the pod and the headless Service's domain.
    expect(home.ok('exec', 'web-1', '--', 'hostname')).toBe('web-1\n');
    expect(home.ok('exec', 'web-1', '--', 'cat', '/etc/hosts')).toMatch(/\n10\.244\.\d+\.\d+\tweb-1\.nginx\.default\.svc\.cluster\.local\tweb-1\n$/);
    const revision = home.ok('get', 'sts', 'web', '-o', 'jsonpath={.status.currentRevision}');
    expect(revision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.labels.controller-revision-hash}'))
      .toBe(`${revision} ${revision} ${revision}`);
  });

  test('each pod resolves as <pod>.<service> through the headless Service', () => {
    home.ok('run', 'dnsutils', '--image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3', '--restart=Never', '--', 'sleep', '3600');
    home.ok('clock', 'advance', '30s');
    for (const pod of ['web-0', 'web-2']) {
      const ip = home.ok('get', 'pod', pod, '-o', 'jsonpath={.status.podIP}');
      expect(home.ok('exec', 'dnsutils', '--', 'nslookup', `${pod}.nginx`))
        .toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\t${pod}.nginx.default.svc.cluster.local\nAddress: ${ip}\n\n`);
    }
    home.ok('delete', 'pod', 'dnsutils', '--now');
  });

  test('a new image rolls out from the highest ordinal down, as rollout status follows it', () => {
    home.ok('set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.27');
    const status = home.ok('rollout', 'status', 'sts/web').split('\n');
    expect(status.at(-2)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    expect(status.filter((l) => l.startsWith('Waiting for partitioned'))).toEqual([
      'Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...',
      'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...',
      'Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...',
    ]);
    // The replacements were made highest ordinal first.
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '--sort-by=.metadata.creationTimestamp', '-o', 'name')).toBe('pod/web-2\npod/web-1\npod/web-0\n');
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].spec.containers[0].image}'))
      .toBe('registry.k8s.io/nginx-slim:0.27 registry.k8s.io/nginx-slim:0.27 registry.k8s.io/nginx-slim:0.27');
  });

  test('rollout history and undo read and restore its ControllerRevisions', () => {
    expect(home.ok('rollout', 'history', 'sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(home.ok('rollout', 'history', 'sts/web', '--revision=1')).toContain('    Image:\tregistry.k8s.io/nginx-slim:0.24\n');
    expect(home.ok('rollout', 'undo', 'sts/web')).toBe('statefulset.apps/web rolled back\n');
    expect(home.ok('rollout', 'status', 'sts/web').split('\n').at(-2)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    expect(home.ok('rollout', 'history', 'sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(home.ok('rollout', 'undo', 'sts/web', '--to-revision=3')).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(home.run(['rollout', 'undo', 'sts/web', '--to-revision=7'])).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 7 in history\n', code: 1 });
  });

  test('rollout restart replaces every pod under a new revision', () => {
    const before = home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.uid}');
    expect(home.ok('rollout', 'restart', 'sts/web')).toBe('statefulset.apps/web restarted\n');
    expect(home.ok('rollout', 'status', 'sts/web').split('\n').at(-2)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    const after = home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.uid}').split(' ');
    expect(after.filter((uid) => before.includes(uid))).toEqual([]);
    expect(home.ok('rollout', 'history', 'sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n4         <none>\n\n');
  });

  test('scale down removes the highest ordinals first', () => {
    expect(home.ok('scale', 'sts', 'web', '--replicas=1')).toBe('statefulset.apps/web scaled\n');
    home.ok('clock', 'advance', '1m');
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'name')).toBe('pod/web-0\n');
    // Repeated Events are counted in one; the latest two deletions say which went first.
    expect(home.ok('get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '--sort-by=.lastTimestamp', '-o',
      'jsonpath={range .items[*]}{.message}{"\\n"}{end}').split('\n').slice(-3, -1)).toEqual([
      'delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful',
    ]);
    expect(home.ok('get', 'sts', 'web', '-o', 'jsonpath={.status.replicas} {.status.readyReplicas}')).toBe('1 1');
    // whenScaled: Retain — the claims of the removed pods stay for when they come back.
    expect(home.ok('get', 'pvc', '-o', 'name')).toBe('persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n');
  });

  test('refuses spec changes beyond the mutable fields, and the legacy apps/v1beta1 kind', () => {
    expect(home.run(['apply', '-f', '-'], { input: MANIFEST.replace('serviceName: "nginx"', 'serviceName: "other"') })).toEqual({
      stdout: 'service/nginx unchanged\n',
      stderr: 'The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than \'replicas\', \'ordinals\', \'template\', \'updateStrategy\', \'persistentVolumeClaimRetentionPolicy\' and \'minReadySeconds\' are forbidden\n',
      code: 1,
    });
    expect(home.run(['apply', '-f', '-'], { input: MANIFEST.replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta1') })).toEqual({
      stdout: 'service/nginx unchanged\n',
      stderr: 'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "StatefulSet" in version "apps/v1beta1"\nensure CRDs are installed first\n',
      code: 1,
    });
  });
});
