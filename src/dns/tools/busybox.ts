// busybox's nslookup applet, in its two lives (networking/nslookup.c):
// - up to 1.28: a thin wrapper over the libc resolver — `Server:`/`Address 1:` lines with the
//   reverse name of each address, `nslookup: can't resolve 'x'` on failure;
// - from 1.29: its own resolver (ported from OpenWrt) sending A and AAAA queries (one per search
//   domain for a name without a dot, from 1.30) and printing each reply as it comes, as
//   `Name:`/`Address:` or `** server can't find x: NXDOMAIN`, exit code 1 on any failed query
//   from 1.31. Replies are printed in the order the queries were sent (a real run prints them
//   as they arrive, which is usually that order).
import type { QType, RR } from '../query.js';
import { isTimeout, resolveWith } from '../resolver.js';
import { parseResolvConf } from '../resolv-conf.js';
import { type ToolIO, type ToolQType, askAny, ptrName } from './io.js';

const USAGE = `Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
`;

/** Major.minor of a busybox version, for comparisons. */
function release(version: string): number {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : 1036;
}

export function busyboxNslookup(io: ToolIO, args: string[], version: string): number {
  return release(version) <= 1028 ? legacyNslookup(io, args) : nslookup(io, args, release(version));
}

/** A reply's records as parse_reply prints them. */
function printRecords(io: ToolIO, answers: RR[]): void {
  for (const rr of answers) {
    switch (rr.type) {
      case 'A': case 'AAAA': io.out(`Name:\t${rr.name}\nAddress: ${rr.data}\n`); break;
      case 'CNAME': io.out(`${rr.name}\tcanonical name = ${rr.data}\n`); break;
      case 'PTR': io.out(`${rr.name}\tname = ${rr.data}\n`); break;
      case 'SRV': io.out(`${rr.name}\tservice = ${rr.data}\n`); break;
      case 'SOA': {
        const [m, r, serial, refresh, retry, expire, minimum] = rr.data.split(' ');
        io.out(`${rr.name}\n\torigin = ${m}\n\tmail addr = ${r}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}\n`);
        break;
      }
    }
  }
}

function nslookup(io: ToolIO, argv: string[], rel: number): number {
  const types: ToolQType[] = [];
  let timeoutS = 5;
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const [opt, val = ''] = argv[i].slice(1).split(/=(.*)/s);
    if (opt === 'type' || opt === 'querytype') {
      const t = val.toUpperCase();
      if (!['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'].includes(t)) {
        io.err(`nslookup: invalid query type "${val}"\n`);
        return 1;
      }
      if (!types.includes(t as ToolQType)) types.push(t as ToolQType);
    } else if (opt === 't' || opt === 'timeout') timeoutS = Number(val) || timeoutS;
    else if (opt !== 'port' && opt !== 'retry' && opt !== 'debug') {
      io.err(USAGE);
      return 1;
    }
  }
  const rest = argv.slice(i);
  if (!rest.length || rest.length > 2) {
    io.err(USAGE);
    return 1;
  }
  const host = rest[0];
  const conf = parseResolvConf(io.resolvConf ?? '');
  const servers = rest[1] ? [rest[1]] : conf.nameservers.length ? conf.nameservers : ['127.0.0.1'];
  // Search domains come from the search (or domain) line, and only from 1.30.
  const search = rel >= 1030 ? conf.search : [];
  const names = (t: ToolQType) => (t === 'PTR' || !search.length || host.includes('.') ? [host] : search.map((d) => `${host}.${d}`));
  const queries: { name: string; type: ToolQType }[] = [];
  // The order of busybox's qtypes[] table, which is the order the queries go out.
  const order: ToolQType[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];
  if (!types.length) {
    const ptr = ptrName(host);
    if (ptr) queries.push({ name: ptr, type: 'PTR' });
    else for (const t of ['A', 'AAAA'] as const) for (const n of names(t)) queries.push({ name: n, type: t });
  } else {
    for (const t of order.filter((x) => types.includes(x))) for (const n of names(t)) queries.push({ name: n, type: t });
  }
  let failed = false;
  for (const server of servers) {
    const replies = queries.map((q) => askAny(io, server, q.name, q.type));
    if (replies.every(isTimeout)) {
      // A connected UDP socket hears kube-proxy's ICMP reject once per round of sends.
      if (replies.some((r) => isTimeout(r) && r.refused)) {
        io.err('nslookup: read: Connection refused\n');
        io.wait((timeoutS * 1000) / 2);
        io.err('nslookup: read: Connection refused\n');
        io.wait((timeoutS * 1000) / 2);
      } else io.wait(timeoutS * 1000);
      continue;
    }
    io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    replies.forEach((r, qi) => {
      if (isTimeout(r)) return;
      if (r.rcode !== 'NOERROR') {
        io.out(`** server can't find ${queries[qi].name}: ${r.rcode}\n`);
        failed = true;
      } else {
        if (!r.authoritative) io.out('Non-authoritative answer:\n');
        printRecords(io, r.answers);
        // 1.32 and 1.33 said so for an empty (NODATA) reply; 1.34 went back to silence.
        if (!r.answers.length && rel >= 1032 && rel < 1034) io.out(`*** Can't find ${queries[qi].name}: No answer\n`);
      }
      io.out('\n');
    });
    return failed && rel >= 1031 ? 1 : 0;
  }
  io.out(';; connection timed out; no servers could be reached\n\n');
  return 1;
}

