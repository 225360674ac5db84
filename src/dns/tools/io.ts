// What a DNS client command needs from the container it runs in, and the wire facts every
// client prints (rcode numbers, presentation format of record data, message sizes).
import type { DnsAnswer, QType, RR } from '../query.js';
import type { DnsReply } from '../resolver.js';

export interface ToolIO {
  /** /etc/resolv.conf as the container has it (undefined when missing). */
  resolvConf: string | undefined;
  /** /etc/hosts as the container has it. */
  hosts: string | undefined;
  /** One question to one server (an IP), as the network delivers it. */
  ask(server: string, qname: string, qtype: QType): DnsReply;
  out(text: string): void;
  err(text: string): void;
  /** Time passes for the command (virtual ms): waiting out a server that does not answer. */
  wait(ms: number): void;
  /** Wall-clock time now (ms since the epoch), for dig's WHEN line. */
  now(): number;
}

export const RCODE_NUMBER: Record<DnsAnswer['rcode'], number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 };

/** Query types the clients accept by name. */
export const QTYPES: readonly QType[] = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'SOA'];

export function parseQType(s: string): ToolQType | undefined {
  const up = s.toUpperCase();
  return ([...QTYPES, ...EMPTY_TYPES] as readonly string[]).includes(up) ? (up as ToolQType) : undefined;
}

/** An absolute name as master files and BIND print it: with the final dot. */
export const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** The record data in presentation format (names absolute). */
export function rdataText(rr: RR): string {
  switch (rr.type) {
    case 'A': case 'AAAA': return rr.data;
    case 'CNAME': case 'PTR': return fqdn(rr.data);
    case 'SRV': {
      const [p, w, port, target] = rr.data.split(' ');
      return `${p} ${w} ${port} ${fqdn(target)}`;
    }
    case 'SOA': {
      const [m, r, ...nums] = rr.data.split(' ');
      return `${fqdn(m)} ${fqdn(r)} ${nums.join(' ')}`;
    }
  }
}

/** Bytes of a name on the wire, uncompressed. */
export function nameLength(name: string): number {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return labels.reduce((n, l) => n + 1 + l.length, 1);
}

function rdataLength(rr: RR): number {
  switch (rr.type) {
    case 'A': return 4;
    case 'AAAA': return 16;
    case 'CNAME': case 'PTR': return nameLength(rr.data);
    case 'SRV': return 6 + nameLength(rr.data.split(' ')[3]);
    case 'SOA': {
      const [m, r] = rr.data.split(' ');
      return nameLength(m) + nameLength(r) + 20;
    }
  }
}

/**
 * The reply's size in bytes. CoreDNS compresses names only when a reply would not fit the
 * client's buffer, so a small reply is counted uncompressed; `edns` adds the OPT record echoed
 * to an EDNS query.
 */
export function messageSize(qname: string, a: DnsAnswer, edns: boolean): number {
  let n = 12 + nameLength(qname) + 4;
  for (const rr of [...a.answers, ...(a.authority ?? []), ...(a.additional ?? [])]) n += nameLength(rr.name) + 10 + rdataLength(rr);
  return n + (edns ? 11 : 0);
}

/** A 16-bit message id that stays the same for the same question at the same moment. */
export function messageId(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) & 0xffff;
}

/** `1.2.3.4` → `4.3.2.1.in-addr.arpa`, or undefined for anything not an IPv4 address. */
export function ptrName(s: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) return undefined;
  return `${Number(m[4])}.${Number(m[3])}.${Number(m[2])}.${Number(m[1])}.in-addr.arpa`;
}

/** Types the clients can ask for that the cluster's DNS holds no records of. */
export const EMPTY_TYPES = ['NS', 'MX', 'TXT', 'ANY'] as const;
export type ToolQType = QType | typeof EMPTY_TYPES[number];

/**
 * One question of any type the clients accept. Cluster names hold no NS, MX or TXT records under
 * Services, so those are answered as CoreDNS does for a type it has nothing of: NODATA where the
 * name exists (the CNAME of an ExternalName still comes back), NXDOMAIN where it does not.
 */
export function askAny(io: ToolIO, server: string, qname: string, qtype: ToolQType): DnsReply {
  if ((QTYPES as readonly string[]).includes(qtype)) return io.ask(server, qname, qtype as QType);
  const r = io.ask(server, qname, 'CNAME');
  return 'timeout' in r ? r : { ...r, answers: r.answers.filter((rr) => rr.type === 'CNAME') };
}
