// Manifests from the seed tutorials through `mk apply`: apps/v1 workloads are created; the
// extensions/v1beta1, apps/v1beta1 and apps/v1beta2 kinds a 1.32 API server no longer serves are
// refused with kubectl's resource-mapping error (bytes recorded from kubectl 1.32 in
// test/apps/golden/legacy) and leave nothing behind, while the other documents still apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from '../e2e/harness.js';

const DIR = 'test/apps/fixtures/manifests';
const golden = (name: string) => readFileSync(join(import.meta.dirname, 'golden/legacy', name), 'utf8');

describe('legacy and current workload manifests', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('helm 2 tiller: the extensions/v1beta1 Deployment is refused, its Service is created', () => {
    const r = home.run(['apply', '-f', `${DIR}/tiller-deploy.yaml`]);
    expect(r.stdout).toBe('service/tiller-deploy created\n');
    expect(r.stderr).toBe(
      `error: resource mapping not found for name: "tiller-deploy" namespace: "kube-system" from "${DIR}/tiller-deploy.yaml": `
      + 'no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
    );
    expect(r.code).toBe(1);
    // Only the Deployments a fresh kind cluster has.
    expect(home.ok('get', 'deployments', '-A', '-o', 'name')).toBe('deployment.apps/coredns\ndeployment.apps/local-path-provisioner\n');
  });

  test('apps/v1beta1, apps/v1beta2 and extensions/v1beta1 workloads: one mapping error each, nothing stored', () => {
    const r = home.run(['apply', '-f', `${DIR}/legacy-workloads.yaml`]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    // kubectl gathers the three errors in one aggregate and prints them without the `error: ` prefix.
    expect(r.stderr).toBe(golden('legacy-workloads.apply.stderr').replaceAll('"legacy-workloads.yaml"', `"${DIR}/legacy-workloads.yaml"`));
    expect(home.ok('get', 'deployments,replicasets', '-A', '-o', 'name')).toBe('deployment.apps/coredns\n'
      + 'deployment.apps/local-path-provisioner\nreplicaset.apps/coredns-668d6bf9bc\nreplicaset.apps/local-path-provisioner-7dc846544d\n');
  });

  test('saythx (seed 004): the namespace, four Deployments and the redis Service; applying again changes nothing', () => {
    expect(home.ok('apply', '-f', `${DIR}/saythx.yaml`)).toBe(
      'namespace/work created\n'
      + 'deployment.apps/saythx-redis created\n'
      + 'service/saythx-redis created\n'
      + 'deployment.apps/saythx-backend created\n'
      + 'deployment.apps/saythx-frontend created\n'
      + 'deployment.apps/saythx-work created\n',
    );
    expect(home.ok('get', 'deploy', '-n', 'work', '-o', 'name')).toBe(
      'deployment.apps/saythx-backend\ndeployment.apps/saythx-frontend\ndeployment.apps/saythx-redis\ndeployment.apps/saythx-work\n',
    );
    expect(home.ok('get', 'deploy', 'saythx-frontend', '-n', 'work', '-o', 'jsonpath={.spec.replicas} {.spec.strategy.type} {.spec.revisionHistoryLimit}'))
      .toBe('1 RollingUpdate 10');
    expect(home.ok('apply', '-f', `${DIR}/saythx.yaml`)).toBe(
      'namespace/work unchanged\n'
      + 'deployment.apps/saythx-redis unchanged\n'
      + 'service/saythx-redis unchanged\n'
      + 'deployment.apps/saythx-backend unchanged\n'
      + 'deployment.apps/saythx-frontend unchanged\n'
      + 'deployment.apps/saythx-work unchanged\n',
    );
  });

  test('myblog (seed 001): mysql and myblog Deployments in luffy', () => {
    expect(home.ok('apply', '-f', `${DIR}/myblog.yaml`)).toBe(
      'namespace/luffy created\ndeployment.apps/mysql created\ndeployment.apps/myblog created\n',
    );
  });

  test('myblog (seed 001): a template label that differs from the selector is invalid', () => {
    const r = home.run(['apply', '-f', `${DIR}/myblog-mismatch.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The Deployment "mysql" is invalid: '
      + 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"mysql-db"}: `selector` does not match template `labels`\n');
    expect(home.run(['get', 'deploy', 'mysql']).code).toBe(1);
  });
});
