// LoadBalancer Services with and without the cluster's load-balancer pool (the simulated
// cloud-provider-kind): <pending> and no events without it; with it, the service controller's
// EnsuringLoadBalancer, then after the container's start-up EnsuredLoadBalancer and the next free
// address of kind's 172.18.0.0/16 after the gateway and the three nodes (.2-.4), ipMode Proxy,
// the cleanup finalizer; DeletingLoadBalancer/DeletedLoadBalancer when the Service goes or stops
// being a LoadBalancer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InProcessMk } from '../cli-errors/harness.js';
import { PROVISION_MS } from '../../src/controllers/service-lb.js';

const mk = new InProcessMk();
beforeAll(() => mk.setUp(), 60_000);
afterAll(() => mk.tearDown());

const out = async (...args: string[]) => {
  const r = await mk.run(...args);
  if (r.code !== 0) throw new Error(`mk ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const jsonpath = (name: string, path: string) => out('get', 'svc', name, '-o', `jsonpath=${path}`);
/** The service controller's events for a Service, oldest first: `Type Reason Message`. */
const events = async (name: string) => (await out('get', 'events', '--field-selector', `involvedObject.name=${name}`,
  '--sort-by=.metadata.creationTimestamp', '-o', 'jsonpath={range .items[*]}{.type} {.reason} {.source.component}: {.message}{"\\n"}{end}'))
  .split('\n').filter(Boolean);
const advance = (ms: number) => out('clock', 'advance', `${ms / 1000}s`);

describe('without the load-balancer pool', () => {
  test('a LoadBalancer Service stays <pending> and nothing records an event for it', async () => {
    expect(await out('create', 'service', 'loadbalancer', 'early', '--tcp=80:8080')).toBe('service/early created\n');
    await advance(60_000);
    const nodePort = await jsonpath('early', '{.spec.ports[0].nodePort}');
    const clusterIP = await jsonpath('early', '{.spec.clusterIP}');
    const pad = (s: string, n: number) => s.padEnd(n);
    expect(await out('get', 'svc', 'early')).toBe(
      `NAME    TYPE           ${pad('CLUSTER-IP', clusterIP.length + 3)}EXTERNAL-IP   ${pad('PORT(S)', `80:${nodePort}/TCP`.length + 3)}AGE\n`
      + `early   LoadBalancer   ${pad(clusterIP, clusterIP.length + 3)}<pending>     80:${nodePort}/TCP   60s\n`);
    expect(await events('early')).toEqual([]);
    expect(await jsonpath('early', '{.metadata.finalizers}')).toBe('');
  });
});

describe('with the load-balancer pool', () => {
  test('turned on, it takes up the Service already waiting', async () => {
    expect(await mk.run('cluster', 'load-balancer', 'on')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await events('early')).toEqual(['Normal EnsuringLoadBalancer service-controller: Ensuring load balancer']);
    expect(await jsonpath('early', '{.status.loadBalancer}')).toBe('{}');
    expect(await jsonpath('early', '{.metadata.finalizers}')).toBe('["service.kubernetes.io/load-balancer-cleanup"]');
    await advance(PROVISION_MS);
    expect(await events('early')).toEqual([
      'Normal EnsuringLoadBalancer service-controller: Ensuring load balancer',
      'Normal EnsuredLoadBalancer service-controller: Ensured load balancer',
    ]);
    expect(await jsonpath('early', '{.status.loadBalancer.ingress}')).toBe('[{"ip":"172.18.0.5","ipMode":"Proxy"}]');
    expect((await out('get', 'svc', 'early', '-o', 'wide')).split('\n')[1]).toMatch(/^early +LoadBalancer +10\.96\.\S+ +172\.18\.0\.5 +80:\d+\/TCP +62s +app=early$/);
  });

  test('the next Service gets the next address; a requested one is honoured, a taken one refused', async () => {
    await out('expose', 'svc', 'early', '--name=second', '--type=LoadBalancer');
    await out('expose', 'svc', 'early', '--name=asked', '--type=LoadBalancer', '--load-balancer-ip=172.18.3.7');
    await out('expose', 'svc', 'early', '--name=taken', '--type=LoadBalancer', '--load-balancer-ip=172.18.0.5');
    await out('expose', 'svc', 'early', '--name=outside', '--type=LoadBalancer', '--load-balancer-ip=10.1.2.3');
    expect(await jsonpath('second', '{.status.loadBalancer}')).toBe('{}');
    await advance(PROVISION_MS);
    expect(await jsonpath('second', '{.status.loadBalancer.ingress[0].ip}')).toBe('172.18.0.6');
    expect(await jsonpath('asked', '{.status.loadBalancer.ingress[0].ip}')).toBe('172.18.3.7');
    expect(await jsonpath('taken', '{.status.loadBalancer}')).toBe('{}');
    expect(await events('taken')).toEqual([
      'Normal EnsuringLoadBalancer service-controller: Ensuring load balancer',
      'Warning SyncLoadBalancerFailed service-controller: Error syncing load balancer: failed to ensure load balancer: requested address 172.18.0.5 is already in use',
    ]);
    expect((await events('outside'))[1]).toBe('Warning SyncLoadBalancerFailed service-controller: Error syncing load balancer: '
      + 'failed to ensure load balancer: requested address 10.1.2.3 is not in the load-balancer network 172.18.0.0/16');
  });

  test('describe shows the ingress with its ipMode and the controller\'s events', async () => {
    const text = await out('describe', 'svc', 'second');
    expect(text).toContain('\nLoadBalancer Ingress:     172.18.0.6 (Proxy)\n');
    expect(text.slice(text.indexOf('Events:'))).toBe(
      'Events:\n'
      + '  Type    Reason                Age   From                Message\n'
      + '  ----    ------                ----  ----                -------\n'
      + '  Normal  EnsuringLoadBalancer  2s    service-controller  Ensuring load balancer\n'
      + '  Normal  EnsuredLoadBalancer   0s    service-controller  Ensured load balancer\n');
  });

  test('a LoadBalancer turned NodePort loses its load balancer, status and finalizer', async () => {
    expect(await out('patch', 'svc', 'second', '-p', '{"spec":{"type":"NodePort"}}')).toBe('service/second patched\n');
    expect(await jsonpath('second', '{.status.loadBalancer}')).toBe('{}');
    expect(await jsonpath('second', '{.metadata.finalizers}')).toBe('');
    expect(await jsonpath('second', '{.spec.allocateLoadBalancerNodePorts}')).toBe('');
    expect((await events('second')).slice(2)).toEqual([
      'Normal DeletingLoadBalancer service-controller: Deleting load balancer',
      'Normal DeletedLoadBalancer service-controller: Deleted load balancer',
    ]);
  });

  test('deleting the Service deletes its load balancer first; its address is free again', async () => {
    expect(await out('delete', 'svc', 'early')).toBe('service "early" deleted\n');
    expect((await mk.run('get', 'svc', 'early')).stderr).toBe('Error from server (NotFound): services "early" not found\n');
    expect((await events('early')).slice(2)).toEqual([
      'Normal DeletingLoadBalancer service-controller: Deleting load balancer',
      'Normal DeletedLoadBalancer service-controller: Deleted load balancer',
    ]);
    await out('create', 'service', 'loadbalancer', 'late', '--tcp=443');
    await advance(PROVISION_MS);
    expect(await jsonpath('late', '{.status.loadBalancer.ingress[0].ip}')).toBe('172.18.0.5');
  });

  test('a node added later gets an address no load balancer holds, and the next load balancer skips it', async () => {
    expect(await out('node', 'add', 'extra')).toBe('node/extra added\n');
    expect(await out('get', 'node', 'extra', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}')).toBe('172.18.0.6');
    await out('create', 'service', 'loadbalancer', 'after-node', '--tcp=80');
    await advance(PROVISION_MS);
    expect(await jsonpath('after-node', '{.status.loadBalancer.ingress[0].ip}')).toBe('172.18.0.7');
  });

  test('a loadBalancerClass leaves the Service to another controller', async () => {
    const svc = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'classy' },
      spec: { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb', ports: [{ port: 80 }], selector: { app: 'x' } } });
    await out('apply', '-f', mk.file('classy.json', svc));
    await advance(PROVISION_MS);
    expect(await jsonpath('classy', '{.status.loadBalancer}')).toBe('{}');
    expect(await events('classy')).toEqual([]);
  });
});

describe('on a one-node cluster', () => {
  test('the control plane takes no load-balancer traffic: UnAvailableLoadBalancer, and the load balancer all the same', async () => {
    await out('cluster', 'create', 'solo', '--nodes', '1', '--clock', 'manual', '--load-balancer');
    await out('--context', 'mk-solo', 'create', 'service', 'loadbalancer', 'lonely', '--tcp=80');
    await out('--context', 'mk-solo', 'clock', 'advance', `${PROVISION_MS / 1000}s`);
    const ev = (await out('--context', 'mk-solo', 'get', 'events', '--field-selector', 'involvedObject.name=lonely',
      '--sort-by=.metadata.creationTimestamp', '-o', 'jsonpath={range .items[*]}{.type} {.reason}: {.message}{"\\n"}{end}')).split('\n').filter(Boolean);
    expect(ev).toEqual([
      'Normal EnsuringLoadBalancer: Ensuring load balancer',
      'Warning UnAvailableLoadBalancer: There are no available nodes for LoadBalancer',
      'Normal EnsuredLoadBalancer: Ensured load balancer',
    ]);
    // The only node is 172.18.0.2: the load balancer's container is the next one.
    expect(await out('--context', 'mk-solo', 'get', 'svc', 'lonely', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}')).toBe('172.18.0.3');
  });
});
