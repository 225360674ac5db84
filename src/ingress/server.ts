// What the ingress-nginx controller's pod answers: on 80 and 443 its nginx routes each request
// by the Ingresses of its class (route.ts) and proxies it to the backend Service, or serves its
// own default backend, nginx's 404 page; on 10254 the controller's /healthz. Its flags
// (--ingress-class, --controller-class, --watch-ingress-without-class) come from the process's
// command line, as the real controller reads them.
import type { Service } from '../api/core/service/schema.js';
import { LABEL_SERVICE_NAME } from '../api/discovery/endpointslice/labels.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import type { Ingress } from '../api/networking/ingress/schema.js';
import type { IngressClass } from '../api/networking/ingressclass/schema.js';
import { sha256Hex } from '../kubelet/util.js';
import { httpDate, type HttpRequest, type ImageServer, type ServeEnv, type ServerAnswer } from '../net/servers.js';
import { ingressBackend, type IngressControllerOptions, type IngressServiceRoute } from './route.js';
import { controllerOptions, INGRESS_CLASS_RESOURCE, INGRESS_RESOURCE } from './controller-options.js';
import { bundledNginx, serverTokensOn } from './nginx-version.js';

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

const ENDPOINT_SLICE_RESOURCE = 'endpointslices.discovery.k8s.io';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** nginx's built-in error page. */
export function nginxErrorPage(status: number, server = 'nginx'): string {
  const title = `${status} ${STATUS_TEXT[status]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

/** The Server header, when server_tokens are on. */
const serverHeader = (tokens: string | undefined): [string, string][] => (tokens ? [['Server', tokens]] : []);

function errorAnswer(status: number, env: ServeEnv, method: string, tokens: string | undefined, location?: string): ServerAnswer {
  const body = nginxErrorPage(status, tokens);
  return {
    kind: 'http',
    response: {
      status, reason: STATUS_TEXT[status],
      headers: [...serverHeader(tokens), ['Date', httpDate(env.now)], ['Content-Type', 'text/html'], ['Content-Length', String(bytes(body))],
        ...(location ? [['Location', location] as [string, string]] : []), ['Connection', 'keep-alive']],
      body: method === 'HEAD' ? '' : body,
    },
  };
}

const list = <T>(env: ServeEnv, resource: string): T[] => (env.list?.(resource) ?? []) as unknown as T[];

/** The Service port a backend names, and whether it has ready endpoints for it. */
function servicePort(route: IngressServiceRoute, env: ServeEnv): { svc: Service; port: number; ready: boolean } | undefined {
  const { namespace, name } = route.service;
  const svc = list<Service>(env, 'services').find((s) => s.metadata.namespace === namespace && s.metadata.name === name);
  const sp = svc?.spec?.ports?.find((p) => (route.port.number ? p.port === route.port.number : p.name === route.port.name));
  if (!svc || !sp) return undefined;
  const slices = list<EndpointSlice>(env, ENDPOINT_SLICE_RESOURCE)
    .filter((s) => s.metadata.namespace === namespace && s.metadata.labels?.[LABEL_SERVICE_NAME] === name);
  const ready = slices.some((s) => (s.ports ?? []).some((p) => (p.name ?? '') === (sp.name ?? ''))
    && (s.endpoints ?? []).some((e) => e.conditions?.ready !== false));
  return { svc, port: sp.port, ready };
}

/** proxy_pass to the backend: the headers ingress-nginx's location sets for the upstream. */
function proxy(route: IngressServiceRoute, req: HttpRequest, host: string, env: ServeEnv, tokens: string | undefined): ServerAnswer {
  const target = servicePort(route, env);
  // A Service that is missing, names no such port or has no ready endpoint leaves the upstream empty.
  if (!target || !target.ready) return errorAnswer(503, env, req.method, tokens);
  const clusterIP = target.svc.spec?.clusterIP;
  if (!clusterIP || clusterIP === 'None') return errorAnswer(503, env, req.method, tokens);
  const headers: Record<string, string> = {
    ...req.headers,
    Host: host,
    'X-Request-ID': sha256Hex(`${env.now}:${host}:${req.path}`).slice(0, 32),
    'X-Forwarded-Host': host,
    'X-Forwarded-Port': '80',
    'X-Forwarded-Proto': 'http',
    'X-Forwarded-Scheme': 'http',
    'X-Scheme': 'http',
  };
  const a = env.upstream(clusterIP, target.port, { ...req, host, headers, path: route.rewrite ?? req.path });
  if (a.kind === 'timeout') return errorAnswer(504, env, req.method, tokens);
  if (a.kind !== 'http') return errorAnswer(502, env, req.method, tokens);
  const r = a.response;
  // nginx writes its own Server (unless server_tokens are off), Date and framing headers and passes the rest.
  const drop = new Set(['date', 'server', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  const out: [string, string][] = [...serverHeader(tokens), ['Date', httpDate(env.now)]];
  const ct = r.headers.find(([k]) => k.toLowerCase() === 'content-type');
  if (ct) out.push(ct);
  out.push(['Content-Length', String(bytes(r.body))], ['Connection', 'keep-alive']);
  for (const h of r.headers) if (!drop.has(h[0].toLowerCase()) && h !== ct) out.push(h);
  return { kind: 'http', response: { ...r, headers: out, body: req.method === 'HEAD' ? '' : r.body } };
}

function route(req: HttpRequest, env: ServeEnv, opts: IngressControllerOptions, tokens: string | undefined): ServerAnswer {
  const hostHeader = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? req.host;
  const host = hostHeader.replace(/:\d*$/, '');
  const match = ingressBackend(list<Ingress>(env, INGRESS_RESOURCE), list<IngressClass>(env, INGRESS_CLASS_RESOURCE), host, req.path, opts);
  if ('defaultBackend' in match) return errorAnswer(404, env, req.method, tokens);
  // absolute_redirect, with the request's host and nginx's own port (80: not shown).
  if ('redirect' in match) return errorAnswer(301, env, req.method, tokens, `http://${host}${match.redirect}`);
  return proxy(match, req, host, env, tokens);
}

/** The controller's health endpoint (the probes' /healthz on 10254). */
function health(req: HttpRequest, env: ServeEnv): ServerAnswer {
  const ok = req.path.split('?')[0] === '/healthz';
  const body = ok ? 'ok' : '404 page not found\n';
  const headers: [string, string][] = ok
    ? [['Date', httpDate(env.now)], ['Content-Length', String(bytes(body))], ['Content-Type', 'text/plain; charset=utf-8']]
    : [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(env.now)], ['Content-Length', String(bytes(body))]];
  return { kind: 'http', response: { status: ok ? 200 : 404, reason: ok ? 'OK' : 'Not Found', headers, body } };
}

export function ingressNginxServer(argv: readonly string[], version: string): ImageServer {
  const opts = controllerOptions(argv, version.replace(/^v/, ''));
  // Since 1.0 ingress-nginx turns server_tokens off: its pages and headers say just `nginx`.
  const tokens = serverTokensOn(version) ? `nginx/${bundledNginx(version)}` : undefined;
  return {
    ports: [80, 443, 8443, 10254],
    answer(req, env) {
      const port = env.port ?? Number(/:(\d+)$/.exec(req.host)?.[1] ?? 80);
      if (port === 10254) return health(req, env);
      // The admission webhook speaks only TLS.
      if (port === 8443) return { kind: 'empty' };
      return route(req, env, opts, tokens);
    },
  };
}