/** busybox ≤ 1.28: getaddrinfo for the server and the name, getnameinfo for each address's reverse name. */
function legacyNslookup(io: ToolIO, argv: string[]): number {
  if (!argv[0] || argv[0].startsWith('-') || argv.length > 2) {
    io.err(USAGE.replace('[-type=QUERY_TYPE] [-debug] ', '').replace(/\n\nQUERY_TYPE.*\n/s, '\n'));
    return 1;
  }
  const conf = parseResolvConf(io.resolvConf ?? '');
  const server = argv[1] ?? conf.nameservers[0] ?? '127.0.0.1';
  const resolvConf = `${conf.search.length ? `search ${conf.search.join(' ')}\n` : ''}nameserver ${server}\noptions ndots:${conf.ndots}\n`;
  // getnameinfo reads /etc/hosts before asking DNS (nsswitch "files dns").
  const reverse = (ip: string): string | undefined => {
    const fromHosts = (io.hosts ?? '').split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).find((f) => f[0] === ip && f[1]);
    if (fromHosts) return fromHosts[1];
    const ptr = ptrName(ip);
    if (!ptr) return undefined;
    const r = io.ask(server, ptr, 'PTR');
    if (isTimeout(r)) {
      io.wait(10_000);
      return undefined;
    }
    return r.answers.find((rr) => rr.type === 'PTR')?.data;
  };
  const printHost = (name: string, header: string): boolean => {
    const r = resolveVia(io, name, resolvConf);
    if (!r) {
      io.err(`nslookup: can't resolve '${name}'\n`);
      return false;
    }
    io.out(`${header.padEnd(10)} ${name}\n`);
    r.forEach((ip, n) => {
      const rev = reverse(ip);
      io.out(`Address ${n + 1}: ${ip}${rev ? ` ${rev}` : ''}\n`);
    });
    return true;
  };
  printHost(server, 'Server:');
  io.out('\n');
  return printHost(argv[0], 'Name:') ? 0 : 1;
}

/** The libc resolver of the old applet, asking only the server it was told to use. */
function resolveVia(io: ToolIO, name: string, resolvConf: string): string[] | undefined {
  let timedOut = false;
  const r = resolveWith((srv, q, t) => {
    const reply = io.ask(srv, q, t);
    if (isTimeout(reply)) timedOut = true;
    return reply;
  }, name, resolvConf, { hosts: io.hosts, libc: 'glibc' });
  if (timedOut) io.wait(10_000);
  return 'addresses' in r ? r.addresses : undefined;
}
