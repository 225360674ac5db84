// Changing a Service's type drops what only the old type needed (the service strategy's
// dropTypeDependentFields) and allocates what the new one needs: an ExternalName Service has no
// address, turned back into a ClusterIP it gets one; a NodePort turned ClusterIP gives its node
// ports and traffic policy back, unless the same update names a node port, which validation then
// refuses.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { InProcessMk } from '../cli-errors/harness.js';

const mk = new InProcessMk();
beforeAll(() => mk.setUp(), 60_000);
afterAll(() => mk.tearDown());

const spec = async (name: string) => {
  const r = await mk.run('get', 'svc', name, '-o', 'json');
  if (r.code !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { spec: Record<string, unknown> }).spec;
};
const patch = (name: string, body: unknown) => mk.run('patch', 'svc', name, '-p', JSON.stringify(body));

test('ClusterIP to ExternalName and back: the address and IP families go, then a new address comes', async () => {
  await mk.run('create', 'service', 'clusterip', 'web', '--tcp=80');
  expect(await patch('web', { spec: { type: 'ExternalName', externalName: 'web.example.com' } }))
    .toEqual({ stdout: 'service/web patched\n', stderr: '', code: 0 });
  const ext = await spec('web');
  expect([ext.clusterIP, ext.clusterIPs, ext.ipFamilies, ext.ipFamilyPolicy]).toEqual([undefined, undefined, undefined, undefined]);
  expect((await mk.run('get', 'svc', 'web')).stdout.split('\n')[1]).toMatch(/^web +ExternalName +<none> +web\.example\.com +80\/TCP +0s$/);
  expect((await patch('web', { spec: { type: 'ClusterIP' } })).code).toBe(0);
  const back = await spec('web');
  expect(back.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
  expect(back.clusterIPs).toEqual([back.clusterIP]);
  expect([back.ipFamilies, back.ipFamilyPolicy]).toEqual([['IPv4'], 'SingleStack']);
});

test('NodePort to ClusterIP: node ports and the external traffic policy are dropped', async () => {
  await mk.run('create', 'service', 'nodeport', 'np', '--tcp=80,443');
  expect((await patch('np', { spec: { type: 'ClusterIP' } })).code).toBe(0);
  const s = await spec('np');
  expect((s.ports as { nodePort?: number }[]).map((p) => p.nodePort)).toEqual([undefined, undefined]);
  expect(s.externalTrafficPolicy).toBeUndefined();
});

test('NodePort to ClusterIP naming a new node port: refused by validation', async () => {
  await mk.run('create', 'service', 'nodeport', 'np2', '--tcp=80', '--node-port=30999');
  expect(await patch('np2', { spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 80, nodePort: 31999 }] } })).toEqual({
    stdout: '', code: 1,
    stderr: 'The Service "np2" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'\n',
  });
});
