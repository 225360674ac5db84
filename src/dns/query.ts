// CoreDNS as kubeadm (and so kind) configures it: the `kubernetes` plugin authoritative for
// cluster.local and the reverse zones (pods insecure, fallthrough for in-addr.arpa/ip6.arpa,
// ttl 30), and `forward . /etc/resolv.conf` for every other name. The logic follows CoreDNS
// 1.11 (plugin/kubernetes parse.go, kubernetes.go findServices/findPods, reverse.go, and
// plugin/backend_lookup.go A/SRV/SOA): names are parsed right to left, services and endpoints
// are matched case-insensitively, only ready endpoints are published, and an answer with no
// records is NODATA (NOERROR with the zone's SOA) while an unknown name is NXDOMAIN.
//
// Forwarding: an mk cluster lives on a host with no way out. CoreDNS forwards to the node's
// resolver (kind points it at Docker's embedded DNS on the network gateway), which can only
// fail to reach any upstream and answers SERVFAIL; CoreDNS relays that. So every name outside
// the cluster zone, and a reverse lookup of an address no Service owns, is SERVFAIL — never an
// invented address.
import type { Service } from '../api/core/service/schema.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { Node } from '../api/core/node/schema.js';

export interface DnsInputs {
  services: Service[];
  slices: EndpointSlice[];
  pods: Pod[];
  /** Namespaces that exist; CoreDNS answers NXDOMAIN under any other. Defaults to the system
   * namespaces and those the objects above live in. */
  namespaces?: string[];
  /** The kind nodes: Docker's embedded DNS (what dnsPolicy Default pods ask) knows their names. */
  nodes?: Node[];
}

/**
 * A resource record. `name` and names inside `data` are written without the final dot; A data
 * is the address, CNAME/PTR data the target, SRV data "priority weight port target", SOA data
 * "mname rname serial refresh retry expire minimum".
 */
export interface RR { name: string; type: 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'SOA'; ttl: number; data: string }

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  answers: RR[];
  /** Whether the server answered for its own zone (the AA flag): CoreDNS's kubernetes plugin does. */
  authoritative?: boolean;
  /** The authority section: the zone's SOA on NXDOMAIN and NODATA. */
  authority?: RR[];
  /** The additional section: addresses of SRV targets. */
  additional?: RR[];
}

export type QType = RR['type'];

export const CLUSTER_DOMAIN = 'cluster.local';
const TTL = 30;
const ZONES = [CLUSTER_DOMAIN, 'in-addr.arpa', 'ip6.arpa'];
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** One record source as CoreDNS's msg.Service: a host (IP or name), a port, and the key naming it. */
interface Found { host: string; port: number; key: string[] }

class NameError extends Error {}

const SERVFAIL: DnsAnswer = { rcode: 'SERVFAIL', answers: [] };

const lower = (s: string) => s.toLowerCase();
const eq = (a: string, b: string) => lower(a) === lower(b);
const isIPv4 = (s: string) => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
const isIPv6 = (s: string) => s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);
const isIP = (s: string) => isIPv4(s) || isIPv6(s);

/** A query name without its final dot. */
export function trimDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function zoneOf(qname: string): string | undefined {
  const l = lower(qname);
  return ZONES.find((z) => l === z || l.endsWith(`.${z}`));
}

function namespaceExists(inputs: DnsInputs, ns: string): boolean {
  if (inputs.namespaces) return inputs.namespaces.some((n) => eq(n, ns));
  if (SYSTEM_NAMESPACES.includes(lower(ns))) return true;
  return [...inputs.services, ...inputs.pods, ...inputs.slices].some((o) => eq(o.metadata.namespace ?? 'default', ns));
}

interface Request { port: string; protocol: string; endpoint: string; service: string; namespace: string; podOrSvc: string }

