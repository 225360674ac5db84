// Server-side apply through real kubectl 1.32 against `mk serve`, and the same commands through
// mk's own CLI: a create, an apply that conflicts with kubectl-create's replicas, the forced
// apply, a second manager's conflict with the applier, and the managedFields both leave. The
// manual clock keeps the entries' times the same for both.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedCluster, hasKubectl, webDeployment } from './served.js';


const manifest = webDeployment;

const HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe.skipIf(!hasKubectl)('server-side apply: kubectl against mk serve, and mk', () => {
  const served = servedCluster('manual');
  const { home, kubectl, mk } = served;

  it('applies, conflicts and forces as kubectl against a 1.32 server, with the same managedFields', () => {
    const three = join(home.dir, 'web3.yaml');
    const four = join(home.dir, 'web4.yaml');
    writeFileSync(three, manifest(3));
    writeFileSync(four, manifest(4));
    expect(mk('create', 'namespace', 'other')).toEqual({ stdout: 'namespace/other created\n', stderr: '', code: 0 });
    // The object comes from `create deployment` (manager kubectl-create) in both namespaces.
    for (const ns of ['default', 'other']) {
      expect(mk('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '-n', ns).stdout).toBe('deployment.apps/web created\n');
    }
    const steps: string[][] = [
      ['apply', '--server-side', '-f', three],
      ['apply', '--server-side', '--force-conflicts', '-f', three],
      ['apply', '--server-side', '--field-manager=other', '-f', four],
      ['apply', '--server-side', '-f', three],
    ];
    const byKubectl = steps.map((s) => kubectl(...s));
    expect(byKubectl[0]).toEqual({
      stdout: '', code: 1,
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas\n${HINT}`,
    });
    expect(byKubectl[1]).toEqual({ stdout: 'deployment.apps/web serverside-applied\n', stderr: '', code: 0 });
    expect(byKubectl[2]).toEqual({
      stdout: '', code: 1,
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${HINT}`,
    });
    expect(byKubectl[3]).toEqual({ stdout: 'deployment.apps/web serverside-applied\n', stderr: '', code: 0 });
    const byMk = steps.map((s) => mk(...s, '-n', 'other'));
    expect(byMk).toEqual(byKubectl);

    const fields = (ns: string) => kubectl('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.metadata.managedFields}');
    expect(fields('other')).toEqual(fields('default'));
    const entries = JSON.parse(fields('default').stdout) as { manager: string; operation: string; subresource?: string; fieldsV1: object }[];
    expect(entries.map((e) => `${e.manager} ${e.operation} ${e.subresource ?? ''}`.trim()))
      .toEqual(['kubectl Apply', 'kube-controller-manager Update status', 'kubectl-create Update']);
    expect(entries[0].fieldsV1).toEqual({
      'f:spec': {
        'f:replicas': {}, 'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    });
    for (const args of [['-o', 'yaml', '--show-managed-fields'], ['-o', 'json', '--show-managed-fields'], ['-o', 'yaml']]) {
      const k = kubectl('get', 'deploy', 'web', ...args);
      expect(k.code).toBe(0);
      expect(k).toEqual(mk('get', 'deploy', 'web', ...args));
    }
  });

  it('records the same managers as kubectl for client-side apply, label, annotate and scale', () => {
    const file = join(home.dir, 'api.yaml');
    writeFileSync(file, manifest(2).replace(/web/g, 'api'));
    expect(mk('create', 'namespace', 'third').code).toBe(0);
    const steps: string[][] = [
      ['apply', '-f', file],
      ['label', 'deployment', 'api', 'tier=backend'],
      ['annotate', 'deployment', 'api', 'note=x'],
      ['scale', 'deployment', 'api', '--replicas=3'],
    ];
    const byKubectl = steps.map((s) => kubectl(...s));
    expect(byKubectl.map((r) => r.stdout)).toEqual([
      'deployment.apps/api created\n', 'deployment.apps/api labeled\n', 'deployment.apps/api annotated\n', 'deployment.apps/api scaled\n']);
    expect(steps.map((s) => mk(...s, '-n', 'third'))).toEqual(byKubectl);
    const fields = (ns: string) => kubectl('get', 'deploy', 'api', '-n', ns, '-o', 'jsonpath={.metadata.managedFields}');
    const entries = JSON.parse(fields('default').stdout) as { manager: string; operation: string; subresource?: string; fieldsV1: object }[];
    expect(entries.map((e) => `${e.manager} ${e.operation} ${e.subresource ?? ''}`.trim())).toEqual([
      'kube-controller-manager Update status', 'kubectl Update scale', 'kubectl-annotate Update', 'kubectl-client-side-apply Update',
      'kubectl-label Update',
    ].sort((a, b) => a.localeCompare(b)));
    expect(entries.find((e) => e.subresource === 'scale')?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(fields('third')).toEqual(fields('default'));
  });

  it('migrates a client-side applied object to server-side apply as kubectl does', () => {
    const two = join(home.dir, 'csa2.yaml');
    const three = join(home.dir, 'csa3.yaml');
    writeFileSync(two, manifest(2).replace(/web/g, 'csa'));
    writeFileSync(three, manifest(3).replace(/web/g, 'csa'));
    expect(mk('create', 'namespace', 'fourth').code).toBe(0);
    const steps: string[][] = [
      ['apply', '-f', two],
      ['apply', '--server-side', '--field-manager=other', '-f', three],
      ['apply', '--server-side', '-f', three],
    ];
    const byKubectl = steps.map((s) => kubectl(...s));
    expect(byKubectl).toEqual([
      { stdout: 'deployment.apps/csa created\n', stderr: '', code: 0 },
      { stdout: '', code: 1,
        stderr: `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${HINT}` },
      { stdout: 'deployment.apps/csa serverside-applied\n', stderr: '', code: 0 },
    ]);
    expect(steps.map((s) => mk(...s, '-n', 'fourth'))).toEqual(byKubectl);
    const fields = (ns: string) => kubectl('get', 'deploy', 'csa', '-n', ns, '-o', 'jsonpath={.metadata.managedFields}');
    const entries = JSON.parse(fields('default').stdout) as { manager: string; operation: string; subresource?: string }[];
    // The client-side applier's fields went to kubectl's Apply entry; the annotation has its own
    // applier, whose apply changed nothing and so carries no time (it sorts first).
    expect(entries.map((e) => `${e.manager} ${e.operation} ${e.subresource ?? ''}`.trim()))
      .toEqual(['kubectl-last-applied Apply', 'kubectl Apply', 'kube-controller-manager Update status']);
    expect(fields('fourth')).toEqual(fields('default'));
    const annotation = (ns: string) => kubectl('get', 'deploy', 'csa', '-n', ns, '-o', 'jsonpath={.metadata.annotations}');
    // kubectl's server-side apply keeps the annotation in step with what it applied.
    expect(annotation('default').stdout).toContain('\\"replicas\\":3');
    expect(annotation('fourth').stdout.replace('\\"namespace\\":\\"fourth\\"', '\\"namespace\\":\\"default\\"')).toBe(annotation('default').stdout);
  });
});
