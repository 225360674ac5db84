// Where kube-proxy's rules send a packet: the node's nat table is walked from PREROUTING (or
// OUTPUT for the node's own traffic) exactly as written by syncProxyRules — the statistic
// matches drawing from the given random source, the recent matches reading and writing the
// affinity lists — and, when nothing DNATs it, the filter table decides whether it is rejected
// (a Service without endpoints) or dropped (Local policy without local endpoints).
import { cidrContains } from '../api/ipv4.js';
import type { AffinityTable } from './affinity.js';
import type { Match, Rule, Table } from './iptables.js';
import { rulesByChain } from './iptables.js';
import type { ProxyInputs } from './service-ports.js';
import type { ProxyTables } from './sync.js';
import { syncProxyRules } from './sync.js';

export type { ProxyInputs } from './service-ports.js';
export type { AffinityTable } from './affinity.js';

export interface Packet { node: string; srcIP: string; dstIP: string; dstPort: number; protocol: 'TCP' | 'UDP' | 'SCTP' }

export type Route =
  | { kind: 'pass' } // no rule matched: the packet goes to dstIP:dstPort as addressed
  | { kind: 'dnat'; ip: string; port: number; service: { namespace: string; name: string; port: string } }
  | { kind: 'reject' } // a Service port with no usable endpoints (kube-proxy's REJECT): the client sees connection refused
  | { kind: 'drop' }; // Local traffic policy and no endpoint on this node: the client sees a timeout

type Verdict = { v: 'dnat'; to: string; service: { namespace: string; name: string; port: string } } | { v: 'ACCEPT' | 'DROP' | 'REJECT' };

interface Walk {
  packet: Packet;
  proto: string;
  rand: () => number;
  affinity?: AffinityTable;
  now: number;
  mark: number;
  isLocal: (ip: string) => boolean;
  index: Map<string, Rule[]>;
}

function matches(m: Match, w: Walk): boolean {
  const p = w.packet;
  switch (m.m) {
    case 'comment':
    case 'nfacct': return true;
    case 'proto': return m.proto === w.proto && (m.dport === undefined || m.dport === p.dstPort);
    // xt_statistic: (prandom_u32() & 0x7FFFFFFF) < threshold.
    case 'statistic': return Math.floor(w.rand() * 0x80000000) < m.threshold;
    case 'recent': {
      if (m.op === 'set') {
        w.affinity?.record(p.node, m.name, p.srcIP, w.now);
        return true;
      }
      const last = w.affinity?.lastSeen(p.node, m.name, p.srcIP);
      return last !== undefined && (m.seconds === undefined || w.now - last < m.seconds * 1000);
    }
    case 'addrtype': return (!m.srcType || w.isLocal(p.srcIP)) && (!m.dstType || w.isLocal(p.dstIP));
    case 'mark': return ((w.mark & m.mask) === m.mark) !== !!m.negate;
    // A packet kube-proxy's rules decide about is the first of its connection, not yet DNATed.
    case 'conntrack': return m.ctstate.split(',').includes('NEW') !== !!m.negate;
  }
}

function ruleMatches(r: Rule, w: Walk): boolean {
  const p = w.packet;
  if (r.src && cidrContains(r.src.cidr, p.srcIP) === !!r.src.negate) return false;
  if (r.dst && cidrContains(r.dst.cidr, p.dstIP) === !!r.dst.negate) return false;
  if (r.proto && r.proto !== w.proto) return false;
  // Every match module of a rule is evaluated in order until one fails, as the kernel does.
  for (const m of r.matches) if (!matches(m, w)) return false;
  return true;
}

/** Walks a chain; undefined means it fell off the end (or RETURNed) back to its caller. */
function walkChain(chain: string, w: Walk, depth = 0): Verdict | undefined {
  if (depth > 32) return undefined;
  for (const r of w.index.get(chain) ?? []) {
    if (!ruleMatches(r, w)) continue;
    const t = r.target;
    switch (t.j) {
      case 'none': continue;
      case 'RETURN': return undefined;
      case 'MARK': w.mark = (w.mark & ~t.mask) ^ t.value; continue;
      case 'chain': {
        const v = walkChain(t.chain, w, depth + 1);
        if (v) return v;
        continue;
      }
      case 'DNAT': return { v: 'dnat', to: t.to, service: t.service };
      case 'MASQUERADE': return { v: 'ACCEPT' };
      default: return { v: t.j };
    }
  }
  return undefined;
}

const builtCache = new WeakMap<ProxyInputs, Map<string, ProxyTables>>();

/** The node's tables for these inputs, built once per inputs object. */
export function proxyTables(inputs: ProxyInputs, node: string): ProxyTables {
  const perNode = builtCache.get(inputs) ?? new Map<string, ProxyTables>();
  builtCache.set(inputs, perNode);
  let tables = perNode.get(node);
  if (!tables) {
    tables = syncProxyRules(inputs, node);
    perNode.set(node, tables);
  }
  return tables;
}

export function routePacket(inputs: ProxyInputs, packet: Packet, rand: () => number, affinity?: AffinityTable, now = 0): Route {
  const tables = proxyTables(inputs, packet.node);
  const isLocal = (ip: string) => cidrContains('127.0.0.0/8', ip) || tables.localAddresses.includes(ip);
  const base = { packet, proto: packet.protocol.toLowerCase(), rand, affinity, now, mark: 0, isLocal };
  const fromNode = isLocal(packet.srcIP);
  const nat = walkChain(fromNode ? 'OUTPUT' : 'PREROUTING', { ...base, index: natIndex(tables) });
  if (nat?.v === 'dnat') {
    const i = nat.to.lastIndexOf(':');
    return { kind: 'dnat', ip: nat.to.slice(0, i), port: Number(nat.to.slice(i + 1)), service: nat.service };
  }
  const entry = fromNode ? 'OUTPUT' : isLocal(packet.dstIP) ? 'INPUT' : 'FORWARD';
  const verdict = walkChain(entry, { ...base, index: filterIndex(tables) });
  if (verdict?.v === 'REJECT') return { kind: 'reject' };
  if (verdict?.v === 'DROP') return { kind: 'drop' };
  return { kind: 'pass' };
}

const indexes = new WeakMap<Table, Map<string, Rule[]>>();
function tableIndex(t: Table): Map<string, Rule[]> {
  let i = indexes.get(t);
  if (!i) indexes.set(t, (i = rulesByChain(t)));
  return i;
}
const natIndex = (t: ProxyTables) => tableIndex(t.nat);
const filterIndex = (t: ProxyTables) => tableIndex(t.filter);