/** parseRequest: the labels left of the zone, read from the right. */
function parseRequest(qname: string, zone: string): Request {
  const r: Request = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const base = qname.length > zone.length ? qname.slice(0, qname.length - zone.length - 1) : '';
  if (base === '' || eq(base, 'svc') || eq(base, 'pod')) return r;
  const segs = base.split('.');
  let last = segs.length - 1;
  r.podOrSvc = lower(segs[last]);
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') throw new NameError();
  if (--last < 0) return r;
  r.namespace = segs[last];
  if (--last < 0) return r;
  r.service = segs[last];
  if (--last < 0) return r;
  const strip = (s: string) => (s.startsWith('_') ? s.slice(1) : s);
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) {
    r.protocol = strip(segs[1]);
    r.port = strip(segs[0]);
  } else throw new NameError();
  return r;
}

/** endpointHostname: the EndpointSlice's hostname, else the address with dashes. */
function endpointHostname(hostname: string | undefined, ip: string): string {
  if (hostname) return hostname;
  return ip.replace(/[.:]/g, '-');
}

const matchPortProto = (rPort: string, name: string, rProto: string, proto: string) =>
  (rPort === '' || eq(rPort, name)) && (rProto === '' || eq(rProto, proto));

const sliceService = (s: EndpointSlice) => s.metadata.labels?.['kubernetes.io/service-name'];

/** The ready addresses of a Service's EndpointSlices with their ports (CoreDNS's EndpointSliceToEndpoints). */
function endpointsOf(inputs: DnsInputs, ns: string, name: string): { ip: string; hostname?: string; ports: { name: string; protocol: string; port: number }[] }[] {
  const out: { ip: string; hostname?: string; ports: { name: string; protocol: string; port: number }[] }[] = [];
  for (const s of inputs.slices) {
    if (!eq(s.metadata.namespace ?? 'default', ns) || !eq(sliceService(s) ?? '', name)) continue;
    const ports = s.ports?.length
      ? s.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? '', port: p.port ?? -1 }))
      : [{ name: '', protocol: '', port: -1 }];
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const ip of e.addresses) out.push({ ip, ...(e.hostname ? { hostname: e.hostname } : {}), ports });
    }
  }
  return out;
}

function findServices(inputs: DnsInputs, r: Request): Found[] {
  if (!namespaceExists(inputs, r.namespace)) throw new NameError();
  if (r.service === '') return [];
  let found = false;
  const out: Found[] = [];
  for (const svc of inputs.services) {
    const ns = svc.metadata.namespace ?? 'default';
    if (!eq(ns, r.namespace) || !eq(svc.metadata.name, r.service)) continue;
    const key = [svc.metadata.name, ns, 'svc', CLUSTER_DOMAIN];
    if (svc.spec?.type === 'ExternalName') {
      if (r.endpoint || r.port || r.protocol) continue;
      const target = svc.spec.externalName ?? '';
      // Only a name is published (as a CNAME); an address in externalName is not.
      if (target && !isIP(target)) {
        out.push({ host: trimDot(target), port: 0, key });
        found = true;
      }
      continue;
    }
    if (svc.spec?.clusterIP === 'None' || r.endpoint) {
      for (const ep of endpointsOf(inputs, ns, svc.metadata.name)) {
        const host = endpointHostname(ep.hostname, ep.ip);
        if (r.endpoint && !eq(r.endpoint, host)) continue;
        for (const p of ep.ports) {
          if (!matchPortProto(r.port, p.name, r.protocol, p.protocol)) continue;
          out.push({ host: ep.ip, port: p.port, key: [host, ...key] });
          found = true;
        }
      }
      continue;
    }
    const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
    for (const p of svc.spec?.ports ?? []) {
      if (!matchPortProto(r.port, p.name ?? '', r.protocol, p.protocol ?? 'TCP')) continue;
      found = true;
      for (const ip of ips) out.push({ host: ip, port: p.port, key });
    }
  }
  if (!found) throw new NameError();
  return out;
}

function findPods(inputs: DnsInputs, r: Request): Found[] {
  if (!namespaceExists(inputs, r.namespace)) throw new NameError();
  if (r.service === '') return [];
  const podname = r.service;
  const ip = (podname.split('-').length === 4 && !podname.includes('--')) ? podname.replace(/-/g, '.') : podname.replace(/-/g, ':');
  // pods insecure: the address is taken from the name without asking whether such a pod exists.
  if (!isIP(ip)) throw new NameError();
  return [{ host: ip, port: 0, key: [podname, r.namespace, 'pod', CLUSTER_DOMAIN] }];
}

