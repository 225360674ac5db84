// BIND 9's clients as Debian jessie's dnsutils ships them (9.9.5, the version in
// registry.k8s.io/e2e-test-images/jessie-dnsutils): nslookup, dig and host, sharing dighost.c's
// lookup logic — a name with fewer dots than ndots tries the search list first and itself
// last, only NXDOMAIN moves on to the next candidate, each try waits 5 s three times for a
// reply. Their UDP sockets are not connected, so an ICMP reject is never heard: no reply is a
// timeout.
import type { DnsAnswer, QType, RR } from '../query.js';
import { isTimeout } from '../resolver.js';
import { parseResolvConf } from '../resolv-conf.js';
import { type ToolIO, type ToolQType, RCODE_NUMBER, askAny, fqdn, messageId, messageSize, parseQType, ptrName, rdataText } from './io.js';

export const DIG_VERSION = '9.9.5-9+deb8u19-Debian';
const TRIES = 3;
const UDP_TIMEOUT_MS = 5000;

interface Lookup { textname: string; type: ToolQType; search: boolean }

type Outcome = { name: string; answer: DnsAnswer } | { timeout: true };

/** The names dighost tries for a lookup, in order. */
function candidates(textname: string, search: string[], ndots: number, usesearch: boolean): string[] {
  if (textname.endsWith('.')) return [textname.slice(0, -1)];
  const dots = (textname.match(/\./g) ?? []).length;
  const withSearch = search.map((d) => `${textname}.${d}`);
  if (!usesearch || !search.length) return [textname];
  if (dots >= ndots) return textname.split('.').length > ndots ? [textname] : [textname, ...withSearch];
  return [...withSearch, textname];
}

/** Runs one lookup against a server: the reply printed (the first that is not NXDOMAIN, or the last), or a timeout. */
function runLookup(io: ToolIO, server: string, l: Lookup): Outcome {
  const conf = parseResolvConf(io.resolvConf ?? '');
  const names = candidates(l.textname, conf.search, conf.ndots, l.search);
  let last: Outcome = { timeout: true };
  for (const name of names) {
    const r = askAny(io, server, name, l.type);
    if (isTimeout(r)) {
      io.wait(TRIES * UDP_TIMEOUT_MS);
      return { timeout: true };
    }
    last = { name, answer: r };
    if (r.rcode !== 'NXDOMAIN') break;
  }
  return last;
}

const defaultServer = (io: ToolIO) => parseResolvConf(io.resolvConf ?? '').nameservers[0] ?? '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// nslookup

const NSLOOKUP_RTYPE: Record<QType, string> = {
  A: 'internet address = ', AAAA: 'has AAAA address ', CNAME: 'canonical name = ', SRV: 'service = ', PTR: 'name = ', SOA: 'soa = ',
};

function nslookupRecords(io: ToolIO, rrs: RR[]): void {
  for (const rr of rrs) {
    if (rr.type === 'A') io.out(`Name:\t${rr.name}\nAddress: ${rr.data}\n`);
    else if (rr.type === 'SOA') {
      const [m, r, serial, refresh, retry, expire, minimum] = rdataText(rr).split(' ');
      io.out(`${rr.name}\n\torigin = ${m}\n\tmail addr = ${r}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}\n`);
    } else io.out(`${rr.name}\t${NSLOOKUP_RTYPE[rr.type]}${rdataText(rr)}\n`);
  }
}

export function bindNslookup(io: ToolIO, args: string[]): number {
  let type: ToolQType = 'A';
  const rest: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|ty|querytype|query|q)=(.*)$/i.exec(a);
    if (m) {
      const t = parseQType(m[1]);
      if (!t) io.out(`unknown query type: ${m[1]}\n`);
      else type = t;
    } else if (a.startsWith('-')) {
      if (!/^-(no)?(debug|d2|search|recurse|vc|fail|defname)$|^-(timeout|retry|port|domain|class|ndots)=/.test(a)) io.out(`*** Invalid option: ${a.slice(1)}\n`);
    } else rest.push(a);
  }
  if (!rest.length) {
    // No name: the interactive mode, which reads commands from a terminal the exec has not given.
    return 0;
  }
  const [name, serverArg] = rest;
  const server = serverArg ?? defaultServer(io);
  const ptr = ptrName(name);
  const lookup: Lookup = ptr ? { textname: ptr, type: 'PTR', search: true } : { textname: name, type, search: true };
  const r = runLookup(io, server, lookup);
  let code = 0;
  if ('timeout' in r) {
    io.out(';; connection timed out; no servers could be reached\n');
    code = 1;
  } else {
    io.out(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
    if (r.answer.rcode !== 'NOERROR') {
      io.out(`** server can't find ${r.name}: ${r.answer.rcode}\n`);
      code = 1;
    } else {
      if (!r.answer.authoritative) io.out('Non-authoritative answer:\n');
      if (r.answer.answers.length) nslookupRecords(io, r.answer.answers);
      else io.out(`*** Can't find ${lookup.textname}: No answer\n`);
      if (!r.answer.authoritative && lookup.type !== 'A') {
        io.out('\nAuthoritative answers can be found from:\n');
        nslookupRecords(io, [...(r.answer.authority ?? []), ...(r.answer.additional ?? [])]);
      }
    }
  }
  io.out('\n');
  return code;
}

