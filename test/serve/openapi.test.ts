// The OpenAPI documents mk serve publishes, checked in process: every served kind has a schema
// kubectl can find by its group/version/kind, every reference resolves, the index's hashes are
// those of the documents' bytes, and the HTTP replies follow kube-openapi's caching rules.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinKinds, type KindInfo } from '../../src/api/registry.js';
import { servedGroupVersions } from '../../src/apiserver/discovery.js';
import { groupVersionDocument, openAPIIndex, serveGroupVersion, serveIndex, serveSwagger, swaggerDocument } from '../../src/apiserver/http/openapi.js';

const kinds = builtinKinds as readonly KindInfo[];
const NOW = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

/** Every `$ref` in a document, with the path it was found at. */
function refs(v: unknown, at = ''): [string, string][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => refs(x, `${at}[${i}]`));
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => (k === '$ref' ? [[at, String(x)] as [string, string]] : refs(x, `${at}.${k}`)));
}

describe('OpenAPI v3 documents', () => {
  it('give every served kind and its list a schema marked with its group/version/kind', () => {
    for (const k of kinds) {
      const doc = groupVersionDocument(k)!;
      const marked = Object.entries(doc.components.schemas).filter(([, s]) =>
        (s['x-kubernetes-group-version-kind'] as object[] | undefined)?.some((g) => JSON.stringify(g) === JSON.stringify({ group: k.group, kind: k.kind, version: k.version })));
      expect(marked.map(([name]) => name), k.kind).toHaveLength(1);
      expect(doc.components.schemas[`${marked[0][0]}List`]?.['x-kubernetes-group-version-kind'], k.kind).toEqual([{ group: k.group, kind: `${k.kind}List`, version: k.version }]);
    }
  });

  it('resolve every reference within the document', () => {
    for (const gv of Object.keys(openAPIIndex().paths)) {
      const [, group, version] = gv.startsWith('api/') ? ['', '', gv.slice(4)] : gv.split('/');
      const doc = groupVersionDocument({ group, version })!;
      for (const [at, ref] of refs(doc)) {
        expect(ref, at).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], `${gv} ${at} ${ref}`).toBeDefined();
      }
    }
    const v2 = swaggerDocument();
    for (const [at, ref] of refs(v2)) expect(v2.definitions[ref.slice('#/definitions/'.length)], `${at} ${ref}`).toBeDefined();
  });

  it('name types as openapi-gen does and type fields as the Go structs do', () => {
    const doc = groupVersionDocument({ group: 'apps', version: 'v1' })!;
    const s = doc.components.schemas;
    expect(s['io.k8s.api.apps.v1.DeploymentSpec'].properties).toMatchObject({
      replicas: { type: 'integer', format: 'int32' },
      paused: { type: 'boolean' },
      selector: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' },
      template: { $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' },
    });
    expect(s['io.k8s.api.core.v1.Container'].properties).toMatchObject({
      args: { type: 'array', items: { type: 'string' } },
      ports: { type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.ContainerPort' } },
    });
    expect(s['io.k8s.api.core.v1.ResourceRequirements'].properties).toMatchObject({
      limits: { type: 'object', additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' } },
    });
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry'].properties).toMatchObject({
      fieldsV1: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1' },
      time: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' },
    });
  });

  it('declare fieldValidation on PATCH, and no strategic-merge body that would make kubectl trust schemas without merge keys', () => {
    const doc = groupVersionDocument({ group: '', version: 'v1' })!;
    const patch = (doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'] as { patch: { parameters: { name: string }[]; requestBody?: object } }).patch;
    expect(patch.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect(patch.requestBody).toBeUndefined();
  });
});

describe('OpenAPI HTTP replies', () => {
  const req = (over: Partial<Parameters<typeof serveIndex>[0]> = {}) => ({ now: NOW, ...over });

  it('index the documents by the SHA-512 of their bytes, stable from call to call', () => {
    const index = serveIndex(req());
    expect(index.code).toBe(200);
    expect(index.body).toBe(serveIndex(req()).body);
    const { paths } = JSON.parse(index.body!) as { paths: Record<string, { serverRelativeURL: string }> };
    // Every version discovery lists (autoscaling/v1 beside v2, metrics-server's group), not only the kinds' preferred ones.
    const served = new Set(servedGroupVersions().map((gv) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`)));
    expect(served).toContain('apis/autoscaling/v1');
    expect(new Set(Object.keys(paths))).toEqual(served);
    const apps = serveGroupVersion({ group: 'apps', version: 'v1' }, req())!;
    const hash = createHash('sha512').update(apps.body!).digest('hex').toUpperCase();
    expect(paths['apis/apps/v1'].serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${hash}`);
    expect(apps.headers.ETag).toBe(`"${hash}"`);
    expect(apps.headers['Cache-Control']).toBeUndefined();
  });

  it('make a current hash cacheable for a year and redirect a stale one', () => {
    const { etag } = { etag: serveGroupVersion({ group: '', version: 'v1' }, req())!.headers.ETag.slice(1, -1) };
    const hit = serveGroupVersion({ group: '', version: 'v1' }, req({ hash: etag }))!;
    expect(hit.code).toBe(200);
    expect(hit.headers).toMatchObject({ 'Cache-Control': 'public, immutable', Expires: 'Sat, 02 Jan 2027 03:04:05 UTC', Vary: 'Accept' });
    const stale = serveGroupVersion({ group: '', version: 'v1' }, req({ hash: 'ABC' }))!;
    expect(stale).toEqual({ code: 301, headers: { Location: `/openapi/v3/api/v1?hash=${etag}`, Vary: 'Accept' } });
    expect(serveGroupVersion({ group: '', version: 'v1' }, req({ ifNoneMatch: `"${etag}"` }))!.code).toBe(304);
    expect(serveGroupVersion({ group: 'nope', version: 'v1' }, req())).toBeUndefined();
    expect(serveGroupVersion({ group: '', version: 'v1' }, req({ accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf' }))!.code).toBe(406);
  });

  it('serve v2 as JSON and refuse the protobuf form client-go asks for', () => {
    expect(serveSwagger(req({ accept: 'application/json' })).code).toBe(200);
    expect(serveSwagger(req({ accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' })).code).toBe(406);
    const doc = JSON.parse(serveSwagger(req()).body!) as { swagger: string; paths: Record<string, { patch?: { parameters: { name: string; type: string }[] } }> };
    expect(doc.swagger).toBe('2.0');
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch!.parameters).toContainEqual({ uniqueItems: true, type: 'string', name: 'fieldValidation', in: 'query' });
  });
});
