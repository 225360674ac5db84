// kubectl describe ingress and ingressclass (IngressDescriber and IngressClassDescriber in
// kubectl 1.32's describe.go). A service backend shows its endpoints from the Service's
// EndpointSlices, limited to the Service port the backend names.
import type { Ingress, IngressBackend } from '../../api/networking/ingress/schema.js';
import type { IngressClass } from '../../api/networking/ingressclass/schema.js';
import { LABEL_SERVICE_NAME } from '../../api/discovery/endpointslice/labels.js';
import type { EndpointSlice } from '../../api/discovery/endpointslice/schema.js';
import type { Service } from '../../api/core/service/schema.js';
import type { KubeObject } from '../../api/object.js';
import { loadBalancerStatusStringer } from '../../api/core/service/table.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';
import { formatEndpointSlices } from './service.js';

const ENDPOINT_SLICE_RESOURCE = 'endpointslices.discovery.k8s.io';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** describeBackendV1. */
function describeBackend(client: DescribeClient, ns: string, backend: IngressBackend): string {
  const svc = backend.service;
  if (svc) {
    const port = svc.port ?? {};
    const sb = `${svc.name}:${port.number ? port.number : port.name ?? ''}`;
    let slices: EndpointSlice[];
    let service: Service;
    try {
      slices = client.list<KubeObject>(ENDPOINT_SLICE_RESOURCE, { namespace: ns })
        .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.name) as unknown as EndpointSlice[];
      service = client.get<KubeObject>('services', ns, svc.name) as unknown as Service;
    } catch (e) {
      return `${sb} (<error: ${errorText(e)}>)`;
    }
    let spName = '';
    for (const sp of service.spec?.ports ?? []) {
      if (port.number && port.number === sp.port) spName = sp.name ?? '';
      else if (port.name && port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  const r = backend.resource;
  if (r) return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  return '';
}

export function describeIngressObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const ing = obj as unknown as Ingress;
  const ns = ing.metadata.namespace ?? '';
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  const spec = ing.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerStatusStringer(ing.status?.loadBalancer, true)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const defaultBackend = spec.defaultBackend ? describeBackend(client, ns, spec.defaultBackend) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    if (spec.tls?.length) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) {
        const hosts = (t.hosts ?? []).join(',');
        w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const p of rule.http.paths) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackend(client, ns, p.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    if (events) describeEvents(events, w, opts.now);
  });
}

export function describeIngressClassObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const ic = obj as unknown as IngressClass;
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (p.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind}\n`);
      w.write(LEVEL_1, `Name:\t${p.name}\n`);
    }
    if (events) describeEvents(events, w, opts.now);
  });
}
