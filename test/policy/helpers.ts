// An in-process API server with the full admission chain, for the policy kinds' tests.
import { parse } from 'yaml';
import { ApiServer } from '../../src/apiserver/server.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SeededRand } from '../../src/sim/rand.js';
import type { KubeObject } from '../../src/api/object.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';

export const NOW = Date.UTC(2025, 0, 1, 12);

export function server(): ApiServer {
  const api = new ApiServer({ store: new MemoryStore(), now: () => NOW, rand: SeededRand.fromSeed('x') });
  api.configure({ admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }), patcher: patchObject });
  api.create('namespaces', manifest('apiVersion: v1\nkind: Namespace\nmetadata: {name: default}'));
  api.create('serviceaccounts', manifest('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: default}'));
  return api;
}

export const manifest = (yaml: string) => parse(yaml) as KubeObject;

/** What a refused write says: field causes as kubectl lists them, else `Reason: message`; or 'no error'. */
export function failure(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return `${e.status.reason}: ${e.status.message}`;
  }
}
