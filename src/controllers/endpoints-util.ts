// What the endpoints and endpointslice controllers share (k8s.io/endpointslice/util and
// pkg/api/v1/pod): which pods a Service selects and may list, the container port a Service port
// targets, and the last-change trigger time each controller stamps on what it writes.
import type { Pod } from '../api/core/pod/schema.js';
import type { Service, ServicePort } from '../api/core/service/schema.js';
import type { KubeObject } from '../api/object.js';
import { formatTime, parseTime } from '../apiserver/time.js';
import type { ControllerContext } from './controller.js';
import { getPodReadyCondition } from './controller-utils.js';

/** Keys of the form `pods:<namespace>`: a pod changed there, every selecting Service is synced. */
export const POD_KEY_PREFIX = 'pods:';

/** The controllers' keys for one watch event on Services or pods. */
export function serviceKeysFor(resource: string, obj: KubeObject): string[] {
  if (resource === 'pods') return [`${POD_KEY_PREFIX}${obj.metadata.namespace ?? ''}`];
  return [`${obj.metadata.namespace ?? ''}/${obj.metadata.name}`];
}

/** The Services a key names: one, or every Service of a namespace whose pods changed. */
export function servicesForKey(key: string, ctx: ControllerContext): { namespace: string; name: string; service?: Service }[] {
  if (key.startsWith(POD_KEY_PREFIX)) {
    const namespace = key.slice(POD_KEY_PREFIX.length);
    return (ctx.api.list('services', { namespace }) as unknown as Service[])
      .filter((s) => s.spec?.selector !== undefined)
      .map((s) => ({ namespace, name: s.metadata.name, service: s }));
  }
  const i = key.indexOf('/');
  const namespace = key.slice(0, i);
  const name = key.slice(i + 1);
  return [{ namespace, name, service: ctx.api.tryGet('services', namespace, name) as unknown as Service | undefined }];
}

/** The pods a Service's selector picks (a Service selects by equality on every label). */
export function podsForService(svc: Service, ctx: ControllerContext): Pod[] {
  const selector = svc.spec?.selector ?? {};
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  return ctx.api.list('pods', { namespace: svc.metadata.namespace, labelSelector }) as unknown as Pod[];
}

/** podutil.IsPodTerminal. */
function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

/** ShouldPodBeInEndpoints: not finished, has an IP, and not terminating unless those are wanted. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod's hostname is published when its subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort as is; a named one is looked up among the containers' (and
 * sidecars') ports of the same protocol. Undefined when nothing matches: the pod then gets no
 * endpoint for that port.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  const protocol = svcPort.protocol ?? 'TCP';
  const matches = (c: { ports?: { name?: string; containerPort: number; protocol?: string }[] }) =>
    c.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol)?.containerPort;
  for (const c of pod.spec.containers) {
    const port = matches(c);
    if (port !== undefined) return port;
  }
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const port = matches(c);
    if (port !== undefined) return port;
  }
  return undefined;
}

/** The pod's IPv4 address (mk's clusters are single-stack IPv4). */
export function podIPv4(pod: Pod): string | undefined {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => !ip.includes(':'));
}

interface TrackerState {
  service?: number;
  pods: Record<string, number>;
}

/**
 * TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime: the earliest change (a pod's Ready
 * transition, the Service's creation) not yet seen by the previous sync of this Service, or
 * undefined when nothing new. Upstream keeps the seen times in memory for the controller's
 * lifetime; here they live in the store's metadata, one row per controller and Service.
 */
export function computeTriggerTime(controller: string, svc: Service, pods: readonly Pod[], ctx: ControllerContext): number | undefined {
  const key = trackerKey(controller, svc.metadata.namespace ?? '', svc.metadata.name);
  const raw = ctx.store.getMeta(key);
  const state: TrackerState = raw ? JSON.parse(raw) as TrackerState : { pods: {} };
  const next: TrackerState = { pods: {} };
  let min: number | undefined;
  const consider = (t: number) => { min = min === undefined ? t : Math.min(min, t); };
  for (const pod of pods) {
    const t = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
    if (t === undefined) continue;
    next.pods[pod.metadata.name] = t;
    if (t > (state.pods[pod.metadata.name] ?? -Infinity)) consider(t);
  }
  const created = parseTime(svc.metadata.creationTimestamp);
  if (created !== undefined) {
    next.service = created;
    if (created > (state.service ?? -Infinity)) consider(created);
  }
  ctx.store.setMeta(key, JSON.stringify(next));
  return min;
}

/** TriggerTimeTracker.DeleteService. */
export function forgetTriggerTimes(controller: string, namespace: string, name: string, ctx: ControllerContext): void {
  ctx.store.setMeta(trackerKey(controller, namespace, name), undefined);
}

function trackerKey(controller: string, namespace: string, name: string): string {
  return `trigger-time/${controller}/${namespace}/${name}`;
}

/** Sets or clears the trigger-time annotation as addTriggerTimeAnnotation does. */
export function withTriggerTime(annotations: Record<string, string> | undefined, key: string, t: number | undefined): Record<string, string> | undefined {
  const out = { ...(annotations ?? {}) };
  if (t !== undefined) out[key] = formatTime(t);
  else delete out[key];
  return Object.keys(out).length ? out : undefined;
}
