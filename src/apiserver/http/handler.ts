// The REST API over HTTP: authentication, discovery, and the verbs of every kind, answered by the
// same ApiServer the CLI writes through. Errors are the metav1.Status objects the ApiServer
// raises, with their HTTP codes. One request is handled at a time, so a request never sees the
// control plane half way through a catch-up.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../../api/object.js';
import { goQuote } from '../../api/field-errors.js';
import { apiVersionOf, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { generateTable, type TableHandler } from '../../api/table.js';
import { tableHandlers } from '../../api/tables.js';
import type { DeleteOptions, PatchType, WriteOptions } from '../api.js';
import { ApiError, badRequest, conflict, internalError, methodNotAllowed, unauthorized, type Status } from '../errors.js';
import { getScale, updateScale } from '../scale.js';
import type { ApiServer } from '../server.js';
import { aggregatedContentType, aggregatedDiscovery, aggregatedVersion, coreVersions, group, groupList, resourceList } from './discovery.js';
import { serveGroupVersion, serveIndex, serveSwagger, type OpenAPIReply } from './openapi.js';
import { route, type Route } from './routes.js';
import { INITIAL_EVENTS_END, Watch } from './watch.js';
import { podLogRequest, type LogFollower } from './pod-log.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { evictPod } from '../eviction.js';
import { decodePatch } from '../patch/decode.js';
import { logContainerName, podLogs } from '../../kubelet/logs.js';
import type { ApiserverMetrics, RequestLabels } from '../../metrics/apiserver.js';
import { healthRequestLabels, resourceRequestLabels } from '../../metrics/apiserver.js';
import { TEXT_CONTENT_TYPE } from '../../metrics/exposition.js';
import type { NetDeps } from '../../net/connect.js';
import type { Rand } from '../../sim/rand.js';
import { podLocation, proxyTo, serviceLocation } from './proxy.js';
import { continueExpired, listChunk, planList, type ListMeta, type ListPlan } from './list-chunk.js';
import { parseListOptions, watchRequested, type ListOptions } from './list-options.js';
import { isMetricsResource } from '../discovery.js';
import { convertToVersion } from '../../api/conversions.js';
import type { NodeMetrics, PodMetrics } from '../../metrics/metrics-server.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import { acceptsOnlyProtobuf, isProtobuf, PROTOBUF } from './media-type.js';
import { parse as parseYaml } from 'yaml';

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
  /** This server's request metrics, shown with the cluster's at /metrics. */
  metrics?: ApiserverMetrics;
  /** The cluster's network now and the random source endpoints are picked with: the proxy subresources. */
  proxy?: { net(): NetDeps; rand: Pick<Rand, 'int'> };
  /** The cluster whose containers exec, attach and port-forward streams reach. */
  cluster?: ClusterHandle;
}

/** Paths kubeadm's system:public-info-viewer role opens to anyone. */
const PUBLIC = new Set(['version', 'health']);

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** `raw`: bytes already encoded (with their own headers), sent as they are. */
interface Reply { code: number; body: unknown; text?: string; contentType?: string; headers?: [string, string][]; raw?: OpenAPIReply; warnings?: string[]; protobuf?: Buffer }

/** What a request is counted as: its labels, and the end of its in-flight or long-running span. */
interface Instrumented { labels: RequestLabels; started: number; metrics: ApiserverMetrics }

