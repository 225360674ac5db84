// Legacy (unaggregated) discovery: /api, /apis and one APIResourceList per group version, built
// from the kinds registry. kubectl 1.32 asks for the aggregated form first and, given plain
// application/json, falls back to these documents.
import { builtinKinds, type KindInfo } from '../../api/registry.js';

/**
 * kube-apiserver lists groups by its own priority order (genericapiserver's group priorities),
 * not alphabetically; these are the groups mk serves, in that order.
 */
const GROUP_ORDER = ['apps', 'autoscaling', 'batch', 'networking.k8s.io', 'policy', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io'];

const kinds = builtinKinds as readonly KindInfo[];

export interface GroupVersion { group: string; version: string }

/** The APIVersions document of /api. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupNames(): string[] {
  const named = [...new Set(kinds.map((k) => k.group).filter((g) => g !== ''))];
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return named.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The APIGroupList of /apis. */
export function groupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupNames().map((name) => {
      const version = kinds.find((k) => k.group === name)!.version;
      const gv = { groupVersion: `${name}/${version}`, version };
      return { name, versions: [gv], preferredVersion: gv };
    }),
  };
}

/** The APIGroup of /apis/<group>, or undefined when mk does not serve it. */
export function group(name: string) {
  return groupList().groups.find((g) => g.name === name);
}

/** The kinds served at a group version. */
export function kindsAt(gv: GroupVersion): KindInfo[] {
  return kinds.filter((k) => k.group === gv.group && k.version === gv.version);
}

/**
 * The subresources mk serves that clients look up in discovery: kubectl drain evicts only when
 * v1 lists pods/eviction with its group and version.
 */
const SUBRESOURCES: Record<string, object[]> = {
  v1: [
    { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
    { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
  ],
  // kubectl autoscale refuses a target whose scale subresource discovery does not list.
  'apps/v1': ['deployments', 'replicasets', 'statefulsets'].map((r) => ({
    name: `${r}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'],
  })),
};

/** The APIResourceList of /api/v1 or /apis/<group>/<version>, or undefined when not served. */
export function resourceList(gv: GroupVersion) {
  const served = kindsAt(gv);
  if (!served.length) return undefined;
  const resources = [...served].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0)).map((k) => ({
    name: k.resource,
    singularName: k.singular,
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: [...k.verbs],
    ...(k.shortNames.length ? { shortNames: [...k.shortNames] } : {}),
    ...(k.categories?.length ? { categories: [...k.categories] } : {}),
  }));
  const groupVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
  // Each after its resource and the subresources before it, as kube-apiserver lists them.
  for (const sub of [...(SUBRESOURCES[groupVersion] ?? [])].reverse()) {
    const parent = (sub as { name: string }).name.split('/')[0];
    resources.splice(resources.findIndex((r) => r.name === parent) + 1, 0, sub as (typeof resources)[number]);
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources,
  };
}
