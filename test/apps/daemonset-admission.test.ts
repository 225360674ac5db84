// DaemonSets through the API server: what is stored (SetDefaults_DaemonSet, the registry
// strategy's template generation) and what is refused (ValidateDaemonSet, release-1.32).
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/object.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';
import { ApiServer } from '../../src/apiserver/server.js';
import { SeededRand } from '../../src/sim/rand.js';
import { MemoryStore } from '../../src/store/memory.js';

function server(): ApiServer {
  const api = new ApiServer({ store: new MemoryStore(), now: () => Date.UTC(2025, 0, 1, 12), rand: SeededRand.fromSeed('x') });
  api.configure({ admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }), patcher: patchObject });
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

const DS = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - {name: agent, image: fluentd}
`;

function ds(edit: (d: any) => void = () => {}): KubeObject {
  const d = parse(DS);
  edit(d);
  return d as KubeObject;
}

function refused(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return e.status.message;
  }
}

describe('DaemonSet admission', () => {
  test('defaults: RollingUpdate 1/0, ten revisions, template generation 1, zero counts', () => {
    const got = server().create('daemonsets.apps', ds()) as any;
    expect(got.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(got.spec.revisionHistoryLimit).toBe(10);
    expect(got.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(got.metadata.generation).toBe(1);
    expect(got.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(got.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
  });

  test('OnDelete gets no rollingUpdate', () => {
    const got = server().create('daemonsets.apps', ds((d) => { d.spec.updateStrategy = { type: 'OnDelete' }; })) as any;
    expect(got.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('a template change is a new template generation; a label change is not', () => {
    const api = server();
    api.create('daemonsets.apps', ds());
    const cur = api.get('daemonsets.apps', 'default', 'agent') as any;
    const labelled = api.update('daemonsets.apps', { ...cur, metadata: { ...cur.metadata, labels: { team: 'x' } } }) as any;
    expect([labelled.metadata.generation, labelled.metadata.annotations['deprecated.daemonset.template.generation']]).toEqual([1, '1']);
    labelled.spec.template.spec.containers[0].image = 'fluentd:v2';
    const updated = api.update('daemonsets.apps', labelled) as any;
    expect([updated.metadata.generation, updated.metadata.annotations['deprecated.daemonset.template.generation']]).toEqual([2, '2']);
  });

  test.each([
    ['a template the selector does not select', (d: any) => { d.spec.template.metadata.labels = { app: 'other' }; },
      'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
    ['both maxSurge and maxUnavailable', (d: any) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }; },
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'],
    ['neither maxSurge nor maxUnavailable', (d: any) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }; },
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ['a restart policy other than Always', (d: any) => { d.spec.template.spec.restartPolicy = 'Never'; },
      'DaemonSet.apps "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  ])('refuses %s', (_name, edit, message) => {
    expect(refused(() => server().create('daemonsets.apps', ds(edit)))).toBe(message);
  });

  test('the selector cannot change', () => {
    const api = server();
    const cur = api.create('daemonsets.apps', ds()) as any;
    cur.spec.selector = { matchLabels: { app: 'agent', tier: 'x' } };
    cur.spec.template.metadata.labels.tier = 'x';
    expect(refused(() => api.update('daemonsets.apps', cur))).toMatch(/^DaemonSet\.apps "agent" is invalid: spec\.selector: Invalid value: v1\.LabelSelector\{.*\}: field is immutable$/);
  });
});