export interface Handler {
  listener(req: IncomingMessage, res: ServerResponse): void;
  /** A request to upgrade the connection: pods/exec, pods/attach and pods/portforward streams. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
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
    listener: (req, res) => {
      // The latency counts from the request's arrival, its wait in the queue included.
      const started = performance.now();
      void enqueue(async () => {
        await serve(deps, req, res, { watches, enqueue }, started);
        pump();
      }, res);
    },
    upgrade: (req, socket, head) => void enqueue(async () => {
      await upgrade(deps, req, socket, head).catch((err: unknown) => {
        const s = err instanceof ApiError ? err.status : internalError(String((err as Error)?.message ?? err)).status;
        refuseUpgrade(socket, statusReply(s));
      });
      pump();
    }),
    tick: () => enqueue(async () => {
      await deps.settle();
      pump();
    }),
  };
}

/** The open watches, and the request queue their bookmarks go through (so a bookmark follows every change before it). */
interface Watches { watches: Set<Watch>; enqueue(fn: () => Promise<void>): Promise<void> }

async function serve(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, watches: Watches, started: number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const bytes = await readBody(req);
  const r = route(url.pathname);
  if (deps.token !== undefined && !PUBLIC.has(r.type) && !authenticated(req, deps.token)) {
    send(res, await negotiated(req, statusReply(unauthorized().status)));
    return;
  }
  const inst = instrument(deps, r, req, url, started);
  const longRunning = (r.type === 'object' && !r.name && req.method === 'GET' && watchRequested(url.searchParams))
    || (r.type === 'object' && r.kind.resource === 'pods' && !!r.name && r.subresource === 'log' && req.method === 'GET'
      && !!deps.followLogs && podLogRequest(url.searchParams).follow);
  // Long-running requests are left out of the in-flight limit (MaxInFlightLimit's longRunningRequestCheck).
  const done = deps.metrics && !longRunning ? deps.metrics.begin(isReadOnly(req.method) ? 'readOnly' : 'mutating') : undefined;
  let reply: Reply;
  try {
    const body = await requestBody(req, bytes, r.type === 'object' && (!r.subresource || r.subresource === 'status') ? r.kind : undefined);
    await deps.settle();
    if (r.type === 'object' && !r.name && req.method === 'GET' && !isMetricsResource(r.kind)) {
      const opts = parseListOptions(url.searchParams);
      if (opts.watch) {
        startWatch(deps, r.kind, r.namespace, req, res, opts, url.searchParams.get('includeObject'), watches, inst,
          acceptsOnlyProtobuf(req.headers.accept) ? await import('./protobuf.js') : undefined);
        return;
      }
    }
    if (r.type === 'object' && r.kind.resource === 'pods' && r.name && r.subresource === 'log' && req.method === 'GET'
      && deps.followLogs && podLogRequest(url.searchParams).follow) {
      startLogStream(deps, deps.followLogs, r.namespace ?? 'default', r.name, res, url.searchParams, inst);
      return;
    }
    reply = r.type === 'metrics' && deps.metrics
      ? { code: 200, body: undefined, text: await deps.metrics.text(deps.api.store), contentType: TEXT_CONTENT_TYPE }
      : await answer(deps, r, req, url, body, serverAddress(req));
  } catch (err) {
    reply = err instanceof ApiError ? statusReply(err.status) : statusReply(internalError(String((err as Error)?.message ?? err)).status);
  }
  reply = await negotiated(req, reply);
  send(res, reply);
  done?.();
  if (inst) inst.metrics.observe(inst.labels, reply.code, (performance.now() - inst.started) / 1000);
}

/** nonMutatingRequestVerbs: get, list and watch; anything else is mutating. */
const isReadOnly = (method: string | undefined) => method === 'GET' || method === 'HEAD';

/**
 * The labels a request is counted under, for the requests kube-apiserver instruments: resource
 * requests (InstrumentRouteFunc) and the root health checks (healthz.go); not /version, /metrics,
 * /openapi or unaggregated discovery.
 */
function instrument(deps: HandlerDeps, r: Route, req: IncomingMessage, url: URL, started: number): Instrumented | undefined {
  const metrics = deps.metrics;
  if (!metrics) return undefined;
  if (r.type === 'health' && r.check === '') return { metrics, started, labels: healthRequestLabels(`/${url.pathname.split('/').filter(Boolean)[0]}`) };
  if (r.type !== 'object') return undefined;
  return {
    metrics, started,
    labels: resourceRequestLabels({
      method: req.method ?? 'GET', path: url.pathname, query: url.searchParams,
      contentType: req.headers['content-type']?.split(';')[0].trim(),
      kind: r.kind, namespace: r.namespace, name: r.name, subresource: r.subresource,
    }),
  };
}

/** RecordLongRunning around a stream; its count and latency once it ends, as MonitorRequest then. */
function longRunningSpan(inst: Instrumented | undefined): () => void {
  if (!inst) return () => undefined;
  const end = inst.metrics.longRunningStart(inst.labels);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    end();
    inst.metrics.observe(inst.labels, 200, (performance.now() - inst.started) / 1000);
  };
}