// ---------------------------------------------------------------------------------------------
// dig

/** A master-file line being written: text and the column BIND's masterdump counts. */
class Line {
  text = '';
  col = 0;
  add(s: string): this {
    this.text += s;
    this.col += s.length;
    return this;
  }

  /** masterdump's indent(): tabs of 8 then spaces up to the column, at least one step past the text. */
  indent(target: number): this {
    const to = Math.max(target, this.col + 1);
    let from = this.col;
    const tabs = Math.max(0, Math.floor(to / 8) - Math.floor(from / 8));
    if (tabs > 0) {
      this.text += '\t'.repeat(tabs);
      from = Math.floor(to / 8) * 8;
    }
    this.text += ' '.repeat(to - from);
    this.col = to;
    return this;
  }
}

/** One record in dig's default style (columns 24, 32, 40, 48). */
function rrLine(rr: RR): string {
  return `${new Line().add(fqdn(rr.name)).indent(24).add(String(rr.ttl)).indent(32).add('IN').indent(40).add(rr.type).indent(48).add(rdataText(rr)).text}\n`;
}

/** The question, after the `;` that is not counted in the columns. */
function questionLine(name: string, type: ToolQType): string {
  return `;${new Line().add(fqdn(name)).indent(32).add('IN').indent(40).add(type).text}\n`;
}

interface DigOptions { short: boolean; cmd: boolean; comments: boolean; question: boolean; answer: boolean; authority: boolean; additional: boolean; stats: boolean; search: boolean }

export function dig(io: ToolIO, args: string[]): number {
  const o: DigOptions = { short: false, cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true, search: false };
  let server: string | undefined;
  let name: string | undefined;
  let type: ToolQType | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a.startsWith('+')) {
      const m = /^\+(no)?([a-z]+)/.exec(a);
      if (!m) continue;
      const on = !m[1];
      const opt = m[2];
      const sections = ['question', 'answer', 'authority', 'additional'] as const;
      if ('short'.startsWith(opt) && opt.length >= 2) {
        o.short = on;
        if (on) Object.assign(o, { cmd: false, comments: false, question: false, authority: false, additional: false, stats: false, answer: true });
      } else if (opt === 'all') for (const k of [...sections, 'comments', 'stats', 'cmd'] as const) o[k] = on;
      else if (opt === 'cmd') o.cmd = on;
      else if (opt.startsWith('comm')) o.comments = on;
      else if (opt.startsWith('stat')) o.stats = on;
      else if (opt.startsWith('sea')) o.search = on;
      else {
        const s = sections.find((x) => x.startsWith(opt) && opt.length >= 2);
        if (s) o[s] = on;
      }
    } else if (a === '-x' && args[i + 1]) {
      name = ptrName(args[++i]) ?? args[i];
      type = 'PTR';
    } else if ((a === '-t' || a === '-q') && args[i + 1]) {
      if (a === '-t') type = parseQType(args[++i]) ?? type;
      else name = args[++i];
    } else if (!a.startsWith('-')) {
      const t = parseQType(a);
      if (t && name !== undefined && type === undefined) type = t;
      else if (t && name === undefined && type === undefined && args.slice(i + 1).some((x) => !x.startsWith('+') && !x.startsWith('@') && !x.startsWith('-'))) type = t;
      else name ??= a;
    }
  }
  const qname = name ?? '.';
  // With no name dig asks for the root's name servers.
  const qtype: ToolQType = type ?? (name === undefined ? 'NS' : 'A');
  const srv = server ?? defaultServer(io);
  const cmdline = o.cmd ? `\n; <<>> DiG ${DIG_VERSION} <<>> ${args.join(' ')}\n${server ? '; (1 server found)\n' : ''};; global options:${o.short ? ' +short' : ''} +cmd\n` : '';
  const r = runLookup(io, srv, { textname: qname === '.' ? '.' : qname, type: qtype, search: o.search });
  if ('timeout' in r) {
    io.out(`${cmdline};; connection timed out; no servers could be reached\n`);
    return 9;
  }
  const a = r.answer;
  if (o.short) {
    for (const rr of a.answers) io.out(`${rdataText(rr)}\n`);
    return 0;
  }
  let text = cmdline;
  if (o.comments) {
    const flags = ['qr', ...(a.authoritative ? ['aa'] : []), 'rd'].join(' ');
    text += ';; Got answer:\n';
    text += `;; ->>HEADER<<- opcode: QUERY, status: ${a.rcode}, id: ${messageId(`${r.name}/${qtype}/${io.now()}`)}\n`;
    text += `;; flags: ${flags}; QUERY: 1, ANSWER: ${a.answers.length}, AUTHORITY: ${(a.authority ?? []).length}, ADDITIONAL: ${(a.additional ?? []).length + 1}\n`;
    text += ';; WARNING: recursion requested but not available\n';
    text += '\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n';
  }
  const section = (title: string, rrs: RR[]) => {
    if (!rrs.length) return;
    if (o.comments) text += `;; ${title} SECTION:\n`;
    for (const rr of rrs) text += rrLine(rr);
    if (o.comments) text += '\n';
  };
  if (o.question) {
    if (o.comments) text += ';; QUESTION SECTION:\n';
    text += questionLine(r.name, qtype);
    if (o.comments) text += '\n';
  }
  if (o.answer) section('ANSWER', a.answers);
  if (o.authority) section('AUTHORITY', a.authority ?? []);
  if (o.additional) section('ADDITIONAL', a.additional ?? []);
  if (o.stats) {
    text += `;; Query time: 0 msec\n;; SERVER: ${srv}#53(${srv})\n;; WHEN: ${whenText(io.now())}\n;; MSG SIZE  rcvd: ${messageSize(r.name, a, true)}\n\n`;
  }
  io.out(text);
  return 0;
}

