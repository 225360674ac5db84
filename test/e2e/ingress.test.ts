// Ingress through the built CLI on a manual clock: `mk addons enable ingress` (ingress-nginx as on
// kind), `create ingress` with kubectl's parsing and errors, legacy Ingress manifests refused as a
// 1.32 server refuses them, and the ADDRESS the controller's status sync fills in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { MkHome, REPO } from './harness.js';

describe('ingress on a manual clock', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('addons enable ingress installs the controller on the ingress-ready control-plane node', () => {
    expect(home.run(['addons', 'enable', 'ingress'])).toEqual({
      stdout: [
        'node/mk-control-plane labeled', 'namespace/ingress-nginx created', 'serviceaccount/ingress-nginx created',
        'configmap/ingress-nginx-controller created', 'service/ingress-nginx-controller created',
        'service/ingress-nginx-controller-admission created', 'deployment.apps/ingress-nginx-controller created',
        'ingressclass.networking.k8s.io/nginx created', '',
      ].join('\n'),
      stderr: '', code: 0,
    });
    home.ok('clock', 'advance', '30s');
    const pods = home.ok('get', 'pods', '-n', 'ingress-nginx', '-o', 'jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.status.containerStatuses[0].ready}{"\\n"}{end}');
    expect(pods).toBe('mk-control-plane Running true\n');
    expect(home.ok('get', 'ingressclass')).toBe('NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       30s\n');
    expect(home.ok('addons', 'list')).toMatch(/^ingress +enabled /m);
  });

  test('create ingress: kubectl 1.32 words for bad flags, and its object', () => {
    // Recorded from kubectl 1.32.
    expect(home.run(['create', 'ingress', 'bad', '--rule=foo.com=svc:80'])).toEqual({
      stdout: '', stderr: 'error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n', code: 1 });
    expect(home.run(['create', 'ingress', 'bad'])).toEqual({
      stdout: '', code: 1,
      stderr: 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n' });
    expect(home.run(['create', 'ingress', 'bad', '--default-backend=a:b:c'])).toEqual({
      stdout: '', stderr: 'error: default-backend should be in format servicename:serviceport\n', code: 1 });
    expect(home.run(['create', 'ingress', 'bad', '--default-backend=a:b', '--annotation=x'])).toEqual({
      stdout: '', stderr: 'error: annotation x is invalid and should be in format key=[value]\n', code: 1 });
    expect(home.run(['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--rule=foo.com/admin*=svc2:http,tls',
      '--rule=/x=svc3:80', '--default-backend=def:http', '--class=nginx', '--annotation', 'a=b', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations:\n    a: b\n  creationTimestamp: null\n  name: simple\nspec:\n'
      + '  defaultBackend:\n    service:\n      name: def\n      port:\n        name: http\n  ingressClassName: nginx\n  rules:\n'
      + '  - host: foo.com\n    http:\n      paths:\n      - backend:\n          service:\n            name: svc1\n            port:\n'
      + '              number: 8080\n        path: /bar\n        pathType: Exact\n      - backend:\n          service:\n            name: svc2\n'
      + '            port:\n              name: http\n        path: /admin\n        pathType: Prefix\n  - http:\n      paths:\n      - backend:\n'
      + '          service:\n            name: svc3\n            port:\n              number: 80\n        path: /x\n        pathType: Exact\n'
      + '  tls:\n  - hosts:\n    - foo.com\n    secretName: my-cert\nstatus:\n  loadBalancer: {}\n');
  });

  test('legacy Ingress versions are not served', () => {
    const legacy = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
    const r = home.run(['apply', '-f', '-'], { input: legacy });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: resource mapping not found for name: "old" namespace: "" from "STDIN": no matches for kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first\n');
    const beta = home.run(['apply', '-f', '-'], { input: legacy.replace('extensions/v1beta1', 'networking.k8s.io/v1beta1') });
    expect(beta.stderr).toContain('no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"');
  });

  test('the controller fills in ADDRESS on its next status round', () => {
    expect(home.ok('create', 'ingress', 'web', '--rule=foo.bar/*=web:80')).toBe('ingress.networking.k8s.io/web created\n');
    expect(home.ok('get', 'ing')).toBe('NAME   CLASS    HOSTS     ADDRESS   PORTS   AGE\nweb    <none>   foo.bar             80      0s\n');
    home.ok('clock', 'advance', '1m');
    expect(home.ok('get', 'ingress', 'web', '-o', 'jsonpath={.status.loadBalancer}')).toBe('{"ingress":[{"hostname":"localhost"}]}');
    expect(home.ok('get', 'ing')).toMatch(/^NAME {3}CLASS {4}HOSTS {5}ADDRESS {5}PORTS {3}AGE\nweb {4}<none> {3}foo\.bar {3}localhost {3}80 {6}60s\n$/);
    expect(home.ok('describe', 'ing', 'web')).toContain('Normal  Sync    ');
  });

  test('mk curl to the node\'s port 80 is routed by host and path; anything else gets the 404 page', () => {
    home.ok('create', 'deployment', 'hello', '--image=gcr.io/google-samples/hello-app:1.0');
    home.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Service\nmetadata: {name: hello}\nspec:\n  selector: {app: hello}\n  ports: [{port: 8080}]\n' });
    home.ok('create', 'ingress', 'hello', '--rule=hello.bar/hello=hello:8080');
    home.ok('clock', 'advance', '20s');
    const ip = home.ok('get', 'node', 'mk-control-plane', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}');
    const hello = home.run(['curl', '-s', `http://${ip}/hello`, '-H', 'Host: hello.bar']);
    expect(hello.code).toBe(0);
    expect(hello.stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\nHostname: hello-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const page = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    expect(home.run(['curl', '-s', `http://${ip}/hello/more`, '-H', 'Host: hello.bar']).stdout).toBe(page);
    expect(home.run(['curl', '-s', `http://${ip}/`]).stdout).toBe(page);
    // The Ingress web names a Service that does not exist: its upstream is empty and nginx answers 503.
    expect(home.run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${ip}/`, '-H', 'Host: foo.bar']).stdout).toBe('503');
  });

  test("kind's ingress guide: curl localhost/foo/hostname through the host's port 80 and the rewrite", () => {
    home.ok('apply', '-f', join(REPO, 'test/fixtures/ingress/kind-usage.yaml'));
    home.ok('clock', 'advance', '20s');
    expect(home.run(['curl', '-s', 'localhost/foo/hostname'])).toEqual({ stdout: 'foo-app', stderr: '', code: 0 });
    expect(home.run(['curl', '-s', 'localhost/bar/hostname'])).toEqual({ stdout: 'bar-app', stderr: '', code: 0 });
  });
});
