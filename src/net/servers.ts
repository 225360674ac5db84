// What answers at a pod's IP and port: the simulated server of each container, by the image it
// runs — which ports it listens on, and the bytes it sends back for an HTTP request. The kubelet's
// probes ask the same servers (probes.ts), so a port is open to a probe exactly when it is open
// to a client. A container answers only while its process runs the image's server and has not
// been told to stop; a port nothing listens on refuses the connection.
import type { Container, Pod } from '../api/core/pod/schema.js';
import { stateAt, type ContainerInstance } from '../kubelet/containers.js';
import { processLoad, type ProcessSpec } from '../kubelet/process.js';
import { loadPodRuntime } from '../kubelet/state.js';
import { versionInfo } from '../cluster/version.js';
import type { Store } from '../store/store.js';
import type { KubeObject } from '../api/object.js';
import { ingressNginxServer } from '../ingress/server.js';
import type { FileView } from '../kubelet/exec.js';
import { contentType, docroot, lookup, requestPath, type Docroot } from './docroot.js';
import { componentMetrics, type ComponentName } from '../metrics/components.js';
import { KSM_CONTENT_TYPE, kubeStateMetrics } from '../metrics/kube-state-metrics/metrics.js';
import { TEXT_CONTENT_TYPE } from '../metrics/exposition.js';
import { TOKEN_KEY } from '../cluster/serving.js';

export interface HttpRequest {
  method: string; host: string; path: string; headers: Record<string, string>; body?: string;
  /** Sent inside a TLS session (https). */
  tls?: boolean;
}
export interface HttpResponse { status: number; reason: string; headers: [string, string][]; body: string }
export type ServerAnswer =
  | { kind: 'refused' }
  | { kind: 'http'; response: HttpResponse }
  /** The server closed the connection without a reply. */
  | { kind: 'empty' }
  /** The server sent something that is not HTTP (a database's greeting, a protocol error) and closed. */
  | { kind: 'raw'; data: string };

/** What a server sees of the cluster when it answers. */
export interface ServerContext {
  store: Pick<Store, 'getMeta'>;
  /** Virtual now (the Date header, whether a container runs). */
  now: number;
  /**
   * A request the server makes itself (a reverse proxy's upstream, an app's database) from its
   * pod to host:port; unset, such servers answer as when the upstream cannot be reached.
   */
  upstream?(from: Pod, host: string, port: number, req: HttpRequest): ServerAnswer | { kind: 'unresolved' } | { kind: 'timeout' };
  /** The stored objects of a resource (`ingresses.networking.k8s.io`), for servers that act on the API (an ingress controller). */
  list?(resource: string): KubeObject[];
  /** The container's files as its process sees them now (unset: only what its image ships). */
  files?(pod: Pod, container: string): FileView | undefined;
}

type Proc = Omit<ProcessSpec, 'startedAt'>;

/** What a container's process serves, once it is known to run its image's server. */
export interface ImageServer {
  /** Ports it listens on; undefined: an application mk knows nothing about, taken to answer on any. */
  ports: number[] | undefined;
  /** It speaks TLS (HTTPS): a plain HTTP request gets Go's 400. */
  tls?: boolean;
  answer(req: HttpRequest, env: ServeEnv): ServerAnswer;
  /** It speaks RESP (Redis): redis-cli's commands reach the container's dataset (redis-server.ts). */
  resp?: boolean;
}

export interface ServeEnv {
  now: number;
  hostname: string;
  proc: Proc;
  /** The server's own request to host:port, as ServerContext.upstream. */
  upstream(host: string, port: number, req: HttpRequest): ServerAnswer | { kind: 'unresolved' } | { kind: 'timeout' };
  /** The port the request came in on. */
  port?: number;
  /** As ServerContext.list. */
  list?(resource: string): KubeObject[];
  /** The container's files now, read when a server needs them (unset: only what its image ships). */
  fs?(): FileView | undefined;
  /** Where the container mounts volumes: what its image has under them is hidden. */
  mounts?: string[];
  /** The cluster's own state (metrics counters, its bearer token), for the control plane's servers. */
  meta?(key: string): string | undefined;
}

