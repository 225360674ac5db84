// DaemonSets through the built CLI on a manual clock: a fresh cluster's kube-proxy and kindnet as
// kind has them, a DaemonSet that covers every schedulable worker and leaves the tainted control
// plane alone unless it tolerates the taint, and one that follows `mk node add`.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const manifest = (name: string, tolerateControlPlane: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${tolerateControlPlane ? `      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
` : ''}      containers:
      - name: agent
        image: nginx
`;

describe('DaemonSets', () => {
  const home = new MkHome();
  const nodesOf = (app: string) => home.ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.nodeName} {end}')
    .trim().split(' ').filter(Boolean).sort();

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('a fresh cluster has kind\'s kindnet and kube-proxy DaemonSets, on every node', () => {
    // Created 16s and 21s into the two-minute boot (kubeadm's addons, then kind's CNI).
    expect(home.ok('get', 'ds', '-A')).toBe([
      'NAMESPACE     NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
      'kube-system   kindnet      3         3         3       3            3           kubernetes.io/os=linux   99s',
      'kube-system   kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   104s',
      '',
    ].join('\n'));
    expect(home.ok('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '-o',
      'jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.labels.pod-template-generation} {.metadata.labels.controller-revision-hash}{"\\n"}{end}'))
      .toBe('DaemonSet/kube-proxy 1 7bb84c4984\n'.repeat(3));
    expect(home.ok('get', 'controllerrevisions', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.revision}{"\\n"}{end}'))
      .toMatch(/^kindnet-[bcdfghjklmnpqrstvwxz2456789]{10} 1\nkube-proxy-7bb84c4984 1\n$/);
  });

  test('covers every schedulable worker, and the control plane only when it tolerates its taint', () => {
    expect(home.run(['apply', '-f', '-'], { input: manifest('agent', false) })).toEqual({ stdout: 'daemonset.apps/agent created\n', stderr: '', code: 0 });
    expect(home.run(['apply', '-f', '-'], { input: manifest('everywhere', true) }).stdout).toBe('daemonset.apps/everywhere created\n');
    home.ok('clock', 'advance', '30s');
    expect(nodesOf('agent')).toEqual(['mk-worker', 'mk-worker2']);
    expect(nodesOf('everywhere')).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
    expect(home.ok('get', 'ds', 'agent', 'everywhere').split('\n').map((l) => l.replace(/\s+\S+$/, ''))).toEqual([
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR',
      'agent        2         2         2       2            2           <none>',
      'everywhere   3         3         3       3            3           <none>',
      '',
    ]);
    expect(home.ok('rollout', 'status', 'ds/agent')).toBe('daemon set "agent" successfully rolled out\n');
  });

  test('follows mk node add', () => {
    expect(home.ok('node', 'add', 'mk-worker3')).toBe('node/mk-worker3 added\n');
    home.ok('clock', 'advance', '30s');
    expect(nodesOf('agent')).toEqual(['mk-worker', 'mk-worker2', 'mk-worker3']);
    expect(home.ok('get', 'ds', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.numberReady}/{.status.desiredNumberScheduled} {end}'))
      .toBe('kindnet=4/4 kube-proxy=4/4 ');
  });

  test('rollout history and undo read and restore ControllerRevisions', () => {
    expect(home.ok('set', 'image', 'ds/agent', 'agent=nginx:1.27')).toBe('daemonset.apps/agent image updated\n');
    home.ok('clock', 'advance', '2m');
    expect(home.ok('rollout', 'status', 'ds/agent')).toBe('daemon set "agent" successfully rolled out\n');
    // Bytes as kubectl 1.32's DaemonSetHistoryViewer prints them (checked with kubectl-oracle).
    expect(home.ok('rollout', 'history', 'ds/agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(home.ok('rollout', 'history', 'ds/agent', '--revision=1')).toContain('    Image:\tnginx\n');
    expect(home.ok('rollout', 'undo', 'ds/agent')).toBe('daemonset.apps/agent rolled back\n');
    home.ok('clock', 'advance', '2m');
    expect(home.ok('get', 'ds', 'agent', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}'))
      .toBe('nginx 3');
    expect(home.ok('rollout', 'history', 'ds/agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(home.ok('rollout', 'undo', 'ds/agent', '--to-revision=3')).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 3)\n');
    expect(home.run(['rollout', 'undo', 'ds/agent', '--to-revision=7'])).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 7 in history\n', code: 1 });
    expect(new Set(home.ok('get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image} {end}').trim().split(' '))).toEqual(new Set(['nginx']));
  });
});
