// managedFields and server-side apply through the API server, with cases from upstream:
// k8s.io/apimachinery/pkg/util/managedfields (fieldmanager_test.go, internal/conflict_test.go,
// internal/managedfields_test.go, managedfieldsupdater_test.go), structured-merge-diff's
// typed/merge_test.go, and the ownership examples of the server-side apply documentation.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/object.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { fieldManager, newConflictError, roundTripManagedFields, type ManagedFieldsEntry } from '../../src/apiserver/managed-fields/field-manager.js';
import { FieldSet, field, keyElement } from '../../src/apiserver/managed-fields/fieldset.js';
import { merge, toFieldSet } from '../../src/apiserver/managed-fields/typed.js';
import type { JsonValue } from '../../src/apiserver/patch/merge.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';
import { ApiServer } from '../../src/apiserver/server.js';
import { SeededRand } from '../../src/sim/rand.js';
import { MemoryStore } from '../../src/store/memory.js';

const T0 = Date.UTC(2025, 0, 1, 12);

function server() {
  let now = T0;
  const api = new ApiServer({ store: new MemoryStore(), now: () => now, rand: SeededRand.fromSeed('ssa') });
  api.configure({
    admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }),
    patcher: patchObject, fieldManager,
  });
  api.create('namespaces', parse('apiVersion: v1\nkind: Namespace\nmetadata: {name: default}') as KubeObject);
  api.create('serviceaccounts', parse('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: default}') as KubeObject);
  return { api, tick: (s: number) => (now += s * 1000) };
}

const obj = (yaml: string) => parse(yaml) as KubeObject;
const entries = (o: KubeObject) => (o.metadata.managedFields ?? []) as ManagedFieldsEntry[];
/** The entries as `manager operation [subresource]` and their fieldsV1. */
const summary = (o: KubeObject) => entries(o).map((e) => [`${e.manager} ${e.operation}${e.subresource ? ` ${e.subresource}` : ''}`, e.fieldsV1]);

