// ResourceQuota: validation, the quota admission plugin's refusals (release-1.32 wording), the
// resource-quota controller's status, and the printer.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { Bench } from '../controllers/replicaset-harness.js';
import { resourceQuotaController } from '../../src/controllers/resource-quota.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import { deploymentController } from '../../src/controllers/deployment/deployment.js';
import { ControlLoop } from '../../src/sim/loop.js';
import type { KubeObject } from '../../src/api/object.js';
import type { ResourceQuota } from '../../src/api/core/resourcequota/schema.js';
import { printResourceQuota } from '../../src/api/core/resourcequota/table.js';
import { NOW, failure } from './helpers.js';

const m = (yaml: string) => parse(yaml) as KubeObject;

const QUOTA = `
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute-quota, namespace: default}
spec:
  hard: {pods: "3", requests.cpu: "2", limits.cpu: "2", requests.memory: 1Gi}
`;

const pod = (name: string, cpu: string, extra = '') => m(`
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default}
spec:
  containers:
  - name: ${name}
    image: nginx
    resources: {requests: {cpu: ${cpu}, memory: 100Mi}, limits: {cpu: ${cpu}${extra}}}
`);

function bench(): { b: Bench; settle: () => void } {
  const b = new Bench();
  const loop = new ControlLoop({
    store: b.store, controllers: [resourceQuotaController, replicaSetController, deploymentController],
    context: (c) => b.ctx(c.name), now: () => b.now, setNow: (t) => { b.now = t; }, onError: () => {},
  });
  return { b, settle: () => loop.advanceTo(b.now) };
}

const quota = (b: Bench) => b.api.get<ResourceQuota & KubeObject>('resourcequotas', 'default', 'compute-quota');

describe('resource-quota controller', () => {
  test('sets status.hard from spec.hard and counts what is there', () => {
    const { b, settle } = bench();
    b.api.create('pods', pod('a', '500m'));
    b.api.create('resourcequotas', m(QUOTA));
    settle();
    expect(quota(b).status).toEqual({
      hard: { 'limits.cpu': '2', pods: '3', 'requests.cpu': '2', 'requests.memory': '1Gi' },
      used: { 'limits.cpu': '500m', pods: '1', 'requests.cpu': '500m', 'requests.memory': '100Mi' },
    });
    b.api.create('pods', pod('b', '500m'));
    settle();
    expect(quota(b).status!.used).toEqual({ 'limits.cpu': '1', pods: '2', 'requests.cpu': '1', 'requests.memory': '200Mi' });
    b.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    settle();
    expect(quota(b).status!.used!.pods).toBe('1');
  });
});

describe('quota admission', () => {
  test.each([
    ['a pod over the cpu limit', pod('big', '2'),
      'Forbidden: pods "big" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=2,requests.cpu=2, used: limits.cpu=1,requests.cpu=1, limited: limits.cpu=2,requests.cpu=2'],
    ['a pod without the limits the quota restricts', m('apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: default}\nspec: {containers: [{name: x, image: nginx}]}'),
      'Forbidden: pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu for: x; requests.cpu for: x; requests.memory for: x'],
    ['a pod within it', pod('small', '500m'), 'no error'],
  ])('%s', (_name, obj, want) => {
    const { b, settle } = bench();
    b.api.create('resourcequotas', m(QUOTA));
    b.api.create('pods', pod('a', '500m'));
    b.api.create('pods', pod('b', '500m'));
    settle();
    expect(failure(() => b.api.create('pods', obj))).toBe(want);
  });

  test('a quota the controller has not seen yet restricts nothing', () => {
    const { b } = bench();
    b.api.create('resourcequotas', m(QUOTA));
    expect(failure(() => b.api.create('pods', pod('big', '4')))).toBe('no error');
  });

  test('count/ quotas refuse the object that would go over', () => {
    const { b, settle } = bench();
    b.api.create('resourcequotas', m('apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: objects, namespace: default}\nspec: {hard: {configmaps: "1", count/secrets: "0"}}'));
    settle();
    b.api.create('configmaps', m('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}'));
    expect(failure(() => b.api.create('configmaps', m('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: default}'))))
      .toBe('Forbidden: configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1');
    expect(failure(() => b.api.create('secrets', m('apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}'))))
      .toBe('Forbidden: secrets "s" is forbidden: exceeded quota: objects, requested: count/secrets=1, used: count/secrets=0, limited: count/secrets=0');
  });

  test('a Deployment over quota: its ReplicaSet records FailedCreate', () => {
    const { b, settle } = bench();
    b.api.create('resourcequotas', m('apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: pods, namespace: default}\nspec: {hard: {pods: "2"}}'));
    settle();
    b.api.create('deployments.apps', m(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`));
    settle();
    expect(b.pods()).toHaveLength(2);
    const failed = b.events.filter((e) => e.reason === 'FailedCreate');
    expect(failed[0].object).toMatch(/^ReplicaSet\/web-/);
    expect(failed[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]+-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2$/);
  });
});

describe('validation', () => {
  test.each([
    ['a negative value', '{cpu: "-1"}', 'Invalid: ResourceQuota "q" is invalid: spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    ['an unknown standard name', '{foo: "1"}', 'Invalid: ResourceQuota "q" is invalid: spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota'],
  ])('refuses %s', (_name, hard, want) => {
    const { b } = bench();
    expect(failure(() => b.api.create('resourcequotas', m(`apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: default}\nspec: {hard: ${hard}}`)))).toBe(want);
  });
});

test('printResourceQuota splits requests and limits', () => {
  const rq = {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute-quota', creationTimestamp: new Date(NOW - 600e3).toISOString() },
    status: { hard: { 'limits.cpu': '2', pods: '3', 'requests.cpu': '2' }, used: { 'limits.cpu': '1', pods: '2', 'requests.cpu': '1' } },
  } as ResourceQuota;
  expect(printResourceQuota(rq, { now: NOW, wide: false })[0].cells).toEqual(['compute-quota', '10m', 'pods: 2/3, requests.cpu: 1/2', 'limits.cpu: 1/2']);
});
