// Real kubectl 1.32 `explain` against `mk serve`, compared byte for byte with `mk explain`; the
// OpenAPI endpoints as kube-openapi serves them (hash URLs, caching headers, redirects); field
// validation kubectl delegates to the server because the documents declare `fieldValidation`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinKinds, type KindInfo } from '../../src/api/registry.js';
import { servedCluster, hasKubectl } from './served.js';


const PATHS = [
  'pods', 'pods.spec', 'pods.spec.containers', 'pods.spec.containers.ports', 'po.spec.containers.image',
  'deploy.spec.strategy', 'deployments.apps.spec', 'deployment.spec.template.spec.volumes.configMap.items',
  'svc.spec.ports.targetPort', 'pods.spec.containers.resources.limits', 'nodes.status.capacity',
  'pods.metadata.managedFields.fieldsV1', 'cm.data', 'secrets.data', 'cj.spec.jobTemplate.spec.template.spec',
  'hpa.spec.metrics.resource.target', 'ingress.spec.rules.http.paths.backend.service.port', 'sts.spec.volumeClaimTemplates.spec',
  'pdb.spec.maxUnavailable', 'events.eventTime', 'leases.spec', 'endpointslices.endpoints.conditions', 'pc.value',
  'sc.parameters', 'ns.status.phase',
  // Errors: a field that is not there (after the header), a resource that is not, bad syntax.
  'pods.foo', 'pods.spec.containers.foo.bar', 'foo', 'foo.spec', 'pods[0]',
];

