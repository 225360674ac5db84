// StatefulSets through the API server: what is stored (SetDefaults_StatefulSet, the claim
// templates' PVC defaults, the registry strategy) and what is refused (ValidateStatefulSet and
// ValidateStatefulSetUpdate, release-1.32, in the API server's words).
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

const STS = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: default}
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - {name: nginx, image: registry.k8s.io/nginx-slim:0.24}
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

function sts(edit: (d: any) => void = () => {}): KubeObject {
  const d = parse(STS);
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

describe('StatefulSet admission', () => {
  test('defaults: OrderedReady, RollingUpdate partition 0, Retain/Retain, ten revisions, zero counts', () => {
    const got = server().create('statefulsets.apps', sts((d) => { delete d.spec.replicas; })) as any;
    expect(got.spec.podManagementPolicy).toBe('OrderedReady');
    expect(got.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(got.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(got.spec.revisionHistoryLimit).toBe(10);
    expect(got.spec.replicas).toBe(1);
    expect(got.metadata.generation).toBe(1);
    expect(got.status).toEqual({ availableReplicas: 0, replicas: 0 });
    expect(got.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
    expect(got.spec.volumeClaimTemplates).toEqual([{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { creationTimestamp: null, name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    }]);
  });

  test('OnDelete gets no rollingUpdate; a given partition is kept', () => {
    const api = server();
    expect((api.create('statefulsets.apps', sts((d) => { d.spec.updateStrategy = { type: 'OnDelete' }; })) as any).spec.updateStrategy)
      .toEqual({ type: 'OnDelete' });
    expect((api.create('statefulsets.apps', sts((d) => { d.metadata.name = 'db'; d.spec.updateStrategy = { rollingUpdate: { partition: 2 } }; })) as any).spec.updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
  });

  test('maxUnavailable (alpha in 1.32) is dropped', () => {
    const got = server().create('statefulsets.apps', sts((d) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } }; })) as any;
    expect(got.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });

  test.each([
    ['a template the selector does not select', (d: any) => { d.spec.template.metadata.labels = { app: 'other' }; },
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
    ['an empty selector', (d: any) => { d.spec.selector = {}; },
      'StatefulSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset'],
    ['a missing selector', (d: any) => { delete d.spec.selector; },
      'StatefulSet.apps "web" is invalid: spec.selector: Required value'],
    ['an unknown pod management policy', (d: any) => { d.spec.podManagementPolicy = 'Random'; },
      "StatefulSet.apps \"web\" is invalid: spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    ['an unknown update strategy', (d: any) => { d.spec.updateStrategy = { type: 'Recreate' }; },
      "StatefulSet.apps \"web\" is invalid: spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Recreate\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'"],
    ['a negative partition', (d: any) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }; },
      'StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    ['negative replicas', (d: any) => { d.spec.replicas = -1; },
      'StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['an unknown retention policy', (d: any) => { d.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }; },
      'StatefulSet.apps "web" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
    ['a restart policy other than Always', (d: any) => { d.spec.template.spec.restartPolicy = 'Never'; },
      'StatefulSet.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['activeDeadlineSeconds', (d: any) => { d.spec.template.spec.activeDeadlineSeconds = 10; },
      'StatefulSet.apps "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported'],
    ['a name that is not a DNS label', (d: any) => { d.metadata.name = 'web.v1'; },
      'StatefulSet.apps "web.v1" is invalid: metadata.name: Invalid value: "web.v1": must not contain dots'],
  ])('refuses %s', (_name, edit, message) => {
    expect(refused(() => server().create('statefulsets.apps', sts(edit)))).toBe(message);
  });

  test('replicas, template, updateStrategy, minReadySeconds and the retention policy may change; generation follows the spec', () => {
    const api = server();
    const cur = api.create('statefulsets.apps', sts()) as any;
    cur.spec.replicas = 5;
    cur.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.27';
    cur.spec.updateStrategy = { type: 'OnDelete' };
    cur.spec.minReadySeconds = 5;
    cur.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' };
    const got = api.update('statefulsets.apps', cur) as any;
    expect(got.metadata.generation).toBe(2);
    expect(got.spec.replicas).toBe(5);
  });

  test.each([
    ['serviceName', (d: any) => { d.spec.serviceName = 'other'; }],
    ['volumeClaimTemplates', (d: any) => { d.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'; }],
    ['podManagementPolicy', (d: any) => { d.spec.podManagementPolicy = 'Parallel'; }],
    ['selector', (d: any) => { d.spec.selector.matchLabels.tier = 'web'; d.spec.template.metadata.labels.tier = 'web'; }],
  ])('refuses an update of %s', (_name, edit) => {
    const api = server();
    const cur = api.create('statefulsets.apps', sts()) as any;
    edit(cur);
    expect(refused(() => api.update('statefulsets.apps', cur))).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  });
});
