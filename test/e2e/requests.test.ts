// Requests from kind's host (`mk curl`): a NodePort spread over three replicas, curl's verbose
// trace of an nginx answer, and the failures curl reports.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome, portForward } from './harness.js';

const SVC = (name: string, port: number, nodePort: number) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: NodePort
  selector:
    app: ${name}
  ports:
  - port: ${port}
    targetPort: ${port}
    nodePort: ${nodePort}
`;

describe('mk curl', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'deployment', 'echo', '--image=kicbase/echo-server:1.0', '--replicas=3');
    home.ok('create', 'deployment', 'web', '--image=nginx:1.27.3');
    home.run(['apply', '-f', '-'], { input: `${SVC('echo', 8080, 30080)}---\n${SVC('web', 80, 30081)}` });
    home.ok('run', 'bb', '--image=busybox', '--', 'sleep', '3600');
    home.ok('clock', 'advance', '1m');
  }, 60_000);
  afterAll(() => home.dispose());

  test('a NodePort loop reaches each of the three replicas about a third of the time', () => {
    const pods = home.ok('get', 'pods', '-l', 'app=echo', '-o', 'jsonpath={.items[*].metadata.name}').split(' ');
    expect(pods).toHaveLength(3);
    const seen = new Map<string, number>();
    for (let i = 0; i < 21; i++) {
      const first = home.ok('curl', '-s', 'http://172.18.0.3:30080/').split('\n')[0];
      seen.set(first, (seen.get(first) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(pods.map((p) => `Request served by ${p}`).sort());
    for (const n of seen.values()) expect(n).toBeGreaterThanOrEqual(3);
  });

  test('the echo server echoes the request as it received it', () => {
    const body = home.ok('curl', '-s', '-H', 'X-Trace: 1', 'http://172.18.0.2:30080/a?b=c');
    expect(body).toMatch(/^Request served by echo-[a-z0-9]+-[a-z0-9]{5}\n\nHTTP\/1.1 GET \/a\?b=c\n\nHost: 172.18.0.2:30080\nAccept: \*\/\*\nUser-Agent: curl\/8.5.0\nX-Trace: 1\n$/);
  });

  test('-v traces the exchange with nginx as curl 8.5.0 does', () => {
    const r = home.run(['curl', '-sv', 'http://172.18.0.4:30081/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(Buffer.byteLength(r.stdout)).toBe(615);
    expect(r.stderr.replace(/Date: .* GMT/, 'Date: D').replace(/Last-Modified: .* GMT/, 'Last-Modified: L').replace(/ETag: "[0-9a-f]+-267"/, 'ETag: "E-267"')).toBe(
      '*   Trying 172.18.0.4:30081...\n'
      + '* Connected to 172.18.0.4 (172.18.0.4) port 30081\n'
      + '> GET / HTTP/1.1\r\n> Host: 172.18.0.4:30081\r\n> User-Agent: curl/8.5.0\r\n> Accept: */*\r\n> \r\n'
      + '< HTTP/1.1 200 OK\r\n< Server: nginx/1.27.3\r\n< Date: D\r\n< Content-Type: text/html\r\n< Content-Length: 615\r\n'
      + '< Last-Modified: L\r\n< Connection: keep-alive\r\n< ETag: "E-267"\r\n< Accept-Ranges: bytes\r\n< \r\n'
      + '{ [615 bytes data]\n'
      + '* Connection #0 to host 172.18.0.4 left intact\n',
    );
  });

  test('nginx answers other paths with its 404 page; -f turns it into exit 22', () => {
    const r = home.run(['curl', '-s', '-i', 'http://172.18.0.4:30081/nope']);
    expect(r.stdout.replace(/Date: .* GMT/, 'Date: D')).toBe('HTTP/1.1 404 Not Found\r\nServer: nginx/1.27.3\r\nDate: D\r\nContent-Type: text/html\r\n'
      + 'Content-Length: 153\r\nConnection: keep-alive\r\n\r\n'
      + '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(home.run(['curl', '-sSf', 'http://172.18.0.4:30081/nope'])).toEqual({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', code: 22 });
  });

  test('failures: a port nothing serves, a name the host cannot resolve, a pod address the host has no route to', () => {
    expect(home.run(['curl', 'http://172.18.0.3:31999/']).stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
      + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
      + '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0'
      + '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n'
      + "curl: (7) Failed to connect to 172.18.0.3 port 31999 after 0 ms: Couldn't connect to server\n");
    expect(home.run(['curl', '-sS', 'http://web/'])).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web\n', code: 6 });
    const ip = home.ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].status.podIP}');
    expect(home.run(['curl', '-sS', '--connect-timeout', '5', `http://${ip}/`])).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 5001 milliseconds\n', code: 28 });
  });

  test("the API server on the control-plane node: TLS with the cluster's own CA, anonymous public info only", () => {
    const untrusted = home.run(['curl', '-sS', 'https://172.18.0.2:6443/version']);
    expect([untrusted.code, untrusted.stderr.split('\n')[0]]).toEqual([60, 'curl: (60) SSL certificate problem: unable to get local issuer certificate']);
    expect(JSON.parse(home.ok('curl', '-sk', 'https://172.18.0.2:6443/version'))).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.2' });
    expect(JSON.parse(home.ok('curl', '-sk', 'https://172.18.0.2:6443/api/v1/pods')).message).toBe('forbidden: User "system:anonymous" cannot get path "/api/v1/pods"');
    expect(home.ok('curl', '-s', 'http://172.18.0.2:6443/')).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });

  test('inside a pod: busybox wget by Service name, and curl in the nginx image', () => {
    const svcIP = home.ok('get', 'svc', 'echo', '-o', 'jsonpath={.spec.clusterIP}');
    const r = home.run(['exec', 'bb', '--', 'wget', '-O-', 'http://echo:8080/hi']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Connecting to echo:8080 (${svcIP}:8080)\nwriting to stdout\n`
      + `-                    100% |********************************|   ${r.stdout.length}  0:00:00 ETA\nwritten to stdout\n`);
    expect(r.stdout).toMatch(/^Request served by echo-\S+\n\nHTTP\/1.1 GET \/hi\n\nHost: echo:8080\nConnection: close\nUser-Agent: Wget\n$/);
    expect(home.run(['exec', 'bb', '--', 'wget', '-q', 'http://nope/'])).toEqual({ stdout: '', stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n", code: 1 });
    // A port the Service does not have: no rule takes the packet, and nothing answers it.
    const webIP = home.ok('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}');
    expect(home.run(['exec', 'bb', '--', 'wget', '-qO-', 'http://web:8080/'])).toEqual({ stdout: '',
      stderr: `wget: can't connect to remote host (${webIP}): Connection timed out\ncommand terminated with exit code 1\n`, code: 1 });
    const web = home.ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}');
    expect(home.ok('exec', web, '--', 'curl', '-s', 'echo:8080')).toMatch(/^Request served by echo-/);
    expect(home.run(['exec', web, '--', 'curl', '-sS', 'localhost:81'])).toEqual({ stdout: '',
      stderr: "curl: (7) Failed to connect to localhost port 81 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n", code: 7 });
  });

  test('port-forward svc/echo :8080 listens on localhost and answers from the pod', async () => {
    const pf = await portForward(home, ['svc/echo', ':8080']);
    try {
      const res = await fetch(`http://127.0.0.1:${pf.port}/pf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(await res.text()).toMatch(/^Request served by echo-\S+\n\nHTTP\/1.1 GET \/pf\n\nHost: 127\.0\.0\.1:\d+\n/);
      await new Promise((r) => setTimeout(r, 100));
      expect(pf.output()).toMatch(/^Forwarding from 127\.0\.0\.1:\d+ -> 8080\n(Forwarding from \[::1\]:\d+ -> 8080\n)?Handling connection for \d+\n$/);
    } finally {
      pf.stop();
    }
  });

});