const STREAMS = new Set(['exec', 'attach', 'portforward']);

/** Authenticates and routes an upgrade; the stream module checks the pod and takes the socket. */
async function upgrade(deps: HandlerDeps, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const r = route(url.pathname);
  if (deps.token !== undefined && !authenticated(req, deps.token)) throw unauthorized();
  await deps.settle();
  if (r.type !== 'object' || r.kind.resource !== 'pods' || !r.name || !r.subresource || !STREAMS.has(r.subresource) || !deps.cluster) {
    refuseUpgrade(socket, r.type === 'unknown' ? notFoundPath() : statusReply(badRequest('the server does not upgrade this request').status));
    return;
  }
  const { upgradeStream } = await import('./streams.js');
  await upgradeStream({ cluster: deps.cluster, followLogs: deps.followLogs, settle: deps.settle }, r.subresource,
    r.namespace ?? 'default', r.name, url.searchParams, req, socket, head);
}

/** A Status answer to an upgrade request, written on the raw connection, which then closes. */
function refuseUpgrade(socket: Duplex, reply: Reply): void {
  const text = JSON.stringify(reply.body) + '\n';
  socket.end(`HTTP/1.1 ${reply.code} ${STATUS_CODES[reply.code] ?? ''}\r\nContent-Type: application/json\r\n`
    + `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** The request body as JSON text, read when a verb needs it: a protobuf body is the JSON of the same object. */
type Body = () => string;

async function requestBody(req: IncomingMessage, bytes: Buffer, kind: KindInfo | undefined): Promise<Body> {
  if (!isProtobuf(req.headers['content-type']) || bytes.length === 0) return () => bytes.toString('utf8');
  const { decodeObject } = await import('./protobuf.js');
  return () => JSON.stringify(decodeObject(bytes, kind && { apiVersion: apiVersionOf(kind), kind: kind.kind }));
}

/** A reply in protobuf for a client that accepts nothing else, when its kind has a message. */
async function negotiated(req: IncomingMessage, reply: Reply): Promise<Reply> {
  if (reply.text !== undefined || !reply.body || !acceptsOnlyProtobuf(req.headers.accept)) return reply;
  const { encodeObject } = await import('./protobuf.js');
  const protobuf = encodeObject(reply.body);
  return protobuf ? { ...reply, protobuf } : reply;
}

/**
 * Answers a followed log with a chunked stream, written outside the request queue since it lasts
 * as long as the container; refusals (a waiting container, a missing name) come first as Status.
 */
function startLogStream(deps: HandlerDeps, follow: LogFollower, namespace: string, name: string, res: ServerResponse,
  q: URLSearchParams, inst?: Instrumented): void {
  const { container, log } = podLogRequest(q);
  const pod = deps.api.get<Pod>('pods', namespace, name);
  // Throws the kubelet's refusals before any byte is sent.
  podLogs(pod, container, { ...log, tail: 0 }, deps.now(), deps.api.store);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const span = longRunningSpan(inst);
  const stopped = () => res.writableEnded || res.destroyed;
  void follow(pod, logContainerName(pod, container), log, (text) => {
    if (!stopped() && text) res.write(text);
  }, stopped).catch(() => undefined).finally(() => {
    if (!res.writableEnded) res.end();
    span();
  });
}

/** upstream's cacher: a bookmark every minute, and one 2 s before the watch's deadline. */
const BOOKMARK_EVERY_MS = 60_000;
const BOOKMARK_BEFORE_DEADLINE_MS = 2_000;

/**
 * Opens a watch stream: its initial events now, later ones as tick() or a request finds changes,
 * bookmarks when asked for. It ends when the client goes, after timeoutSeconds, or on an ERROR event.
 */
function startWatch(deps: HandlerDeps, kind: KindInfo, namespace: string | undefined, req: IncomingMessage,
  res: ServerResponse, opts: ListOptions, includeObject: string | null, registry: Watches, inst?: Instrumented,
  codec?: typeof import('./protobuf.js')): void {
  const asTable = wantsTable(req);
  // A Table has no protobuf message: a client asking for one in protobuf gets JSON.
  const protobuf = asTable ? undefined : codec;
  const write = (event: { type: string; object: object }) =>
    res.write(protobuf ? protobuf.encodeWatchEvent(event.type, event.object) : JSON.stringify(event) + '\n');
  const served = servedVersion(kind);
  let timer: NodeJS.Timeout | undefined;
  let span: () => void = () => undefined;
  let bookmarks: NodeJS.Timeout | undefined;
  const end = () => {
    span();
    watch.closed = true;
    registry.watches.delete(watch);
    clearTimeout(timer);
    clearTimeout(bookmarks);
    if (!res.writableEnded) res.end();
  };
  const watch: Watch = new Watch(deps.api, {
    kind, namespace,
    labelSelector: opts.labelSelector,
    fieldSelector: opts.fieldSelector,
    resourceVersion: opts.resourceVersion,
    sendInitialEvents: opts.sendInitialEvents,
    allowWatchBookmarks: opts.allowWatchBookmarks,
  }, {
    event: (type, object) => write({
      type, object: asTable ? table(deps, kind, [object], object.metadata.resourceVersion, includeObject) : served(object),
    }),
    bookmark: (resourceVersion, initialEventsEnd) => write({ type: 'BOOKMARK', object: bookmarkObject(kind, resourceVersion, initialEventsEnd) }),
    error: (status) => {
      write({ type: 'ERROR', object: statusReply(status).body as object });
      end();
    },
  });
  // Headers go out only once the watch is known to be valid: a bad selector is a plain 400.
  res.writeHead(200, { 'Content-Type': protobuf ? `${PROTOBUF};stream=watch` : 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  span = longRunningSpan(inst);
  const timeoutMs = opts.timeoutSeconds ? opts.timeoutSeconds * 1000 : 30 * 60 * 1000;
  const deadline = Date.now() + timeoutMs;
  timer = setTimeout(end, timeoutMs);
  const scheduleBookmark = () => {
    const now = Date.now();
    const last = deadline - BOOKMARK_BEFORE_DEADLINE_MS;
    const at = Math.min(now + BOOKMARK_EVERY_MS, last);
    if (at < now) return;
    bookmarks = setTimeout(() => void registry.enqueue(async () => {
      watch.bookmark();
      // The one before the deadline is the last.
      if (!watch.closed && at < last) scheduleBookmark();
    }), at - now);
  };
  watch.start();
  if (!watch.closed) {
    registry.watches.add(watch);
    if (opts.allowWatchBookmarks) scheduleBookmark();
  }
  res.on('close', end);
}

/** A bookmark's object: the kind with only its resourceVersion (and the end-of-initial-events mark). */
function bookmarkObject(kind: KindInfo, resourceVersion: string, initialEventsEnd: boolean): object {
  return {
    kind: kind.kind, apiVersion: apiVersionOf(kind),
    metadata: { resourceVersion, creationTimestamp: null, ...(initialEventsEnd ? { annotations: { [INITIAL_EVENTS_END]: 'true' } } : {}) },
  };
}

/** Reads a stored object as the URL's version of its kind serves it (autoscaling/v1 for a v2 HPA). */
function servedVersion(kind: KindInfo): (o: KubeObject) => KubeObject {
  const apiVersion = apiVersionOf(kind);
  return (o) => convertToVersion(o, apiVersion) ?? o;
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

async function answer(deps: HandlerDeps, r: Route, req: IncomingMessage, url: URL, body: Body, address: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  switch (r.type) {
    case 'version': return { code: 200, body: deps.version };
    case 'health': return r.check === '' ? { code: 200, body: undefined, text: 'ok' } : notFoundPath();
    case 'coreVersions':
    case 'groups': {
      const aggregated = aggregatedVersion(req.headers.accept);
      if (aggregated) {
        return { code: 200, body: aggregatedDiscovery(r.type === 'groups' ? 'apis' : 'api', aggregated), contentType: aggregatedContentType(aggregated) };
      }
      return { code: 200, body: r.type === 'groups' ? groupList() : coreVersions(address) };
    }
    case 'group': {
      const g = group(r.group);
      return g ? { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', ...g } } : notFoundPath();
    }
    case 'resources': {
      const list = resourceList(r.gv);
      return list ? { code: 200, body: list } : notFoundPath();
    }
    case 'openapiIndex': { const raw = serveIndex(openAPIRequest(req, url)); return { code: raw.code, body: undefined, raw }; }
    case 'openapiV2': { const raw = serveSwagger(openAPIRequest(req, url)); return { code: raw.code, body: undefined, raw }; }
    case 'openapi': {
      const raw = serveGroupVersion(r.gv, openAPIRequest(req, url));
      return raw ? { code: raw.code, body: undefined, raw } : notFoundPath();
    }
    case 'unknown': case 'metrics': return notFoundPath();
    case 'object': return objectRequest(deps, r, method, req, url, body);
  }
}

/** The media types request bodies may come in (kube-apiserver lists them in this order). */
const BODY_TYPES = ['application/json', 'application/yaml', PROTOBUF];

function unsupportedBody(req: IncomingMessage, accepted: string[]): Reply | undefined {
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim();
  if (accepted.includes(contentType)) return undefined;
  return statusReply({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}` });
}

