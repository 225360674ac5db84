// The ingress addon on an in-process cluster: the controller pod on the ingress-ready node, the
// ADDRESS its status sync writes with its Sync Events, and requests from the host to the node's
// port 80 (the controller's hostPort) routed by host and path to a backend Service's pods, or
// answered with ingress-nginx's 404 page.
import { describe, expect, test } from 'vitest';
import { advance, memoryCluster } from '../sim/harness.js';
import { settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { ingressNginxObjects, INGRESS_READY_LABEL } from '../../src/ingress/addon.js';
import { connectTo, type NetDeps } from '../../src/net/connect.js';
import { clusterNet } from '../../src/net/cluster-net.js';
import type { HttpRequest, ServerAnswer } from '../../src/net/servers.js';
import { kindInfo, qualifiedResource } from '../../src/api/registry.js';
import type { KubeObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { Node } from '../../src/api/core/node/schema.js';
import type { Ingress } from '../../src/api/networking/ingress/schema.js';
import type { Event } from '../../src/api/core/event/schema.js';
import { nginxErrorPage } from '../../src/ingress/server.js';

async function enableIngress(h: ClusterHandle): Promise<void> {
  h.api.patch('nodes', undefined, h.info.controlPlaneNode, 'merge', { metadata: { labels: { [INGRESS_READY_LABEL]: 'true' } } });
  for (const obj of ingressNginxObjects()) h.api.create(qualifiedResource(kindInfo(obj.kind)!), obj);
  await settle(h);
}

function apply(h: ClusterHandle, obj: Record<string, unknown>): void {
  const o = obj as unknown as KubeObject;
  h.api.create(qualifiedResource(kindInfo(o.kind)!), o);
}

function netDeps(h: ClusterHandle): NetDeps {
  return clusterNet({ store: h.store, api: h.api, now: h.now(), rand: h.rand });
}

function get(h: ClusterHandle, ip: string, host: string, path: string): ServerAnswer | { kind: string } {
  const c = connectTo(netDeps(h), { kind: 'host' }, ip, 80);
  if (c.kind !== 'open') return c;
  const req: HttpRequest = { method: 'GET', host, path, headers: { Host: host, 'User-Agent': 'curl/8.5.0', Accept: '*/*' } };
  return c.exchange(req);
}

const nodeIP = (h: ClusterHandle, name: string) =>
  (h.api.get('nodes', undefined, name) as unknown as Node).status!.addresses!.find((a) => a.type === 'InternalIP')!.address;

function backend(h: ClusterHandle, name: string, image: string, port: number): void {
  apply(h, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } } },
  });
  apply(h, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port, targetPort: port === 80 ? 80 : 8080 }] } });
}

