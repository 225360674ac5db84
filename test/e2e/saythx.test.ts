// Seed 004's saythx application as the tutorial applies it: the namespace, four Deployments and
// the redis Service roll out, and `get deploy,rs,pods -o wide` has kubectl 1.32's layout.
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
