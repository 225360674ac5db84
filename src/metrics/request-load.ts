// Request load between pods: a pod whose container loops HTTP requests to a Service name (the HPA
// walkthrough's `while sleep 0.01; do wget -q -O- http://php-apache; done`) keeps one client's
// worth of requests going, spread evenly over the Service's ready endpoints. The servers behind
// them spend CPU on it as their image's profile says (usage.ts), which is what metrics-server,
// `mk top` and the HPA see. The Service name is resolved here, through the Service and its
// EndpointSlices, by resolveServiceEndpoints alone, so that it can later follow cluster DNS and
// kube-proxy's routing instead.
import type { Container, Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';

/** discovery.LabelServiceName: the Service an EndpointSlice belongs to. */
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** A loop (while/until/for) whose body fetches http(s)://HOST with wget or curl. */
const LOOP = /\b(?:while|until|for)\b/;
const FETCH = /\b(?:wget|curl)\b[^;&|]*?\bhttps?:\/\/([A-Za-z0-9.-]+)/g;

/** The hosts a container keeps requesting in a loop. */
export function loopedRequestHosts(c: Pick<Container, 'command' | 'args'>): string[] {
  const text = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  if (!LOOP.test(text)) return [];
  return [...text.matchAll(FETCH)].map((m) => m[1].toLowerCase());
}

interface EndpointSliceLike {
  endpoints?: { conditions?: { ready?: boolean }; targetRef?: { kind?: string; name?: string } }[];
}

/**
 * The pods a request from `namespace` to `host` can reach: `svc`, `svc.ns`, `svc.ns.svc` or
 * `svc.ns.svc.cluster.local` names a Service, whose ready endpoints (EndpointSlices labelled with
 * its name) back it. Undefined when the name does not resolve to a Service.
 */
export function resolveServiceEndpoints(api: Pick<Api, 'tryGet' | 'list'>, namespace: string, host: string): string[] | undefined {
  const parts = host.replace(/\.$/, '').split('.');
  const suffix = parts.slice(2).join('.');
  if (parts.length > 2 && suffix !== 'svc' && suffix !== 'svc.cluster.local') return undefined;
  const name = parts[0];
  const ns = parts[1] ?? namespace;
  if (!api.tryGet('services', ns, name)) return undefined;
  const pods = new Set<string>();
  for (const s of api.list<KubeObject>('endpointslices.discovery.k8s.io', { namespace: ns })) {
    if (s.metadata.labels?.[SERVICE_NAME_LABEL] !== name) continue;
    for (const ep of (s as unknown as EndpointSliceLike).endpoints ?? []) {
      if (ep.conditions?.ready !== false && ep.targetRef?.kind === 'Pod' && ep.targetRef.name) pods.add(ep.targetRef.name);
    }
  }
  return [...pods].map((p) => `${ns}/${p}`);
}

/**
 * How many looping clients each server pod (`ns/name`) serves at `t`: each client counts 1,
 * divided among the endpoints it reaches. `running` tells whether a client's container was
 * running at `t`.
 */
export function requestClients(api: Pick<Api, 'tryGet' | 'list'>, running: (pod: Pod, container: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of api.list<Pod>('pods', { contains: '://' })) {
    if (pod.metadata.deletionTimestamp) continue;
    const ns = pod.metadata.namespace ?? 'default';
    for (const c of pod.spec.containers) {
      const hosts = loopedRequestHosts(c);
      if (hosts.length === 0 || !running(pod, c.name)) continue;
      for (const host of hosts) {
        const targets = resolveServiceEndpoints(api, ns, host);
        if (!targets?.length) continue;
        for (const t of targets) out.set(t, (out.get(t) ?? 0) + 1 / (hosts.length * targets.length));
      }
    }
  }
  return out;
}
