// The API surface mk serves, as discovery describes it: groups in kube-apiserver's priority order,
// their versions (preferred first), and each version's resources with verbs, short names,
// categories and subresources. The legacy documents (/api/v1, /apis/<g>/<v>), the aggregated
// APIGroupDiscoveryList and `mk api-resources` all read this one model. Plain data over the kinds
// registry: cheap to import.
import { builtinKinds, kindInfo, type KindInfo } from '../api/registry.js';

export interface GroupVersion { group: string; version: string }

/** A GroupVersionKind as discovery spells it (the core group is ""). */
export interface Gvk { group: string; version: string; kind: string }

export interface ServedSubresource {
  name: string;
  responseKind: Gvk;
  verbs: string[];
}

/** A resource at one group version: the kind it answers with, and what can be done to it. */
export interface ServedResource extends KindInfo {
  subresources: ServedSubresource[];
}

/**
 * kube-apiserver lists groups by its group priorities (genericapiserver's, then the aggregator's
 * APIService groupPriorityMinimum: metrics-server registers 100, after every built-in group).
 */
const GROUP_ORDER = ['apps', 'autoscaling', 'batch', 'networking.k8s.io', 'policy', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'metrics.k8s.io'];

const kinds = builtinKinds as readonly KindInfo[];

/**
 * Versions served beside a kind's stored one and converted on the way in and out, and the
 * APIService of mk's metrics-server: its resources are views computed on read, not stored kinds.
 */
const EXTRA: readonly KindInfo[] = [
  { ...kindInfo('HorizontalPodAutoscaler')!, version: 'v1' },
  { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', resource: 'nodes', singular: '', shortNames: [], namespaced: false, verbs: ['get', 'list'] },
  { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', resource: 'pods', singular: '', shortNames: [], namespaced: true, verbs: ['get', 'list'] },
];

/** Versions of a group in order of preference, where one group serves several. */
const VERSION_ORDER: Record<string, string[]> = { autoscaling: ['v2', 'v1'] };

const all: readonly KindInfo[] = [...kinds, ...EXTRA];

const gvk = (group: string, version: string, kind: string): Gvk => ({ group, version, kind });

/**
 * The subresources mk serves, by `group/resource`, as kube-apiserver registers them: status for
 * the kinds with a status, scale for the scalable workloads, and the pod's own.
 */
/** A connecter's HTTP methods as discovery names them. */
const PROXY_VERBS = ['create', 'delete', 'get', 'patch', 'update'];

function subresourcesOf(k: KindInfo): ServedSubresource[] {
  const self = gvk(k.group, k.version, k.kind);
  const status = { name: 'status', responseKind: self, verbs: ['get', 'patch', 'update'] };
  const scale = { name: 'scale', responseKind: gvk('autoscaling', 'v1', 'Scale'), verbs: ['get', 'patch', 'update'] };
  switch (`${k.group}/${k.resource}`) {
    case '/pods': return [
      { name: 'attach', responseKind: gvk('', 'v1', 'PodAttachOptions'), verbs: ['create', 'get'] },
      { name: 'eviction', responseKind: gvk('policy', 'v1', 'Eviction'), verbs: ['create'] },
      { name: 'exec', responseKind: gvk('', 'v1', 'PodExecOptions'), verbs: ['create', 'get'] },
      { name: 'log', responseKind: gvk('', 'v1', 'Pod'), verbs: ['get'] },
      { name: 'portforward', responseKind: gvk('', 'v1', 'PodPortForwardOptions'), verbs: ['create', 'get'] },
      { name: 'proxy', responseKind: gvk('', 'v1', 'PodProxyOptions'), verbs: PROXY_VERBS },
      status,
    ];
    case '/services': return [{ name: 'proxy', responseKind: gvk('', 'v1', 'ServiceProxyOptions'), verbs: PROXY_VERBS }, status];
    case 'apps/deployments': case 'apps/replicasets': case 'apps/statefulsets': return [scale, status];
    case '/namespaces': case '/nodes': case '/persistentvolumes': case '/persistentvolumeclaims':
    case '/resourcequotas': case 'apps/daemonsets': case 'autoscaling/horizontalpodautoscalers': case 'batch/cronjobs':
    case 'batch/jobs': case 'networking.k8s.io/ingresses': case 'policy/poddisruptionbudgets':
      return [status];
    default: return [];
  }
}

const byName = (a: { resource: string }, b: { resource: string }) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0);

/** The named groups, in priority order. */
export function servedGroups(): { name: string; versions: string[] }[] {
  const names = [...new Set(all.map((k) => k.group).filter((g) => g !== ''))];
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({
    name,
    versions: VERSION_ORDER[name] ?? [...new Set(all.filter((k) => k.group === name).map((k) => k.version))],
  }));
}

/** The resources served at a group version, by name; empty when mk does not serve it. */
export function servedResources(gv: GroupVersion): ServedResource[] {
  return all.filter((k) => k.group === gv.group && k.version === gv.version).sort(byName)
    .map((k) => ({ ...k, subresources: subresourcesOf(k) }));
}

/** Every group version with its resources: the core group first, then the groups in priority order, preferred versions first. */
export function servedGroupVersions(): (GroupVersion & { resources: ServedResource[] })[] {
  const gvs: GroupVersion[] = [{ group: '', version: 'v1' }];
  for (const g of servedGroups()) for (const version of g.versions) gvs.push({ group: g.name, version });
  return gvs.map((gv) => ({ ...gv, resources: servedResources(gv) }));
}

/** Whether a resource is a metrics-server view rather than a stored kind. */
export const isMetricsResource = (k: KindInfo) => k.group === 'metrics.k8s.io';