function refusal(fn: () => unknown): ApiError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('no error');
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27, ports: [{containerPort: 80}]}]
`;

describe('Update entries', () => {
  test('a create records what the defaulted object sets; nodes the empty object has carry no "."', () => {
    const { api } = server();
    const d = api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'kubectl-create' });
    // The entry of `kubectl create deployment` on a 1.32 cluster: defaults included, status,
    // name and the server-set metadata not; rollingUpdate, labels and list items are new nodes.
    expect(entries(d)).toEqual([{
      manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-01T12:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          'f:progressDeadlineSeconds': {}, 'f:replicas': {}, 'f:revisionHistoryLimit': {}, 'f:selector': {},
          'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
          'f:template': {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"nginx"}': {
                  '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {},
                  'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                  'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
                },
              },
              'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
            },
          },
        },
      },
    }]);
    // fieldsV1 keys in FieldsV1 order: `.` first, then path elements sorted.
    expect(Object.keys((entries(d)[0].fieldsV1!['f:spec'] as Record<string, unknown>))).toEqual([
      'f:progressDeadlineSeconds', 'f:replicas', 'f:revisionHistoryLimit', 'f:selector', 'f:strategy', 'f:template']);
  });

  test('another manager takes the fields it changes; an unchanged write leaves time and entries alone', () => {
    const { api, tick } = server();
    api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'kubectl-create' });
    tick(5);
    const scaled = api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 3 } }, { fieldManager: 'kubectl-scale' });
    const s = summary(scaled);
    expect(s.map(([m]) => m)).toEqual(['kubectl-create Update', 'kubectl-scale Update']);
    expect(s[1][1]).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((s[0][1] as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas']).toBeUndefined();
    expect(entries(scaled)[1].time).toBe('2025-01-01T12:00:05Z');
    tick(5);
    const same = api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 3 } }, { fieldManager: 'kubectl-scale' });
    expect(same.metadata.managedFields).toEqual(scaled.metadata.managedFields);
  });

  test('status writes are their own entry with subresource status and cannot replace managedFields', () => {
    const { api } = server();
    const d = api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'kubectl-create' });
    const withStatus = { ...d, metadata: { ...d.metadata, managedFields: [] }, status: { observedGeneration: 1, replicas: 2 } } as KubeObject;
    const u = api.updateStatus('deployments.apps', withStatus, { fieldManager: 'kube-controller-manager' });
    expect(summary(u)).toEqual([
      ['kube-controller-manager Update status', { 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } }],
      ['kubectl-create Update', entries(d)[0].fieldsV1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  test('a main-resource write owns nothing under status (reset fields)', () => {
    const { api } = server();
    const d = api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'kubectl-create' });
    const u = api.update('deployments.apps', { ...d, status: { replicas: 5 } } as KubeObject, { fieldManager: 'kubectl-replace' });
    expect(summary(u).map(([m]) => m)).toEqual(['kubectl-create Update']);
  });

  test('TestApplyStripsFields: name, namespace, uid, resourceVersion and the like are never owned', () => {
    const { api } = server();
    const cm = api.create('configmaps', obj('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: default}'), { fieldManager: 'fieldmanager_test' });
    expect(cm.metadata.managedFields).toBeUndefined();
  });

  test('TestResetManagedFieldsEmptyList: an update sending managedFields [] clears them', () => {
    const { api } = server();
    const cm = api.create('configmaps', obj('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {a: x}'), { fieldManager: 'one' });
    expect(summary(cm)).toEqual([['one Update', { 'f:data': { '.': {}, 'f:a': {} } }]]);
    const reset = api.update('configmaps', { ...cm, metadata: { ...cm.metadata, managedFields: [] } } as KubeObject, { fieldManager: 'two' });
    expect(reset.metadata.managedFields).toBeUndefined();
  });

  test('sets own their items by value: finalizers', () => {
    const { api } = server();
    const cm = api.create('configmaps', obj('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, finalizers: [example.com/x]}'), { fieldManager: 'm' });
    expect(summary(cm)).toEqual([['m Update', { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"example.com/x"': {} } } }]]);
  });

  test('a pod condition owns its null lastProbeTime, as the Go type encodes it', () => {
    const { api } = server();
    const pod = api.create('pods', obj('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox}]}'), { fieldManager: 'kubectl-run' });
    const withCondition = { ...pod, status: { conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T12:00:00Z' }] } } as KubeObject;
    const u = api.updateStatus('pods', withCondition, { fieldManager: 'kube-scheduler' });
    expect(summary(u).find(([m]) => m === 'kube-scheduler Update status')?.[1]).toEqual({
      'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"PodScheduled"}': { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} } } },
    });
  });
});

describe('server-side apply', () => {
  const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-cm
  namespace: default
  labels:
    test-label: test
data:
  key: some value
`;

  test('the documentation\'s ConfigMap: created by apply, its entry owns what was applied', () => {
    const { api } = server();
    const cm = api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl' });
    expect(entries(cm)).toEqual([{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2025-01-01T12:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } },
    }]);
    expect(cm.data).toEqual({ key: 'some value' });
    expect(cm.metadata.uid).toBeDefined();
  });

  test('the documentation\'s conflict: a controller updated data.key; apply needs force, which takes the field', () => {
    const { api } = server();
    api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl' });
    api.patch('configmaps', 'default', 'test-cm', 'merge', { data: { key: 'new value' } }, { fieldManager: 'kube-controller-manager' });
    const status = refusal(() => api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl' }));
    expect(status).toEqual({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409,
      message: 'Apply failed with 1 conflict: conflict with "kube-controller-manager" using v1: .data.key',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using v1', field: '.data.key' }] },
    });
    const forced = api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl', force: true });
    expect(forced.data).toEqual({ key: 'some value' });
    expect(summary(forced).map(([m]) => m)).toEqual(['kubectl Apply']);
  });

  test('TestUpdateApplyConflict: replicas owned by an updater conflict', () => {
    const { api } = server();
    api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'fieldmanager_test' });
    const status = refusal(() => api.patch('deployments.apps', 'default', 'web', 'apply',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 101 } }, { fieldManager: 'fieldmanager_conflict' }));
    expect(status.message).toBe('Apply failed with 1 conflict: conflict with "fieldmanager_test" using apps/v1: .spec.replicas');
  });

  test('applying the value another manager set is no conflict: both own it, and it stays when one lets go', () => {
    const { api } = server();
    const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    api.patch('configmaps', 'default', 'c', 'apply', { ...base, data: { a: '1', b: '2' } }, { fieldManager: 'one' });
    const shared = api.patch('configmaps', 'default', 'c', 'apply', { ...base, data: { a: '1' } }, { fieldManager: 'two' });
    // An apply that changes nothing leaves the object as it was: its new entry gets no time
    // (managedFieldsUpdater), which sorts it first.
    expect(summary(shared)).toEqual([
      ['two Apply', { 'f:data': { 'f:a': {} } }],
      ['one Apply', { 'f:data': { 'f:a': {}, 'f:b': {} } }],
    ]);
    expect(entries(shared)[0].time).toBeUndefined();
    // `one` stops applying a and b: b goes (no one else owns it), a stays (two owns it).
    const after = api.patch('configmaps', 'default', 'c', 'apply', { ...base, data: {} }, { fieldManager: 'one' });
    expect(after.data).toEqual({ a: '1' });
    expect(summary(after)).toEqual([['two Apply', { 'f:data': { 'f:a': {} } }], ['one Apply', { 'f:data': {} }]]);
  });

  test('a field an applier stops applying is removed; a list item too', () => {
    const { api } = server();
    const two = parse(DEPLOYMENT.replace('ports: [{containerPort: 80}]}]', 'ports: [{containerPort: 80}]}, {name: side, image: busybox}]'));
    api.patch('deployments.apps', 'default', 'web', 'apply', two, { fieldManager: 'kubectl' });
    const one = api.patch('deployments.apps', 'default', 'web', 'apply', parse(DEPLOYMENT.replace('  replicas: 2\n', '')), { fieldManager: 'kubectl' });
    const spec = one.spec as { replicas: number; template: { spec: { containers: { name: string }[] } } };
    expect(spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
    // replicas is defaulted again once no one applies it.
    expect(spec.replicas).toBe(1);
  });

  test('an applier changing another manager\'s field with force takes it over', () => {
    const { api } = server();
    api.create('deployments.apps', obj(DEPLOYMENT), { fieldManager: 'kubectl-create' });
    const forced = api.patch('deployments.apps', 'default', 'web', 'apply', parse(DEPLOYMENT.replace('replicas: 2', 'replicas: 3')),
      { fieldManager: 'kubectl', force: true });
    const [apply, update] = summary(forced);
    expect(apply[0]).toBe('kubectl Apply');
    expect(JSON.stringify(update[1])).not.toContain('f:replicas');
    expect((forced.spec as { replicas: number }).replicas).toBe(3);
  });

  test('an apply needs a field manager, no managedFields, and the URL\'s version', () => {
    const { api } = server();
    expect(refusal(() => api.patch('configmaps', 'default', 'c', 'apply', parse(CM.replace('test-cm', 'c')), {})).message)
      .toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    expect(refusal(() => api.patch('configmaps', 'default', 'test-cm', 'apply',
      { ...parse(CM), metadata: { name: 'test-cm', managedFields: [] } }, { fieldManager: 'm' })).message)
      .toBe('metadata.managedFields must be nil');
    expect(refusal(() => api.patch('configmaps', 'default', 'test-cm', 'apply', { ...parse(CM), apiVersion: 'v2' }, { fieldManager: 'm' })).message)
      .toBe('Incorrect version specified in apply patch. Specified patch version: v2, expected: v1');
  });

  test('a field the type does not declare fails the apply as upstream\'s typed conversion does', () => {
    const { api } = server();
    const status = refusal(() => api.patch('configmaps', 'default', 'c', 'apply',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, datta: { a: '1' } }, { fieldManager: 'm' }));
    expect(status).toMatchObject({ code: 500, reason: '',
      message: 'failed to create typed patch object (default/c; /v1, Kind=ConfigMap): .datta: field not declared in schema' });
  });

  test('a server dry run stores nothing', () => {
    const { api } = server();
    const cm = api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl', dryRun: true });
    expect(entries(cm).length).toBe(1);
    expect(api.tryGet('configmaps', 'default', 'test-cm')).toBeUndefined();
  });

  test('TestManagedFieldsApplyWithoutChangesDoesNotModifyTime', () => {
    const { api, tick } = server();
    const first = api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl' });
    tick(60);
    const again = api.patch('configmaps', 'default', 'test-cm', 'apply', parse(CM), { fieldManager: 'kubectl' });
    expect(entries(again)[0].time).toBe(entries(first)[0].time);
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });
});