describe.skipIf(!hasKubectl)('kubectl explain against mk serve', () => {
  const served = servedCluster('manual');
  const { kubectl, mk } = served;

  // One case a test: each runs kubectl and mk once, which takes seconds on a loaded machine.
  it.each(PATHS)('explain %s prints what mk explain prints', (path) => {
    expect(kubectl('explain', path)).toEqual(mk('explain', path));
  });

  it('prints the header before a missing field\'s error, and the mapper\'s error bare', () => {
    expect(kubectl('explain', 'pods.foo')).toEqual({ stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "foo" does not exist\n', code: 1 });
    expect(kubectl('explain', 'foo')).toEqual({ stdout: '', stderr: 'the server doesn\'t have a resource type "foo"\n', code: 1 });
    const ports = kubectl('explain', 'pods.spec.containers.ports').stdout;
    expect(ports).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: ports <\[\]ContainerPort>\n\n\nDESCRIPTION:\n {4}<empty>\nFIELDS:\n {2}containerPort\t<integer>\n/);
  });

  const resources = (builtinKinds as readonly KindInfo[]).map((k) => (k.group ? `${k.resource}.${k.group}` : k.resource));
  it.each(resources)('explain %s --recursive prints what mk prints', (name) => {
    const k = kubectl('explain', name, '--recursive');
    expect(k.code).toBe(0);
    expect(k).toEqual(mk('explain', name, '--recursive'));
  });

  it.each([
    [['deploy', '--api-version=apps/v1']], [['deployments.apps.spec', '--api-version=apps/v1']], [['deploy', '--api-version=apps/v2']],
    [['pods', '--api-version=a/b/c']], [['pods', '-o', 'yaml']], [['pods', '--output', 'plaintext']], [['pods', '--output', 'plaintext-openapiv2']],
    [['a', 'b']], [['hpa', '--api-version=autoscaling/v2', '--recursive']],
  ])('explain %j takes its flags as kubectl does', (args) => {
    expect(kubectl('explain', ...args)).toEqual(mk('explain', ...args));
  });

  it('names the group version it cannot find', () => {
    expect(kubectl('explain', 'deploy', '--api-version=apps/v2').stderr).toBe('error: couldn\'t find resource for "apps/v2, Resource=deployments"\n');
  });

  const conn = () => {
    const config = readFileSync(served.kubeconfig, 'utf8');
    return {
      token: /token: (\S+)/.exec(config)![1],
      ca: Buffer.from(/certificate-authority-data: (\S+)/.exec(config)![1], 'base64').toString(),
    };
  };
  const get = (path: string, headers: Record<string, string> = {}) => new Promise<{ code: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const { token, ca } = conn();
    request(`${served.url}${path}`, { ca, headers: { Authorization: `Bearer ${token}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject).end();
  });

  it('serves the v3 index with each document at a URL carrying the SHA-512 of its bytes', async () => {
    const index = await get('/openapi/v3');
    expect(index.code).toBe(200);
    expect(index.headers.etag).toBe(`"${createHash('sha512').update(index.body).digest('hex').toUpperCase()}"`);
    const paths = (JSON.parse(index.body) as { paths: Record<string, { serverRelativeURL: string }> }).paths;
    expect(Object.keys(paths)).toEqual([
      'api/v1', 'apis/apps/v1', 'apis/autoscaling/v1', 'apis/autoscaling/v2', 'apis/batch/v1', 'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1', 'apis/metrics.k8s.io/v1beta1', 'apis/networking.k8s.io/v1', 'apis/policy/v1',
      'apis/scheduling.k8s.io/v1', 'apis/storage.k8s.io/v1',
    ]);
    // The same bytes on every request, so kubectl's cache keyed by hash stays valid.
    expect((await get('/openapi/v3')).body).toBe(index.body);
    for (const [gv, { serverRelativeURL }] of Object.entries(paths)) {
      const hash = /\?hash=([0-9A-F]{128})$/.exec(serverRelativeURL)![1];
      expect(serverRelativeURL).toBe(`/openapi/v3/${gv}?hash=${hash}`);
      const doc = await get(serverRelativeURL);
      expect(doc.code).toBe(200);
      expect(createHash('sha512').update(doc.body).digest('hex').toUpperCase()).toBe(hash);
      expect(doc.headers).toMatchObject({ etag: `"${hash}"`, 'cache-control': 'public, immutable', 'content-type': 'application/json', vary: 'Accept' });
      const expires = Date.parse(String(doc.headers.expires));
      expect(expires - Date.now()).toBeGreaterThan(364 * 24 * 3600 * 1000);
      const parsed = JSON.parse(doc.body) as { openapi: string; components: { schemas: Record<string, object> } };
      expect(parsed.openapi).toBe('3.0.0');
      // metrics-server's NodeMetrics/PodMetrics have no entry in mk's Go type table yet: its document is paths only.
      if (gv !== 'apis/metrics.k8s.io/v1beta1') expect(Object.keys(parsed.components.schemas).length).toBeGreaterThan(2);
    }
  });

  it('redirects a stale hash, answers If-None-Match with 304 and refuses what it cannot produce with 406', async () => {
    const { paths } = JSON.parse((await get('/openapi/v3')).body) as { paths: Record<string, { serverRelativeURL: string }> };
    const current = paths['apis/apps/v1'].serverRelativeURL;
    const stale = await get('/openapi/v3/apis/apps/v1?hash=0123');
    expect(stale.code).toBe(301);
    expect(stale.headers.location).toBe(current);
    const etag = (await get(current)).headers.etag as string;
    expect((await get('/openapi/v3/apis/apps/v1', { 'If-None-Match': etag })).code).toBe(304);
    expect((await get('/openapi/v3/apis/apps/v1', { Accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf' })).code).toBe(406);
    expect((await get('/openapi/v3/apis/nope/v1')).code).toBe(404);
  });

  it('serves /openapi/v2 as JSON with the kinds and refuses the protobuf form', async () => {
    const v2 = await get('/openapi/v2', { Accept: 'application/json' });
    expect(v2.code).toBe(200);
    const doc = JSON.parse(v2.body) as { swagger: string; definitions: Record<string, { 'x-kubernetes-group-version-kind'?: object[] }> };
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({ type: 'string', format: 'int-or-string' });
    expect((await get('/openapi/v2', { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' })).code).toBe(406);
  });

  it('has kubectl validate fields on the server: strict errors and warnings as mk reports them', () => {
    const file = join(served.home.dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  a: b\nfoo: 1\nspec:\n  bar: 2\n');
    const refused = {
      stdout: '',
      stderr: `Error from server (BadRequest): error when creating "${file}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo", unknown field "spec"\n`,
      code: 1,
    };
    for (const verb of ['create', 'apply']) {
      expect(kubectl(verb, '-f', file)).toEqual(refused);
      expect(mk(verb, '-f', file)).toEqual(refused);
    }
    const warned = { stdout: 'configmap/bad created (server dry run)\n', stderr: 'Warning: unknown field "foo"\nWarning: unknown field "spec"\n', code: 0 };
    for (const verb of ['create', 'apply']) {
      expect(kubectl(verb, '--validate=warn', '--dry-run=server', '-f', file)).toEqual(warned);
      expect(mk(verb, '--validate=warn', '--dry-run=server', '-f', file)).toEqual(warned);
    }
    expect(kubectl('create', '--validate=ignore', '--dry-run=server', '-f', file)).toEqual({ ...warned, stderr: '' });
  });

  it('refuses an unknown field in an apply that patches, naming the file as kubectl\'s patcher does', () => {
    const file = join(served.home.dir, 'bad.yaml');
    // An update goes through a patch: kubectl names the file twice, the patcher's and apply's.
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  a: b\n');
    expect(kubectl('apply', '-f', file).code).toBe(0);
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  a: c\nfoo: 1\n');
    const k = kubectl('apply', '-f', file);
    expect(k.stderr).toContain(`for: "${file}": error when patching "${file}": strict decoding error: unknown field "foo"\n`);
    expect(k).toEqual(mk('apply', '-f', file));
    expect(kubectl('replace', '--validate=warn', '-f', file)).toEqual({ stdout: 'configmap/bad replaced\n', stderr: 'Warning: unknown field "foo"\n', code: 0 });
  });
});
