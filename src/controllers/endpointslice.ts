// The endpointslice controller (pkg/controller/endpointslice with k8s.io/endpointslice's
// reconciler, release-1.32): for every Service with a selector, EndpointSlices named
// `<service>-<5 chars>` holding one endpoint per selected pod that has an IP (terminating pods
// too, not ready), grouped by the ports the pod's targetPorts resolve to, at most 100 per slice.
// A Service without endpoints keeps one placeholder slice. Slices no longer needed are reused
// for new ones before being deleted, so a Service's slice keeps its name as pods come and go.
import type { Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import { LAST_CHANGE_TRIGGER_TIME } from '../api/core/endpoints/schema.js';
import type { Endpoint, EndpointSlice, EndpointSlicePort } from '../api/discovery/endpointslice/schema.js';
import { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../api/discovery/endpointslice/schema.js';
import { deepEqual } from '../api/deep-equal.js';
import type { KubeObject } from '../api/object.js';
import type { Controller, ControllerContext } from './controller.js';
import { isPodReady, newControllerRef } from './controller-utils.js';
import { HEADLESS_LABEL } from './endpoints.js';
import {
  computeTriggerTime, findPort, forgetTriggerTimes, podIPv4, podsForService, serviceKeysFor, servicesForKey,
  shouldPodBeInEndpoints, shouldSetHostname, withTriggerTime,
} from './endpoints-util.js';

const NAME = 'endpointslice';
const RESOURCE = 'endpointslices.discovery.k8s.io';
/** --max-endpoints-per-slice's default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export const endpointSliceController: Controller = {
  name: NAME,
  watches: ['services', 'pods', RESOURCE],
  keysFor(ev) {
    if (ev.resource === RESOURCE) {
      // A slice changed or removed by someone else is put back from its Service.
      const svc = ev.object.metadata.labels?.[LABEL_SERVICE_NAME];
      if (ev.type === 'ADDED' || !svc || ev.object.metadata.labels?.[LABEL_MANAGED_BY] !== ENDPOINTSLICE_CONTROLLER_NAME) return [];
      return [`${ev.object.metadata.namespace ?? ''}/${svc}`];
    }
    return serviceKeysFor(ev.resource, ev.object);
  },
  reconcile(key, ctx) {
    for (const { namespace, name, service } of servicesForKey(key, ctx)) syncService(namespace, name, service, ctx);
  },
};

/** v1.LabelTopologyZone. */
const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** podToEndpoint; the zone is the node's topology label. */
function podToEndpoint(pod: Pod, ip: string, svc: Service, node: KubeObject | undefined): Endpoint {
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  return {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** getEndpointPorts. */
function endpointPorts(svc: Service, pod: Pod): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = [];
  if (!svc.spec?.ports?.length && svc.spec?.clusterIP === 'None') return out;
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port, ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** NewPortMapKey: the port set, order aside. */
const portMapKey = (ports: EndpointSlice['ports']) => JSON.stringify([...(ports ?? [])].map((p) => [p.name ?? '', p.protocol ?? '', p.port ?? null, p.appProtocol ?? null]).sort());
const endpointKey = (e: Endpoint) => e.targetRef?.uid ?? e.addresses.join(',');

/** setEndpointSliceLabels. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== HEADLESS_LABEL) labels[k] = v;
  }
  if (!svc.spec?.clusterIP || svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
  return labels;
}

interface Desired {
  ports: EndpointSlicePort[];
  endpoints: Map<string, Endpoint>;
}

function syncService(namespace: string, name: string, svc: Service | undefined, ctx: ControllerContext): void {
  if (!svc) {
    // The garbage collector removes the slices through their owner reference.
    forgetTriggerTimes(NAME, namespace, name, ctx);
    return;
  }
  if (svc.spec?.type === 'ExternalName' || svc.spec?.selector === undefined) return;
  const pods = podsForService(svc, ctx);
  const triggerTime = computeTriggerTime(NAME, svc, pods, ctx);

  const desired = new Map<string, Desired>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const node = pod.spec.nodeName ? ctx.api.tryGet('nodes', undefined, pod.spec.nodeName) : undefined;
    // A pod bound to a node that does not exist is skipped (the pod GC will remove it), unless
    // the Service publishes not-ready addresses.
    if (pod.spec.nodeName && !node && svc.spec.publishNotReadyAddresses !== true) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    let d = desired.get(key);
    if (!d) desired.set(key, d = { ports, endpoints: new Map() });
    const e = podToEndpoint(pod, ip, svc, node);
    d.endpoints.set(endpointKey(e), e);
  }

  const existing = (ctx.api.list(RESOURCE, { namespace, labelSelector: `${LABEL_SERVICE_NAME}=${name},${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}` }) as unknown as EndpointSlice[])
    .filter((s) => !s.metadata.deletionTimestamp)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const owned = (s: EndpointSlice) => s.metadata.ownerReferences?.some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1') ?? false;
  const labels = sliceLabels(svc);

  const toCreate: EndpointSlice[] = [];
  const toUpdate: EndpointSlice[] = [];
  const toDelete: EndpointSlice[] = [];
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const key = portMapKey(s.ports);
    if (desired.has(key) && s.addressType === 'IPv4') byPorts.set(key, [...(byPorts.get(key) ?? []), s]);
    else toDelete.push(s);
  }
  for (const [key, d] of desired) {
    const remaining = new Map(d.endpoints);
    const partial: EndpointSlice[] = [];
    // reconcileByPortMapping: existing endpoints updated in place or dropped; new ones fill the
    // fullest slices with room, then new slices.
    for (const s of byPorts.get(key) ?? []) {
      const kept: Endpoint[] = [];
      for (const e of s.endpoints ?? []) {
        const want = remaining.get(endpointKey(e));
        if (!want) continue;
        kept.push(want);
        remaining.delete(endpointKey(e));
      }
      const labelsChanged = !deepEqual(s.metadata.labels ?? {}, labels);
      if (kept.length === 0) { toDelete.push(s); continue; }
      const next = { ...s, endpoints: kept, metadata: { ...s.metadata, labels } };
      if (labelsChanged || !deepEqual(kept, s.endpoints ?? [])) toUpdate.push(next);
      else partial.push(next);
    }
    const fresh = [...remaining.values()].sort((a, b) => (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? ''));
    // Updated slices first, then untouched ones with room, as the upstream fill order.
    for (const s of [...toUpdate.filter((u) => portMapKey(u.ports) === key), ...partial]) {
      while (fresh.length && (s.endpoints?.length ?? 0) < MAX_ENDPOINTS_PER_SLICE) {
        s.endpoints = [...(s.endpoints ?? []), fresh.shift()!];
        if (!toUpdate.includes(s)) toUpdate.push(s);
      }
    }
    while (fresh.length) toCreate.push(newSlice(svc, labels, d.ports, fresh.splice(0, MAX_ENDPOINTS_PER_SLICE)));
  }
  // A Service with no endpoints keeps one placeholder slice.
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = newSlice(svc, labels, [], []);
    if (toDelete.length === 1 && isPlaceholderOf(toDelete[0], placeholder)) toDelete.length = 0;
    else toCreate.push(placeholder);
  }
  // Slices to delete become the slices to create, keeping their names.
  for (let i = 0; i < toDelete.length && toCreate.length > 0;) {
    const old = toDelete[i];
    if (old.addressType === 'IPv4' && owned(old)) {
      const s = toCreate.pop()!;
      toUpdate.push({ ...s, metadata: { ...old.metadata, labels: s.metadata.labels, ownerReferences: s.metadata.ownerReferences } });
      toDelete.splice(i, 1);
    } else {
      i++;
    }
  }
  for (const s of toCreate) write(s, triggerTime, 'create', ctx);
  for (const s of toUpdate) write(s, triggerTime, 'update', ctx);
  for (const s of toDelete) ctx.api.delete(RESOURCE, namespace, s.metadata.name);
}

/** placeholderSliceCompare: the same labels, owner and ports, and no endpoints. */
function isPlaceholderOf(s: EndpointSlice, placeholder: EndpointSlice): boolean {
  return !s.endpoints?.length && !s.ports?.length && s.addressType === placeholder.addressType
    && deepEqual(s.metadata.labels ?? {}, placeholder.metadata.labels ?? {})
    && deepEqual(s.metadata.ownerReferences ?? [], placeholder.metadata.ownerReferences ?? []);
}

/** newEndpointSlice. */
function newSlice(svc: Service, labels: Record<string, string>, ports: EndpointSlicePort[], endpoints: Endpoint[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      name: '', generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels,
      ownerReferences: [newControllerRef(svc as unknown as KubeObject, 'v1', 'Service')],
    },
    addressType: 'IPv4',
    endpoints: endpoints.length ? endpoints : null,
    ports: ports.length ? ports : null,
  };
}

function write(s: EndpointSlice, triggerTime: number | undefined, op: 'create' | 'update', ctx: ControllerContext): void {
  const annotations = withTriggerTime(s.metadata.annotations, LAST_CHANGE_TRIGGER_TIME, triggerTime);
  const metadata = { ...s.metadata, ...(annotations ? { annotations } : {}) };
  if (!annotations) delete metadata.annotations;
  if (op === 'create') delete (metadata as { name?: string }).name;
  const obj = { ...s, metadata, endpoints: s.endpoints?.length ? s.endpoints : null, ports: s.ports?.length ? s.ports : null } as unknown as KubeObject;
  if (op === 'create') ctx.api.create(RESOURCE, obj);
  else ctx.api.update(RESOURCE, obj);
}