describe('merge (structured-merge-diff typed/merge_test.go, "associative list")', () => {
  // The test's list keyed by [key, id] is container ports keyed by [containerPort, protocol].
  const ports = { go: { l: 'core/v1.ContainerPort', r: 'map', k: ['containerPort', 'protocol'] } } as const;
  const p = (list: [string, number][]) => list.map(([key, id]) => ({ protocol: key, containerPort: id }));
  const cases: [[string, number][], [string, number][], [string, number][]][] = [
    [[['a', 1]], [['a', 1]], [['a', 1]]],
    [[['a', 1]], [['a', 2]], [['a', 1], ['a', 2]]],
    [[['a', 1], ['b', 1]], [['a', 1], ['a', 2]], [['a', 1], ['b', 1], ['a', 2]]],
    [[['b', 2]], [['a', 1], ['b', 2], ['c', 3]], [['a', 1], ['b', 2], ['c', 3]]],
    [[['a', 1], ['b', 2], ['c', 3]], [['c', 3], ['b', 2]], [['a', 1], ['c', 3], ['b', 2]]],
    [[['a', 1], ['b', 2], ['c', 3]], [['c', 3], ['a', 1]], [['b', 2], ['c', 3], ['a', 1]]],
  ];
  test.each(cases)('%j merged with %j', (lhs, rhs, out) => {
    expect(merge(ports, p(lhs), p(rhs))).toEqual(p(out));
  });
  const atomic = { go: { l: 's', r: 'atomic' } } as const;
  test.each([
    [['a', 'a', 'a'], null, null],
    [['a', 'b', 'c'], [], []],
    [['a', 'a', 'a'], ['a', 'a'], ['a', 'a']],
  ] as JsonValue[][])('atomic %j merged with %j', (lhs, rhs, out) => {
    expect(merge(atomic, lhs, rhs)).toEqual(out);
  });
});