async function objectRequest(deps: HandlerDeps, r: Extract<Route, { type: 'object' }>, method: string,
  req: IncomingMessage, url: URL, body: Body): Promise<Reply> {
  const { api } = deps;
  const { kind, namespace, name, subresource } = r;
  const resource = qualifiedResource(kind);
  const q = url.searchParams;
  if (isMetricsResource(kind)) return metricsRequest(deps, kind, namespace, name, method, subresource, req, q);
  const served = servedVersion(kind);
  if (subresource === 'scale' && name) return scaleRequest(deps, kind, namespace ?? '', name, method, req, body);
  if (kind.resource === 'pods' && name && subresource === 'log' && method === 'GET') {
    const { container, log } = podLogRequest(q);
    return { code: 200, body: undefined, text: podLogs(api.get<Pod>('pods', namespace, name), container, log, deps.now(), api.store) };
  }
  if (kind.resource === 'pods' && name && subresource === 'eviction' && method === 'POST') {
    return evictionRequest(deps, namespace ?? 'default', name, req, body);
  }
  if (subresource === 'proxy' && name && deps.proxy && (kind.resource === 'services' || kind.resource === 'pods')) {
    return proxyRequest(api, deps.proxy, kind.resource, namespace ?? 'default', name, r.proxyPath ?? '/', method, req, url, body());
  }
  if (subresource && subresource !== 'status') return notFoundPath();
  if (!name) {
    if (method === 'GET') return listRequest(deps, kind, namespace, req, parseListOptions(q), q.get('includeObject'));
    if (method === 'POST') {
      const unsupported = unsupportedBody(req, BODY_TYPES);
      if (unsupported) return unsupported;
      const obj = decode(body(), kind, namespace);
      const created = api.create(resource, obj, writeOptions(q, req));
      const warnings = [...api.warnings];
      await deps.settle();
      return { code: 201, body: served(created), warnings };
    }
    if (method === 'DELETE') {
      // DeleteCollection: each selected object deleted in turn; the list holds them as deleted.
      const opts = deleteOptions(q, body());
      const deleted = api.list(resource, { namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined })
        .map((o) => api.delete(resource, o.metadata.namespace, o.metadata.name ?? '', opts) ?? o);
      const revision = api.store.revision();
      await deps.settle();
      return {
        code: 200,
        body: { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(revision) }, items: deleted.map((o) => listItem(served(o))) },
      };
    }
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  switch (method) {
    case 'GET': {
      const obj = api.get(resource, namespace, name);
      if (wantsTable(req)) return { code: 200, body: table(deps, kind, [obj], obj.metadata.resourceVersion, q.get('includeObject')) };
      return { code: 200, body: served(obj) };
    }
    case 'PUT': {
      const unsupported = unsupportedBody(req, BODY_TYPES);
      if (unsupported) return unsupported;
      const obj = decode(body(), kind, namespace);
      if (obj.metadata.name !== name) {
        throw badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
      }
      const updated = subresource === 'status' ? api.updateStatus(resource, obj, writeOptions(q, req)) : api.update(resource, obj, writeOptions(q, req));
      const warnings = [...api.warnings];
      await deps.settle();
      return { code: 200, body: served(updated), warnings };
    }
    case 'PATCH': {
      if (subresource) return notFoundPath();
      const unsupported = unsupportedBody(req, Object.keys(PATCH_TYPES));
      if (unsupported) return unsupported;
      const type = PATCH_TYPES[(req.headers['content-type'] ?? '').split(';')[0].trim()];
      const opts = writeOptions(q, type === 'apply' ? undefined : req);
      const patched = api.patch(resource, namespace, name, type, type === 'apply' ? parseApplyYaml(body()) : decodePatch(type, body()),
        { ...opts, force: q.get('force') === 'true' || undefined, asVersion: apiVersionOf(kind) });
      const warnings = [...api.warnings];
      await deps.settle();
      return { code: 200, body: served(patched), warnings };
    }
    case 'DELETE': {
      if (subresource) return notFoundPath();
      const before = api.get(resource, namespace, name);
      const remaining = api.delete(resource, namespace, name, deleteOptions(q, body()));
      await deps.settle();
      if (remaining) return { code: 200, body: served(remaining) };
      return {
        code: 200,
        body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
          details: { name, ...(kind.group ? { group: kind.group } : {}), kind: kind.resource, uid: before.metadata.uid } },
      };
    }
  }
  throw methodNotAllowed('the server does not allow this method on the requested resource');
}

