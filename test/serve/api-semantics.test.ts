// The served API's semantics in process, over real HTTP to the handler: aggregated discovery's
// content negotiation, lists at past revisions (continue snapshots, Exact, 410 past compaction),
// ListOptions validation, and watch initial events and bookmarks. Expected texts are
// kube-apiserver 1.32's (etcd3 store, cacher, meta/internalversion validation).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/apiserver/server.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { createHandler } from '../../src/apiserver/http/handler.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';
import { selectors } from '../../src/apiserver/selectors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SeededRand } from '../../src/sim/rand.js';
import type { KubeObject } from '../../src/api/object.js';

const NOW = Date.UTC(2025, 0, 1, 12);
/** Small, so a test can write past it and see the store compact. */
const WINDOW = 20;

let api: ApiServer;
let server: Server;
let base = '';

beforeAll(async () => {
  api = new ApiServer({ store: new MemoryStore({ compactionWindow: WINDOW }), now: () => NOW, rand: SeededRand.fromSeed('x') });
  api.configure({ admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }), patcher: patchObject, selectors });
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject);
  const handler = createHandler({ api, token: undefined, now: () => NOW, version: {}, settle: async () => undefined });
  server = createServer(handler.listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => {
  server.closeAllConnections();
  server.close(() => r());
}));

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: 'v' } }) as KubeObject;

async function get(path: string, accept = 'application/json') {
  const res = await fetch(base + path, { headers: { accept } });
  return { code: res.status, type: res.headers.get('content-type'), body: await res.json() as Record<string, any> };
}

const names = (list: Record<string, any>) => (list.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);