/** Records(): what the kubernetes plugin knows under a forward name of the cluster zone. */
function records(inputs: DnsInputs, qname: string): Found[] {
  const r = parseRequest(qname, CLUSTER_DOMAIN);
  if (r.podOrSvc === '') return [];
  if (!namespaceExists(inputs, r.namespace)) throw new NameError();
  return r.podOrSvc === 'pod' ? findPods(inputs, r) : findServices(inputs, r);
}

/** The address a reverse name stands for (`4.3.2.1.in-addr.arpa` → 1.2.3.4), if it is a whole one. */
export function addressFromReverse(qname: string): string | undefined {
  const l = lower(trimDot(qname));
  if (l.endsWith('.in-addr.arpa')) {
    const parts = l.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4) return undefined;
    const ip = parts.reverse().join('.');
    return isIPv4(ip) ? ip : undefined;
  }
  if (l.endsWith('.ip6.arpa')) {
    const nibbles = l.slice(0, -'.ip6.arpa'.length).split('.');
    if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return undefined;
    const hex = nibbles.reverse().join('');
    const groups = hex.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ''));
    return compressIPv6(groups);
  }
  return undefined;
}

function compressIPv6(groups: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** The reverse name of an address (`1.2.3.4` → `4.3.2.1.in-addr.arpa`), as resolvers build it. */
export function reverseName(ip: string): string | undefined {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return undefined;
}

/** serviceRecordForIP: a ClusterIP names its Service; a ready endpoint address names itself under each Service it backs. */
function reverseRecords(inputs: DnsInputs, ip: string): string[] {
  for (const svc of inputs.services) {
    const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
    if (ips.includes(ip)) return [`${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`];
  }
  const out: string[] = [];
  for (const s of inputs.slices) {
    const svcName = sliceService(s);
    if (!svcName) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false || !e.addresses.includes(ip)) continue;
      out.push(`${endpointHostname(e.hostname, ip)}.${svcName}.${s.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`);
    }
  }
  return out;
}

/** The newest change among the objects CoreDNS watches, in Unix seconds: its SOA serial. */
function serial(inputs: DnsInputs): number {
  let max = 0;
  for (const o of [...inputs.services, ...inputs.slices, ...inputs.pods]) {
    for (const t of [o.metadata.creationTimestamp, ...(o.metadata.managedFields ?? []).map((f) => f.time)]) {
      const ms = t ? Date.parse(t) : NaN;
      if (ms > max) max = ms;
    }
  }
  return Math.floor(max / 1000);
}

function soa(inputs: DnsInputs, zone: string): RR {
  return { name: zone, type: 'SOA', ttl: TTL, data: `ns.dns.${zone} hostmaster.${zone} ${serial(inputs)} 7200 1800 86400 ${TTL}` };
}

/** An authoritative reply without records: NXDOMAIN or NODATA, with the zone's SOA. */
function backendError(inputs: DnsInputs, zone: string, rcode: 'NOERROR' | 'NXDOMAIN'): DnsAnswer {
  return { rcode, answers: [], authoritative: true, authority: [soa(inputs, zone)] };
}

/** plugin.A / plugin.AAAA over what records() found. */
function addresses(inputs: DnsInputs, qname: string, qtype: 'A' | 'AAAA', found: Found[], depth = 0): RR[] {
  const out: RR[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    if (!isIP(f.host)) {
      if (eq(f.host, qname) || depth > 7) continue;
      const cname: RR = { name: qname, type: 'CNAME', ttl: TTL, data: f.host };
      if (zoneOf(f.host) === CLUSTER_DOMAIN) {
        let next: RR[] = [];
        try {
          next = addresses(inputs, f.host, qtype, records(inputs, f.host), depth + 1);
        } catch (e) {
          if (!(e instanceof NameError)) throw e;
        }
        if (next.length) out.push(cname, ...next);
        continue;
      }
      // The target is outside the cluster: CoreDNS asks upstream, which fails here, and keeps the CNAME alone.
      out.push(cname);
      continue;
    }
    if ((qtype === 'A') !== isIPv4(f.host) || seen.has(f.host)) continue;
    seen.add(f.host);
    out.push({ name: qname, type: qtype, ttl: TTL, data: f.host });
  }
  return out;
}