/** Hop-by-hop headers a proxy does not pass on, and the framing the server writes again. */
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/** services/NAME/proxy and pods/NAME/proxy: the backend's answer, status and headers as they are. */
function proxyRequest(api: ApiServer, proxy: NonNullable<HandlerDeps['proxy']>, resource: 'services' | 'pods', namespace: string, name: string,
  path: string, method: string, req: IncomingMessage, url: URL, body: string): Reply {
  const target = resource === 'services' ? serviceLocation(api, proxy.rand, namespace, name) : podLocation(api, namespace, name);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string' && !['authorization', 'host', 'connection'].includes(k)) headers[k] = v;
  }
  const res = proxyTo(proxy.net(), target, { method, host: '', path: `${path}${url.search}`, headers, ...(body ? { body } : {}) });
  return {
    code: res.status, body: undefined, text: res.body,
    contentType: res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '',
    headers: res.headers.filter(([k]) => !DROPPED.has(k.toLowerCase()) && k.toLowerCase() !== 'content-type'),
  };
}

/**
 * A list: read at the revision resourceVersion, resourceVersionMatch or the continue token name
 * (the store's history gives the past), then the page limit asks for.
 */
function listRequest(deps: HandlerDeps, kind: KindInfo, namespace: string | undefined, req: IncomingMessage, opts: ListOptions,
  includeObject: string | null): Reply {
  const { api } = deps;
  const served = servedVersion(kind);
  const filter = { namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
  let read;
  let plan: ListPlan | undefined;
  try {
    read = api.store.transaction(() => {
      const current = api.store.revision();
      plan = planList(opts, current);
      return { items: api.list(qualifiedResource(kind), { ...filter, revision: plan.revision }), revision: plan.revision ?? current };
    });
  } catch (err) {
    // A continued list whose revision is compacted: Expired, with a token to the rest at the latest revision.
    if (err instanceof ApiError && err.status.reason === 'Gone' && plan?.continued && plan.start !== undefined) {
      const expired = continueExpired(plan.start);
      const body = statusReply(expired.status).body as Record<string, unknown>;
      return { code: 410, body: { ...body, metadata: { continue: expired.continue } } };
    }
    throw err;
  }
  const chunk = listChunk(read.items, read.revision, plan?.limit ?? opts.limit, plan?.start, !!(opts.labelSelector || opts.fieldSelector));
  if (wantsTable(req)) return { code: 200, body: table(deps, kind, chunk.items, chunk.metadata, includeObject) };
  return {
    code: 200,
    body: { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: chunk.metadata, items: chunk.items.map((o) => listItem(served(o))) },
  };
}

/** metrics.k8s.io/v1beta1: the views mk's metrics-server computes, read-only, as JSON or its Table. */
async function metricsRequest(deps: HandlerDeps, kind: KindInfo, namespace: string | undefined, name: string | undefined,
  method: string, subresource: string | undefined, req: IncomingMessage, q: URLSearchParams): Promise<Reply> {
  if (subresource) return notFoundPath();
  if (method !== 'GET' || parseListOptions(q).watch) throw methodNotAllowed('the server does not allow this method on the requested resource');
  const [ms, { nodeMetricsTable, podMetricsTable }] = await Promise.all([import('../../metrics/metrics-server.js'), import('../../metrics/metrics-table.js')]);
  const ctx = { api: deps.api, store: deps.api.store, now: deps.now() };
  const labelSelector = q.get('labelSelector') || undefined;
  const fieldSelector = q.get('fieldSelector') || undefined;
  const nodes = kind.kind === 'NodeMetrics';
  const items: (NodeMetrics | PodMetrics)[] = nodes
    ? (name ? [ms.getNodeMetrics(ctx, name)] : ms.listNodeMetrics(ctx, { labelSelector }))
    : (name ? [ms.getPodMetrics(ctx, namespace ?? 'default', name)] : ms.listPodMetrics(ctx, { namespace, labelSelector, fieldSelector }));
  if (wantsTable(req)) {
    const t = nodes ? nodeMetricsTable(items as NodeMetrics[]) : podMetricsTable(items as PodMetrics[]);
    const includeObject = q.get('includeObject');
    return {
      code: 200,
      body: {
        kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: t.columnDefinitions,
        rows: t.rows.map((row) => ({
          cells: row.cells,
          ...(includeObject === 'None' ? {} : {
            object: includeObject === 'Object' ? row.object : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: row.object.metadata },
          }),
        })),
      },
    };
  }
  if (name) return { code: 200, body: items[0] };
  return { code: 200, body: { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: {}, items: items.map(listItem) } };
}

