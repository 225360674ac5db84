// Request load between pods: which containers loop requests to which host, how a host resolves to
// a Service's ready endpoints, and how one looping client is shared among them.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Api } from '../../src/apiserver/api.js';
import { loopedRequestHosts, requestClients, resolveServiceEndpoints } from '../../src/metrics/request-load.js';

describe('loopedRequestHosts', () => {
  test.each<[string, string[], string[]]>([
    ['the walkthrough load generator', ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'], ['php-apache']],
    ['curl in a for loop, with a port and path', ['sh', '-c', 'for i in $(seq 1 100000); do curl -s http://web.shop.svc.cluster.local:8080/x; done'], ['web.shop.svc.cluster.local']],
    ['until loop, uppercase host', ['sh', '-c', 'until false; do wget -qO- http://API; done'], ['api']],
    ['one request, no loop', ['wget', '-q', '-O-', 'http://php-apache'], []],
    ['a loop without requests', ['sh', '-c', 'while true; do date; sleep 5; done'], []],
  ])('%s', (_name, command, want) => {
    expect(loopedRequestHosts({ command })).toEqual(want);
  });
});

/** An API holding a few objects, listing by namespace. */
function fakeApi(objects: KubeObject[]): Pick<Api, 'tryGet' | 'list'> {
  const res: Record<string, string> = { services: 'Service', 'endpointslices.discovery.k8s.io': 'EndpointSlice', pods: 'Pod' };
  const of = (r: string, ns?: string) => objects.filter((o) => o.kind === res[r] && (!ns || o.metadata.namespace === ns));
  return {
    tryGet: <T extends KubeObject>(r: string, ns: string | undefined, name: string) => of(r, ns).find((o) => o.metadata.name === name) as T | undefined,
    list: <T extends KubeObject>(r: string, f?: { namespace?: string }) => of(r, f?.namespace) as T[],
  };
}

const svc = (name: string, ns: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns } });
const slice = (svcName: string, ns: string, eps: [string, boolean][]): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${svcName}-x`, namespace: ns, labels: { 'kubernetes.io/service-name': svcName } },
  endpoints: eps.map(([pod, ready]) => ({ addresses: ['10.0.0.1'], conditions: { ready }, targetRef: { kind: 'Pod', name: pod, namespace: ns } })),
} as unknown as KubeObject);
const client = (name: string, ns: string, command: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', command] }] },
} as unknown as KubeObject);

describe('resolveServiceEndpoints', () => {
  const api = fakeApi([svc('web', 'shop'), slice('web', 'shop', [['web-1', true], ['web-2', false], ['web-3', true]]), svc('web', 'default')]);
  test.each<[string, string, string[] | undefined]>([
    ['web', 'shop', ['shop/web-1', 'shop/web-3']],
    ['web.shop', 'default', ['shop/web-1', 'shop/web-3']],
    ['web.shop.svc', 'default', ['shop/web-1', 'shop/web-3']],
    ['web.shop.svc.cluster.local', 'default', ['shop/web-1', 'shop/web-3']],
    ['web', 'default', []],
    ['nope', 'shop', undefined],
    ['web.shop.example.com', 'shop', undefined],
  ])('%s from %s', (host, ns, want) => {
    expect(resolveServiceEndpoints(api, ns, host)).toEqual(want);
  });
});

describe('requestClients', () => {
  test('each running client counts one, shared among the ready endpoints it reaches', () => {
    const api = fakeApi([
      svc('web', 'shop'), slice('web', 'shop', [['web-1', true], ['web-2', true]]),
      client('load-1', 'shop', 'while sleep 0.01; do wget -q -O- http://web; done'),
      client('load-2', 'default', 'while true; do wget -q -O- http://web.shop; done'),
      client('stopped', 'shop', 'while true; do wget -q -O- http://web; done'),
    ]);
    const running = (pod: { metadata: { name: string } }) => pod.metadata.name !== 'stopped';
    expect(Object.fromEntries(requestClients(api, running))).toEqual({ 'shop/web-1': 1, 'shop/web-2': 1 });
  });
});
