// The REST API over HTTP: authentication, discovery, and the verbs of every kind, answered by the
// same ApiServer the CLI writes through. Errors are the metav1.Status objects the ApiServer
// raises, with their HTTP codes. One request is handled at a time, so a request never sees the
// control plane half way through a catch-up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../../api/object.js';
import { apiVersionOf, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { generateTable, type TableHandler } from '../../api/table.js';
import { tableHandlers } from '../../api/tables.js';
import type { DeleteOptions, PatchType, WriteOptions } from '../api.js';
import { ApiError, badRequest, conflict, internalError, methodNotAllowed, unauthorized, type Status } from '../errors.js';
import { getScale, updateScale } from '../scale.js';
import type { ApiServer } from '../server.js';
import { coreVersions, group, groupList, resourceList } from './discovery.js';
import { groupVersionDocument, openAPIIndex } from './openapi.js';
import { route, type Route } from './routes.js';
import { Watch } from './watch.js';
import { podLogRequest, type LogFollower } from './pod-log.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { evictPod } from '../eviction.js';
import { decodePatch } from '../patch/decode.js';
import { logContainerName, podLogs } from '../../kubelet/logs.js';
import { listChunk, type ListMeta } from './list-chunk.js';

export interface HandlerDeps {
  api: ApiServer;
  /** The bearer token a request must carry; none: no authentication (plain HTTP on loopback). */
  token: string | undefined;
  /** Virtual now, for ages in server-side tables. */
  now(): number;
  /** The /version document. */
  version: object;
  /** Catches the cluster up: before a request is answered, and after a write so controllers react. */
  settle(): Promise<void>;
  /** Follows a pod's log (GET pods/NAME/log?follow=true) as `mk logs -f` does. */
  followLogs?: LogFollower;
}

/** Paths kubeadm's system:public-info-viewer role opens to anyone. */
const PUBLIC = new Set(['version', 'health']);

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

interface Reply { code: number; body: unknown; text?: string }

export interface Handler {
  listener(req: IncomingMessage, res: ServerResponse): void;
  /** Catches the cluster up and sends open watches what changed; the server calls it periodically. */
  tick(): Promise<void>;
}

export function createHandler(deps: HandlerDeps): Handler {
  let queue: Promise<void> = Promise.resolve();
  const watches = new Set<Watch>();
  const pump = () => {
    for (const w of watches) w.pump();
  };
  const enqueue = (fn: () => Promise<void>, res?: ServerResponse) => {
    queue = queue.then(fn).catch((err: unknown) => {
      if (res && !res.headersSent) send(res, statusReply(internalError(String((err as Error)?.message ?? err)).status));
    });
    return queue;
  };
  return {
    listener: (req, res) => void enqueue(async () => {
      await serve(deps, req, res, watches);
      pump();
    }, res),
    tick: () => enqueue(async () => {
      await deps.settle();
      pump();
    }),
  };
}

async function serve(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, watches: Set<Watch>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const body = await readBody(req);
  const r = route(url.pathname);
  if (deps.token !== undefined && !PUBLIC.has(r.type) && !authenticated(req, deps.token)) {
    send(res, statusReply(unauthorized().status));
    return;
  }
  let reply: Reply;
  try {
    await deps.settle();
    if (r.type === 'object' && !r.name && req.method === 'GET' && isWatch(url.searchParams)) {
      startWatch(deps, r.kind, r.namespace, req, res, url.searchParams, watches);
      return;
    }
    if (r.type === 'object' && r.kind.resource === 'pods' && r.name && r.subresource === 'log' && req.method === 'GET'
      && deps.followLogs && podLogRequest(url.searchParams).follow) {
      startLogStream(deps, deps.followLogs, r.namespace ?? 'default', r.name, res, url.searchParams);
      return;
    }
    reply = await answer(deps, r, req, url, body, serverAddress(req));
  } catch (err) {
    reply = err instanceof ApiError ? statusReply(err.status) : statusReply(internalError(String((err as Error)?.message ?? err)).status);
  }
  send(res, reply);
}

/**
 * Answers a followed log with a chunked stream, written outside the request queue since it lasts
 * as long as the container; refusals (a waiting container, a missing name) come first as Status.
 */
function startLogStream(deps: HandlerDeps, follow: LogFollower, namespace: string, name: string, res: ServerResponse,
  q: URLSearchParams): void {
  const { container, log } = podLogRequest(q);
  const pod = deps.api.get<Pod>('pods', namespace, name);
  // Throws the kubelet's refusals before any byte is sent.
  podLogs(pod, container, { ...log, tail: 0 }, deps.now(), deps.api.store);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const stopped = () => res.writableEnded || res.destroyed;
  void follow(pod, logContainerName(pod, container), log, (text) => {
    if (!stopped() && text) res.write(text);
  }, stopped).catch(() => undefined).finally(() => {
    if (!res.writableEnded) res.end();
  });
}

function isWatch(q: URLSearchParams): boolean {
  return q.get('watch') === 'true' || q.get('watch') === '1';
}

/**
 * Opens a watch stream: its initial events now, later ones as tick() or a request finds changes.
 * It ends when the client goes, after timeoutSeconds, or on an ERROR event.
 */
function startWatch(deps: HandlerDeps, kind: KindInfo, namespace: string | undefined, req: IncomingMessage,
  res: ServerResponse, q: URLSearchParams, watches: Set<Watch>): void {
  const asTable = wantsTable(req);
  const includeObject = q.get('includeObject');
  const write = (line: object) => res.write(JSON.stringify(line) + '\n');
  let timer: NodeJS.Timeout | undefined;
  const end = () => {
    watch.closed = true;
    watches.delete(watch);
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const watch: Watch = new Watch(deps.api, {
    kind, namespace,
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
  }, {
    event: (type, object) => write({
      type, object: asTable ? table(deps, kind, [object], object.metadata.resourceVersion, includeObject) : object,
    }),
    error: (status) => {
      write({ type: 'ERROR', object: statusReply(status).body as object });
      end();
    },
  });
  // Headers go out only once the watch is known to be valid: a bad selector is a plain 400.
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const timeout = Number(q.get('timeoutSeconds') ?? '0');
  timer = setTimeout(end, timeout > 0 ? timeout * 1000 : 30 * 60 * 1000);
  watch.start();
  if (!watch.closed) watches.add(watch);
  res.on('close', end);
}

function authenticated(req: IncomingMessage, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function serverAddress(req: IncomingMessage): string {
  return req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
}

const notFoundPath = (): Reply => statusReply({
  kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource',
  reason: 'NotFound', details: {}, code: 404,
});

async function answer(deps: HandlerDeps, r: Route, req: IncomingMessage, url: URL, body: string, address: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  switch (r.type) {
    case 'version': return { code: 200, body: deps.version };
    case 'health': return r.check === '' ? { code: 200, body: undefined, text: 'ok' } : notFoundPath();
    case 'coreVersions': return { code: 200, body: coreVersions(address) };
    case 'groups': return { code: 200, body: groupList() };
    case 'group': {
      const g = group(r.group);
      return g ? { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', ...g } } : notFoundPath();
    }
    case 'resources': {
      const list = resourceList(r.gv);
      return list ? { code: 200, body: list } : notFoundPath();
    }
    case 'openapiIndex': return { code: 200, body: openAPIIndex() };
    case 'openapi': {
      const doc = groupVersionDocument(r.gv);
      return doc ? { code: 200, body: doc } : notFoundPath();
    }
    case 'unknown': return notFoundPath();
    case 'object': return objectRequest(deps, r, method, req, url, body);
  }
}

/** The media types request bodies may come in; kubectl's typed clients fall back to JSON on a 415. */
const BODY_TYPES = ['application/json', 'application/yaml'];

function unsupportedBody(req: IncomingMessage, accepted: string[]): Reply | undefined {
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim();
  if (accepted.includes(contentType)) return undefined;
  return statusReply({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}` });
}

async function objectRequest(deps: HandlerDeps, r: Extract<Route, { type: 'object' }>, method: string,
  req: IncomingMessage, url: URL, body: string): Promise<Reply> {
  const { api } = deps;
  const { kind, namespace, name, subresource } = r;
  const resource = qualifiedResource(kind);
  const q = url.searchParams;
  if (subresource === 'scale' && name) return scaleRequest(deps, kind, namespace ?? '', name, method, req, body);
  if (kind.resource === 'pods' && name && subresource === 'log' && method === 'GET') {
    const { container, log } = podLogRequest(q);
    return { code: 200, body: undefined, text: podLogs(api.get<Pod>('pods', namespace, name), container, log, deps.now(), api.store) };
  }
  if (kind.resource === 'pods' && name && subresource === 'eviction' && method === 'POST') {
    return evictionRequest(deps, namespace ?? 'default', name, req, body);
  }
  if (subresource && subresource !== 'status') return notFoundPath();
  if (!name) {
    if (method === 'GET') {
      const { items: all, revision } = api.store.transaction(() => ({
        items: api.list(resource, { namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined }),
        revision: api.store.revision(),
      }));
      const chunk = listChunk(all, revision, q.get('limit'), q.get('continue'), !!(q.get('labelSelector') || q.get('fieldSelector')));
      const { items } = chunk;
      if (wantsTable(req)) return { code: 200, body: table(deps, kind, items, chunk.metadata, q.get('includeObject')) };
      return {
        code: 200,
        body: { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: chunk.metadata, items: items.map(listItem) },
      };
    }
    if (method === 'POST') {
      const unsupported = unsupportedBody(req, BODY_TYPES);
      if (unsupported) return unsupported;
      const obj = decode(body, kind, namespace);
      const created = api.create(resource, obj, writeOptions(q));
      await deps.settle();
      return { code: 201, body: created };
    }
    if (method === 'DELETE') {
      // DeleteCollection: each selected object deleted in turn; the list holds them as deleted.
      const opts = deleteOptions(q, body);
      const deleted = api.list(resource, { namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined })
        .map((o) => api.delete(resource, o.metadata.namespace, o.metadata.name ?? '', opts) ?? o);
      const revision = api.store.revision();
      await deps.settle();
      return {
        code: 200,
        body: { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(revision) }, items: deleted.map(listItem) },
      };
    }
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  switch (method) {
    case 'GET': {
      const obj = api.get(resource, namespace, name);
      if (wantsTable(req)) return { code: 200, body: table(deps, kind, [obj], obj.metadata.resourceVersion, q.get('includeObject')) };
      return { code: 200, body: obj };
    }
    case 'PUT': {
      const unsupported = unsupportedBody(req, BODY_TYPES);
      if (unsupported) return unsupported;
      const obj = decode(body, kind, namespace);
      if (obj.metadata.name !== name) {
        throw badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
      }
      const updated = subresource === 'status' ? api.updateStatus(resource, obj) : api.update(resource, obj, writeOptions(q));
      await deps.settle();
      return { code: 200, body: updated };
    }
    case 'PATCH': {
      if (subresource) return notFoundPath();
      const unsupported = unsupportedBody(req, Object.keys(PATCH_TYPES));
      if (unsupported) return unsupported;
      const type = PATCH_TYPES[(req.headers['content-type'] ?? '').split(';')[0].trim()];
      const patched = api.patch(resource, namespace, name, type, decodePatch(type, body), writeOptions(q));
      await deps.settle();
      return { code: 200, body: patched };
    }
    case 'DELETE': {
      if (subresource) return notFoundPath();
      const before = api.get(resource, namespace, name);
      const remaining = api.delete(resource, namespace, name, deleteOptions(q, body));
      await deps.settle();
      if (remaining) return { code: 200, body: remaining };
      return {
        code: 200,
        body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
          details: { name, ...(kind.group ? { group: kind.group } : {}), kind: kind.resource, uid: before.metadata.uid } },
      };
    }
  }
  throw methodNotAllowed('the server does not allow this method on the requested resource');
}

/** POST pods/NAME/eviction: a policy/v1 Eviction, its deleteOptions honoured. */
async function evictionRequest(deps: HandlerDeps, namespace: string, name: string, req: IncomingMessage, body: string): Promise<Reply> {
  const unsupported = unsupportedBody(req, BODY_TYPES);
  if (unsupported) return unsupported;
  const eviction = (body.trim() ? parseJson(body) : {}) as { metadata?: { name?: string }; deleteOptions?: object };
  if (eviction.metadata?.name && eviction.metadata.name !== name) {
    throw badRequest(`name in URL does not match name in Eviction object`);
  }
  const opts = deleteOptions(new URLSearchParams(), JSON.stringify(eviction.deleteOptions ?? {}));
  evictPod(deps.api, namespace, name, opts, deps.now());
  await deps.settle();
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

/** The autoscaling/v1 Scale of an object, as the /scale subresource reads it. */
function scaleOf(api: ApiServer, kind: KindInfo, namespace: string, name: string) {
  const scale = getScale(api, kind, namespace, name);
  const m = api.get(qualifiedResource(kind), namespace, name).metadata;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: scale.specReplicas },
    status: { replicas: scale.statusReplicas, selector: scale.selector },
  };
}

/** GET, PUT and PATCH of /scale: only spec.replicas can change through it. */
async function scaleRequest(deps: HandlerDeps, kind: KindInfo, namespace: string, name: string, method: string,
  req: IncomingMessage, body: string): Promise<Reply> {
  const current = scaleOf(deps.api, kind, namespace, name);
  if (method === 'GET') return { code: 200, body: current };
  let replicas: unknown;
  if (method === 'PUT') {
    const unsupported = unsupportedBody(req, BODY_TYPES);
    if (unsupported) return unsupported;
    const scale = parseJson(body) as { metadata?: { resourceVersion?: string }; spec?: { replicas?: unknown } };
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(qualifiedResource(kind), name);
    replicas = scale.spec?.replicas;
  } else if (method === 'PATCH') {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (contentType !== 'application/merge-patch+json' && contentType !== 'application/strategic-merge-patch+json') {
      return unsupportedBody(req, ['application/merge-patch+json', 'application/strategic-merge-patch+json'])!;
    }
    replicas = (parseJson(body) as { spec?: { replicas?: unknown } }).spec?.replicas ?? current.spec.replicas;
  } else {
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('spec.replicas: Invalid value: must be an integer');
  updateScale(deps.api, kind, namespace, name, replicas);
  await deps.settle();
  return { code: 200, body: scaleOf(deps.api, kind, namespace, name) };
}

/** An object in a list as the API server encodes it: its list carries kind and apiVersion. */
function listItem(o: KubeObject): object {
  const { kind: _k, apiVersion: _v, ...rest } = o;
  return rest;
}

/** Whether the client asked for a metav1 Table (kubectl get's human-readable output does). */
function wantsTable(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').split(',').some((media) => {
    const params = new Map(media.split(';').slice(1).map((p) => p.trim().split('=') as [string, string]));
    return params.get('as') === 'Table' && params.get('g') === 'meta.k8s.io' && (params.get('v') === 'v1' || params.get('v') === 'v1beta1');
  });
}

/** The server-side Table: every column (the server always prints wide), rows from mk get's printers. */
function table(deps: HandlerDeps, kind: KindInfo, objects: KubeObject[], meta: string | undefined | ListMeta, includeObject: string | null) {
  const handler = tableHandlers[kind.kind as keyof typeof tableHandlers] as TableHandler<KubeObject>;
  const t = generateTable(handler, objects, { now: deps.now(), wide: true });
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: typeof meta === 'object' ? meta : meta ? { resourceVersion: meta } : {},
    columnDefinitions: t.columnDefinitions,
    rows: t.rows.map((row) => ({
      cells: row.cells,
      ...(row.conditions ? { conditions: row.conditions } : {}),
      ...(includeObject === 'None' ? {} : {
        object: includeObject === 'Object' ? row.object
          : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: row.object.metadata },
      }),
    })),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw badRequest(`error decoding request body: ${(err as Error).message}`);
  }
}

/** The request body as an object of the URL's kind, in the URL's namespace. */
function decode(body: string, kind: KindInfo, namespace: string | undefined): KubeObject {
  const obj = parseJson(body) as KubeObject;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('Object \'Kind\' is missing in request body');
  obj.apiVersion ??= apiVersionOf(kind);
  obj.kind ??= kind.kind;
  obj.metadata ??= {} as KubeObject['metadata'];
  if (kind.namespaced) {
    if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace ?? obj.metadata.namespace;
  }
  return obj;
}

function writeOptions(q: URLSearchParams): WriteOptions {
  const validation = q.get('fieldValidation');
  return {
    dryRun: q.getAll('dryRun').includes('All') || undefined,
    fieldManager: q.get('fieldManager') ?? undefined,
    fieldValidation: validation === 'Strict' || validation === 'Warn' || validation === 'Ignore' ? validation : undefined,
  };
}

/** metav1.DeleteOptions from the body (kubectl sends them there) and the query. */
function deleteOptions(q: URLSearchParams, body: string): DeleteOptions {
  const b = (body.trim() ? parseJson(body) : {}) as {
    gracePeriodSeconds?: number; propagationPolicy?: DeleteOptions['propagationPolicy'];
    dryRun?: string[]; preconditions?: { resourceVersion?: string };
  };
  const grace = q.get('gracePeriodSeconds');
  const policy = q.get('propagationPolicy') as DeleteOptions['propagationPolicy'] | null;
  return {
    gracePeriodSeconds: grace !== null ? Number(grace) : b.gracePeriodSeconds,
    propagationPolicy: policy ?? b.propagationPolicy,
    dryRun: q.getAll('dryRun').includes('All') || b.dryRun?.includes('All') || undefined,
    resourceVersion: b.preconditions?.resourceVersion,
  };
}

/** A Status as the API server encodes it: metadata right after the type. */
function statusReply(s: Status): Reply {
  const { kind, apiVersion, status, message, reason, details, code } = s;
  return { code, body: { kind, apiVersion, metadata: {}, status, message, ...(reason ? { reason } : {}), ...(details ? { details } : {}), code } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.text !== undefined) {
    res.writeHead(reply.code, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(reply.text);
    return;
  }
  res.writeHead(reply.code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(reply.body) + '\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
