// The chain plugged into the API server: what `kubectl apply` stores and what it is refused with.
import { describe, expect, test } from 'vitest';
import { ApiServer } from '../../src/apiserver/server.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SeededRand } from '../../src/sim/rand.js';
import type { KubeObject } from '../../src/api/object.js';
import { failure, golden, manifest } from './helpers.js';

function server(): ApiServer {
  const api = new ApiServer({ store: new MemoryStore(), now: () => Date.UTC(2025, 0, 1, 12), rand: SeededRand.fromSeed('x') });
  api.configure({ admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }) });
  api.create('namespaces', manifest('apiVersion: v1\nkind: Namespace\nmetadata: {name: default}'));
  api.create('serviceaccounts', manifest('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: default}'));
  return api;
}

describe('through the API server', () => {
  test('the stored redis pod is the defaulted pod plus server metadata', () => {
    const api = server();
    const pod = api.create('pods', manifest('apiVersion: v1\nkind: Pod\nmetadata: {name: redis}\nspec: {containers: [{name: redis, image: redis}]}'));
    const { uid, creationTimestamp, resourceVersion, ...meta } = pod.metadata;
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(creationTimestamp).toBe('2025-01-01T12:00:00Z');
    expect(resourceVersion).toBeTruthy();
    const want = golden('redis-pod.yaml') as KubeObject & Record<string, any>;
    const got = { ...pod, metadata: meta } as Record<string, any>;
    // The volume suffix depends on how many random draws the server made before admission.
    const vol = got.spec.volumes[0].name as string;
    expect(vol).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(JSON.parse(JSON.stringify(got).replaceAll(vol, 'kube-api-access-7kxrm'))).toEqual(want);
  });

  test('a pod whose service account does not exist is forbidden', () => {
    const api = server();
    expect(failure(() => api.create('pods', manifest('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {serviceAccountName: robot, containers: [{name: c, image: busybox}]}'))))
      .toBe('Forbidden: pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
  });

  test('an update that leaves out server-owned metadata keeps it', () => {
    const api = server();
    api.create('configmaps', manifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}'));
    const out = api.update('configmaps', manifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: c}'));
    expect(out.data).toEqual({ a: 'c' });
    expect(out.metadata.uid).toBeTruthy();
  });
});
