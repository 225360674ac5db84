// The iptables rule model kube-proxy's rules are written in, and each rule's text as
// `iptables-save` prints it back: the addresses and protocol first (`[!] -s`, `[!] -d`, `-p`),
// then the match modules in the order they were given, then the target — whatever order
// kube-proxy passed the arguments in.

/** A source or destination address match; a bare address is a /32. */
export interface Addr { cidr: string; negate?: boolean }

export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp|udp|sctp [--dport N]`, the protocol's own match module. */
  | { m: 'proto'; proto: string; dport?: number }
  /** `-m statistic --mode random`: matches when a random 31-bit number is below `threshold`. */
  | { m: 'statistic'; threshold: number }
  /** `-m recent`: `set` records the source address in the list, `rcheck` matches one seen within `seconds`. */
  | { m: 'recent'; op: 'set' | 'rcheck'; name: string; seconds?: number; reap?: boolean }
  | { m: 'addrtype'; srcType?: 'LOCAL'; dstType?: 'LOCAL' }
  | { m: 'mark'; mark: number; mask: number; negate?: boolean }
  | { m: 'conntrack'; ctstate: string; negate?: boolean }
  /** `-m nfacct`: counts the packet in a netfilter accounting object; always matches. */
  | { m: 'nfacct'; name: string };

/** What the DNAT of a service endpoint stands for, kept with the rule for routing (never printed). */
export interface ServicePortRef { namespace: string; name: string; port: string }

export type Target =
  | { j: 'chain'; chain: string }
  | { j: 'DNAT'; to: string; service: ServicePortRef }
  | { j: 'REJECT' }
  | { j: 'DROP' }
  | { j: 'ACCEPT' }
  | { j: 'RETURN' }
  | { j: 'MASQUERADE'; randomFully: boolean }
  /** MARK --set-xmark value/mask: --or-mark X is X/X, --xor-mark X is X/0x0. */
  | { j: 'MARK'; value: number; mask: number }
  /** No target: the rule only counts packets. */
  | { j: 'none' };

export interface Rule {
  chain: string;
  src?: Addr;
  dst?: Addr;
  proto?: string;
  matches: Match[];
  target: Target;
}

export type TableName = 'mangle' | 'filter' | 'nat';

export interface Table {
  name: TableName;
  /** The built-in chains, in the order iptables-save lists them. */
  builtins: string[];
  /** User-defined chains. */
  chains: Set<string>;
  /** Rules in the order they were written; each chain keeps its own rules' order. */
  rules: Rule[];
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

export const newTable = (name: TableName): Table => ({ name, builtins: BUILTIN_CHAINS[name], chains: new Set(), rules: [] });

/**
 * The kernel keeps a probability as a 31-bit threshold: kube-proxy writes 1/n with 10 decimals
 * ("%0.10f") and iptables rounds it to the nearest multiple of 2^-31.
 */
export function statisticThreshold(n: number): number {
  return Math.round(0x80000000 * Number((1 / n).toFixed(10)));
}

/** libxt_statistic prints the threshold back as "%.11f". */
export const probabilityText = (threshold: number) => (threshold / 0x80000000).toFixed(11);

const hex = (n: number) => `0x${n.toString(16)}`;
const cidr = (a: string) => (a.includes('/') ? a : `${a}/32`);
/** xtables_save_string: comments are always quoted. */
const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

function matchText(m: Match): string {
  switch (m.m) {
    case 'comment': return `-m comment --comment ${quote(m.text)}`;
    case 'proto': return `-m ${m.proto}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`;
    case 'statistic': return `-m statistic --mode random --probability ${probabilityText(m.threshold)}`;
    case 'recent': {
      const parts = ['-m recent', m.op === 'set' ? '--set' : '--rcheck'];
      if (m.seconds) parts.push(`--seconds ${m.seconds}`);
      if (m.reap) parts.push('--reap');
      parts.push(`--name ${m.name}`, '--mask 255.255.255.255', '--rsource');
      return parts.join(' ');
    }
    case 'addrtype': return `-m addrtype${m.srcType ? ` --src-type ${m.srcType}` : ''}${m.dstType ? ` --dst-type ${m.dstType}` : ''}`;
    case 'mark': return `-m mark${m.negate ? ' !' : ''} --mark ${hex(m.mark)}/${hex(m.mask)}`;
    case 'conntrack': return `-m conntrack${m.negate ? ' !' : ''} --ctstate ${m.ctstate}`;
    case 'nfacct': return `-m nfacct --nfacct-name ${m.name}`;
  }
}

function targetText(t: Target): string {
  switch (t.j) {
    case 'chain': return `-j ${t.chain}`;
    case 'DNAT': return `-j DNAT --to-destination ${t.to}`;
    case 'REJECT': return '-j REJECT --reject-with icmp-port-unreachable';
    case 'MASQUERADE': return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'MARK': return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'none': return '';
    default: return `-j ${t.j}`;
  }
}

/** One rule as iptables-save prints it: "-A CHAIN ...". */
export function ruleText(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.src.negate ? '! ' : ''}-s ${cidr(r.src.cidr)}`);
  if (r.dst) parts.push(`${r.dst.negate ? '! ' : ''}-d ${cidr(r.dst.cidr)}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(matchText(m));
  const target = targetText(r.target);
  if (target) parts.push(target);
  return parts.join(' ');
}

/** The user-defined chains in iptables-save's order (by name, as libiptc and iptables-nft sort them). */
export const sortedChains = (t: Table) => [...t.chains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Each chain's rules, in order. */
export function rulesByChain(t: Table): Map<string, Rule[]> {
  const m = new Map<string, Rule[]>();
  for (const r of t.rules) {
    const list = m.get(r.chain);
    if (list) list.push(r);
    else m.set(r.chain, [r]);
  }
  return m;
}