describe('FieldsV1 and managedFields encoding (internal/managedfields_test.go, fields_test.go)', () => {
  test.each([
    `- apiVersion: v1
  fieldsType: FieldsV1
  fieldsV1:
    v:3:
      f:alsoPi: {}
    v:3.1415:
      f:pi: {}
    v:false:
      f:notTrue: {}
  manager: foo
  operation: Update
  time: "2001-02-03T04:05:06Z"
- apiVersion: v1beta1
  fieldsType: FieldsV1
  fieldsV1:
    i:5:
      f:i: {}
  manager: foo
  operation: Update
  time: "2011-12-13T14:15:16Z"
`,
    `- apiVersion: v1
  fieldsType: FieldsV1
  fieldsV1:
    f:spec:
      f:containers:
        k:{"name":"c"}:
          f:image: {}
          f:name: {}
  manager: foo
  operation: Apply
`,
    `- apiVersion: v1
  fieldsType: FieldsV1
  fieldsV1:
    f:spec:
      f:replicas: {}
  manager: foo
  operation: Update
  subresource: scale
`,
  ])('TestRoundTripManagedFields %#', (yaml) => {
    const given = parse(yaml) as ManagedFieldsEntry[];
    expect(roundTripManagedFields(given)).toEqual(given);
  });

  test('FieldsV1 orders elements as PathElement.Compare and puts "." first', () => {
    const s = FieldSet.of([
      [field('b')], [field('a'), keyElement({ name: 'x' })], [field('a'), keyElement({ name: 'x' }), field('image')],
      [field('a'), 'v:true'], [field('a'), 'v:"s"'], [field('a'), 'v:2'], [field('a'), 'i:0'],
    ]);
    expect(JSON.stringify(s.toFieldsV1())).toBe('{"f:a":{"k:{\\"name\\":\\"x\\"}":{".":{},"f:image":{}},"v:2":{},"v:\\"s\\"":{},"v:true":{},"i:0":{}},"f:b":{}}');
    expect(FieldSet.fromFieldsV1(s.toFieldsV1()).toFieldsV1()).toEqual(s.toFieldsV1());
  });

  test('TestSortEncodedManagedFields: Apply before Update, then by time, manager, apiVersion, subresource', () => {
    const e = (manager: string, operation: 'Apply' | 'Update', time?: string, subresource?: string): ManagedFieldsEntry => ({
      manager, operation, apiVersion: 'v1', ...(time ? { time } : {}), fieldsType: 'FieldsV1', fieldsV1: { 'f:x': {} }, ...(subresource ? { subresource } : {}),
    });
    const sorted = roundTripManagedFields([
      e('b', 'Update', '2001-01-01T00:00:00Z'), e('a', 'Update', '2001-01-01T00:00:01Z'), e('c', 'Apply', '2002-01-01T00:00:00Z'),
      e('a', 'Update', '2001-01-01T00:00:00Z', 'status'), e('a', 'Apply'),
    ]);
    expect(sorted?.map((x) => `${x.operation} ${x.manager} ${x.subresource ?? ''}`)).toEqual([
      'Apply a ', 'Apply c ', 'Update a status', 'Update b ', 'Update a ']);
  });

  test('ToFieldSet: list-map keys take their defaults (a port\'s protocol)', () => {
    const set = toFieldSet({ go: 'core/v1.Container' }, { name: 'c', ports: [{ containerPort: 80 }] });
    expect(set.toFieldsV1()).toEqual({ 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } });
  });
});

