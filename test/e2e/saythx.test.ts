// Seed 004's saythx application as the tutorial applies it: the namespace, four Deployments and
// the redis Service roll out, and `get deploy,rs,pods -o wide` has kubectl 1.32's layout.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('saythx', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('apply', '-f', 'test/apps/fixtures/manifests/saythx.yaml');
    home.ok('clock', 'advance', '1m');
  });
  afterAll(() => home.dispose());

  test('every Deployment is available with one Running pod', () => {
    const out = home.ok('-n', 'work', 'get', 'deploy,rs,pods', '-o', 'wide');
    const [deploys, rss, pods] = out.split('\n\n');
    expect(deploys).toBe(
      'NAME                              READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                 SELECTOR\n'
      + 'deployment.apps/saythx-backend    1/1     1            1           60s   backend      taobeier/saythx-be     app=backend\n'
      + 'deployment.apps/saythx-frontend   1/1     1            1           60s   frontend     taobeier/saythx-fe     app=frontend\n'
      + 'deployment.apps/saythx-redis      1/1     1            1           60s   redis        redis:5                app=redis\n'
      + 'deployment.apps/saythx-work       1/1     1            1           60s   work         taobeier/saythx-work   app=work',
    );
    expect(rss.split('\n')[0]).toBe('NAME                                         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES                 SELECTOR');
    for (const app of ['backend', 'frontend', 'redis', 'work']) {
      expect(rss).toMatch(new RegExp(`^replicaset\\.apps/saythx-${app}-([a-z0-9]{10}) +1 +1 +1 +60s +\\S+ +\\S+ +app=${app},pod-template-hash=\\1$`, 'm'));
      expect(pods).toMatch(new RegExp(`^pod/saythx-${app}-[a-z0-9]{10}-[a-z0-9]{5} +1/1 +Running +0 +60s +10\\.244\\.[12]\\.\\d+ +mk-worker2? +<none> +<none>$`, 'm'));
    }
  });
});

// The tutorial's requests: the frontend NodePort from the host, /api through its nginx to the
// backend, and the troubleshooting chapter's redis Service with the wrong targetPort.
describe('saythx requests', () => {
  const home = new MkHome();
  const nodePort = (svc: string) => home.ok('-n', 'work', 'get', 'svc', svc, '-o', 'jsonpath={.spec.ports[0].nodePort}');
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    for (const f of ['namespace', 'redis-deployment', 'redis-service', 'backend-deployment', 'backend-service',
      'frontend-deployment', 'frontend-service', 'work-deployment']) home.ok('apply', '-f', `examples/saythx/${f}.yaml`);
    home.ok('clock', 'advance', '1m');
  }, 60_000);
  afterAll(() => home.dispose());

  test('the frontend NodePort serves the page on any node, /api reaches the backend through the Service', () => {
    const page = home.ok('curl', '-s', `http://172.18.0.3:${nodePort('saythx-frontend')}/`);
    expect(page).toMatch(/^<!DOCTYPE html><html lang=en>.*<title>fe<\/title>.*<div id=app><\/div>.*<\/html>$/);
    expect(home.ok('curl', '-s', `http://172.18.0.2:${nodePort('saythx-frontend')}/api/v1/list`)).toBe('{"HonorDatas":null}');
    expect(home.ok('curl', '-s', `http://172.18.0.4:${nodePort('saythx-backend')}/api/v1/list`)).toBe('{"HonorDatas":null}');
  });

  test('a redis Service targeting 6380: the endpoint shows the wrong port, connections are refused until it is fixed', () => {
    const svc = readFileSync('examples/saythx/redis-service.yaml', 'utf8');
    home.run(['apply', '-f', '-'], { input: svc.replace('targetPort: 6379', 'targetPort: 6380') });
    home.ok('clock', 'advance', '5s');
    const ep = home.ok('-n', 'work', 'get', 'endpoints', 'saythx-redis');
    expect(ep).toMatch(/^saythx-redis +10\.244\.\d+\.\d+:6380 +/m);
    const port = nodePort('saythx-redis');
    const r = home.run(['curl', '-sS', `http://172.18.0.3:${port}/`]);
    expect(r).toEqual({ stdout: '', stderr: `curl: (7) Failed to connect to 172.18.0.3 port ${port} after 0 ms: Couldn't connect to server\n`, code: 7 });
    // The backend's handler panics on the failed dial: its connection is dropped unanswered.
    const api = home.run(['curl', '-sS', `http://172.18.0.3:${nodePort('saythx-backend')}/api/v1/list`]);
    expect(api).toEqual({ stdout: '', stderr: 'curl: (52) Empty reply from server\n', code: 52 });
    home.run(['apply', '-f', 'examples/saythx/redis-service.yaml']);
    home.ok('clock', 'advance', '5s');
    expect(home.ok('-n', 'work', 'get', 'endpoints', 'saythx-redis')).toMatch(/^saythx-redis +10\.244\.\d+\.\d+:6379 +/m);
    // Redis reads the request, sees "Host:" and drops the client: curl's empty reply.
    expect(home.run(['curl', '-sS', `http://172.18.0.3:${port}/`])).toEqual({ stdout: '', stderr: 'curl: (52) Empty reply from server\n', code: 52 });
    expect(home.ok('curl', '-s', `http://172.18.0.3:${nodePort('saythx-backend')}/api/v1/list`)).toBe('{"HonorDatas":null}');
  });
});
