// Discovery documents rendered from the served API surface (src/apiserver/discovery.ts): the
// legacy ones (/api, /apis, one APIResourceList per group version) and the aggregated
// APIGroupDiscoveryList kubectl 1.32 asks /api and /apis for first.
import type { KindInfo } from '../../api/registry.js';
import { servedGroups, servedResources, type GroupVersion, type ServedResource } from '../discovery.js';

export type { GroupVersion } from '../discovery.js';

/** The APIVersions document of /api. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

const groupVersion = (group: string, version: string) => ({ groupVersion: `${group}/${version}`, version });

/** The APIGroupList of /apis. */
export function groupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups().map(({ name, versions }) => ({
      name, versions: versions.map((v) => groupVersion(name, v)), preferredVersion: groupVersion(name, versions[0]),
    })),
  };
}

/** The APIGroup of /apis/<group>, or undefined when mk does not serve it. */
export function group(name: string) {
  return groupList().groups.find((g) => g.name === name);
}

/** The kinds served at a group version. */
export function kindsAt(gv: GroupVersion): KindInfo[] {
  return servedResources(gv);
}

/** The APIResourceList of /api/v1 or /apis/<group>/<version>, or undefined when not served. */
export function resourceList(gv: GroupVersion) {
  const served = servedResources(gv);
  if (!served.length) return undefined;
  const resources: object[] = [];
  for (const r of served) {
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    });
    // Each subresource after its resource; group and version only when they differ from the list's.
    for (const s of r.subresources) {
      const { group, version, kind } = s.responseKind;
      const other = group !== r.group || version !== r.version;
      resources.push({
        name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced,
        ...(other ? { group, version } : {}), kind, verbs: [...s.verbs],
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv.group ? `${gv.group}/${gv.version}` : gv.version, resources };
}

/** The apidiscovery.k8s.io versions a client may ask for in Accept, newest first. */
export type DiscoveryVersion = 'v2' | 'v2beta1';

/**
 * The aggregated form the Accept header asks for, or undefined for the legacy documents: the first
 * media type the server can produce wins, as kube-apiserver's content negotiation picks.
 */
export function aggregatedVersion(accept: string | undefined): DiscoveryVersion | undefined {
  for (const media of (accept ?? '').split(',')) {
    const [type, ...params] = media.split(';').map((p) => p.trim());
    const p = new Map(params.map((kv) => kv.split('=') as [string, string]));
    if (type === 'application/json' && p.get('g') === 'apidiscovery.k8s.io' && p.get('as') === 'APIGroupDiscoveryList') {
      const v = p.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === '') return undefined;
  }
  return undefined;
}

export const aggregatedContentType = (v: DiscoveryVersion) => `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

/** One resource as APIResourceDiscovery; response kinds of the resource's own group version leave group and version empty. */
function resourceDiscovery(r: ServedResource) {
  const kindOf = (g: string, v: string, kind: string) => (g === r.group && v === r.version ? { group: '', version: '', kind } : { group: g, version: v, kind });
  return {
    resource: r.resource,
    responseKind: kindOf(r.group, r.version, r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    ...(r.subresources.length ? {
      subresources: r.subresources.map((s) => ({
        subresource: s.name, responseKind: kindOf(s.responseKind.group, s.responseKind.version, s.responseKind.kind), verbs: [...s.verbs],
      })),
    } : {}),
  };
}

function groupDiscovery(name: string, versions: string[]) {
  return {
    metadata: { ...(name ? { name } : {}), creationTimestamp: null },
    versions: versions.map((version) => ({
      version, resources: servedResources({ group: name, version }).map(resourceDiscovery), freshness: 'Current',
    })),
  };
}

/** The APIGroupDiscoveryList of /api (the core group) or /apis (every named group, in priority order). */
export function aggregatedDiscovery(path: 'api' | 'apis', v: DiscoveryVersion) {
  const items = path === 'api' ? [groupDiscovery('', ['v1'])] : servedGroups().map((g) => groupDiscovery(g.name, g.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${v}`, metadata: {}, items };
}