/** plugin.SRV: weights share 100 per priority; targets are the keys' names, their addresses go in the additional section. */
function srv(inputs: DnsInputs, qname: string, found: Found[]): { answers: RR[]; additional: RR[] } {
  const answers: RR[] = [];
  const additional: RR[] = [];
  const total = found.length * 100;
  const seen = new Set<string>();
  const lookedUp = new Set<string>();
  for (const f of found) {
    if (f.port === -1) continue;
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    if (!isIP(f.host)) {
      answers.push({ name: qname, type: 'SRV', ttl: TTL, data: `0 ${weight} ${f.port} ${f.host}` });
      if (lookedUp.has(f.host)) continue;
      lookedUp.add(f.host);
      if (zoneOf(f.host) === CLUSTER_DOMAIN) {
        try {
          additional.push(...addresses(inputs, f.host, 'A', records(inputs, f.host)));
        } catch (e) {
          if (!(e instanceof NameError)) throw e;
        }
      }
      continue;
    }
    const target = f.key.join('.');
    if (!seen.has(`${target}|${f.port}`)) {
      seen.add(`${target}|${f.port}`);
      answers.push({ name: qname, type: 'SRV', ttl: TTL, data: `0 ${weight} ${f.port} ${target}` });
    }
    if (!seen.has(`${target}|${f.host}`)) {
      seen.add(`${target}|${f.host}`);
      additional.push({ name: target, type: isIPv4(f.host) ? 'A' : 'AAAA', ttl: TTL, data: f.host });
    }
  }
  return { answers, additional };
}

/** CoreDNS's answer to one question, as the cluster's kube-dns Service serves it. */
export function queryCluster(inputs: DnsInputs, qnameIn: string, qtype: QType): DnsAnswer {
  const qname = trimDot(qnameIn);
  const zoneName = zoneOf(qname);
  if (!zoneName) return SERVFAIL;
  const zone = qname.slice(qname.length - zoneName.length);
  const reverse = zoneName !== CLUSTER_DOMAIN;
  try {
    if (reverse) {
      const ip = addressFromReverse(qname);
      // fallthrough in-addr.arpa ip6.arpa: what the plugin does not know goes upstream.
      if (qtype !== 'PTR' || !ip) return SERVFAIL;
      const names = reverseRecords(inputs, ip);
      if (!names.length) return SERVFAIL;
      return { rcode: 'NOERROR', authoritative: true, answers: names.map((data) => ({ name: qname, type: 'PTR', ttl: TTL, data })) };
    }
    let answers: RR[] = [];
    let additional: RR[] = [];
    switch (qtype) {
      case 'A': case 'AAAA':
        answers = addresses(inputs, qname, qtype, records(inputs, qname));
        break;
      case 'CNAME':
        answers = records(inputs, qname).filter((f) => !isIP(f.host)).map((f) => ({ name: qname, type: 'CNAME', ttl: TTL, data: f.host }));
        break;
      case 'SRV':
        ({ answers, additional } = srv(inputs, qname, records(inputs, qname)));
        break;
      case 'SOA':
        if (eq(qname, zone)) answers = [soa(inputs, zone)];
        else records(inputs, qname);
        break;
      case 'PTR':
        // A forward name has no PTR; the fake A lookup tells NODATA from NXDOMAIN.
        records(inputs, qname);
        break;
    }
    if (!answers.length) return backendError(inputs, zone, 'NOERROR');
    return { rcode: 'NOERROR', authoritative: true, answers, ...(additional.length ? { additional } : {}) };
  } catch (e) {
    if (e instanceof NameError) return backendError(inputs, zone, 'NXDOMAIN');
    throw e;
  }
}
