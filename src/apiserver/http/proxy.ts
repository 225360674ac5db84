// The proxy subresources: /api/v1/namespaces/{ns}/services/{[scheme:]name[:port]}/proxy/{path} and
// the same for pods. The API server picks the address as the service and pod registries'
// ResourceLocation do (a port number is matched to the service port's name, a ready endpoint of
// that port is taken at random) and sends the request from where kube-apiserver runs, the
// control-plane node's network, passing the backend's answer back as it is.
import type { Pod } from '../../api/core/pod/schema.js';
import type { Service } from '../../api/core/service/schema.js';
import type { EndpointSlice } from '../../api/discovery/endpointslice/schema.js';
import { connectTo, type NetDeps } from '../../net/connect.js';
import type { HttpRequest, HttpResponse } from '../../net/servers.js';
import type { Rand } from '../../sim/rand.js';
import { badRequest, notFound, serviceUnavailable } from '../errors.js';
import type { ApiServer } from '../server.js';

export interface ProxyTarget { ip: string; port: number; scheme: string }

/** utilnet.SplitSchemeNamePort: `name`, `name:port`, `scheme:name:port`. */
function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  if (parts.length === 1) return { scheme: '', name: parts[0], port: '' };
  if (parts.length === 2) return { scheme: '', name: parts[0], port: parts[1] };
  if (parts.length === 3 && (parts[0] === 'http' || parts[0] === 'https' || parts[0] === '')) return { scheme: parts[0], name: parts[1], port: parts[2] };
  return undefined;
}

/** The service registry's ResourceLocation. */
export function serviceLocation(api: ApiServer, rand: Pick<Rand, 'int'>, namespace: string, id: string): ProxyTarget {
  const parsed = splitSchemeNamePort(id);
  if (!parsed || !parsed.name) throw badRequest(`invalid service request "${id}"`);
  const svc = api.tryGet<Service>('services', namespace, parsed.name);
  if (!svc) throw notFound('services', parsed.name);
  let portName = parsed.port;
  if (/^\d+$/.test(portName)) {
    const declared = (svc.spec?.ports ?? []).find((p) => p.port === Number(portName));
    if (!declared) throw serviceUnavailable(`no service port ${portName} found for service "${parsed.name}"`);
    portName = declared.name ?? '';
  }
  const slices = api.list<EndpointSlice>('endpointslices.discovery.k8s.io', { namespace })
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === parsed.name);
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port?.port) continue;
    const ready = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false && e.addresses.length);
    if (!ready.length) continue;
    const pick = ready[ready.length === 1 ? 0 : rand.int(ready.length)];
    return { ip: pick.addresses[0], port: port.port, scheme: parsed.scheme };
  }
  throw serviceUnavailable(`no endpoints available for service "${id}"`);
}

/** The pod registry's ResourceLocation: the named port, else the first container port declared, else none (80). */
export function podLocation(api: ApiServer, namespace: string, id: string): ProxyTarget {
  const parsed = splitSchemeNamePort(id);
  if (!parsed || !parsed.name) throw badRequest(`invalid pod request "${id}"`);
  const pod = api.tryGet<Pod>('pods', namespace, parsed.name);
  if (!pod) throw notFound('pods', parsed.name);
  let port = /^\d+$/.test(parsed.port) ? Number(parsed.port) : undefined;
  if (parsed.port && port === undefined) {
    port = pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === parsed.port)?.containerPort;
  }
  if (!parsed.port) port = pod.spec.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort;
  if (!pod.status?.podIP) throw badRequest(`address not allocated yet for pod "${parsed.name}"`);
  return { ip: pod.status.podIP, port: port ?? 80, scheme: parsed.scheme };
}

/** Sends the request to the target from kube-apiserver's pod (host network of the control-plane node). */
export function proxyTo(net: NetDeps, target: ProxyTarget, req: HttpRequest): HttpResponse {
  const apiserver = net.view.pods.find((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.component === 'kube-apiserver');
  const conn = connectTo(net, apiserver ? { kind: 'pod', pod: apiserver } : { kind: 'host' }, target.ip, target.port);
  const address = `${target.ip}:${target.port}`;
  if (conn.kind === 'refused') throw serviceUnavailable(`error trying to reach service: dial tcp ${address}: connect: connection refused`);
  if (conn.kind !== 'open') throw serviceUnavailable(`error trying to reach service: dial tcp ${address}: i/o timeout`);
  if (conn.tls !== (target.scheme === 'https')) {
    if (target.scheme === 'https') throw serviceUnavailable('error trying to reach service: tls: first record does not look like a TLS handshake');
  }
  const answer = conn.exchange({ ...req, host: address, tls: target.scheme === 'https' });
  if (answer.kind !== 'http') throw serviceUnavailable(`error trying to reach service: EOF`);
  return answer.response;
}
