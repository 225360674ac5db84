// curl 8.5.0 (the one of Ubuntu 24.04, where kind usually runs): its options, the request it
// sends, and what it prints — verbose trace (lib/url.c, cf-socket.c, hostip.c), progress meter
// (lib/progress.c), -i/-I/-w output and its error messages with their exit codes.
import { FAILURE_MS, Output, responseHead, type ClientNet, type ClientRun, type Failure, type ParsedURL } from './http-client.js';
import type { HttpRequest } from './servers.js';

export const CURL_VERSION = '8.5.0';

export interface CurlOptions {
  verbose: boolean;
  silent: boolean;
  insecure: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  fail: boolean;
  output?: string;
  headers: string[];
  method?: string;
  data?: string;
  maxTime?: number;
  connectTimeout?: number;
  writeOut?: string;
  url?: string;
}

export class CurlUsage extends Error {
  constructor(message: string, readonly code = 2) { super(message); }
}

const NO_ARG: Record<string, keyof CurlOptions> = {
  v: 'verbose', s: 'silent', S: 'showError', i: 'include', I: 'head', f: 'fail', L: 'url', k: 'insecure',
};
const LONG_NO_ARG: Record<string, keyof CurlOptions | ''> = {
  verbose: 'verbose', silent: 'silent', 'show-error': 'showError', include: 'include', head: 'head', fail: 'fail',
  location: '', insecure: 'insecure', 'no-progress-meter': '', compressed: '',
};
const WITH_ARG: Record<string, string> = {
  o: 'output', H: 'header', X: 'request', d: 'data', m: 'max-time', w: 'write-out', A: 'user-agent',
};
const LONG_WITH_ARG = new Set(['output', 'header', 'request', 'data', 'data-raw', 'data-binary', 'max-time', 'connect-timeout',
  'write-out', 'user-agent']);

/** curl's command line: options anywhere, short ones bundled (-sSv), the last URL wins. */
export function parseCurlArgs(argv: string[]): CurlOptions & { noMeter: boolean } {
  const o: CurlOptions & { noMeter: boolean } = {
    verbose: false, silent: false, insecure: false, showError: false, include: false, head: false, fail: false, headers: [], noMeter: false,
  };
  const set = (name: string, v: string) => {
    switch (name) {
      case 'output': o.output = v; break;
      case 'header': o.headers.push(v); break;
      case 'request': o.method = v; break;
      case 'data': case 'data-raw': case 'data-binary': o.data = o.data === undefined ? v : `${o.data}&${v}`; break;
      case 'max-time': case 'connect-timeout': {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new CurlUsage(`curl: option --${name}: expected a proper numerical parameter`);
        if (name === 'max-time') o.maxTime = n;
        else o.connectTimeout = n;
        break;
      }
      case 'write-out': o.writeOut = v; break;
      case 'user-agent': o.headers.push(`User-Agent: ${v}`); break;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (name in LONG_NO_ARG) {
        const k = LONG_NO_ARG[name];
        if (name === 'no-progress-meter') o.noMeter = true;
        else if (k && k !== 'url') (o as unknown as Record<string, boolean>)[k] = true;
        continue;
      }
      if (LONG_WITH_ARG.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new CurlUsage(`curl: option --${name}: requires parameter`);
        set(name, v);
        continue;
      }
      throw new CurlUsage(`curl: option ${a}: is unknown`);
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c in NO_ARG) {
          const k = NO_ARG[c];
          if (k !== 'url') (o as unknown as Record<string, boolean>)[k] = true;
          continue;
        }
        if (c in WITH_ARG) {
          const rest = a.slice(j + 1);
          const v = rest || argv[++i];
          if (v === undefined) throw new CurlUsage(`curl: option -${c}: requires parameter`);
          set(WITH_ARG[c], v);
          break;
        }
        throw new CurlUsage(`curl: option ${a}: is unknown`);
      }
      continue;
    }
    o.url = a;
  }
  return o;
}

export function parseURL(raw: string): ParsedURL | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#:]*|\[[^\]]*\])(?::(\d*))?([/?#].*)?$/.exec(raw);
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const dflt = scheme === 'https' ? 443 : 80;
  const port = m[3] ? Number(m[3]) : dflt;
  let path = (m[4] ?? '/').replace(/#.*$/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  return { scheme, host: m[2], port, path, hostHeader: port === dflt ? m[2] : `${m[2]}:${port}` };
}

// -- progress meter ------------------------------------------------------------------------------

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** lib/progress.c max5data: a size in at most five characters. */
export function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

