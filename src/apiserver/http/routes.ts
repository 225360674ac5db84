// kube-apiserver's URL layout: which document or resource a path names.
//   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
//   /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
import type { KindInfo } from '../../api/registry.js';
import { kindsAt, type GroupVersion } from './discovery.js';

export type Route =
  | { type: 'coreVersions' }
  | { type: 'groups' }
  | { type: 'group'; group: string }
  | { type: 'resources'; gv: GroupVersion }
  | { type: 'version' }
  | { type: 'health'; check: string }
  | { type: 'metrics' }
  | { type: 'openapiIndex' }
  | { type: 'openapi'; gv: GroupVersion }
  | { type: 'openapiV2' }
  | { type: 'object'; kind: KindInfo; namespace?: string; name?: string; subresource?: string;
    /** For the proxy subresource: the path to request from the backend. */
    proxyPath?: string }
  | { type: 'unknown' };

const HEALTH = new Set(['healthz', 'livez', 'readyz']);

export function route(path: string): Route {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'version') return { type: 'version' };
  if (parts.length === 1 && parts[0] === 'metrics') return { type: 'metrics' };
  if (parts.length >= 1 && HEALTH.has(parts[0])) return { type: 'health', check: parts.slice(1).join('/') };
  if (parts.length === 2 && parts[0] === 'openapi' && parts[1] === 'v2') return { type: 'openapiV2' };
  if (parts[0] === 'openapi' && parts[1] === 'v3') {
    if (parts.length === 2) return { type: 'openapiIndex' };
    if (parts[2] === 'api' && parts.length === 4) return { type: 'openapi', gv: { group: '', version: parts[3] } };
    if (parts[2] === 'apis' && parts.length === 5) return { type: 'openapi', gv: { group: parts[3], version: parts[4] } };
    return { type: 'unknown' };
  }
  let gv: GroupVersion;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'coreVersions' };
    if (parts[1] !== 'v1') return { type: 'unknown' };
    gv = { group: '', version: 'v1' };
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'groups' };
    if (parts.length === 2) return { type: 'group', group: parts[1] };
    gv = { group: parts[1], version: parts[2] };
    rest = parts.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'resources', gv };
  const served = kindsAt(gv);
  const find = (resource: string) => served.find((k) => k.resource === resource);
  // /api/v1/namespaces/{name}[/status|/finalize] is the Namespace itself, not a scope.
  const scoped = rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && ['status', 'finalize'].includes(rest[2]));
  if (scoped) {
    const kind = find(rest[2]);
    if (rest[4] === 'proxy' && kind) {
      const after = rest.slice(5).join('/');
      return { type: 'object', kind, namespace: rest[1], name: rest[3], subresource: 'proxy', proxyPath: `/${after}${after && path.endsWith('/') ? '/' : ''}` };
    }
    if (!kind || !kind.namespaced || rest.length > 5) return { type: 'unknown' };
    return { type: 'object', kind, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const kind = find(rest[0]);
  if (!kind || rest.length > 3) return { type: 'unknown' };
  // A namespaced kind by itself is the list across all namespaces; one object needs its namespace.
  if (kind.namespaced && rest.length > 1) return { type: 'unknown' };
  return { type: 'object', kind, name: rest[1], subresource: rest[2] };
}
