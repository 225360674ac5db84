// Services and their endpoints through the built CLI on a manual clock: a Deployment behind a
// Service lists its ready pods' IPs in `get endpoints`, `get endpointslices` and `describe svc`;
// a wrong targetPort shows up as the wrong port; a named targetPort no container defines leaves
// the Service without endpoints; scaling down shrinks them. The system Services have theirs
// from boot.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const services = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-wrong
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web-named
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;

/** IPv4 addresses in numeric order, as the endpoints controller sorts them. */
const byIP = (ips: string[]) => [...ips].sort((a, b) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
});

describe('Service endpoints on a manual clock', () => {
  const home = new MkHome();
  const podIPs = () => byIP(home.ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}').split('\n').filter(Boolean));

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '--port=80');
    expect(home.run(['apply', '-f', '-'], { input: services }).code).toBe(0);
  });
  afterAll(() => home.dispose());

  test('the system Services have their endpoints from boot', () => {
    const dns = byIP(home.ok('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}').split('\n').filter(Boolean));
    expect(dns).toHaveLength(2);
    const out = home.ok('get', 'endpoints', '-A');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE +NAME +ENDPOINTS +AGE$/);
    expect(lines.find((l) => l.startsWith('default ') && l.includes(' kubernetes '))).toMatch(/ 172\.18\.0\.2:6443 /);
    // dns-tcp, dns, metrics: upstream orders a subset's ports by their hash.
    expect(lines.find((l) => l.startsWith('kube-system '))).toContain(` kube-dns     ${dns[0]}:53,${dns[1]}:53,${dns[0]}:53 + 3 more...   `);
    expect(home.ok('get', 'endpointslices', '-n', 'kube-system', '-o', 'jsonpath={.items[0].metadata.generateName} {.items[0].ports[*].port}'))
      .toBe('kube-dns- 53 53 9153');
  });

  test('once the pods are ready, the Service lists their IPs on the targetPort', () => {
    home.ok('clock', 'advance', '60s');
    const ips = podIPs();
    expect(ips).toHaveLength(3);
    expect(home.ok('get', 'endpoints', 'web')).toMatch(new RegExp(`^NAME +ENDPOINTS +AGE\\nweb +${ips.map((ip) => `${ip}:80`).join(',').replace(/\./g, '\\.')} +\\d+s\\n$`));
    expect(home.ok('get', 'endpoints', 'web-wrong', '-o', 'jsonpath={.subsets[0].ports[0].port}')).toBe('8080');
    expect(home.ok('get', 'endpoints', 'web-named')).toMatch(/^NAME +ENDPOINTS +AGE\nweb-named +<none> +\d+s\n$/);
    // describe svc reads the EndpointSlices, whose endpoints keep no particular order.
    const line = home.ok('describe', 'svc', 'web-wrong').split('\n').find((l) => l.startsWith('Endpoints:'));
    expect(line).toMatch(/^Endpoints: +\S+$/);
    expect(line!.split(/ +/)[1].split(',').sort()).toEqual(ips.map((ip) => `${ip}:8080`).sort());
    const slices = home.ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o',
      'jsonpath={range .items[*].endpoints[*]}{.addresses[0]} {.conditions.ready}{"\\n"}{end}');
    expect(byIP(slices.split('\n').filter(Boolean).map((l) => l.split(' ')[0]))).toEqual(ips);
    expect(slices).not.toContain('false');
  });

  test('scaling down removes the deleted pods from the endpoints', () => {
    home.ok('scale', 'deployment', 'web', '--replicas=1');
    home.ok('clock', 'advance', '60s');
    const ips = podIPs();
    expect(ips).toHaveLength(1);
    expect(home.ok('get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}')).toBe(ips[0]);
    expect(home.ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={.items[*].endpoints[*].addresses[0]}')).toBe(ips[0]);
  });
});