describe('conflict errors (internal/conflict_test.go)', () => {
  test('one conflict, with the updater\'s time', () => {
    const err = newConflictError([{ manager: '{"manager":"foo","operation":"Update","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}', path: [field('spec'), field('replicas')] }]);
    expect(err.status.message).toBe('Apply failed with 1 conflict: conflict with "foo" using v1 at 2001-02-03T04:05:06Z: .spec.replicas');
    expect(err.status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "foo" using v1 at 2001-02-03T04:05:06Z', field: '.spec.replicas' }]);
  });

  test('several, grouped by manager in sorted order', () => {
    const err = newConflictError([
      { manager: '{"manager":"foo","operation":"Update","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}', path: [field('spec'), field('replicas')] },
      { manager: '{"manager":"bar","operation":"Apply"}', path: [field('metadata'), field('labels'), field('app')] },
    ]);
    expect(err.status.message).toBe(`Apply failed with 2 conflicts: conflicts with "bar":
- .metadata.labels.app
conflicts with "foo" using v1 at 2001-02-03T04:05:06Z:
- .spec.replicas`);
  });

  test('a subresource manager, and list items in paths', () => {
    const err = newConflictError([{ manager: '{"manager":"foo","operation":"Update","subresource":"scale","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}', path: [field('spec'), field('replicas')] }]);
    expect(err.status.message).toBe('Apply failed with 1 conflict: conflict with "foo" with subresource "scale" using v1 at 2001-02-03T04:05:06Z: .spec.replicas');
    const list = newConflictError([{ manager: '{"manager":"a","operation":"Apply"}', path: [field('spec'), field('ports'), keyElement({ port: 80, protocol: 'TCP' }), field('name')] }]);
    expect(list.status.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.ports[port=80,protocol="TCP"].name');
  });
});
