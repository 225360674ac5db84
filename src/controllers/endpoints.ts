// The endpoints controller (pkg/controller/endpoint, release-1.32): for every Service with a
// selector, an Endpoints object of the same name listing the selected pods' IPs with the ports
// their targetPorts resolve to, ready pods under addresses and the others under
// notReadyAddresses (all under addresses with publishNotReadyAddresses). Services without a
// selector (`kubernetes`, manual endpoints) are left alone.
import type { Endpoints, EndpointAddress, EndpointSubset } from '../api/core/endpoints/schema.js';
import { LAST_CHANGE_TRIGGER_TIME } from '../api/core/endpoints/schema.js';
import { repackSubsets } from '../api/core/endpoints/repack.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import { deepEqual } from '../api/deep-equal.js';
import type { KubeObject } from '../api/object.js';
import type { Controller, ControllerContext } from './controller.js';
import { isPodReady } from './controller-utils.js';
import {
  computeTriggerTime, findPort, forgetTriggerTimes, podIPv4, podsForService, serviceKeysFor, servicesForKey,
  shouldPodBeInEndpoints, shouldSetHostname, withTriggerTime,
} from './endpoints-util.js';

const NAME = 'endpoint';
/** v1.IsHeadlessService. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export const endpointsController: Controller = {
  name: NAME,
  watches: ['services', 'pods', 'endpoints'],
  keysFor(ev) {
    // A deleted or changed Endpoints object is put back from its Service.
    if (ev.resource === 'endpoints') return ev.type === 'ADDED' ? [] : serviceKeysFor('services', ev.object);
    return serviceKeysFor(ev.resource, ev.object);
  },
  reconcile(key, ctx) {
    for (const { namespace, name, service } of servicesForKey(key, ctx)) syncService(namespace, name, service, ctx);
  },
};

function isServiceIPSet(svc: Service): boolean {
  return !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';
}

function syncService(namespace: string, name: string, svc: Service | undefined, ctx: ControllerContext): void {
  if (!svc) {
    // The Service is gone: so are its Endpoints (unless nothing made them).
    forgetTriggerTimes(NAME, namespace, name, ctx);
    const ep = ctx.api.tryGet('endpoints', namespace, name);
    if (ep && !ep.metadata.deletionTimestamp) ctx.api.delete('endpoints', namespace, name);
    return;
  }
  if (svc.spec?.type === 'ExternalName' || svc.spec?.selector === undefined) return;
  const pods = podsForService(svc, ctx);
  const triggerTime = computeTriggerTime(NAME, svc, pods, ctx);
  const tolerateUnready = svc.spec.publishNotReadyAddresses === true;
  let subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const epa: EndpointAddress = {
      ip,
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    const ports = svc.spec.ports ?? [];
    if (ports.length === 0) {
      if (svc.spec.clusterIP === 'None') subsets.push(subsetFor(pod, epa, undefined, tolerateUnready));
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      subsets.push(subsetFor(pod, epa, {
        ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
      }, tolerateUnready));
    }
  }
  subsets = repackSubsets(subsets);

  const current = ctx.api.tryGet('endpoints', namespace, name) as unknown as Endpoints | undefined;
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (isServiceIPSet(svc)) delete labels[HEADLESS_LABEL];
  else labels[HEADLESS_LABEL] = '';
  if (current) {
    const compareLabels = { ...(current.metadata.labels ?? {}) };
    delete compareLabels[HEADLESS_LABEL];
    if (deepEqual(current.subsets ?? [], subsets) && deepEqual(compareLabels, svc.metadata.labels ?? {})) return;
  }
  const annotations = withTriggerTime(current?.metadata.annotations, LAST_CHANGE_TRIGGER_TIME, triggerTime);
  const metadata = {
    ...(current?.metadata ?? { name, namespace }),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  };
  if (!Object.keys(labels).length) delete metadata.labels;
  if (!annotations) delete metadata.annotations;
  const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length ? { subsets } : {}) } as unknown as KubeObject;
  if (current) ctx.api.update('endpoints', ep);
  else ctx.api.create('endpoints', ep);
}

/** addEndpointSubset: one address with one port, ready or not. */
function subsetFor(pod: Pod, epa: EndpointAddress, port: EndpointSubset['ports'] extends (infer P)[] | undefined ? P | undefined : never,
  tolerateUnready: boolean): EndpointSubset {
  const ports = port ? [port] : [];
  return tolerateUnready || isPodReady(pod) ? { addresses: [epa], ports } : { notReadyAddresses: [epa], ports };
}
