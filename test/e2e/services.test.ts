// Services from the CLI through the built bin/mk on a manual clock: seed 004's `expose` of the
// redis Deployment as a NodePort (its endpoint the redis pod on 6379), and a LoadBalancer on a
// cluster created with the load-balancer pool: <pending>, then kind's next free address.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('services', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual', '--load-balancer');
    home.ok('create', 'deployment', 'redis', '--image=redis:5', '--port=6379');
    home.ok('clock', 'advance', '1m');
  });
  afterAll(() => home.dispose());

  test('seed 004: expose the redis Deployment as a NodePort Service', () => {
    expect(home.run(['expose', 'deploy/redis', '--port=6379', '--protocol=TCP', '--target-port=6379', '--name=redis-server-nodeport',
      '--type=NodePort'])).toEqual({ stdout: 'service/redis-server-nodeport exposed\n', stderr: '', code: 0 });
    const row = home.ok('get', 'svc', 'redis-server-nodeport', '-o', 'wide').split('\n')[1];
    expect(row).toMatch(/^redis-server-nodeport +NodePort +10\.96\.\d+\.\d+ +<none> +6379:(3[0-2]\d{3})\/TCP +0s +app=redis$/);
    const podIP = home.ok('get', 'pods', '-l', 'app=redis', '-o', 'jsonpath={.items[0].status.podIP}');
    expect(podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    const described = home.ok('describe', 'svc', 'redis-server-nodeport');
    expect(described).toContain(`\nEndpoints:                ${podIP}:6379\n`);
    expect(described).toContain('\nExternal Traffic Policy:  Cluster\n');
  });

  test('a LoadBalancer Service: <pending> while its load balancer starts, then an address on the kind network', () => {
    expect(home.ok('expose', 'deploy', 'redis', '--type=LoadBalancer', '--name=redis-lb')).toBe('service/redis-lb exposed\n');
    expect(home.ok('get', 'svc', 'redis-lb', '-o', 'jsonpath={.status.loadBalancer}')).toBe('{}');
    expect(home.ok('get', 'svc', 'redis-lb').split('\n')[1]).toMatch(/^redis-lb +LoadBalancer +10\.96\.\S+ +<pending> +6379:\d+\/TCP +0s$/);
    home.ok('clock', 'advance', '2s');
    expect(home.ok('get', 'svc', 'redis-lb').split('\n')[1]).toMatch(/^redis-lb +LoadBalancer +10\.96\.\S+ +172\.18\.0\.5 +6379:\d+\/TCP +2s$/);
    const events = home.ok('get', 'events', '--field-selector', 'involvedObject.name=redis-lb', '--sort-by=.metadata.creationTimestamp',
      '-o', 'custom-columns=REASON:.reason,FROM:.source.component,MESSAGE:.message');
    expect(events).toBe(
      'REASON                 FROM                 MESSAGE\n'
      + 'EnsuringLoadBalancer   service-controller   Ensuring load balancer\n'
      + 'EnsuredLoadBalancer    service-controller   Ensured load balancer\n');
  });

  test('create service: the PORT(S) column of several ports, headless and ExternalName Services', () => {
    home.ok('create', 'service', 'nodeport', 'multi', '--tcp=80:8080,443:8443');
    home.ok('create', 'service', 'clusterip', 'headless', '--clusterip=None');
    home.ok('create', 'service', 'externalname', 'search', '--external-name=search.example.com');
    // The allocator (the registry's BeginCreate) runs before validation, so the second port's
    // request for 30080 is refused as allocated before validation could call it a duplicate.
    expect(home.run(['create', 'service', 'nodeport', 'multi2', '--tcp=80:8080,443:8443', '--node-port=30080'])).toEqual({
      stdout: '', code: 1,
      stderr: 'error: failed to create NodePort service: Service "multi2" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated\n',
    });
    const out = home.ok('get', 'svc', 'headless', 'search', '-o', 'wide');
    expect(out).toBe(
      'NAME       TYPE           CLUSTER-IP   EXTERNAL-IP          PORT(S)   AGE   SELECTOR\n'
      + 'headless   ClusterIP      None         <none>               <none>    0s    app=headless\n'
      + 'search     ExternalName   <none>       search.example.com   <none>    0s    app=search\n');
    const [a, b] = home.ok('get', 'svc', 'multi', '-o', 'jsonpath={.spec.ports[*].nodePort}').split(' ');
    expect(home.ok('get', 'svc', 'multi').split('\n')[1]).toMatch(new RegExp(`^multi +NodePort +10\\.96\\.\\S+ +<none> +80:${a}/TCP,443:${b}/TCP +0s$`));
  });
});
