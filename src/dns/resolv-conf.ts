// /etc/resolv.conf: what the kubelet writes for a pod (GetPodDNS in pkg/kubelet/network/dns,
// written by containerd's parseDNSOptions), and how resolvers read it back.
import type { Pod } from '../api/core/pod/schema.js';
import { CLUSTER_DOMAIN } from './query.js';

/** kube-dns's ClusterIP, the kubelet's --cluster-dns on a kubeadm (kind) node. */
export const CLUSTER_DNS_IP = '10.96.0.10';
/** Docker's embedded DNS as kind rewrites it into the node's resolv.conf: the network's gateway. */
export const NODE_DNS_IP = '172.18.0.1';

export interface ResolvConf { nameservers: string[]; search: string[]; options: string[] }

/** The node's own resolv.conf as the kubelet parses it (kind's: Docker's embedded DNS, ndots:0). */
const NODE_RESOLV: ResolvConf = { nameservers: [NODE_DNS_IP], search: [], options: ['ndots:0'] };

const unique = (xs: string[]) => [...new Set(xs)];

/** mergeDNSOptions: the pod's dnsConfig options override same-named ones. */
function mergeOptions(base: string[], extra: { name?: string; value?: string }[]): string[] {
  const m = new Map<string, string>();
  for (const o of base) {
    const i = o.indexOf(':');
    if (i >= 0) m.set(o.slice(0, i), o.slice(i + 1));
    else m.set(o, '');
  }
  for (const o of extra) if (o.name) m.set(o.name, o.value ?? '');
  return [...m].map(([k, v]) => (v ? `${k}:${v}` : k));
}

/** GetPodDNS: the pod's nameservers, search list and options from its dnsPolicy and dnsConfig. */
export function podDnsConfig(pod: Pod): ResolvConf {
  const ns = pod.metadata.namespace ?? 'default';
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  let conf: ResolvConf;
  if (policy === 'None') conf = { nameservers: [], search: [], options: [] };
  else if (policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork)) {
    conf = {
      nameservers: [CLUSTER_DNS_IP],
      search: unique([`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...NODE_RESOLV.search]),
      options: ['ndots:5'],
    };
  } else conf = { ...NODE_RESOLV };
  const dc = pod.spec.dnsConfig;
  if (dc) {
    conf = {
      nameservers: unique([...conf.nameservers, ...(dc.nameservers ?? [])]),
      search: unique([...conf.search, ...(dc.searches ?? [])]),
      options: mergeOptions(conf.options, dc.options ?? []),
    };
  }
  return conf;
}

/** The file containerd writes from a DNS config. */
export function formatResolvConf(c: ResolvConf): string {
  return (c.search.length ? `search ${c.search.join(' ')}\n` : '')
    + (c.nameservers.length ? `nameserver ${c.nameservers.join('\nnameserver ')}\n` : '')
    + (c.options.length ? `options ${c.options.join(' ')}\n` : '');
}

/** The pod's /etc/resolv.conf. */
export function podResolvConf(pod: Pod): string {
  return formatResolvConf(podDnsConfig(pod));
}

export interface ParsedResolvConf { nameservers: string[]; search: string[]; ndots: number; timeout: number; attempts: number }

/** A resolver's reading of resolv.conf: the last search/domain line wins, ndots defaults to 1, at most 3 servers. */
export function parseResolvConf(text: string): ParsedResolvConf {
  const out: ParsedResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  for (const line of text.split('\n')) {
    const [key, ...args] = line.trim().split(/\s+/);
    if (!key || key.startsWith('#') || key.startsWith(';')) continue;
    if (key === 'nameserver' && args[0] && out.nameservers.length < 3) out.nameservers.push(args[0]);
    else if (key === 'search' || key === 'domain') out.search = args.filter((d) => d !== '.');
    else if (key === 'options') {
      for (const o of args) {
        const m = /^(ndots|timeout|attempts):(\d+)$/.exec(o);
        if (m) out[m[1] as 'ndots' | 'timeout' | 'attempts'] = Math.min(Number(m[2]), m[1] === 'ndots' ? 15 : m[1] === 'timeout' ? 30 : 5);
      }
    }
  }
  return out;
}