const REASONS: Record<number, string> = {
  200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An HTTP date (RFC 7231 IMF-fixdate), as every server writes its Date header. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function http(status: number, headers: [string, string][], body: string, method: string): ServerAnswer {
  return { kind: 'http', response: { status, reason: REASONS[status] ?? '', headers, body: method === 'HEAD' ? '' : body } };
}

const pathOf = (p: string) => p.split(/[?#]/)[0] || '/';

// -- Go net/http ---------------------------------------------------------------------------------

/**
 * A Go net/http response: the handler's own headers sorted, then Date, Content-Length and a
 * sniffed Content-Type (extraHeader.Write's order).
 */
function goResponse(status: number, body: string, env: ServeEnv, method: string, own: [string, string][] = []): ServerAnswer {
  const headers: [string, string][] = [...own].sort((a, b) => a[0].localeCompare(b[0]));
  headers.push(['Date', httpDate(env.now)], ['Content-Length', String(bytes(body))]);
  if (!own.some(([k]) => k === 'Content-Type') && body) headers.push(['Content-Type', sniff(body)]);
  return http(status, headers, body, method);
}

/** http.DetectContentType for the bodies these servers write. */
function sniff(body: string): string {
  const s = body.trimStart().slice(0, 14).toLowerCase();
  if (s.startsWith('<!doctype html') || s.startsWith('<html')) return 'text/html; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/** http.Error / http.NotFound. */
function goError(status: number, text: string, env: ServeEnv, method: string): ServerAnswer {
  return goResponse(status, `${text}\n`, env, method, [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']]);
}

// -- nginx ---------------------------------------------------------------------------------------

/** The welcome page's body, the same in every version. */
const NGINX_WELCOME = `<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_INDEX_OLD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
${NGINX_WELCOME}`;

/** The stylesheet of nginx's pages since 1.21 (it gained color-scheme). */
const NGINX_STYLE = `<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
`;

/** The welcome page since nginx 1.21. */
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
${NGINX_STYLE}</head>
${NGINX_WELCOME}`;

const versionParts = (v: string) => v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);

function nginxIndex(version: string): string {
  const [maj, min] = versionParts(version);
  return maj > 1 || min >= 21 ? NGINX_INDEX : NGINX_INDEX_OLD;
}

/** When the image's files were built: a fixed moment per version, so ETag and Last-Modified are stable. */
function buildTime(version: string): number {
  let h = 0;
  for (const c of version) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return Date.UTC(2024, 0, 1) + (h % (300 * 86_400)) * 1000;
}

/** ngx_http_special_response.c: error pages with CRLF line ends and the server's signature. */
function nginxErrorPage(status: number, version: string): string {
  const title = `${status} ${REASONS[status]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function nginxError(status: number, version: string, env: ServeEnv, method: string, location?: string): ServerAnswer {
  const body = nginxErrorPage(status, version);
  // A request nginx could not make sense of ends the connection.
  return http(status, [['Server', `nginx/${version}`], ['Date', httpDate(env.now)], ['Content-Type', 'text/html'],
    ['Content-Length', String(bytes(body))], ...(location ? [['Location', location] as [string, string]] : []),
    ['Connection', status === 400 ? 'close' : 'keep-alive']], body, method);
}

/** A static file as nginx serves it: Last-Modified, ETag "<mtime hex>-<size hex>", Accept-Ranges. */
function nginxFile(body: string, version: string, env: ServeEnv, method: string, type = 'text/html', mtime = buildTime(version)): ServerAnswer {
  return http(200, [['Server', `nginx/${version}`], ['Date', httpDate(env.now)], ['Content-Type', type],
    ['Content-Length', String(bytes(body))], ['Last-Modified', httpDate(mtime)], ['Connection', 'keep-alive'],
    ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${bytes(body).toString(16)}"`], ['Accept-Ranges', 'bytes']], body, method);
}

/** Where a directory asked for without its `/` is redirected: the Host asked, the port when not 80. */
function redirectTo(req: HttpRequest, env: ServeEnv, path: string): string {
  const host = req.host.replace(/:\d+$/, '') || 'localhost';
  return `http://${host}${env.port && env.port !== 80 ? `:${env.port}` : ''}${path}/`;
}

/** The document root the server's container sees now. */
const rootOf = (env: ServeEnv, dir: string, image: Record<string, string>, version: string): Docroot =>
  docroot(dir, image, buildTime(version), env.mounts ?? [], env.fs?.());

/**
 * The stock nginx image's `location /` (root /usr/share/nginx/html, index index.html index.htm):
 * a directory without an index is forbidden (autoindex is off), a missing one not found.
 */
function nginxStatic(req: HttpRequest, env: ServeEnv, version: string, image: Record<string, string>): ServerAnswer {
  if (req.method !== 'GET' && req.method !== 'HEAD') return nginxError(405, version, env, req.method);
  const p = requestPath(req.path);
  if (p === undefined) return nginxError(400, version, env, req.method);
  const found = lookup(rootOf(env, '/usr/share/nginx/html', image, version), p, ['index.html', 'index.htm']);
  if (found.kind === 'file') return nginxFile(found.file.content, version, env, req.method, contentType(found.path, 'application/octet-stream'), found.file.mtime);
  if (found.kind === 'dir') return p.endsWith('/') ? nginxError(403, version, env, req.method) : nginxError(301, version, env, req.method, redirectTo(req, env, p));
  return nginxError(404, version, env, req.method);
}

const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
${NGINX_STYLE}</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const nginxServer = (version: string): ImageServer => ({
  ports: [80],
  answer: (req, env) => nginxStatic(req, env, version, { '/index.html': nginxIndex(version), '/50x.html': NGINX_50X }),
});

/** nginx as a reverse proxy (proxy_pass): the upstream's answer, or nginx's 502/504 when there is none. */
function nginxProxy(req: HttpRequest, env: ServeEnv, version: string, host: string, port: number): ServerAnswer {
  const upstreamReq: HttpRequest = { ...req, host: `${host}:${port}`, headers: { ...req.headers, Host: host, Connection: 'close' } };
  const a = env.upstream(host, port, upstreamReq);
  if (a.kind === 'timeout') return nginxError(504, version, env, req.method);
  if (a.kind !== 'http') return nginxError(502, version, env, req.method);
  const r = a.response;
  // nginx drops the upstream's Date, Server, Connection and framing headers and writes its own.
  const drop = new Set(['date', 'server', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  const headers: [string, string][] = [['Server', `nginx/${version}`], ['Date', httpDate(env.now)]];
  const ct = r.headers.find(([k]) => k.toLowerCase() === 'content-type');
  if (ct) headers.push(ct);
  headers.push(['Content-Length', String(bytes(r.body))], ['Connection', 'keep-alive']);
  for (const h of r.headers) if (!drop.has(h[0].toLowerCase()) && h !== ct) headers.push(h);
  return http(r.status, headers, r.body, req.method);
}

// -- Apache httpd --------------------------------------------------------------------------------

const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

/** The official httpd image: DocumentRoot /usr/local/apache2/htdocs, DirectoryIndex index.html, Options Indexes. */
function httpdServer(version: string): ImageServer {
  const server = `Apache/${version} (Unix)`;
  const page = (status: number, title: string, text: string, env: ServeEnv, method: string, own: [string, string][] = []) => {
    const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n`
      + `<h1>${title}</h1>\n<p>${text}</p>\n</body></html>\n`;
    return http(status, [['Date', httpDate(env.now)], ['Server', server], ...own, ['Content-Length', String(bytes(body))],
      ['Content-Type', 'text/html; charset=iso-8859-1']], body, method);
  };
  const notFound = (env: ServeEnv, method: string) => page(404, 'Not Found', 'The requested URL was not found on this server.', env, method);
  return {
    ports: [80],
    answer: (req, env) => {
      const p = requestPath(req.path);
      if (p === undefined) return page(400, 'Bad Request', 'Your browser sent a request that this server could not understand.<br />\n', env, req.method);
      const root = rootOf(env, '/usr/local/apache2/htdocs', { '/index.html': HTTPD_IT_WORKS }, version);
      const found = lookup(root, p, ['index.html']);
      if (found.kind === 'missing') return notFound(env, req.method);
      if (found.kind === 'dir' && !p.endsWith('/')) {
        const to = redirectTo(req, env, p);
        return page(301, 'Moved Permanently', `The document has moved <a href="${to}">here</a>.`, env, req.method, [['Location', to]]);
      }
      if (found.kind === 'dir') {
        // mod_autoindex's plain list (the image's httpd.conf has Options Indexes, no IndexOptions).
        const parent = p === '/' ? '' : `<li><a href="${p.replace(/[^/]+\/$/, '')}"> Parent Directory</a></li>\n`;
        const items = root.list(p).map((n) => `<li><a href="${n}"> ${n}</a></li>\n`).join('');
        const body = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n'
          + `  <title>Index of ${p.replace(/\/$/, '') || '/'}</title>\n </head>\n <body>\n<h1>Index of ${p.replace(/\/$/, '') || '/'}</h1>\n`
          + `<ul>${parent}${items}</ul>\n</body></html>\n`;
        return http(200, [['Date', httpDate(env.now)], ['Server', server], ['Content-Length', String(bytes(body))],
          ['Content-Type', 'text/html;charset=ISO-8859-1']], body, req.method);
      }
      const { content, mtime } = found.file;
      const type = contentType(found.path, '');
      return http(200, [['Date', httpDate(env.now)], ['Server', server], ['Last-Modified', httpDate(mtime)],
        ['ETag', `"${bytes(content).toString(16)}-${(mtime * 1000).toString(16)}"`], ['Accept-Ranges', 'bytes'],
        ['Content-Length', String(bytes(content))], ...(type ? [['Content-Type', type] as [string, string]] : [])], content, req.method);
    },
  };
}

// -- sample and test images ----------------------------------------------------------------------

/** kicbase/echo-server (jmalloc/echo-server 0.3): who served it, then the request as received. */
const echoServer = (env: Proc): ImageServer => ({
  ports: [Number(env.env.PORT) || 8080],
  answer: (req, e) => {
    const served = e.proc.env.SEND_SERVER_HOSTNAME?.toLowerCase() === 'false' ? '' : `Request served by ${e.hostname}\n\n`;
    const headers = Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== 'host')
      .map(([k, v]) => [canonicalKey(k), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let body = `${served}HTTP/1.1 ${req.method} ${req.path}\n\nHost: ${req.host}\n`;
    for (const [k, v] of headers) body += `${k}: ${v}\n`;
    if (req.body) body += `\n${req.body}`;
    return goResponse(200, body, e, req.method, [['Content-Type', 'text/plain']]);
  },
});

/** textproto.CanonicalMIMEHeaderKey. */
function canonicalKey(k: string): string {
  return k.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join('-');
}

/** gcr.io/google-samples/hello-app: its version (1.0.0, 2.0.0) and the pod's hostname. */
const helloApp = (version: string): ImageServer => ({
  ports: [8080],
  answer: (req, env) => goResponse(200, `Hello, world!\nVersion: ${version}.0\nHostname: ${env.hostname}\n`, env, req.method),
});

/** kubernetes-bootcamp's server.js (Node's http, chunked). */
const bootcamp: ImageServer = {
  ports: [8080],
  answer: (req, env) => http(200, [['Content-Type', 'text/plain'], ['Date', httpDate(env.now)], ['Connection', 'keep-alive'],
    ['Transfer-Encoding', 'chunked']], `Hello Kubernetes bootcamp! | Running on: ${env.hostname} | v=1\n`, req.method),
};

/** Go's time.Time String(): the form netexec prints for NOW. */
function goTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = String((ms % 1000) * 1_000_000).padStart(9, '0').replace(/0+$/, '');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac ? `.${frac}` : ''} +0000 UTC`;
}

/** agnhost's subcommands that serve HTTP: netexec, serve-hostname, liveness; others listen on nothing. */
function agnhost(proc: Proc): ImageServer | undefined {
  const args = proc.argv.slice(1);
  const sub = args.find((a) => !a.startsWith('-'));
  const flag = (name: string, dflt: number) => {
    for (let i = 0; i < args.length; i++) {
      const m = new RegExp(`^--?${name}(?:=(.*))?$`).exec(args[i]);
      if (m) return Number(m[1] ?? args[i + 1]) || dflt;
    }
    return dflt;
  };
  if (sub === 'netexec') {
    return {
      ports: [flag('http-port', 8080)],
      answer: (req, env) => {
        const p = pathOf(req.path);
        const q = new URLSearchParams(req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '');
        if (p === '/hostname') return goResponse(200, env.hostname, env, req.method);
        if (p === '/echo') return goResponse(200, q.get('msg') ?? '', env, req.method);
        if (p === '/healthz' || p === '/readyz') return goResponse(200, '', env, req.method);
        if (p === '/' ) return goResponse(200, `NOW: ${goTime(env.now)}`, env, req.method);
        return goError(404, '404 page not found', env, req.method);
      },
    };
  }
  if (sub === 'serve-hostname') {
    return { ports: [flag('port', 9376)], answer: (req, env) => goResponse(200, env.hostname, env, req.method) };
  }
  if (sub === 'liveness') return { ports: [8080], answer: (req, env) => goResponse(200, 'ok', env, req.method) };
  if (sub === 'pause') return { ports: [], answer: () => ({ kind: 'refused' }) };
  return undefined;
}

// -- databases and other non-HTTP servers --------------------------------------------------------

/** Redis reads "GET / HTTP/1.1", then takes the Host: line for a cross-protocol attack and drops the client unanswered. */
const closes = (ports: number[]): ImageServer => ({ ports, answer: () => ({ kind: 'empty' }) });

function redisServer(proc: Proc): ImageServer {
  const i = proc.argv.indexOf('--port');
  return { ...closes([i >= 0 ? Number(proc.argv[i + 1]) || 6379 : 6379]), resp: true };
}

/** MySQL speaks first: its handshake greeting, protocol 10 and the server version. */
const greets = (ports: number[], data: (proc: Proc) => string): ImageServer => ({
  ports, answer: (_req, env) => ({ kind: 'raw', data: data(env.proc) }),
});

const mysqlGreeting = (proc: Proc) => `\x0a${proc.image.version}\x00\x08\x00\x00\x00`;

/** MongoDB's answer to HTTP on its driver port. */
const mongo: ImageServer = {
  ports: [27017],
  answer: (req) => http(200, [['Connection', 'close'], ['Content-Type', 'text/plain'], ['Content-Length', '85']],
    'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n', req.method),
};

// -- applications of the tutorials ---------------------------------------------------------------

/** seed 004's saythx frontend: nginx 1.15 serving the built Vue app, /api proxied to saythx-backend:8080. */
const SAYTHX_INDEX = '<!DOCTYPE html><html lang=en><head><meta charset=utf-8><meta http-equiv=X-UA-Compatible content="IE=edge">'
  + '<meta name=viewport content="width=device-width,initial-scale=1"><link rel=icon href=/favicon.ico><title>fe</title>'
  + '<link href=/css/app.5b6e1a8d.css rel=preload as=style><link href=/css/chunk-vendors.8c5a8c36.css rel=preload as=style>'
  + '<link href=/js/app.3d1c5f4e.js rel=preload as=script><link href=/js/chunk-vendors.9e6b7a1c.js rel=preload as=script>'
  + '<link href=/css/chunk-vendors.8c5a8c36.css rel=stylesheet><link href=/css/app.5b6e1a8d.css rel=stylesheet></head>'
  + '<body><noscript><strong>We\'re sorry but fe doesn\'t work properly without JavaScript enabled. Please enable it to continue.</strong></noscript>'
  + '<div id=app></div><script src=/js/chunk-vendors.9e6b7a1c.js></script><script src=/js/app.3d1c5f4e.js></script></body></html>';

const saythxFrontend: ImageServer = {
  ports: [80],
  answer: (req, env) => {
    const version = '1.15.12';
    if (/^\/(api)/.test(pathOf(req.path))) return nginxProxy(req, env, version, 'saythx-backend', 8080);
    if (req.method !== 'GET' && req.method !== 'HEAD') return nginxError(405, version, env, req.method);
    // try_files $uri $uri/ /index.html: every other path is the app's page.
    return nginxFile(SAYTHX_INDEX, version, env, req.method);
  },
};

/** seed 004's saythx backend (be/main.go): the honor list out of Redis at $REDIS_HOST:6379. */
const saythxBackend: ImageServer = {
  ports: [8080],
  answer: (req, env) => {
    const p = pathOf(req.path);
    if (p !== '/api/v1/list' && p !== '/api/v1/saythx') return goError(404, '404 page not found', env, req.method);
    const wanted = p === '/api/v1/list' ? 'GET' : 'POST';
    if (req.method !== wanted) return goError(405, 'Method Not Allowed', env, req.method);
    // redis.Dial failing makes the handler panic: net/http drops the connection unanswered.
    const redis = env.upstream(env.proc.env.REDIS_HOST ?? '', 6379, { method: 'GET', host: '', path: '/', headers: {} });
    if (redis.kind === 'refused' || redis.kind === 'unresolved' || redis.kind === 'timeout') return { kind: 'empty' };
    return goResponse(200, p === '/api/v1/list' ? '{"HonorDatas":null}' : '', env, req.method);
  },
};

/** seed 000's lingtony/goweb: /info tells the pod's hostname. */
const goweb: ImageServer = {
  ports: [8000],
  answer: (req, env) => pathOf(req.path) === '/info'
    ? goResponse(200, `Hostname: ${env.hostname}\n`, env, req.method)
    : goError(404, '404 page not found', env, req.method),
};

function nothing(): ImageServer {
  return { ports: [], answer: () => ({ kind: 'refused' }) };
}

/** crypto/tls's answer to a plain HTTP request on a TLS port (net/http's server). */
const plainToTls: ServerAnswer = {
  kind: 'http',
  response: { status: 400, reason: 'Bad Request', headers: [], body: 'Client sent an HTTP request to an HTTPS server.\n' },
};

const tlsServer = (ports: number[], answer: ImageServer['answer'] = (req, env) => goError(404, '404 page not found', env, req.method)): ImageServer => ({
  ports, tls: true, answer: (req, env) => (req.tls ? answer(req, env) : plainToTls),
});

/** What kube-apiserver lets an anonymous client see (system:public-info-viewer), else its 403 Status. */
function apiserverAnonymous(req: HttpRequest, env: ServeEnv): ServerAnswer {
  const p = pathOf(req.path);
  const own: [string, string][] = [['Audit-Id', auditId(env.now, req.path)], ['Cache-Control', 'no-cache, private']];
  if (['/healthz', '/livez', '/readyz'].includes(p)) {
    return goResponse(200, 'ok', env, req.method, [...own, ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']]);
  }
  if (p === '/version') {
    return goResponse(200, JSON.stringify(versionInfo(), null, 2), env, req.method, [...own, ['Content-Type', 'application/json']]);
  }
  const status = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${p}"`, reason: 'Forbidden', details: {}, code: 403,
  };
  return goResponse(403, `${JSON.stringify(status, null, 2)}\n`, env, req.method, [...own, ['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']]);
}

/** A request's audit ID: a uid drawn from when and what was asked, the same for the same request. */
function auditId(now: number, path: string): string {
  let h = 2166136261;
  for (const c of `${now}${path}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const hex = Array.from({ length: 4 }, (_, i) => (Math.imul(h, i + 1) >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A bearer token the API server would accept (TokenReview of the cluster's token). */
function bearerAccepted(req: HttpRequest, env: ServeEnv): boolean {
  const auth = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(auth);
  const token = env.meta?.(TOKEN_KEY);
  return !!m && !!token && m[1].trim() === token;
}

/**
 * kube-scheduler's and kube-controller-manager's secure port: health for anyone (their
 * --authorization-always-allow-paths), /metrics for a client the API server authorizes, the
 * delegated authorizer's 403 for an anonymous one.
 */
function componentServer(component: ComponentName, port: number): ImageServer {
  return tlsServer([port], (req, env) => {
    const p = pathOf(req.path);
    const own: [string, string][] = [['Cache-Control', 'no-cache, private']];
    if (['/healthz', '/livez', '/readyz'].includes(p)) {
      return goResponse(200, 'ok', env, req.method, [...own, ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']]);
    }
    if (!bearerAccepted(req, env)) {
      const status = {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
        message: `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${p}"`, reason: 'Forbidden', details: {}, code: 403,
      };
      return goResponse(403, `${JSON.stringify(status, null, 2)}\n`, env, req.method, [...own, ['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']]);
    }
    if (p === '/metrics' && env.meta && env.list) {
      const meta = env.meta;
      return goResponse(200, componentMetrics(component, { getMeta: (k) => meta(k) }, env.list, env.now), env, req.method,
        [...own, ['Content-Type', TEXT_CONTENT_TYPE]]);
    }
    return goError(404, '404 page not found', env, req.method);
  });
}

/** kube-state-metrics: the objects' metrics on :8080, its health on both ports. */
const kubeStateMetricsServer: ImageServer = {
  ports: [8080, 8081],
  answer: (req, env) => {
    const p = pathOf(req.path);
    if (env.port === 8080 && p === '/metrics' && env.list) {
      return goResponse(200, kubeStateMetrics(env.list), env, req.method, [['Content-Type', KSM_CONTENT_TYPE]]);
    }
    if ((env.port === 8080 && (p === '/healthz' || p === '/livez')) || (env.port === 8081 && p === '/readyz')) {
      return goResponse(200, 'OK', env, req.method);
    }
    return goError(404, '404 page not found', env, req.method);
  },
};

/** The control plane's and the node agents' servers (their secure ports, health and metrics). */
const SYSTEM: Record<string, ImageServer> = {
  'registry.k8s.io/kube-apiserver': tlsServer([6443], apiserverAnonymous),
  'registry.k8s.io/kube-controller-manager': componentServer('kube-controller-manager', 10257),
  'registry.k8s.io/kube-scheduler': componentServer('kube-scheduler', 10259),
  'registry.k8s.io/kube-state-metrics/kube-state-metrics': kubeStateMetricsServer,
  'registry.k8s.io/etcd': { ports: [2379, 2380, 2381], answer: (req, env) => goResponse(200, '{"health":"true","reason":""}', env, req.method) },
  'registry.k8s.io/kube-proxy': { ports: [10249, 10256], answer: (req, env) => goResponse(200, 'ok', env, req.method) },
  'docker.io/kindest/kindnetd': nothing(),
  'docker.io/kindest/local-path-provisioner': nothing(),
  'registry.k8s.io/coredns/coredns': { ports: [53, 8080, 8181, 9153], answer: (req, env) => goResponse(200, 'OK', env, req.method) },
};

/** Application images of the tutorials, by repository. */
const APPS: Record<string, ImageServer> = {
  'docker.io/taobeier/saythx-fe': saythxFrontend,
  'docker.io/taobeier/saythx-be': saythxBackend,
  'docker.io/lingtony/goweb': goweb,
};

/** An application mk knows nothing about: it answers whatever is asked, with an empty 200. */
const unknownApp: ImageServer = { ports: undefined, answer: (req, env) => goResponse(200, '', env, req.method) };


/**
 * The server a container's process is: none unless the process runs a server (a shell script or a
 * `sleep` does not listen), else the image's by repository or personality.
 */
export function imageServer(proc: Proc): ImageServer {
  const load = processLoad({ ...proc, startedAt: 0 });
  if (load.kind !== 'server') return nothing();
  const { entry, version } = proc.image;
  const app = APPS[entry.repo] ?? SYSTEM[entry.repo];
  if (app) return app;
  switch (entry.personality) {
    case 'nginx': return nginxServer(version);
    case 'httpd': return httpdServer(version);
    case 'redis': return redisServer(proc);
    case 'mysql': return greets([3306, 33060], mysqlGreeting);
    case 'mariadb': return greets([3306], mysqlGreeting);
    case 'postgres': return closes([5432]);
    case 'mongo': return mongo;
    case 'memcached': return greets([11211], () => 'ERROR\r\n');
    case 'rabbitmq': return greets([5672], () => 'AMQP\x00\x00\x09\x01');
    case 'echo-server': return echoServer(proc);
    case 'hello-app': return helloApp(version);
    case 'bootcamp': return bootcamp;
    case 'ingress-nginx': return ingressNginxServer(proc.argv, version);
    case 'agnhost': return agnhost(proc) ?? unknownApp;
    case 'shell': case 'hello-world': case 'pause': case 'stress': return nothing();
    default: return unknownApp;
  }
}

/** Whether the server listens on `port`. */
export function listensOn(server: ImageServer, port: number): boolean {
  return server.ports === undefined || server.ports.includes(port);
}

/** A container's port as a number (a named port resolved through the container's ports). */
export function containerPort(spec: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return spec.ports?.find((p) => p.name === port)?.containerPort;
}

/** Whether the container instance accepts connections at `t`: running, and not yet told to stop. */
function accepting(inst: ContainerInstance, t: number): boolean {
  if (!inst.proc || stateAt(inst, t) !== 'running') return false;
  return !inst.stop || t < inst.stop.at;
}

/** The containers of the pod whose servers listen on `port` at ctx.now. */
export function listener(ctx: Pick<ServerContext, 'store' | 'now'>, pod: Pod, port: number): { spec: Container; inst: ContainerInstance & { proc: Proc } } | undefined {
  const rt = loadPodRuntime({ store: ctx.store }, pod.metadata.namespace ?? 'default', pod.metadata.name);
  if (!rt || rt.uid !== pod.metadata.uid) return undefined;
  // Sidecars (init containers that keep running) share the pod's network too.
  for (const spec of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const inst = rt.slots[spec.name]?.cur;
    if (!inst?.proc || !accepting(inst, ctx.now)) continue;
    if (listensOn(imageServer(inst.proc), port)) return { spec, inst: inst as ContainerInstance & { proc: Proc } };
  }
  return undefined;
}

/** The server that accepts a connection to the pod's `port` now, if any. */
export function serverAt(ctx: Pick<ServerContext, 'store' | 'now'>, pod: Pod, port: number): ImageServer | undefined {
  const l = listener(ctx, pod, port);
  return l ? imageServer(l.inst.proc) : undefined;
}

/** What the pod answers an HTTP request to `port`: connection refused when nothing listens there. */
export function answerAt(ctx: ServerContext, pod: Pod, port: number, req: HttpRequest): ServerAnswer {
  const l = listener(ctx, pod, port);
  if (!l) return { kind: 'refused' };
  const env: ServeEnv = {
    now: ctx.now, hostname: l.inst.proc.hostname, proc: l.inst.proc,
    upstream: (host, p, r) => ctx.upstream ? ctx.upstream(pod, host, p, r) : { kind: 'unresolved' },
    port, list: ctx.list,
    meta: (key) => ctx.store.getMeta(key),
    fs: () => ctx.files?.(pod, l.spec.name),
    mounts: (l.spec.volumeMounts ?? []).map((m) => m.mountPath),
  };
  return imageServer(l.inst.proc).answer(req, env);
}
