// mk's rendering of kubectl's explain template, checked against real kubectl 1.32 on a document
// that uses what mk's own documents do not: descriptions to wrap, enums, required fields, allOf
// wrappers, maps of references, schemas without a type, and cycles. A small HTTP server gives
// kubectl the discovery and the OpenAPI v3 document; the same document goes to renderPlaintext.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlaintext } from '../../src/cli/explain/plaintext.js';
import { hasKubectl } from './served.js';


const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const LONG = 'Widgets are reconciled by the widget controller, which watches every namespace and retries failed '
  + 'updates with an exponential back-off.\n\nA second paragraph follows a blank line; it mentions '
  + 'https://example.com/a/very/long/address/that/cannot/be/broken/anywhere/at/all/because/it/has/no/spaces and '
  + 'ends with accents: café, naïve, déjà vu.   Three spaces before this sentence.\n - a list item\n - another\n';

const DOC = {
  openapi: '3.0.0',
  info: { title: 'Kubernetes', version: 'v1.32.2' },
  paths: {
    '/api/v1/namespaces/{namespace}/widgets': { get: { 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Widget' } } },
    '/api/v1/namespaces/{namespace}/widgets/{name}': { get: { 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Widget' } } },
  },
  components: {
    schemas: {
      'io.example.v1.Gadget': {
        description: 'A gadget refers back to its widget.',
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', description: 'Name of the gadget.' },
          widget: { allOf: [ref('io.example.v1.WidgetSpec')], description: 'The widget this gadget belongs to; the reference makes a cycle.' },
          children: { type: 'array', items: ref('io.example.v1.Gadget') },
        },
      },
      'io.example.v1.Quantity': { description: 'A quantity.', oneOf: [{ type: 'string' }, { type: 'number' }] },
      'io.example.v1.Time': { description: 'A time.', type: 'string', format: 'date-time' },
      'io.example.v1.Widget': {
        description: LONG,
        type: 'object',
        required: ['spec', 'apiVersion'],
        properties: {
          apiVersion: { type: 'string', description: 'APIVersion of the object.' },
          kind: { type: 'string' },
          spec: { allOf: [ref('io.example.v1.WidgetSpec')], default: {}, description: 'Spec of the widget.' },
          status: { description: 'No type at all.' },
        },
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'Widget', version: 'v1' }],
      },
      'io.example.v1.WidgetSpec': {
        description: 'WidgetSpec says what a widget should be.',
        type: 'object',
        required: ['policy', 'gadgets'],
        properties: {
          policy: {
            type: 'string', enum: ['', 'Always', 'IfNotPresent', 'Never', 'Sometimes'],
            description: 'Policy.\n\nPossible enum values:\n - `"Always"` always.\n - `"Never"` never.',
          },
          mode: { type: 'string', enum: ['Fast', 'Slow'], description: LONG },
          level: { type: 'integer', format: 'int32', enum: [1, 2, 3], description: 'Level.' },
          ratio: { type: 'number', format: 'double', description: 'A ratio.' },
          gadgets: { type: 'array', items: { allOf: [ref('io.example.v1.Gadget')], default: {} }, description: 'Gadgets.' },
          byName: { type: 'object', additionalProperties: { allOf: [ref('io.example.v1.Gadget')], default: {} }, description: 'Gadgets by name.' },
          matrix: { type: 'array', items: { type: 'array', items: { type: 'string', default: '' } } },
          labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
          open: { type: 'object', additionalProperties: true, description: 'Any keys.' },
          size: ref('io.example.v1.Quantity'),
          since: { allOf: [ref('io.example.v1.Time')], description: 'When it started.' },
          anything: { type: 'object', description: 'Free-form.' },
        },
      },
    },
  },
};

const body = JSON.stringify(DOC);
const hash = createHash('sha512').update(body).digest('hex').toUpperCase();

function answer(path: string): object | string | undefined {
  switch (path) {
    case '/api': return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
    case '/apis': return { kind: 'APIGroupList', apiVersion: 'v1', groups: [] };
    case '/api/v1': return {
      kind: 'APIResourceList', groupVersion: 'v1',
      resources: [{ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['get', 'list'], shortNames: ['wd'] }],
    };
    case '/openapi/v3': return { paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}` } } };
    case '/openapi/v3/api/v1': return body;
    default: return undefined;
  }
}

describe.skipIf(!hasKubectl)('the explain template against kubectl 1.32', () => {
  let server: Server;
  let port = 0;
  const home = mkdtempSync(join(tmpdir(), 'mk-explain-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const a = answer(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (a === undefined) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(typeof a === 'string' ? a : JSON.stringify(a));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  // Asynchronous: the server answering kubectl runs in this process.
  const kubectl = (...args: string[]) => new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    execFile('kubectl', [`--server=http://127.0.0.1:${port}`, 'explain', ...args],
      { encoding: 'utf8', env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'none') } },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number(err.code ?? -1) : 0 }));
  });
  const rendered = (fields: string[], recursive = false) => {
    const r = renderPlaintext(JSON.parse(body), { group: '', version: 'v1', resource: 'widgets' }, fields, recursive);
    return { stdout: r.out, stderr: r.error ? `${r.error}\n` : '', code: r.error ? 1 : 0 };
  };

  it.each([
    [[]], [['spec']], [['spec', 'policy']], [['spec', 'mode']], [['spec', 'level']], [['spec', 'gadgets']],
    [['spec', 'gadgets', 'widget']], [['spec', 'gadgets', 'widget', 'gadgets', 'name']], [['spec', 'byName']],
    [['spec', 'byName', 'children']], [['spec', 'matrix']], [['spec', 'labels']], [['spec', 'open']], [['spec', 'size']],
    [['spec', 'since']], [['spec', 'anything']], [['status']], [['spec', 'nope']], [['spec', 'labels', 'x']],
  ])('renders %j as kubectl does', async (fields) => {
    expect(rendered(fields)).toEqual(await kubectl(['widgets', ...fields].join('.')));
  });

  it('renders recursively, stopping at cycles, as kubectl does', async () => {
    expect(rendered([], true)).toEqual(await kubectl('widgets', '--recursive'));
    expect(rendered(['spec', 'gadgets'], true)).toEqual(await kubectl('widgets.spec.gadgets', '--recursive'));
  });
});
