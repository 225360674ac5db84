// kubectl client-side apply: the last-applied annotation's exact bytes, and the three-way patch
// that decides created / configured / unchanged.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import {
  LAST_APPLIED, computeApplyPatch, createThreeWayJsonMergePatch, goJsonEncode, lastAppliedConfiguration, withLastApplied,
} from '../../src/apiserver/apply.js';
import type { JsonObject } from '../../src/apiserver/patch/merge.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';

describe('the last-applied-configuration annotation', () => {
  test('is the manifest as compact JSON with sorted keys, an empty annotations map and a trailing newline', () => {
    const out = withLastApplied(nginxPod('nginx:1.25'));
    expect(out.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},'
      + '"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}\n');
  });

  test("keeps the manifest's other annotations and never nests an old annotation", () => {
    const m = nginxPod('nginx');
    m.metadata.annotations = { note: 'a<b & c>d', [LAST_APPLIED]: 'stale' };
    expect(lastAppliedConfiguration(m)).toContain('"annotations":{"note":"a\\u003cb \\u0026 c\\u003ed"}');
    expect(withLastApplied(m).metadata.annotations?.note).toBe('a<b & c>d');
  });

  test('encodes like Go: escapes and numbers', () => {
    expect(goJsonEncode({ b: 1.5, a: [true, null, 'x\u2028'], c: 1e-7 })).toBe('{"a":[true,null,"x\\u2028"],"b":1.5,"c":1e-7}\n');
  });

  test('does not touch the manifest it is given', () => {
    const m = nginxPod('nginx');
    withLastApplied(m);
    expect(m.metadata.annotations).toBeUndefined();
  });
});

describe('apply on an existing object', () => {
  test('the same manifest again is unchanged: the patch is {}', () => {
    const live = created(nginxPod('nginx:1.25'));
    const r = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], withLastApplied(nginxPod('nginx:1.25')), live);
    expect(r).toEqual({ patch: {}, changed: false, patchType: 'strategic' });
  });

  test('a new image is configured with a patch touching only the image and the annotation', () => {
    const live = created(nginxPod('nginx:1.25'));
    const next = withLastApplied(nginxPod('nginx:1.26'));
    const r = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], next, live);
    expect(r.changed).toBe(true);
    expect(r.patch).toEqual({
      metadata: { annotations: { [LAST_APPLIED]: next.metadata.annotations?.[LAST_APPLIED] } },
      spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.26', name: 'nginx' }] },
    });
    const after = patchObject('strategic', live, r.patch) as unknown as { spec: { containers: JsonObject[] }; status: unknown };
    expect(after.spec.containers[0].image).toBe('nginx:1.26');
    expect(after.spec.containers[0].terminationMessagePath).toBe('/dev/termination-log');
    expect(after.status).toEqual({ phase: 'Running' });
  });

  test('a field dropped from the manifest is removed; what others set survives', () => {
    const first = nginxPod('nginx');
    first.metadata.labels = { app: 'web', tier: 'fe' };
    const live = created(first);
    // `kubectl label pod web owner=me` after the first apply
    live.metadata.labels = { ...live.metadata.labels, owner: 'me' };
    const next = nginxPod('nginx');
    delete (next.spec as { containers: JsonObject[] }).containers[0].ports;
    const r = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], next, live);
    expect(r.patch.metadata).toMatchObject({ labels: { tier: null } });
    expect((r.patch.spec as JsonObject).containers).toEqual([{ name: 'nginx', ports: null }]);
    const after = patchObject('strategic', live, r.patch);
    expect(after.metadata.labels).toEqual({ app: 'web', owner: 'me' });
    expect((after.spec as { containers: JsonObject[] }).containers[0]).toEqual({
      name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log',
    });
    expect(after.status).toEqual({ phase: 'Running' });
    expect(after.metadata.annotations?.[LAST_APPLIED]).toBe(lastAppliedConfiguration(next));
  });

  test('a container removed from the manifest is deleted by merge key, the others stay in order', () => {
    const two = nginxPod('nginx');
    (two.spec as { containers: JsonObject[] }).containers.push({ name: 'log', image: 'fluentd' });
    const live = created(two);
    const r = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], nginxPod('nginx'), live);
    expect((r.patch.spec as JsonObject).containers).toEqual([{ name: 'log', $patch: 'delete' }]);
    const after = patchObject('strategic', live, r.patch);
    expect((after.spec as { containers: JsonObject[] }).containers.map((c) => c.name)).toEqual(['nginx']);
  });

  test('an object made by kubectl create (no annotation) gets the annotation and no deletions', () => {
    const live = created(nginxPod('nginx'));
    delete live.metadata.annotations;
    const r = computeApplyPatch(undefined, nginxPod('nginx'), live);
    expect(Object.keys(r.patch)).toEqual(['metadata']);
    expect(r.changed).toBe(true);
  });

  test('custom resources get a three-way JSON merge patch', () => {
    const cr = (size: number, extra?: JsonObject): KubeObject => ({
      apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size, ...extra },
    });
    const live = { ...withLastApplied(cr(1, { color: 'red' })), status: { ready: true } };
    const r = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], cr(2), live);
    expect(r.patchType).toBe('merge');
    expect(r.patch).toEqual({
      metadata: { annotations: { [LAST_APPLIED]: lastAppliedConfiguration(cr(2)) } },
      spec: { color: null, size: 2 },
    });
  });

  test('a JSON merge apply that renames the object is refused', () => {
    expect(() => createThreeWayJsonMergePatch({}, { metadata: { name: 'b' } }, { metadata: { name: 'a' } }))
      .toThrow('At least one of apiVersion, kind and name was changed');
  });
});

function nginxPod(image: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
  };
}

/** What the server stores for `kubectl apply` of a new manifest: defaults, metadata, status. */
function created(manifest: KubeObject): KubeObject {
  const obj = withLastApplied(manifest) as KubeObject & { spec: { containers: JsonObject[] } };
  obj.metadata = { ...obj.metadata, uid: '0b4a3b0e', resourceVersion: '12', creationTimestamp: '2025-01-01T00:00:00Z' };
  for (const c of obj.spec.containers) {
    c.imagePullPolicy = 'Always';
    c.terminationMessagePath = '/dev/termination-log';
    for (const p of (c.ports ?? []) as JsonObject[]) p.protocol = 'TCP';
  }
  obj.status = { phase: 'Running' };
  return obj;
}