/** POST pods/NAME/eviction: a policy/v1 Eviction, its deleteOptions honoured. */
async function evictionRequest(deps: HandlerDeps, namespace: string, name: string, req: IncomingMessage, body: Body): Promise<Reply> {
  const unsupported = unsupportedBody(req, BODY_TYPES);
  if (unsupported) return unsupported;
  const text = body();
  const eviction = (text.trim() ? parseJson(text) : {}) as { metadata?: { name?: string }; deleteOptions?: object };
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
  req: IncomingMessage, body: Body): Promise<Reply> {
  const current = scaleOf(deps.api, kind, namespace, name);
  if (method === 'GET') return { code: 200, body: current };
  let replicas: unknown;
  if (method === 'PUT') {
    const unsupported = unsupportedBody(req, BODY_TYPES);
    if (unsupported) return unsupported;
    const scale = parseJson(body()) as { metadata?: { resourceVersion?: string }; spec?: { replicas?: unknown } };
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(qualifiedResource(kind), name);
    replicas = scale.spec?.replicas;
  } else if (method === 'PATCH') {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (contentType !== 'application/merge-patch+json' && contentType !== 'application/strategic-merge-patch+json') {
      return unsupportedBody(req, ['application/merge-patch+json', 'application/strategic-merge-patch+json'])!;
    }
    replicas = (parseJson(body()) as { spec?: { replicas?: unknown } }).spec?.replicas ?? current.spec.replicas;
  } else {
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('spec.replicas: Invalid value: must be an integer');
  updateScale(deps.api, kind, namespace, name, replicas, writeOptions(new URL(req.url ?? '/', 'http://localhost').searchParams, req).fieldManager);
  await deps.settle();
  return { code: 200, body: scaleOf(deps.api, kind, namespace, name) };
}

/** An object in a list as the API server encodes it: its list carries kind and apiVersion. */
function listItem(o: { kind?: string; apiVersion?: string }): object {
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

/**
 * The server-side Table: every column (the server always prints wide), rows from mk get's printers
 * over the stored objects (whatever the URL's version), each row's object in the URL's version.
 */
function table(deps: HandlerDeps, kind: KindInfo, objects: KubeObject[], meta: string | undefined | ListMeta, includeObject: string | null) {
  const handler = tableHandlers[kind.kind as keyof typeof tableHandlers] as TableHandler<KubeObject>;
  const t = generateTable(handler, objects, { now: deps.now(), wide: true });
  const served = servedVersion(kind);
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: typeof meta === 'object' ? meta : meta ? { resourceVersion: meta } : {},
    columnDefinitions: t.columnDefinitions,
    rows: t.rows.map((row) => ({
      cells: row.cells,
      ...(row.conditions ? { conditions: row.conditions } : {}),
      ...(includeObject === 'None' ? {} : {
        object: includeObject === 'Object' ? served(row.object)
          : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: served(row.object).metadata },
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

/** The body of an apply patch: YAML (JSON being YAML too). */
function parseApplyYaml(body: string): unknown {
  try {
    return parseYaml(body);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
}

/**
 * The write's options. Its manager is the fieldManager parameter or, for writes other than
 * apply, the User-Agent up to its first `/` (managerOrUserAgent): `kubectl/v1.32.0 (...)` → kubectl.
 */
function writeOptions(q: URLSearchParams, req?: IncomingMessage): WriteOptions {
  const validation = q.get('fieldValidation');
  const agent = req?.headers['user-agent'];
  return {
    dryRun: q.getAll('dryRun').includes('All') || undefined,
    fieldManager: q.get('fieldManager') || (agent ? agent.split('/')[0] : undefined),
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

function openAPIRequest(req: IncomingMessage, url: URL) {
  const h = (name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v.join(', ') : v; };
  // Expires is for HTTP caches, which go by the wall clock, not the cluster's.
  return { accept: h('accept'), ifNoneMatch: h('if-none-match'), hash: url.searchParams.get('hash'), now: new Date() };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.raw) {
    res.writeHead(reply.raw.code, reply.raw.headers);
    res.end(reply.raw.body);
    return;
  }
  if (reply.protobuf) {
    res.writeHead(reply.code, { 'Content-Type': PROTOBUF });
    res.end(reply.protobuf);
    return;
  }
  if (reply.text !== undefined) {
    const headers: Record<string, string> = {};
    for (const [k, v] of reply.headers ?? []) headers[k] = v;
    if (reply.contentType !== '') headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
    res.writeHead(reply.code, headers);
    res.end(reply.text);
    return;
  }
  // Warnings as the API server's recorder sends them: `299 - "text"`, which kubectl prints as `Warning: text`.
  const warnings = reply.warnings?.length ? { Warning: reply.warnings.map((w) => `299 - ${goQuote(w)}`) } : {};
  res.writeHead(reply.code, { 'Content-Type': reply.contentType ?? 'application/json', ...warnings });
  res.end(JSON.stringify(reply.body) + '\n');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
