// LimitRange through the API server: SetDefaults_LimitRangeItem, ValidateLimitRange and the
// LimitRanger admission plugin (release-1.32), message for message.
import { describe, expect, test } from 'vitest';
import { NOW, failure, manifest, server } from './helpers.js';
import { printLimitRange } from '../../src/api/core/limitrange/table.js';
import type { LimitRange } from '../../src/api/core/limitrange/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';

const LIMITS = `
apiVersion: v1
kind: LimitRange
metadata: {name: cpu-limits, namespace: default}
spec:
  limits:
  - type: Container
    max: {cpu: "1", memory: 1Gi}
    min: {cpu: 100m}
    defaultRequest: {cpu: 200m}
    maxLimitRequestRatio: {cpu: "5"}
`;

const pod = (resources: string) => manifest(`
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers:
  - name: app
    image: nginx
    resources: ${resources}
`);

describe('LimitRange defaults and validation', () => {
  test('a Container item defaults its limit to max and its request to the default request', () => {
    const lr = server().create('limitranges', manifest(LIMITS)) as unknown as LimitRange;
    expect(lr.spec!.limits[0].default).toEqual({ cpu: '1', memory: '1Gi' });
    expect(lr.spec!.limits[0].defaultRequest).toEqual({ cpu: '200m', memory: '1Gi' });
  });

  test.each([
    ['min above max', 'type: Container\n    min: {cpu: "2"}\n    max: {cpu: "1"}',
      'spec.limits[0].min[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2", Format:"DecimalSI"}: min value 2 is greater than max value 1'],
    ['an unknown type', 'type: Node\n    max: {cpu: "1"}', 'spec.limits[0].type: Unsupported value: "Node": supported values: "Container", "Pod", "PersistentVolumeClaim"'],
    ['defaults on a Pod item', 'type: Pod\n    default: {cpu: "1"}', "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
  ])('refuses %s', (_name, item, want) => {
    const msg = failure(() => server().create('limitranges', manifest(`apiVersion: v1\nkind: LimitRange\nmetadata: {name: l, namespace: default}\nspec:\n  limits:\n  - ${item}\n`)));
    expect(msg).toContain(want);
  });
});

describe('LimitRanger admission', () => {
  test('fills missing requests and limits and says so in an annotation', () => {
    const api = server();
    api.create('limitranges', manifest(LIMITS));
    const p = api.create('pods', pod('{}')) as unknown as Pod;
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '200m', memory: '1Gi' } });
    expect(p.metadata.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app' });
  });

  test.each([
    ['a limit above max', '{limits: {cpu: "2", memory: 512Mi}}', 'Forbidden: pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2'],
    ['a request below min', '{requests: {cpu: 50m}, limits: {cpu: 100m}}', 'Forbidden: pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m'],
    ['a ratio above the maximum', '{requests: {cpu: 100m}, limits: {cpu: "1"}}', 'Forbidden: pods "web" is forbidden: cpu max limit to request ratio per Container is 5, but provided ratio is 10.000000'],
    ['several violations', '{requests: {cpu: 50m, memory: 2Gi}, limits: {cpu: "2", memory: 2Gi}}',
      'Forbidden: pods "web" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 5, but provided ratio is 40.000000]'],
    ['nothing within bounds', '{requests: {cpu: 250m}, limits: {cpu: 500m}}', 'no error'],
  ])('refuses %s', (_name, resources, want) => {
    const api = server();
    api.create('limitranges', manifest(LIMITS));
    expect(failure(() => api.create('pods', pod(resources)))).toBe(want);
  });
});

test('printLimitRange prints the creation time in RFC 3339', () => {
  const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', creationTimestamp: '2025-01-01T11:00:00Z' } } as LimitRange;
  expect(printLimitRange(lr, { now: NOW, wide: false })[0].cells).toEqual(['l', '2025-01-01T11:00:00Z']);
});
