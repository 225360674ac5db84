// Which backend ingress-nginx sends a request to: the nginx configuration the controller renders
// from the Ingresses of its class (internal/ingress/controller/controller.go: createServers,
// getBackendServers, updateServerLocations), and nginx's own choice of server and location.
//   server:   the exact server_name, else the longest `*.suffix` wildcard (nginx lets it match any
//             depth of subdomain), else the catch-all server `_` that holds the rules without host.
//   location: an exact (`= /p`) location equal to the path, else the longest prefix location.
// Each server has a root location `/`: the backend of the first Ingress that named the host's
// spec.defaultBackend, else the controller's default backend (the 404 page).
import type { Ingress, IngressBackend, ServiceBackendPort } from '../api/networking/ingress/schema.js';
import { ANNOTATION_INGRESS_CLASS, PATH_TYPE_EXACT, PATH_TYPE_PREFIX } from '../api/networking/ingress/schema.js';
import type { IngressClass } from '../api/networking/ingressclass/schema.js';

/** How the controller is started: the flags of kind's provider manifest. */
export interface IngressControllerOptions {
  /** --controller-class */
  controllerClass: string;
  /** --ingress-class: the annotation value it answers to. */
  ingressClass: string;
  /** --watch-ingress-without-class */
  watchWithoutClass: boolean;
}

export const KIND_INGRESS_NGINX: IngressControllerOptions = {
  controllerClass: 'k8s.io/ingress-nginx',
  ingressClass: 'nginx',
  watchWithoutClass: true,
};

export interface IngressServiceRoute {
  /** The Ingress whose rule matched. */
  ingress: { namespace: string; name: string };
  service: { namespace: string; name: string };
  port: ServiceBackendPort;
  /** The path the upstream is asked for, when the rewrite-target annotation changed it. */
  rewrite?: string;
}

export const ANNOTATION_REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const ANNOTATION_USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';

export type IngressMatch =
  | IngressServiceRoute
  | { defaultBackend: true }
  /** nginx's 301 to the location's own path with its slash (`/foo` to a `/foo/` location); no Host scheme or port in it. */
  | { redirect: string };

/** ingress-nginx's IsValid: whether this controller serves an Ingress. */
export function servedByController(ing: Ingress, classes: readonly IngressClass[], opts: IngressControllerOptions = KIND_INGRESS_NGINX): boolean {
  const annotation = ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS];
  if (annotation !== undefined) return annotation === opts.ingressClass;
  const className = ing.spec?.ingressClassName;
  if (className !== undefined) return classes.some((c) => c.metadata.name === className && c.spec?.controller === opts.controllerClass);
  return opts.watchWithoutClass;
}

type Backend = IngressServiceRoute | 'default';

interface Location {
  path: string;
  exact: boolean;
  backend: Backend;
  /** The server's initial `/`, which a rule for `/` replaces. */
  isDefBackend?: boolean;
  pathType: string;
  /** The Ingress asks for regular-expression paths (use-regex, or a rewrite-target). */
  useRegex?: boolean;
  /** The rewrite-target annotation of the location's Ingress. */
  rewriteTarget?: string;
}

interface Server {
  locations: Location[];
  /**
   * enforceRegexModifier: once one location of a server is a regular expression, nginx.tmpl
   * writes every location of it as `~* "^path"`.
   */
  regex?: boolean;
}

function regexAnnotations(ing: Ingress): Pick<Location, 'useRegex' | 'rewriteTarget'> {
  const a = ing.metadata.annotations ?? {};
  const rewriteTarget = a[ANNOTATION_REWRITE_TARGET] || undefined;
  return { useRegex: a[ANNOTATION_USE_REGEX] === 'true' || rewriteTarget !== undefined, rewriteTarget };
}

const DEFAULT_SERVER = '_';

function routeFor(ing: Ingress, backend: IngressBackend | undefined): Backend {
  const svc = backend?.service;
  if (!svc) return 'default';
  const namespace = ing.metadata.namespace ?? 'default';
  return { ingress: { namespace, name: ing.metadata.name }, service: { namespace, name: svc.name }, port: svc.port ?? {} };
}

const created = (ing: Ingress) => Date.parse(ing.metadata.creationTimestamp ?? '') || 0;
const key = (ing: Ingress) => `${ing.metadata.namespace ?? ''}/${ing.metadata.name}`;