function meterLine(total: number, got: number, speed: number): string {
  const pct = total > 0 ? Math.floor((got * 100) / total) : 0;
  const p3 = (n: number) => String(n).padStart(3);
  return `\r${p3(pct)} ${max5(total)}  ${p3(pct)} ${max5(got)}  ${p3(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

// -- the transfer --------------------------------------------------------------------------------

const STRERROR: Record<number, string> = {
  7: "Couldn't connect to server",
};

const CONNECT_ERRNO: Record<Failure, string> = {
  refused: 'Connection refused', unreachable: 'No route to host', timeout: 'Connection timed out',
};

export interface CurlEnv {
  net: ClientNet;
  /** Whether curl's stdout is a terminal (no progress meter then, and no "[N bytes data]" notes). */
  stdoutTTY: boolean;
}

/** Runs curl with `argv` (its arguments, without "curl"). */
export function runCurl(argv: string[], env: CurlEnv): ClientRun {
  const out = new Output();
  const files: Record<string, string> = {};
  let opts: ReturnType<typeof parseCurlArgs>;
  try {
    opts = parseCurlArgs(argv);
  } catch (e) {
    if (!(e instanceof CurlUsage)) throw e;
    out.err(`${e.message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return { chunks: out.chunks, code: e.code, files, ms: 0 };
  }
  if (!opts.url) {
    out.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return { chunks: out.chunks, code: 2, files, ms: 0 };
  }
  const url = parseURL(opts.url);
  const meter = !opts.silent && !opts.noMeter && (!env.stdoutTTY || opts.output !== undefined);
  const info = (s: string) => { if (opts.verbose) out.err(`* ${s}\n`); };
  let ms = 0;
  const w: WriteOutVars = { url: opts.url, code: 0, status: 0, ip: '', port: url?.port ?? 0, size: 0, headerSize: 0, contentType: '', method: '', error: '' };
  const finish = (code: number, message?: string, newlineFirst = false): ClientRun => {
    if (message !== undefined) {
      w.error = message;
      if (!opts.silent || opts.showError) out.err(`${newlineFirst ? '\n' : ''}curl: (${code}) ${message}\n`);
    }
    w.code = code;
    if (opts.writeOut !== undefined) out.out(writeOut(opts.writeOut, w, ms));
    return { chunks: out.chunks, code, files, ms };
  };
  if (!url) return finish(3, 'URL rejected: Malformed input to a URL function');
  if (!['http', 'https'].includes(url.scheme)) {
    return finish(1, `Protocol "${url.scheme}" not supported`);
  }
  if (meter) out.err(`${METER_HEAD}${meterLine(0, 0, 0)}`);
  const zeros = () => { if (meter) out.err(`${meterLine(0, 0, 0)}\n`); };
  const res = env.net.resolve(url.host);
  if ('error' in res) return finish(6, `Could not resolve host: ${url.host.replace(/^\[|\]$/g, '')}`);
  const bare = url.host.replace(/^\[|\]$/g, '');
  if (!/^[\d.]+$/.test(bare) && !bare.includes(':')) {
    info(`Host ${bare}:${url.port} was resolved.`);
    info(`IPv6: ${bare === 'localhost' ? '::1' : '(none)'}`);
    info(`IPv4: ${res.addresses.join(', ')}`);
  }
  const limit = Math.min(opts.connectTimeout ?? Infinity, opts.maxTime ?? Infinity) * 1000;
  // localhost has ::1 too, tried first (and refused the same way) on the host.
  const tries = bare === 'localhost' ? ['::1', ...res.addresses] : [res.addresses[0]];
  let conn: ReturnType<ClientNet['connect']> | undefined;
  let ip = tries[0];
  for (const addr of tries) {
    ip = addr;
    info(addr.includes(':') ? `  Trying [${addr}]:${url.port}...` : `  Trying ${addr}:${url.port}...`);
    conn = addr.includes(':') ? { kind: 'refused' } : env.net.connect(addr, url.port);
    if (conn.kind === 'open') break;
    if (conn.kind !== 'refused' && FAILURE_MS[conn.kind] >= limit) {
      ms = Math.floor(limit) + 1;
      zeros();
      info('Closing connection');
      return finish(28, `Connection timed out after ${ms} milliseconds`);
    }
    ms += FAILURE_MS[conn.kind];
    info(`connect to ${addr} port ${url.port} failed: ${CONNECT_ERRNO[conn.kind]}`);
  }
  if (!conn || conn.kind !== 'open') {
    const kind = conn?.kind ?? 'refused';
    const msg = `Failed to connect to ${bare} port ${url.port} after ${ms} ms: ${STRERROR[7]}`;
    info(msg);
    zeros();
    info('Closing connection');
    return finish(kind === 'timeout' ? 28 : 7, msg);
  }
  w.ip = ip;
  info(`Connected to ${bare} (${ip}) port ${url.port}`);
  ms += 1;
  if (url.scheme === 'https') {
    if (!conn.tls) {
      // A plain HTTP server's answer to the ClientHello is not a TLS record.
      zeros();
      info('Closing connection');
      return finish(35, 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number');
    }
    if (!opts.insecure) {
      // The cluster's certificates are signed by its own CA, which the host does not trust.
      info('SSL certificate problem: unable to get local issuer certificate');
      zeros();
      info('Closing connection');
      return finish(60, 'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\n'
        + 'curl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\n'
        + 'how to fix it, please visit the web page mentioned above.');
    }
  }
  const method = opts.method ?? (opts.head ? 'HEAD' : opts.data !== undefined ? 'POST' : 'GET');
  w.method = method;
  const req = buildRequest(method, url, opts);
  if (url.scheme === 'https') req.req.tls = true;
  if (opts.verbose) {
    for (const l of req.lines) out.err(`> ${l}\r\n`);
    out.err('> \r\n');
    if (req.req.body) info(`upload completely sent off: ${Buffer.byteLength(req.req.body)} bytes`);
  }
  const answer = conn.exchange(req.req);
  if (answer.kind === 'empty' || answer.kind === 'raw') {
    const msg = answer.kind === 'empty' ? 'Empty reply from server' : 'Received HTTP/0.9 when not allowed';
    info(msg);
    zeros();
    info('Closing connection');
    return finish(answer.kind === 'empty' ? 52 : 1, msg);
  }
  const r = answer.response;
  const head = responseHead(r);
  w.status = r.status;
  w.contentType = r.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  w.headerSize = head.reduce((n, l) => n + l.length + 2, 2);
  if (opts.verbose) {
    for (const l of head) out.err(`< ${l}\r\n`);
    out.err('< \r\n');
  }
  if (opts.fail && r.status >= 400) {
    zeros();
    info('Closing connection');
    return finish(22, `The requested URL returned error: ${r.status}`);
  }
  const body = method === 'HEAD' ? '' : r.body;
  const size = Buffer.byteLength(body);
  w.size = size;
  let sink = '';
  if (opts.include || opts.head) sink += `${head.join('\r\n')}\r\n\r\n`;
  sink += body;
  if (opts.verbose && size > 0 && (!env.stdoutTTY || opts.output !== undefined)) out.err(`{ [${size} bytes data]\n`);
  if (opts.output !== undefined && opts.output !== '-') files[opts.output] = sink;
  else out.out(sink);
  if (meter) out.err(`${meterLine(size, size, size * 1000)}\n`);
  const closes = r.headers.some(([k, v]) => k.toLowerCase() === 'connection' && v.toLowerCase() === 'close');
  if (closes) info('Closing connection');
  else info(`Connection #0 to host ${bare} left intact`);
  return finish(0);
}

function buildRequest(method: string, url: ParsedURL, opts: CurlOptions): { lines: string[]; req: HttpRequest } {
  const headers: [string, string][] = [['Host', url.hostHeader], ['User-Agent', `curl/${CURL_VERSION}`], ['Accept', '*/*']];
  const custom: [string, string][] = [];
  for (const h of opts.headers) {
    const i = h.indexOf(':');
    if (i <= 0) continue;
    const k = h.slice(0, i).trim();
    const v = h.slice(i + 1).trim();
    const at = headers.findIndex(([x]) => x.toLowerCase() === k.toLowerCase());
    // "Name:" with nothing after it removes curl's own header.
    if (at >= 0) {
      if (v) headers[at] = [k, v];
      else headers.splice(at, 1);
    } else if (v) custom.push([k, v]);
  }
  if (opts.data !== undefined) {
    if (!custom.some(([k]) => k.toLowerCase() === 'content-type')) custom.push(['Content-Type', 'application/x-www-form-urlencoded']);
    custom.splice(0, 0, ['Content-Length', String(Buffer.byteLength(opts.data))]);
  }
  const all = [...headers, ...custom];
  const lines = [`${method} ${url.path} HTTP/1.1`, ...all.map(([k, v]) => `${k}: ${v}`)];
  const req: HttpRequest = { method, host: url.hostHeader, path: url.path, headers: Object.fromEntries(all), ...(opts.data !== undefined ? { body: opts.data } : {}) };
  return { lines, req };
}

interface WriteOutVars {
  url: string; code: number; status: number; ip: string; port: number; size: number; headerSize: number;
  contentType: string; method: string; error: string;
}

/** -w: the variables scripts use, and curl's backslash escapes. */
function writeOut(fmt: string, v: WriteOutVars, ms: number): string {
  const secs = (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(v.status).padStart(3, '0'), response_code: String(v.status).padStart(3, '0'),
    remote_ip: v.ip, remote_port: v.ip ? String(v.port) : '0', size_download: String(v.size), size_header: String(v.headerSize),
    content_type: v.contentType, url_effective: v.url, exitcode: String(v.code), errormsg: v.error, method: v.method,
    num_connects: v.ip ? '1' : '0', time_total: secs, time_connect: secs, time_starttransfer: v.status ? secs : '0.000000',
    time_namelookup: '0.000000', scheme: v.status ? 'HTTP' : '',
  };
  return fmt.replace(/%\{([a-z_]+)\}|%%|\\([nrt\\])/g, (m, name: string | undefined, esc: string | undefined) => {
    if (esc) return esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : '\\';
    if (m === '%%') return '%';
    return name !== undefined && name in vars ? vars[name] : m;
  });
}
