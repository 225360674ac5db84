// The network between a pod's resolver and a nameserver, and the resolver itself (musl's or
// glibc's getaddrinfo over /etc/hosts and /etc/resolv.conf).
//
// A nameserver address is answered by whatever owns it: kube-dns's ClusterIP reaches a CoreDNS
// pod through kube-proxy only while the Service has ready endpoints (else kube-proxy REJECTs the
// packet: ICMP port unreachable); a CoreDNS pod's own IP answers while it runs; the node
// resolver (Docker's embedded DNS) knows the node containers' names and, with no upstream
// reachable, fails everything else with SERVFAIL; any other address never answers.
import type { Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import { type DnsAnswer, type DnsInputs, type QType, queryCluster, trimDot } from './query.js';
import { NODE_DNS_IP, parseResolvConf } from './resolv-conf.js';

/** No reply before the resolver gave up; `refused` when an ICMP port unreachable came back instead. */
export interface DnsTimeout { timeout: true; refused?: boolean }

export type DnsReply = DnsAnswer | DnsTimeout;

export const isTimeout = (r: DnsReply): r is DnsTimeout => 'timeout' in r;

const isDnsServer = (pod: Pod | undefined) =>
  !!pod && pod.status?.phase === 'Running' && pod.spec.containers.some((c) => /(^|\/)coredns(:|@|$)/.test(c.image ?? ''));

function serviceIPs(s: Service): string[] {
  return s.spec?.clusterIPs?.length ? s.spec.clusterIPs : s.spec?.clusterIP && s.spec.clusterIP !== 'None' ? [s.spec.clusterIP] : [];
}

/** The pod a Service's DNS port (53/UDP) is DNATed to, 'reject' when it has no ready endpoint, undefined when no rule matches. */
function serviceBackend(inputs: DnsInputs, svc: Service): Pod | 'reject' | undefined {
  const port = svc.spec?.ports?.find((p) => p.port === 53 && (p.protocol ?? 'TCP') === 'UDP');
  if (!port) return undefined;
  const ns = svc.metadata.namespace ?? 'default';
  for (const s of inputs.slices) {
    if ((s.metadata.namespace ?? 'default') !== ns || s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    if (!(s.ports ?? []).some((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === 'UDP')) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      const ref = e.targetRef;
      const pod = inputs.pods.find((p) => ref?.kind === 'Pod' && p.metadata.name === ref.name && (p.metadata.namespace ?? 'default') === (ref.namespace ?? ns))
        ?? inputs.pods.find((p) => p.status?.podIP !== undefined && e.addresses.includes(p.status.podIP));
      if (pod) return pod;
    }
  }
  return 'reject';
}

/** Docker's embedded DNS on the kind network: the node containers by name, SERVFAIL for what it must ask upstream. */
function nodeResolver(inputs: DnsInputs, qname: string, qtype: QType): DnsAnswer {
  const node = (inputs.nodes ?? []).find((n) => n.metadata.name.toLowerCase() === trimDot(qname).toLowerCase());
  if (!node) return { rcode: 'SERVFAIL', answers: [] };
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (qtype !== 'A' || !ip) return { rcode: 'NOERROR', answers: [] };
  return { rcode: 'NOERROR', answers: [{ name: trimDot(qname), type: 'A', ttl: 600, data: ip }] };
}

/** One question sent to `server` (an IP): the reply, or the silence the client waits out. */
export function exchange(inputs: DnsInputs, server: string, qname: string, qtype: QType): DnsReply {
  if (server === NODE_DNS_IP) return nodeResolver(inputs, qname, qtype);
  const svc = inputs.services.find((s) => serviceIPs(s).includes(server));
  if (svc) {
    const backend = serviceBackend(inputs, svc);
    if (backend === undefined) return { timeout: true };
    if (backend === 'reject' || !isDnsServer(backend)) return { timeout: true, refused: true };
    return queryCluster(inputs, qname, qtype);
  }
  const pod = inputs.pods.find((p) => p.status?.podIP === server && !p.spec.hostNetwork);
  if (pod) return isDnsServer(pod) ? queryCluster(inputs, qname, qtype) : { timeout: true, refused: true };
  return { timeout: true };
}

export type ResolveResult = { fqdn: string; addresses: string[] } | { error: 'NXDOMAIN' | 'SERVFAIL' | 'timeout' };

export interface ResolveOptions {
  /** The container's /etc/hosts, read before DNS. */
  hosts?: string;
  /** musl (busybox, Alpine) stops searching at the first answer, even an empty one; glibc (Debian) goes on past empty answers and SERVFAIL. */
  libc?: 'musl' | 'glibc';
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;

/** The addresses /etc/hosts gives a name. */
export function hostsLookup(hosts: string, name: string): string[] {
  const want = trimDot(name).toLowerCase();
  const out: string[] = [];
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && names.some((n) => n.toLowerCase() === want)) out.push(ip);
  }
  return out;
}

/**
 * getaddrinfo(name) in a container: an address literal is itself, then /etc/hosts, then DNS over
 * the resolv.conf search list (tried first when the name has fewer than ndots dots), A and AAAA
 * asked together of the nameservers in turn.
 */
export function resolveHost(inputs: DnsInputs, name: string, resolvConf: string, opts: ResolveOptions = {}): ResolveResult {
  return resolveWith((server, q, t) => exchange(inputs, server, q, t), name, resolvConf, opts);
}

/** One question to one server: the network's answer (exchange over the cluster, or a shell's dns hook). */
export type Ask = (server: string, qname: string, qtype: QType) => DnsReply;

/** resolveHost over any way of asking a server. */
export function resolveWith(ask: Ask, name: string, resolvConf: string, opts: ResolveOptions = {}): ResolveResult {
  if (IPV4.test(name) || (name.includes(':') && /^[0-9a-fA-F:.]+$/.test(name))) return { fqdn: name, addresses: [name] };
  if (opts.hosts !== undefined) {
    const fromHosts = hostsLookup(opts.hosts, name);
    if (fromHosts.length) return { fqdn: trimDot(name), addresses: fromHosts };
  }
  const conf = parseResolvConf(resolvConf);
  const libc = opts.libc ?? 'musl';
  const dots = (name.match(/\./g) ?? []).length;
  const absolute = name.endsWith('.');
  const bare = trimDot(name);

  type Outcome = { fqdn: string; addresses: string[] } | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'timeout';
  const lookup = (fqdn: string): Outcome => {
    for (const server of conf.nameservers.length ? conf.nameservers : ['127.0.0.1']) {
      const replies = (['A', 'AAAA'] as const).map((t) => ask(server, fqdn, t));
      if (replies.some(isTimeout)) continue;
      const answers = replies as DnsAnswer[];
      if (answers.some((a) => a.rcode === 'SERVFAIL')) return 'SERVFAIL';
      if (answers.some((a) => a.rcode === 'NXDOMAIN')) return 'NXDOMAIN';
      const addresses = answers.flatMap((a) => a.answers.filter((rr) => rr.type === 'A' || rr.type === 'AAAA').map((rr) => rr.data));
      return addresses.length ? { fqdn, addresses } : 'NODATA';
    }
    return 'timeout';
  };

  const candidates: string[] = [];
  const searchable = !absolute && conf.search.length > 0;
  if (libc === 'musl') {
    if (searchable && dots < conf.ndots) for (const d of conf.search) candidates.push(`${bare}.${d}`);
    candidates.push(bare);
  } else {
    if (absolute || dots >= conf.ndots) candidates.push(bare);
    if (searchable) for (const d of conf.search) candidates.push(`${bare}.${d}`);
    if (!candidates.includes(bare)) candidates.push(bare);
  }

  let worst: 'NXDOMAIN' | 'SERVFAIL' = 'NXDOMAIN';
  for (const fqdn of candidates) {
    const r = lookup(fqdn);
    if (typeof r === 'object') return r;
    if (r === 'timeout') return { error: 'timeout' };
    if (libc === 'musl') {
      // musl goes on to the next candidate only on NXDOMAIN.
      if (r === 'SERVFAIL') return { error: 'SERVFAIL' };
      if (r === 'NODATA') return { error: 'NXDOMAIN' };
      continue;
    }
    if (r === 'SERVFAIL') worst = 'SERVFAIL';
  }
  return { error: worst };
}