describe('ingress-nginx addon', () => {
  test('routes by host and path through the hostPort; the status and events follow the controller', async () => {
    const h = memoryCluster();
    await settle(h);
    await enableIngress(h);
    backend(h, 'web', 'nginx:1.27.3', 80);
    backend(h, 'hello', 'gcr.io/google-samples/hello-app:1.0', 8080);
    apply(h, {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'demo', namespace: 'default' },
      spec: { rules: [
        { host: 'foo.bar', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
        { host: 'hello.bar', http: { paths: [{ path: '/hello', pathType: 'Exact', backend: { service: { name: 'hello', port: { number: 8080 } } } }] } },
      ] },
    });
    await settle(h);
    await advance(h, '30s');

    const controller = (h.api.list<KubeObject>('pods', { namespace: 'ingress-nginx' }) as unknown as Pod[])[0];
    expect(controller.spec.nodeName).toBe(h.info.controlPlaneNode);
    expect(controller.status?.phase).toBe('Running');

    const ip = nodeIP(h, h.info.controlPlaneNode);
    const web = get(h, ip, 'foo.bar', '/index.html') as ServerAnswer;
    expect(web.kind).toBe('http');
    if (web.kind === 'http') {
      expect(web.response.status).toBe(200);
      expect(web.response.body).toContain('<title>Welcome to nginx!</title>');
      expect(web.response.headers.map(([k]) => k)).not.toContain('Server');
    }
    const hello = get(h, ip, 'hello.bar', '/hello') as ServerAnswer;
    expect(hello.kind === 'http' && hello.response.body.startsWith('Hello, world!\nVersion: 1.0.0\nHostname: hello-')).toBe(true);

    for (const [host, path] of [['hello.bar', '/hello/there'], ['nobody.io', '/'], ['foo.bar.baz', '/']]) {
      const miss = get(h, ip, host, path) as ServerAnswer;
      expect(miss.kind).toBe('http');
      if (miss.kind === 'http') {
        expect(miss.response.status).toBe(404);
        expect(miss.response.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
        expect(miss.response.headers.find(([k]) => k === 'Content-Length')?.[1]).toBe('146');
      }
    }
    expect(nginxErrorPage(404).length).toBe(146);

    // A backend without ready endpoints: 503 from the controller's nginx.
    h.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 0 } });
    await advance(h, '1m');
    const down = get(h, ip, 'foo.bar', '/') as ServerAnswer;
    expect(down.kind === 'http' && down.response.status).toBe(503);
    expect(down.kind === 'http' && down.response.body).toContain('<title>503 Service Temporarily Unavailable</title>');
  });

  test('ADDRESS is localhost after the status sync, with two Sync events; other classes are left alone', async () => {
    const h = memoryCluster();
    await settle(h);
    await enableIngress(h);
    await advance(h, '20s');
    const start = h.now();
    const ing = (name: string, spec: Record<string, unknown>) => apply(h, {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default' },
      spec: { ...spec, defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    });
    ing('mine', {});
    ing('theirs', { ingressClassName: 'traefik' });
    await settle(h);
    const status = (name: string) => (h.api.get('ingresses.networking.k8s.io', 'default', name) as unknown as Ingress).status;
    expect(status('mine')).toEqual({ loadBalancer: {} });
    await advance(h, '1m');
    expect(status('mine')).toEqual({ loadBalancer: { ingress: [{ hostname: 'localhost' }] } });
    expect(status('theirs')).toEqual({ loadBalancer: {} });
    const events = (h.api.list<KubeObject>('events', { namespace: 'default' }) as unknown as Event[])
      .filter((e) => e.involvedObject.kind === 'Ingress');
    expect(events.map((e) => [e.involvedObject.name, e.reason, e.message, e.count, e.source?.component])).toEqual([
      ['mine', 'Sync', 'Scheduled for sync', 2, 'nginx-ingress-controller'],
    ]);
    expect(Date.parse(events[0].firstTimestamp!)).toBeLessThan(Date.parse(events[0].lastTimestamp!));
    expect(Date.parse(events[0].lastTimestamp!) - start).toBeLessThanOrEqual(60_000);

    // The last controller to stop takes the address off (--update-status-on-shutdown).
    h.api.patch('deployments.apps', 'ingress-nginx', 'ingress-nginx-controller', 'merge', { spec: { replicas: 0 } });
    await advance(h, '10s');
    expect(status('mine')).toEqual({ loadBalancer: {} });
  });

  test("seed 004: the 0.21 controller behind a NodePort Service, its 404 page with nginx's version, no ADDRESS", async () => {
    const h = memoryCluster();
    await settle(h);
    const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx' };
    apply(h, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } });
    await settle(h);
    apply(h, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-ingress-controller', namespace: 'ingress-nginx', labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{
        name: 'nginx-ingress-controller', image: 'taobeier/nginx-ingress-controller:0.21.0',
        args: ['/nginx-ingress-controller', '--configmap=$(POD_NAMESPACE)/nginx-configuration', '--publish-service=$(POD_NAMESPACE)/ingress-nginx',
          '--annotations-prefix=nginx.ingress.kubernetes.io'],
        env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
        ports: [{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 443 }],
      }] } } },
    });
    apply(h, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx', namespace: 'ingress-nginx', labels },
      spec: { type: 'NodePort', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }] } });
    backend(h, 'web', 'nginx:1.27.3', 80);
    apply(h, {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'saythx-ing', namespace: 'default' },
      spec: { rules: [{ host: 'saythx.moelove.info', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    await settle(h);
    await advance(h, '2m');
    const svc = h.api.get('services', 'ingress-nginx', 'ingress-nginx') as unknown as { spec: { ports: { nodePort: number }[] } };
    const nodePort = svc.spec.ports[0].nodePort;
    const worker = (h.api.list<KubeObject>('nodes') as unknown as Node[]).find((n) => n.metadata.name !== h.info.controlPlaneNode)!;
    const at = (host: string) => {
      const c = connectTo(netDeps(h), { kind: 'host' }, nodeIP(h, worker.metadata.name), nodePort);
      return c.kind === 'open' ? c.exchange({ method: 'GET', host, path: '/', headers: { Host: host } }) : c;
    };
    const miss = at(`${nodeIP(h, worker.metadata.name)}:${nodePort}`);
    expect(miss.kind === 'http' && miss.response.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.15.6</center>\r\n</body>\r\n</html>\r\n');
    expect(miss.kind === 'http' && miss.response.headers[0]).toEqual(['Server', 'nginx/1.15.6']);
    const hit = at('saythx.moelove.info');
    expect(hit.kind === 'http' && hit.response.status).toBe(200);
    // --publish-service names a NodePort Service: it has no load-balancer address to report.
    expect((h.api.get('ingresses.networking.k8s.io', 'default', 'saythx-ing') as unknown as Ingress).status).toEqual({ loadBalancer: {} });
    const events = (h.api.list<KubeObject>('events', { namespace: 'default' }) as unknown as Event[]).filter((e) => e.involvedObject.kind === 'Ingress');
    expect(events.map((e) => [e.reason, e.count])).toEqual([['Sync', 1]]);
  });
});
