// busybox wget (networking/wget.c, 1.36): "Connecting to", "saving to", the progress line it
// writes when stderr is not a terminal (libbb/progress.c), and its errors, all exit code 1.
import { FAILURE_MS, Output, responseHead, type ClientNet, type ClientRun } from './http-client.js';

interface WgetOptions {
  quiet: boolean;
  serverResponse: boolean;
  spider: boolean;
  output?: string;
  headers: string[];
  userAgent: string;
  postData?: string;
  timeout: number;
  urls: string[];
}

const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

function parse(argv: string[]): WgetOptions | undefined {
  const o: WgetOptions = { quiet: false, serverResponse: false, spider: false, headers: [], userAgent: 'Wget', timeout: 900, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (long) {
      const [, name, inline] = long;
      const val = () => inline ?? argv[++i];
      if (name === 'quiet') o.quiet = true;
      else if (name === 'server-response') o.serverResponse = true;
      else if (name === 'spider') o.spider = true;
      else if (name === 'output-document') o.output = val();
      else if (name === 'header') o.headers.push(val() ?? '');
      else if (name === 'user-agent') o.userAgent = val() ?? 'Wget';
      else if (name === 'post-data') o.postData = val();
      else if (name === 'timeout') o.timeout = Number(val()) || 0;
      else if (['tries', 'proxy', 'output-file', 'directory-prefix'].includes(name)) { if (inline === undefined) i++; }
      else if (!['continue', 'no-check-certificate', 'passive-ftp', 'no-cache', 'no-verbose', 'no-clobber', 'no-host-directories', 'no-parent'].includes(name)) return undefined;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.serverResponse = true;
        else if (c === 'c') continue;
        else if ('OoPYUTt'.includes(c)) {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) return undefined;
          if (c === 'O') o.output = v;
          else if (c === 'U') o.userAgent = v;
          else if (c === 'T') o.timeout = Number(v) || 0;
          break;
        } else if (c === 'n') break;
        else return undefined;
      }
      continue;
    }
    o.urls.push(a);
  }
  return o.urls.length ? o : undefined;
}

/** smart_ulltoa5: at most five characters, scaled by 1024 with a unit letter. */
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  const units = ' kMGTPEZY';
  let v = n;
  let i = 0;
  while (v >= 100000) {
    v = Math.floor(v / 1024);
    i++;
  }
  return `${String(v).padStart(4)}${units[i]}`;
}

/** The progress line for a transfer that ended at once (stderr not a terminal, 80 columns). */
function progressLine(name: string, total: number): string {
  const stars = '*'.repeat(32);
  return `${name.slice(0, 20).padEnd(20)} 100% |${stars}| ${size5(total)}  0:00:00 ETA\n`;
}

export interface WgetEnv {
  net: ClientNet;
  /** Whether a file is there already: without -O, wget refuses to overwrite it. */
  exists?(path: string): boolean;
}

/** Runs busybox wget with `argv` (without "wget"). */
export function runWget(argv: string[], env: WgetEnv): ClientRun {
  const out = new Output();
  const files: Record<string, string> = {};
  const o = parse(argv);
  let ms = 0;
  const die = (msg: string): ClientRun => {
    out.err(`wget: ${msg}\n`);
    return { chunks: out.chunks, code: 1, files, ms };
  };
  if (!o) {
    out.err(USAGE);
    return { chunks: out.chunks, code: 1, files, ms };
  }
  for (const raw of o.urls) {
    const m = /^(?:([a-z]+):\/\/)?([^/?#]*)([/?#].*)?$/.exec(raw);
    const scheme = m?.[1] ?? 'http';
    if (!m || (scheme !== 'http' && scheme !== 'https')) return die(`not an http or ftp url: ${raw.replace(/:\/\/.*/, '')}`);
    const hostPort = m[2];
    let path = (m[3] ?? '').replace(/^\//, '');
    const hashAt = path.indexOf('#');
    if (hashAt >= 0) path = path.slice(0, hashAt);
    const pm = /^(.*?)(?::(\d+))?$/.exec(hostPort)!;
    const host = pm[1];
    const port = pm[2] ? Number(pm[2]) : scheme === 'https' ? 443 : 80;
    const res = env.net.resolve(host);
    if ('error' in res) return die(`bad address '${hostPort}'`);
    const ip = res.addresses[0];
    if (!o.quiet) out.err(`Connecting to ${hostPort} (${ip}:${port})\n`);
    const conn = env.net.connect(ip, port);
    if (conn.kind !== 'open') {
      if (conn.kind === 'timeout' && o.timeout * 1000 < FAILURE_MS.timeout) {
        ms += o.timeout * 1000;
        return die('download timed out');
      }
      ms += FAILURE_MS[conn.kind];
      const why = conn.kind === 'refused' ? 'Connection refused' : conn.kind === 'unreachable' ? 'No route to host' : 'Connection timed out';
      return die(`can't connect to remote host (${ip}): ${why}`);
    }
    ms += 1;
    // busybox's own TLS client does not check certificates; a plain HTTP server never answers its hello.
    if (scheme === 'https' && !conn.tls) return die('TLS error from peer (alert code 80): 80');
    if (scheme === 'https') out.err('wget: note: TLS certificate validation not implemented\n');
    const headers: Record<string, string> = { Host: hostPort, 'User-Agent': o.userAgent, Connection: 'close' };
    for (const h of o.headers) {
      const i = h.indexOf(':');
      if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    if (o.postData !== undefined) {
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(o.postData));
    }
    const answer = conn.exchange({
      ...(scheme === 'https' ? { tls: true } : {}),
      method: o.postData !== undefined ? 'POST' : 'GET', host: hostPort, path: `/${path}`, headers,
      ...(o.postData !== undefined ? { body: o.postData } : {}),
    });
    if (answer.kind === 'empty') return die('error getting response');
    if (answer.kind === 'raw') {
      // Not HTTP: the first line read is taken as the status line, and its status is not 200.
      const first = answer.data.split('\n')[0];
      let printable = '';
      for (const ch of first) {
        if (ch.charCodeAt(0) < 0x20 && ch !== '\t') break;
        printable += ch === '\t' ? ' ' : ch;
      }
      if (o.serverResponse) out.err(`  ${printable}\n`);
      return die('error getting response');
    }
    const r = answer.response;
    const head = responseHead(r);
    if (o.serverResponse) for (const l of [...head, '']) out.err(`  ${l}\n`);
    if (![200, 201, 202, 203, 204, 300, 301, 302, 303, 307, 308].includes(r.status)) return die(`server returned error: ${head[0]}`);
    if (o.spider) {
      if (!o.quiet) out.err('remote file exists\n');
      continue;
    }
    const name = o.output ?? (path.split('/').pop()?.split('?')[0] || 'index.html');
    const toStdout = o.output === '-';
    if (o.output === undefined && env.exists?.(name)) return die(`can't open '${name}': File exists`);
    if (!o.quiet) out.err(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
    const body = r.body;
    if (toStdout) out.out(body);
    else files[name] = body;
    if (!o.quiet) {
      out.err(progressLine(toStdout ? '-' : name.slice(name.lastIndexOf('/') + 1), Buffer.byteLength(body)));
      out.err(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
    }
  }
  return { chunks: out.chunks, code: 0, files, ms };
}