/** strftime "%a %b %d %H:%M:%S %Z %Y" in the container's zone (UTC). */
function whenText(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------
// host

const HOST_RTYPE: Partial<Record<ToolQType, string>> = { A: 'has address', AAAA: 'has IPv6 address', CNAME: 'is an alias for', PTR: 'domain name pointer' };

export function host(io: ToolIO, args: string[]): number {
  let type: ToolQType | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-t' && args[i + 1]) type = parseQType(args[++i]) ?? type;
    else if (!args[i].startsWith('-')) rest.push(args[i]);
  }
  if (!rest.length) {
    io.err('Usage: host [-aCdlriTwv] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] hostname [server]\n');
    return 1;
  }
  const [name, serverArg] = rest;
  const server = serverArg ?? defaultServer(io);
  if (serverArg) io.out(`Using domain server:\nName: ${serverArg}\nAddress: ${serverArg}#53\nAliases: \n\n`);
  const ptr = ptrName(name);
  const defaults = !type && !ptr;
  const lookups: Lookup[] = [ptr ? { textname: ptr, type: 'PTR', search: false } : { textname: name, type: type ?? 'A', search: true }];
  let error = false;
  for (let i = 0; i < lookups.length; i++) {
    const l = lookups[i];
    const r = runLookup(io, server, l);
    if ('timeout' in r) {
      io.out(';; connection timed out; no servers could be reached\n');
      return 1;
    }
    const a = r.answer;
    if (a.rcode !== 'NOERROR') {
      io.out(`Host ${a.rcode === 'NXDOMAIN' ? l.textname : r.name} not found: ${RCODE_NUMBER[a.rcode]}(${a.rcode})\n`);
      error = true;
      continue;
    }
    if (defaults && l.type === 'A') {
      // The AAAA and MX lookups follow for the name the CNAME chain ends at.
      let target = r.name;
      for (const rr of a.answers) if (rr.type === 'CNAME' && rr.name.toLowerCase() === target.toLowerCase()) target = rr.data;
      lookups.push({ textname: `${target}.`, type: 'AAAA', search: false }, { textname: `${target}.`, type: 'MX', search: false });
    }
    for (const rr of a.answers) {
      const what = HOST_RTYPE[rr.type] ?? `has ${rr.type} record`;
      io.out(`${rr.name} ${what} ${rdataText(rr)}\n`);
    }
    if (!defaults && !a.answers.length) io.out(`${r.name} has no ${l.type} record\n`);
  }
  return error ? 1 : 0;
}
