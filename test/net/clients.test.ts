// curl's and busybox wget's output for the outcomes the network gives them, compared with what
// the programs print (wget.c and libbb/progress.c; curl's lib/url.c, cf-socket.c, progress.c).
import { describe, expect, test } from 'vitest';
import type { Connection } from '../../src/net/connect.js';
import { runCurl } from '../../src/net/curl.js';
import type { ClientNet, ClientRun } from '../../src/net/http-client.js';
import type { HttpRequest } from '../../src/net/servers.js';
import { runWget } from '../../src/net/wget.js';

const page = '<h1>hi</h1>\n';
const seen: HttpRequest[] = [];
const net = (conn: Connection['kind'] | 'empty', names: Record<string, string> = { web: '10.96.0.5' }): ClientNet => ({
  resolve: (h) => (/^[\d.]+$/.test(h) ? { addresses: [h] } : names[h] ? { addresses: [names[h]] } : { error: 'NXDOMAIN' }),
  connect: (): Connection => {
    if (conn === 'empty') return { kind: 'open', tls: false, exchange: () => ({ kind: 'empty' }) };
    if (conn !== 'open') return { kind: conn };
    return {
      kind: 'open',
      tls: false,
      exchange: (req) => {
        seen.push(req);
        return req.path === '/'
          ? { kind: 'http', response: { status: 200, reason: 'OK', headers: [['Content-Length', String(page.length)]], body: page } }
          : { kind: 'http', response: { status: 404, reason: 'Not Found', headers: [], body: 'no\n' } };
      },
    };
  },
});

const text = (r: ClientRun, stream: 'stdout' | 'stderr') => r.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');

describe('busybox wget', () => {
  test('saves index.html with its progress line', () => {
    const r = runWget(['http://web'], { net: net('open') });
    expect(r.code).toBe(0);
    expect(r.files).toEqual({ 'index.html': page });
    expect(text(r, 'stderr')).toBe("Connecting to web (10.96.0.5:80)\nsaving to 'index.html'\n"
      + 'index.html           100% |********************************|    12  0:00:00 ETA\n'
      + "'index.html' saved\n");
    expect(seen.at(-1)?.headers).toEqual({ Host: 'web', 'User-Agent': 'Wget', Connection: 'close' });
  });

  test('-O- writes to stdout, -q says nothing', () => {
    const r = runWget(['-O-', 'http://web:8080/'], { net: net('open') });
    expect(text(r, 'stdout')).toBe(page);
    expect(text(r, 'stderr')).toBe('Connecting to web:8080 (10.96.0.5:8080)\nwriting to stdout\n'
      + '-                    100% |********************************|    12  0:00:00 ETA\nwritten to stdout\n');
    const q = runWget(['-qO-', 'http://web'], { net: net('open') });
    expect(q.chunks).toEqual([{ stream: 'stdout', text: page }]);
  });

  test('errors', () => {
    expect(text(runWget(['http://nope'], { net: net('open') }), 'stderr')).toBe("wget: bad address 'nope'\n");
    const refused = runWget(['http://web'], { net: net('refused') });
    expect([text(refused, 'stderr'), refused.code]).toEqual(['Connecting to web (10.96.0.5:80)\nwget: can\'t connect to remote host (10.96.0.5): Connection refused\n', 1]);
    expect(text(runWget(['-q', 'http://web/x'], { net: net('open') }), 'stderr')).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
    expect(text(runWget(['-q', 'http://web/'], { net: net('empty') }), 'stderr')).toBe('wget: error getting response\n');
    expect(text(runWget(['--spider', 'http://web/'], { net: net('open') }), 'stderr')).toBe('Connecting to web (10.96.0.5:80)\nremote file exists\n');
  });
});

describe('curl', () => {
  test('a name resolved in the cluster is traced with its addresses', () => {
    const r = runCurl(['-sv', 'http://web/'], { net: net('open'), stdoutTTY: true });
    expect(text(r, 'stderr')).toBe('* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: 10.96.0.5\n*   Trying 10.96.0.5:80...\n'
      + '* Connected to web (10.96.0.5) port 80\n> GET / HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/8.5.0\r\n> Accept: */*\r\n> \r\n'
      + '< HTTP/1.1 200 OK\r\n< Content-Length: 12\r\n< \r\n* Connection #0 to host web left intact\n');
    expect(text(r, 'stdout')).toBe(page);
  });

  test('refused, verbose', () => {
    const r = runCurl(['-sSv', 'http://10.96.1.2:8080/'], { net: net('refused'), stdoutTTY: true });
    expect(text(r, 'stderr')).toBe('*   Trying 10.96.1.2:8080...\n* connect to 10.96.1.2 port 8080 failed: Connection refused\n'
      + "* Failed to connect to 10.96.1.2 port 8080 after 0 ms: Couldn't connect to server\n* Closing connection\n"
      + "curl: (7) Failed to connect to 10.96.1.2 port 8080 after 0 ms: Couldn't connect to server\n");
    expect(r.code).toBe(7);
  });

  test('-w and -o', () => {
    const r = runCurl(['-s', '-o', '/tmp/x', '-w', '%{http_code} %{size_download}\\n', 'http://10.0.0.1/'], { net: net('open'), stdoutTTY: true });
    expect(r.chunks).toEqual([{ stream: 'stdout', text: '200 12\n' }]);
    expect(r.files).toEqual({ '/tmp/x': page });
  });
});