/** The servers and locations of the rendered nginx.conf. */
function buildServers(ingresses: readonly Ingress[]): Map<string, Server> {
  // Older Ingresses first: the first to claim a host or a location keeps it.
  const sorted = [...ingresses].sort((a, b) => created(a) - created(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const servers = new Map<string, Server>();
  const rootOf = (backend: Backend): Location => ({ path: '/', exact: false, backend, isDefBackend: true, pathType: PATH_TYPE_PREFIX });
  servers.set(DEFAULT_SERVER, { locations: [rootOf('default')] });
  for (const ing of sorted) {
    const un = routeFor(ing, ing.spec?.defaultBackend);
    const rules = ing.spec?.rules ?? [];
    if (un !== 'default' && rules.length === 0) {
      // The catch-all case: an Ingress with a backend and no rule configures the `_` server.
      const defLoc = servers.get(DEFAULT_SERVER)!.locations[0];
      if (defLoc.isDefBackend && defLoc.backend === 'default') defLoc.backend = un;
    }
    for (const rule of rules) {
      const host = rule.host || DEFAULT_SERVER;
      if (!servers.has(host)) servers.set(host, { locations: [rootOf(un)] });
    }
  }
  for (const ing of sorted) {
    for (const rule of ing.spec?.rules ?? []) {
      const server = servers.get(rule.host || DEFAULT_SERVER)!;
      for (const p of rule.http?.paths ?? []) {
        const path = p.path || '/';
        const pathType = p.pathType ?? PATH_TYPE_PREFIX;
        const backend = routeFor(ing, p.backend);
        const same = server.locations.find((l) => l.path === path && (l.pathType === pathType || (l.isDefBackend && path === '/')));
        if (same) {
          if (same.isDefBackend) Object.assign(same, { backend, isDefBackend: false, pathType, ...regexAnnotations(ing) });
          continue;
        }
        server.locations.push({ path, exact: pathType === PATH_TYPE_EXACT, backend, pathType, ...regexAnnotations(ing) });
      }
    }
  }
  for (const server of servers.values()) {
    server.locations = updateServerLocations(server.locations);
    server.regex = server.locations.some((l) => l.useRegex && !l.isDefBackend);
    // Longest path first, and of equal lengths the greater (the order nginx.tmpl writes them in,
    // which is the order nginx tries regular-expression locations).
    server.locations.sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  }
  return servers;
}

/**
 * updateServerLocations: a Prefix path `/foo` becomes the exact location `= /foo` plus the
 * prefix location `/foo/`, so that it matches whole path elements as the API defines; an
 * explicit Exact `/foo` keeps its own exact location.
 */
function updateServerLocations(locations: Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.exact).map((l) => l.path));
  const out: Location[] = [];
  for (const l of locations) {
    if (l.pathType !== PATH_TYPE_PREFIX || l.path === '/' || l.path.endsWith('/') || l.useRegex) {
      out.push(l);
      continue;
    }
    if (!exact.has(l.path)) out.push({ ...l, exact: true });
    out.push({ ...l, path: `${l.path}/` });
  }
  return out;
}

/** nginx's server_name choice for a Host header (case-insensitive, port dropped). */
function chooseServer(servers: Map<string, Server>, host: string): Server {
  const name = host.replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
  const exact = servers.get(name);
  if (exact && name !== DEFAULT_SERVER) return exact;
  let best: { server: Server; length: number } | undefined;
  for (const [serverName, server] of servers) {
    if (!serverName.startsWith('*.')) continue;
    const suffix = serverName.slice(1);
    if (name.endsWith(suffix) && name.length > suffix.length && (!best || suffix.length > best.length)) best = { server, length: suffix.length };
  }
  return best?.server ?? servers.get(DEFAULT_SERVER)!;
}

/** An nginx.tmpl path as the `~* "^path"` location it becomes (PCRE, case-insensitive). */
function locationRegex(path: string): RegExp | undefined {
  try {
    return new RegExp(`^${path}`, 'i');
  } catch {
    return undefined;
  }
}

/**
 * nginx's location choice: an equal exact location, else the longest matching prefix; in a
 * server of regular-expression locations, the first (longest) whose expression matches.
 */
function chooseLocation(server: Server, path: string): Location | { redirect: string } | undefined {
  if (server.regex) return server.locations.find((l) => locationRegex(l.path)?.test(path));
  const exact = server.locations.find((l) => l.exact && l.path === path);
  if (exact) return exact;
  // auto_redirect: a proxied location whose name ends in a slash answers its name without it.
  if (server.locations.some((l) => !l.exact && !l.isDefBackend && l.path.length > 1 && l.path === `${path}/`)) return { redirect: `${path}/` };
  let best: Location | undefined;
  for (const l of server.locations) {
    if (!l.exact && path.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  return best;
}

/**
 * The backend ingress-nginx proxies a request for `host` and `path` (the request target; a
 * query string is ignored) to, among the Ingresses this controller serves.
 */
export function ingressBackend(ingresses: readonly Ingress[], classes: readonly IngressClass[], host: string, path: string,
  opts: IngressControllerOptions = KIND_INGRESS_NGINX): IngressMatch {
  const servers = buildServers(ingresses.filter((ing) => servedByController(ing, classes, opts) && !ing.metadata.deletionTimestamp));
  const uri = path.replace(/[?#].*$/, '') || '/';
  const loc = chooseLocation(chooseServer(servers, host), uri);
  if (loc && 'redirect' in loc) return { redirect: loc.redirect + path.slice(uri.length) };
  if (!loc || loc.backend === 'default') return { defaultBackend: true };
  const rewrite = loc.rewriteTarget !== undefined ? rewritePath(loc.path, loc.rewriteTarget, path) : undefined;
  return rewrite === undefined ? loc.backend : { ...loc.backend, rewrite };
}

/**
 * `rewrite "(?i)<path>" <target> break;`: when the expression matches the URI, the whole URI
 * becomes the target with $1..$9 filled in; the query string is kept unless the target has one.
 */
export function rewritePath(locationPath: string, target: string, requestTarget: string): string | undefined {
  const q = requestTarget.search(/[?#]/);
  const uri = q < 0 ? requestTarget : requestTarget.slice(0, q);
  const query = q < 0 ? '' : requestTarget.slice(q).replace(/#.*$/, '');
  let re: RegExp;
  try {
    re = new RegExp(locationPath, 'i');
  } catch {
    return undefined;
  }
  const m = re.exec(uri);
  if (!m) return undefined;
  const out = target.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
  return out.includes('?') ? out : out + query;
}
