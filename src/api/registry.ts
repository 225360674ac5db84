// The kinds registry: group/version/kind ⇄ resource ⇄ short names ⇄ namespaced, as discovery
// (`kubectl api-resources`) reports them for a kind v1.32 cluster. Plain data, cheap to import:
// the `get` path resolves names here without loading any schema.

export interface KindInfo {
  group: string; // '' for the core group
  version: string;
  kind: string;
  resource: string; // plural
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories?: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const builtinKinds = [
  { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', singular: 'secret', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], categories: ['all'] },
  { group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', singular: 'limitrange', shortNames: ['limits'], namespaced: true, verbs: ALL_VERBS },
  { group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], namespaced: true, verbs: ALL_VERBS },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'apps', version: 'v1', kind: 'ControllerRevision', resource: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', singular: 'lease', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', singular: 'job', shortNames: [], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], namespaced: true, verbs: ALL_VERBS },
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], namespaced: false, verbs: ALL_VERBS },
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], namespaced: true, verbs: ALL_VERBS },
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', resource: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], namespaced: false, verbs: ALL_VERBS },
  { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false, verbs: ALL_VERBS },
] as const satisfies readonly KindInfo[];

export type BuiltinKind = (typeof builtinKinds)[number]['kind'];

const byKind = new Map<string, KindInfo>(builtinKinds.map((k) => [k.kind, k]));

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

export function apiVersionOf(k: KindInfo): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** Resolves what a user types (`po`, `pods`, `pod`, `Pod`, `pods.v1.`, `deployments.apps`) to a kind. */
export function resolveResource(arg: string): KindInfo | undefined {
  const [name, ...groupParts] = arg.split('.');
  const lower = name.toLowerCase();
  const group = groupParts.length ? groupParts.slice(groupParts[0] === 'v1' || /^v\d/.test(groupParts[0]) ? 1 : 0).join('.') : undefined;
  for (const k of builtinKinds as readonly KindInfo[]) {
    if (group !== undefined && k.group !== group) continue;
    if (k.resource === lower || k.singular === lower || k.shortNames.includes(lower) || k.kind.toLowerCase() === lower) return k;
  }
  return undefined;
}

/** The kind for an apiVersion/kind pair from a manifest, or undefined when this server does not serve it. */
export function kindForGVK(apiVersion: string, kind: string): KindInfo | undefined {
  const k = byKind.get(kind);
  return k && (apiVersionOf(k) === apiVersion || alsoServed[apiVersion]?.includes(kind)) ? k : undefined;
}

/** Older versions the server still serves, converted to the kind's stored version on the way in. */
const alsoServed: Readonly<Record<string, readonly string[]>> = {
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
};

/** The resource name as kubectl prints it in `kind/name` and messages: `pods`, `deployments.apps`. */
export function qualifiedResource(k: KindInfo): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

/** `pod`, `deployment.apps` — the prefix of `kubectl get -o name` and of `created` messages. */
export function qualifiedKind(k: KindInfo): string {
  return k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase();
}