describe('discovery', () => {
  const v2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

  it('answers kubectl 1.32\'s Accept with an APIGroupDiscoveryList of the core group', async () => {
    const r = await get('/api', v2);
    expect(r.type).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(r.body.kind).toBe('APIGroupDiscoveryList');
    expect(r.body.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0].metadata).toEqual({ creationTimestamp: null });
    const v1 = r.body.items[0].versions[0];
    expect(v1.version).toBe('v1');
    expect(v1.freshness).toBe('Current');
    expect(v1.resources.find((x: { resource: string }) => x.resource === 'pods')).toEqual({
      resource: 'pods',
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { subresource: 'attach', responseKind: { group: '', version: '', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
        { subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
        { subresource: 'exec', responseKind: { group: '', version: '', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
        { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
        { subresource: 'portforward', responseKind: { group: '', version: '', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
        { subresource: 'proxy', responseKind: { group: '', version: '', kind: 'PodProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(v1.resources.find((x: { resource: string }) => x.resource === 'nodes').scope).toBe('Cluster');
  });

  it('lists the named groups in priority order, versions preferred first, metrics-server last', async () => {
    const r = await get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    expect(r.body.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    const groups = r.body.items.map((g: { metadata: { name: string }; versions: { version: string }[] }) => `${g.metadata.name}:${g.versions.map((v) => v.version).join(',')}`);
    expect(groups).toEqual(['apps:v1', 'autoscaling:v2,v1', 'batch:v1', 'networking.k8s.io:v1', 'policy:v1', 'storage.k8s.io:v1',
      'scheduling.k8s.io:v1', 'coordination.k8s.io:v1', 'discovery.k8s.io:v1', 'metrics.k8s.io:v1beta1']);
    const deployments = r.body.items[0].versions[0].resources.find((x: { resource: string }) => x.resource === 'deployments');
    expect(deployments.subresources.map((s: { subresource: string }) => s.subresource)).toEqual(['scale', 'status']);
    expect(deployments.subresources[0].responseKind).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const metrics = r.body.items.at(-1).versions[0].resources;
    expect(metrics).toEqual([
      { resource: 'nodes', responseKind: { group: '', version: '', kind: 'NodeMetrics' }, scope: 'Cluster', singularResource: '', verbs: ['get', 'list'] },
      { resource: 'pods', responseKind: { group: '', version: '', kind: 'PodMetrics' }, scope: 'Namespaced', singularResource: '', verbs: ['get', 'list'] },
    ]);
  });

  it('serves the legacy documents to a plain JSON Accept', async () => {
    const api = await get('/api');
    expect(api.type).toBe('application/json');
    expect(api.body.kind).toBe('APIVersions');
    const apis = await get('/apis', 'application/json, */*');
    expect(apis.body.kind).toBe('APIGroupList');
    expect(apis.body.groups.find((g: { name: string }) => g.name === 'autoscaling')).toEqual({
      name: 'autoscaling',
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    const apps = await get('/apis/apps/v1');
    expect(apps.body.resources.filter((r: { name: string }) => r.name.startsWith('deployments'))).toEqual([
      { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['deploy'], categories: ['all'] },
      { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
      { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    ]);
  });
});

describe('lists', () => {
  it('continues a chunked list at its first page\'s revision: later writes are not seen, deleted objects still are', async () => {
    for (const n of ['a1', 'a2', 'a3', 'a4']) api.create('configmaps', configMap(n));
    const first = await get('/api/v1/namespaces/default/configmaps?limit=2');
    expect(names(first.body)).toEqual(['a1', 'a2']);
    expect(first.body.metadata.remainingItemCount).toBe(2);
    api.delete('configmaps', 'default', 'a3');
    api.create('configmaps', configMap('a25'));
    const rest = await get(`/api/v1/namespaces/default/configmaps?limit=2&continue=${first.body.metadata.continue}`);
    expect(names(rest.body)).toEqual(['a3', 'a4']);
    expect(rest.body.metadata).toEqual({ resourceVersion: first.body.metadata.resourceVersion });
    // Exact reads the same past; without it, the present.
    const exact = await get(`/api/v1/namespaces/default/configmaps?resourceVersion=${first.body.metadata.resourceVersion}&resourceVersionMatch=Exact`);
    expect(names(exact.body)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(names((await get('/api/v1/namespaces/default/configmaps')).body)).toEqual(['a1', 'a2', 'a25', 'a4']);
    for (const n of ['a1', 'a2', 'a25', 'a4']) api.delete('configmaps', 'default', n);
  });

  it('answers 410 Expired once the token\'s revision is compacted, with a token that continues at the latest revision', async () => {
    for (const n of ['b1', 'b2', 'b3']) api.create('configmaps', configMap(n));
    const first = await get('/api/v1/namespaces/default/configmaps?limit=1');
    expect(names(first.body)).toEqual(['b1']);
    const old = first.body.metadata.resourceVersion;
    for (let i = 0; i < 2 * WINDOW; i++) api.create('configmaps', configMap(`c${String(i).padStart(2, '0')}`));
    const gone = await get(`/api/v1/namespaces/default/configmaps?limit=1&continue=${first.body.metadata.continue}`);
    expect(gone.code).toBe(410);
    expect(gone.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: { continue: gone.body.metadata.continue }, status: 'Failure',
      message: 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      reason: 'Expired', code: 410,
    });
    expect(JSON.parse(Buffer.from(gone.body.metadata.continue, 'base64url').toString())).toEqual({ v: 'meta.k8s.io/v1', rv: -1, start: 'default/b1\u0000' });
    // That token reads the rest as it is now.
    const rest = await get(`/api/v1/namespaces/default/configmaps?limit=100&continue=${gone.body.metadata.continue}`);
    expect(names(rest.body)).toEqual(['b2', 'b3', ...Array.from({ length: 2 * WINDOW }, (_, i) => `c${String(i).padStart(2, '0')}`)]);
    expect(rest.body.metadata.resourceVersion).toBe(String(api.store.revision()));
    const exact = await get(`/api/v1/namespaces/default/configmaps?resourceVersion=${old}&resourceVersionMatch=Exact`);
    expect([exact.code, exact.body.reason, exact.body.message]).toEqual([410, 'Gone', 'The resourceVersion for the provided list is too old.']);
  });

  it('serves resourceVersion "0" whole, as the watch cache does, ignoring limit; other paged lists page', async () => {
    const all = names((await get('/api/v1/namespaces/default/configmaps')).body);
    expect(all.length).toBeGreaterThan(2);
    const cached = await get('/api/v1/namespaces/default/configmaps?resourceVersion=0&limit=2');
    expect(names(cached.body)).toEqual(all);
    expect(cached.body.metadata).toEqual({ resourceVersion: String(api.store.revision()) });
    const paged = await get(`/api/v1/namespaces/default/configmaps?resourceVersion=${api.store.revision()}&limit=2`);
    expect(names(paged.body)).toEqual(all.slice(0, 2));
    expect(paged.body.metadata.remainingItemCount).toBe(all.length - 2);
  });

  it('reads a resourceVersion the store has not reached as kube-apiserver does: 504 Too large resource version', async () => {
    const cur = api.store.revision();
    const r = await get(`/api/v1/configmaps?resourceVersion=${cur + 100}&resourceVersionMatch=NotOlderThan`);
    expect([r.code, r.body.reason, r.body.message]).toEqual([504, 'Timeout', `Too large resource version: ${cur + 100}, current: ${cur}`]);
  });

  it('validates ListOptions with the apiserver\'s field errors', async () => {
    const cases: [string, string][] = [
      ['/api/v1/pods?resourceVersionMatch=Exact', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
      ['/api/v1/pods?resourceVersion=0&resourceVersionMatch=Exact', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
      ['/api/v1/pods?resourceVersion=1&resourceVersionMatch=Newest', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""'],
      ['/api/v1/pods?sendInitialEvents=true', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list'],
      ['/api/v1/pods?watch=true&resourceVersion=5&resourceVersionMatch=NotOlderThan', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'],
      ['/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=Exact', 'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]'],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      expect([r.code, r.body.reason, r.body.message]).toEqual([422, 'Invalid', message]);
    }
  });
});

/** Reads a watch stream to its end (timeoutSeconds closes it), one event per line. */
async function watch(path: string): Promise<{ type: string; object: Record<string, any> }[]> {
  const res = await fetch(base + path);
  expect(res.status).toBe(200);
  return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const summary = (events: { type: string; object: Record<string, any> }[]) =>
  events.map((e) => (e.type === 'BOOKMARK' ? `BOOKMARK ${JSON.stringify(e.object.metadata)}` : `${e.type} ${e.object.metadata.name}`));

describe('watch', () => {
  beforeAll(() => {
    for (const n of ['w1', 'w2']) api.create('configmaps', configMap(n));
  });
  const watched = () => api.list('configmaps', { namespace: 'default' }).map((o) => `ADDED ${o.metadata.name}`);

  it('sends the current state, then a bookmark marking its end, then one before the deadline', async () => {
    const rv = String(api.store.revision());
    const events = await watch('/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=3');
    expect(summary(events)).toEqual([
      ...watched(),
      `BOOKMARK {"resourceVersion":"${rv}","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}}`,
      `BOOKMARK {"resourceVersion":"${rv}","creationTimestamp":null}`,
    ]);
    expect(events.at(-1)!.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: rv, creationTimestamp: null } });
  });

  it('treats a watch from "" or "0" as a watch-list: initial events, the end bookmark only when bookmarks are allowed', async () => {
    const rv = String(api.store.revision());
    for (const from of ['', '0']) {
      expect(summary(await watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}&timeoutSeconds=1`))).toEqual(watched());
      expect(summary(await watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}&allowWatchBookmarks=true&timeoutSeconds=1`)))
        .toEqual([...watched(), `BOOKMARK {"resourceVersion":"${rv}","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}}`]);
    }
  });

  it('sends no initial events from a given resourceVersion, or with sendInitialEvents=false', async () => {
    const rv = api.store.revision();
    api.create('configmaps', configMap('w3'));
    expect(summary(await watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=1`))).toEqual(['ADDED w3']);
    expect(summary(await watch('/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&timeoutSeconds=1'))).toEqual([]);
  });

  it('ends a watch from a compacted revision with a 410 ERROR event', async () => {
    const events = await watch('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1');
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({ kind: 'Status', reason: 'Gone', code: 410 });
  });
});
