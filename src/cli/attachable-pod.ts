// Which pod a verb that talks to one pod (logs, exec, attach, port-forward) uses for `POD` or
// `TYPE/NAME`: kubectl's builder call ResourceNames("pods", arg), then polymorphichelpers'
// SelectorsForObject and GetFirstPod. A Pod is itself; a Deployment, ReplicaSet, Job or Service
// stands for the pods its selector matches, sorted the verb's way (logs: podutils.ByLogging;
// exec/attach/port-forward: sort.Reverse(podutils.ActivePods)), first one wins. When none match
// yet, GetPodList watches for one until --pod-running-timeout runs out.
import type { Pod } from '../api/core/pod/schema.js';
import type { Deployment } from '../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../api/apps/replicaset/schema.js';
import type { Job } from '../api/batch/job/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { KubeObject } from '../api/object.js';
import { qualifiedResource, resolveResource, type KindInfo } from '../api/registry.js';
import type { Api } from '../apiserver/api.js';
import { notFound } from '../apiserver/errors.js';
import { labelSelectorFromObject, labelSelectorMatches, type LabelSelector } from '../apiserver/selectors.js';
import type { ClusterHandle } from '../cluster/runtime.js';
import { RawError } from './errors.js';
import { sortByActiveReversed, sortByLogging } from './podutils.js';
import { waitUntil } from './wait.js';

/** logs sorts by podutils.ByLogging and says which pod it took; the others by sort.Reverse(ActivePods). */
export type PodOrder = 'logs' | 'attach';

export interface PodForObject {
  pod: Pod;
  /** What kubectl prints on stderr about the choice (`Found 3 pods, using pod/web-5d9c-x2k4p`). */
  message?: string;
}

/** The object `POD` or `TYPE/NAME` names, fetched; ApiError NotFound when it is missing. */
export interface ResolvedObject {
  kind: KindInfo;
  obj: KubeObject;
}

/** kubectl's `defaultPodLogsTimeout` and exec's `defaultPodExecTimeout` alike. */
export const DEFAULT_POD_RUNNING_TIMEOUT_MS = 20_000;

/** resource.Builder.ResourceNames("pods", arg).Do(): the kind and the object, in the builder's words when it fails. */
export function resolveObject(api: Api, namespace: string, arg: string): ResolvedObject {
  let type = 'pods';
  let name = arg;
  if (arg.includes('/')) {
    const seg = arg.split('/');
    if (seg.length !== 2) throw new RawError('error: arguments in resource/name form may not have more than one slash');
    [type, name] = seg;
    if (!type || !name || type.split(',').length !== 1) {
      throw new RawError('error: arguments in resource/name form must have a single resource and name');
    }
  }
  const kind = resolveResource(type);
  if (!kind) throw new RawError(`error: the server doesn't have a resource type "${type}"`);
  const obj = api.tryGet(qualifiedResource(kind), kind.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound(qualifiedResource(kind), name);
  return { kind, obj };
}

/** Go's %T of the typed object kubectl decodes a kind into: `*v1.ConfigMap`. */
export function goTypeName(kind: KindInfo): string {
  return `*${kind.version}.${kind.kind}`;
}

/** SelectorsForObject: the namespace and label selector of the pods an object stands for. */
export function selectorsForObject(kind: KindInfo, obj: KubeObject): { namespace: string; selector: LabelSelector } {
  const namespace = obj.metadata.namespace ?? '';
  switch (kind.kind) {
    case 'Deployment':
      return { namespace, selector: labelSelectorFromObject((obj as unknown as Deployment).spec.selector) };
    case 'ReplicaSet':
      return { namespace, selector: labelSelectorFromObject((obj as unknown as ReplicaSet).spec.selector) };
    case 'Job':
      return { namespace, selector: labelSelectorFromObject((obj as unknown as Job).spec.selector) };
    case 'Service': {
      const set = (obj as unknown as Service).spec?.selector;
      if (!set || Object.keys(set).length === 0) {
        throw new Error(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      }
      return { namespace, selector: labelSelectorFromObject({ matchLabels: set }) };
    }
    default:
      throw new Error(`selector for ${goTypeName(kind)} not implemented`);
  }
}

/** GetPodList's listing: every pod the selector matches (whatever its phase), sorted the verb's way. */
export function podsForSelector(api: Api, namespace: string, selector: LabelSelector, order: PodOrder): Pod[] {
  const pods = api.list<Pod>('pods', { namespace }).filter((p) => labelSelectorMatches(selector, p.metadata.labels));
  return order === 'logs' ? sortByLogging(pods) : sortByActiveReversed(pods);
}

/**
 * The pods `TYPE/NAME` stands for, best first: the pod itself, or those its selector matches.
 * Throws kubectl's `cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not
 * implemented` (logs) or `cannot attach to ...` (the others) for kinds without a selector.
 */
export function podsForObject(api: Api, resolved: ResolvedObject, order: PodOrder): Pod[] {
  if (resolved.kind.kind === 'Pod') return [resolved.obj as unknown as Pod];
  let sel: ReturnType<typeof selectorsForObject>;
  try {
    sel = selectorsForObject(resolved.kind, resolved.obj);
  } catch (err) {
    const what = order === 'logs' ? 'cannot get the logs from' : 'cannot attach to';
    throw new RawError(`error: ${what} ${goTypeName(resolved.kind)}: ${(err as Error).message}`);
  }
  return podsForSelector(api, sel.namespace, sel.selector, order);
}

/** GetFirstPod's choice among pods already sorted; the notice only logs prints. */
function firstPod(pods: Pod[], order: PodOrder): PodForObject {
  const pod = pods[0];
  return order === 'logs' && pods.length > 1 ? { pod, message: `Found ${pods.length} pods, using pod/${pod.metadata.name}\n` } : { pod };
}

/**
 * The pod for `POD` or `TYPE/NAME` as it stands now; undefined when the object's selector matches
 * no pod yet. Errors (unknown type, NotFound, no selector) are thrown in kubectl's words.
 */
export function podForObject(api: Api, namespace: string, arg: string, order: PodOrder = 'attach'): PodForObject | undefined {
  const pods = podsForObject(api, resolveObject(api, namespace, arg), order);
  return pods.length ? firstPod(pods, order) : undefined;
}

/**
 * podForObject, waiting up to `timeoutMs` of cluster time (--pod-running-timeout) for a first pod
 * to match, as GetPodList's watch does; then `error: timed out waiting for the condition`.
 */
export async function attachablePodForObject(cluster: ClusterHandle, namespace: string, arg: string,
  opts: { order?: PodOrder; timeoutMs?: number } = {}): Promise<PodForObject> {
  return firstPodForObject(cluster, resolveObject(cluster.api, namespace, arg), opts.order ?? 'attach',
    opts.timeoutMs ?? DEFAULT_POD_RUNNING_TIMEOUT_MS);
}

/** GetFirstPod for an object already fetched. */
export async function firstPodForObject(cluster: ClusterHandle, resolved: ResolvedObject, order: PodOrder,
  timeoutMs: number): Promise<PodForObject> {
  let pods = podsForObject(cluster.api, resolved, order);
  if (!pods.length) {
    const found = await waitUntil(cluster, () => (pods = podsForObject(cluster.api, resolved, order)).length > 0, timeoutMs);
    if (!found) throw new RawError('error: timed out waiting for the condition');
  }
  return firstPod(pods, order);
}
