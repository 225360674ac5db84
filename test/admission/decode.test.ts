// Request bodies that do not decode: strict field validation and Go's type errors, as kubectl
// shows them after `Error from server (BadRequest): error when creating "x.yaml": `.
import { describe, expect, test } from 'vitest';
import { admitCreate, decodeRequest } from '../../src/apiserver/admission/index.js';
import { goBase64Decode } from '../../src/apiserver/admission/decode.js';
import { ctx, failure, manifest } from './helpers.js';

const pod = (spec: string, meta = '{name: x, namespace: default}') => manifest(`apiVersion: v1\nkind: Pod\nmetadata: ${meta}\nspec: ${spec}`);

describe('strict decoding', () => {
  test.each([
    ['an unknown container field', pod('{containers: [{name: c, image: busybox, foo: 1}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].foo"'],
    ['several unknown fields, in the order of the sorted JSON kubectl sends', pod('{zeta: 1, containers: [{name: c, image: busybox, Image: x}], alpha: 2}', '{name: x, namespace: default, labelz: {}}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.labelz", unknown field "spec.alpha", unknown field "spec.containers[0].Image", unknown field "spec.zeta"'],
    ['an env value that is a number', pod('{containers: [{name: c, image: busybox, env: [{name: PORT, value: 8080}]}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string'],
    ['a containerPort that is a string', pod('{containers: [{name: c, image: busybox, ports: [{containerPort: "80"}]}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['a label value that is a number', pod('{containers: [{name: c, image: busybox}]}', '{name: x, namespace: default, labels: {tier: 1}}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['containers as a map', pod('{containers: {name: c}}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['a fractional port', pod('{containers: [{name: c, image: busybox, ports: [{containerPort: 80.5}]}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['a restart policy that is a bool', pod('{restartPolicy: true, containers: [{name: c, image: busybox}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    ['a memory limit in GB', pod('{containers: [{name: c, image: busybox, resources: {limits: {memory: 1GB}}}]}'),
      "BadRequest: Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a type error wins over unknown fields', pod('{foo: 1, containers: [{name: c, image: 5}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    ['a probe port that is a bool', pod('{containers: [{name: c, image: busybox, livenessProbe: {httpGet: {port: true}}}]}'),
      'BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go value of type int32'],
  ])('%s', (_name, input, want) => {
    expect(failure(() => admitCreate('Pod', input, ctx()))).toBe(want);
  });

  test('Warn reports unknown fields as warnings and drops them; Ignore drops them silently', () => {
    const warn = ctx({ fieldValidation: 'Warn' });
    const out = admitCreate('Pod', pod('{foo: 1, containers: [{name: c, image: busybox, bar: 2}]}'), warn) as Record<string, any>;
    expect(warn.warnings).toEqual(['unknown field "spec.containers[0].bar"', 'unknown field "spec.foo"']);
    expect(out.spec.foo).toBeUndefined();
    expect(out.spec.containers[0].bar).toBeUndefined();
    const ignore = ctx({ fieldValidation: 'Ignore' });
    admitCreate('Pod', pod('{foo: 1, containers: [{name: c, image: busybox}]}'), ignore);
    expect(ignore.warnings).toEqual([]);
  });

  test('other API groups decode with their own Go types', () => {
    const deploy = manifest(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "3"
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: nginx, image: nginx}]}}
`);
    expect(failure(() => decodeRequest('Deployment', deploy, ctx()))).toBe(
      'BadRequest: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  test('nulls are dropped, timestamps come back in UTC', () => {
    const out = decodeRequest('Pod', pod('{nodeName: null, containers: [{name: c, image: busybox}]}',
      '{name: x, namespace: default, creationTimestamp: null, deletionTimestamp: "2025-01-01T10:00:00+02:00"}'), ctx()) as Record<string, any>;
    expect(out.spec).toEqual({ containers: [{ name: 'c', image: 'busybox' }] });
    expect(out.metadata).toEqual({ name: 'x', namespace: 'default', deletionTimestamp: '2025-01-01T08:00:00Z' });
  });

  test.each([
    ['YWJjZA==', 'abcd'], ['YWJj\nZA==', 'abcd'], ['', ''], ['YWJjZA', 4], ['YW=jZA==', 2], ['YWJjZA==x', 8], ['Y', 0],
  ])('base64 %j decodes as Go does', (input, want) => {
    const r = goBase64Decode(input);
    expect(typeof r === 'number' ? r : r.toString('utf8')).toBe(want);
  });
});

describe('strict decoding of a patch', () => {
  test('reports the strict decoding error alone', async () => {
    const { admitUpdate } = await import('../../src/apiserver/admission/index.js');
    const old = admitCreate('Pod', pod('{containers: [{name: c, image: busybox}]}'), ctx());
    const patched = structuredClone(old) as Record<string, any>;
    patched.metadata.resourceVersion = '1';
    patched.spec.containers[0].foo = 1;
    expect(failure(() => admitUpdate('Pod', patched as never, old, ctx({ patch: true }))))
      .toBe('BadRequest: strict decoding error: unknown field "spec.containers[0].foo"');
  });
});
