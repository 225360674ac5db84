// A request's path in-process, on the real control plane: straight to a pod's address, through a
// ClusterIP and a NodePort, and the failures on the way — no endpoints, a wrong targetPort, a
// container that is not running its server, and the host's lack of a route to the pod network.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { enableWrites, type ClusterHandle } from '../../src/cluster/runtime.js';
import { clusterNet } from '../../src/net/cluster-net.js';
import { connectTo, resolveFrom, type Connection } from '../../src/net/connect.js';
import { advance, memoryCluster } from '../sim/harness.js';

let h: ClusterHandle;
const get = { method: 'GET', host: 'x', path: '/', headers: {} };

const deps = () => clusterNet({ store: h.store, api: h.api, now: h.now(), rand: h.rand });
const pods = (app: string) => h.api.list<Pod & KubeObject>('pods', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === app);
const svcIP = (name: string) => (h.api.get<KubeObject>('services', 'default', name) as unknown as { spec: { clusterIP: string } }).spec.clusterIP;
const bodyOf = (c: Connection) => {
  if (c.kind !== 'open') return c.kind;
  const a = c.exchange(get);
  return a.kind === 'http' ? a.response.body : a.kind;
};

function deployment(name: string, image: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ...extra }] } } },
  } as KubeObject;
}

function service(name: string, port: number, targetPort: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port, targetPort, ...extra }], ...(extra.nodePort ? { type: 'NodePort' } : {}) },
  } as KubeObject;
}

beforeAll(async () => {
  h = memoryCluster();
  await enableWrites(h);
  h.api.create('deployments.apps', deployment('hello', 'gcr.io/google-samples/hello-app:1.0', 3));
  h.api.create('deployments.apps', deployment('cache', 'redis:7', 1));
  h.api.create('deployments.apps', deployment('idle', 'nginx', 1, { command: ['sleep', '3600'] }));
  h.api.create('services', service('hello', 80, 8080, { nodePort: 30080 }));
  h.api.create('services', service('cache', 6379, 6380));
  h.api.create('services', service('nobody', 80, 80));
  await advance(h, '1m');
});

describe('connect', () => {
  test('a pod address from another pod reaches its server; the host has no route to it', () => {
    const [a, b] = pods('hello');
    const d = deps();
    const c = connectTo(d, { kind: 'pod', pod: a }, b.status!.podIP!, 8080);
    expect(bodyOf(c)).toBe(`Hello, world!\nVersion: 1.0.0\nHostname: ${b.metadata.name}\n`);
    expect(connectTo(d, { kind: 'pod', pod: a }, b.status!.podIP!, 8081)).toEqual({ kind: 'refused' });
    expect(connectTo(d, { kind: 'host' }, b.status!.podIP!, 8080)).toEqual({ kind: 'timeout' });
  });

  test('a ClusterIP by name from a pod, and a NodePort from the host, spread over the replicas', () => {
    const [a] = pods('hello');
    const d = deps();
    const r = resolveFrom(d, { kind: 'pod', pod: a }, 'hello');
    expect(r).toEqual({ addresses: [svcIP('hello')] });
    const names = new Set(pods('hello').map((p) => p.metadata.name));
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const body = bodyOf(connectTo(deps(), { kind: 'host' }, '172.18.0.2', 30080)) as string;
      seen.add(/Hostname: (\S+)/.exec(body)![1]);
    }
    expect(seen).toEqual(names);
    expect(resolveFrom(d, { kind: 'host' }, 'hello')).toEqual({ error: 'NXDOMAIN' });
  });

  test('no endpoints: kube-proxy rejects, the client sees connection refused', () => {
    const [a] = pods('hello');
    expect(connectTo(deps(), { kind: 'pod', pod: a }, svcIP('nobody'), 80)).toEqual({ kind: 'refused' });
  });

  test('a wrong targetPort: DNATed to a port redis does not listen on', () => {
    const [a] = pods('hello');
    expect(connectTo(deps(), { kind: 'pod', pod: a }, svcIP('cache'), 6379)).toEqual({ kind: 'refused' });
    const [redis] = pods('cache');
    // On its own port redis takes the HTTP request for an attack and drops it.
    expect(bodyOf(connectTo(deps(), { kind: 'pod', pod: a }, redis.status!.podIP!, 6379))).toBe('empty');
  });

  test('an nginx image running sleep serves nothing', () => {
    const [a] = pods('hello');
    const [idle] = pods('idle');
    expect(connectTo(deps(), { kind: 'pod', pod: a }, idle.status!.podIP!, 80)).toEqual({ kind: 'refused' });
  });
});
