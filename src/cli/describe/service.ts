// kubectl describe service (ServiceDescriber in kubectl 1.32's describe.go). Endpoints come from
// the Service's EndpointSlices (label kubernetes.io/service-name), ready addresses only.
import type { Service } from '../../api/core/service/schema.js';
import { joinHostPort } from '../../api/core/endpoints/table.js';
import { LABEL_SERVICE_NAME } from '../../api/discovery/endpointslice/labels.js';
import type { EndpointSlice } from '../../api/discovery/endpointslice/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { formatLabels, printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

const ENDPOINT_SLICE_RESOURCE = 'endpointslices.discovery.k8s.io';

export function describeServiceObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const svc = obj as Service;
  let slices: EndpointSlice[] = [];
  try {
    slices = (client.list<KubeObject>(ENDPOINT_SLICE_RESOURCE, { namespace: svc.metadata.namespace })
      .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name) as unknown as EndpointSlice[]);
  } catch {
    // kubectl ignores a failed list: the Service then shows no endpoints.
    slices = [];
  }
  const events = opts.showEvents ? searchEvents(client, refFor(svc)) : undefined;
  return describeService(svc, slices, events, opts.now);
}


/** formatEndpointSlices: up to three `ip:port`, then `+ N more...`; a nil `ports` means all ports. */
export function formatEndpointSlices(slices: EndpointSlice[], ports: ReadonlySet<string> | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const isReady = (e: { conditions?: { ready?: boolean } }) => e.conditions?.ready === undefined || e.conditions.ready;
  for (const slice of slices) {
    if (!slice.ports?.length) {
      // A headless Service without ports: addresses only.
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses[0], port.port ?? 0));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

type LoadBalancerIngress = NonNullable<NonNullable<NonNullable<Service['status']>['loadBalancer']>['ingress']>[number];

function buildIngressString(ingress: LoadBalancerIngress[]): string {
  return ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : i.hostname ?? '')).join(', ');
}

export function describeService(svc: Service, slices: EndpointSlice[], events: ReturnType<typeof searchEvents> | undefined,
  now: number): string {
  const spec = svc.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${buildIngressString(ingress)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const protocol = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${protocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? '']))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}
