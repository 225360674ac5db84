// nginx and httpd serve their document root as their container sees it now, in-process on the real
// control plane: the image's own index page until something replaces it, files an exec wrote,
// a ConfigMap mounted there, and an empty volume mounted over it — where nginx answers 403 for a
// directory without an index (its probe fails the same way) and 404 for what is not there.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { enableWrites, type ClusterHandle } from '../../src/cluster/runtime.js';
import { execCommand, execTarget } from '../../src/kubelet/exec.js';
import { clusterNet } from '../../src/net/cluster-net.js';
import { connectTo } from '../../src/net/connect.js';
import { httpDate } from '../../src/net/servers.js';
import { advance, memoryCluster } from '../sim/harness.js';

let h: ClusterHandle;
const pod = (name: string) => h.api.get<KubeObject>('pods', 'default', name) as unknown as Pod;

function create(name: string, image: string, extra: { mounts?: { name: string; mountPath: string }[]; volumes?: unknown[]; probe?: boolean; command?: string[] } = {}): void {
  h.api.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      containers: [{
        name: 'web', image, ...(extra.command ? { command: extra.command } : {}), ...(extra.mounts ? { volumeMounts: extra.mounts } : {}),
        ...(extra.probe ? { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } } : {}),
      }],
      ...(extra.volumes ? { volumes: extra.volumes } : {}),
    },
  } as unknown as KubeObject);
}

/** The raw response a client in pod `client` gets for GET `path` from pod `name` on port 80. */
function get(name: string, path: string, client = 'client'): string {
  const c = connectTo(clusterNet({ store: h.store, api: h.api, now: h.now(), rand: h.rand }), { kind: 'pod', pod: pod(client) }, pod(name).status!.podIP!, 80);
  if (c.kind !== 'open') return c.kind;
  const a = c.exchange({ method: 'GET', host: 'web', path, headers: {} });
  if (a.kind !== 'http') return a.kind;
  const r = a.response;
  return `${r.status} ${r.reason}\n${r.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}\n${r.body}`;
}

function exec(name: string, script: string): void {
  const t = execTarget(h.store, pod(name), 'web', h.now(), h.api);
  expect(execCommand(h.store, t, ['sh', '-c', script], h.now()).code).toBe(0);
}

/** ngx_http_special_response.c's page for a status, signed by the server's version. */
const ngxPage = (title: string, version: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;

const ngxError = (title: string, version: string, date: string, extra = '') => {
  const body = ngxPage(title, version);
  return `${title}\nServer: nginx/${version}\nDate: ${date}\nContent-Type: text/html\nContent-Length: ${body.length}\n${extra}Connection: keep-alive\n\n${body}`;
};

beforeAll(async () => {
  h = memoryCluster();
  await enableWrites(h);
  h.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default' },
    data: { 'index.html': '<h1>from a ConfigMap</h1>\n', 'notes.txt': 'plain\n' } } as unknown as KubeObject);
  create('client', 'busybox:1.36', { command: ['sleep', '3600'] });
  create('stock', 'nginx:1.27.3');
  create('empty', 'nginx:1.27.3', { probe: true, mounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }], volumes: [{ name: 'html', emptyDir: {} }] });
  create('above', 'nginx:1.27.3', { mounts: [{ name: 'share', mountPath: '/usr/share/nginx' }], volumes: [{ name: 'share', emptyDir: {} }] });
  create('plain', 'httpd:2.4.62');
  create('apache', 'httpd:2.4.62', { mounts: [{ name: 'site', mountPath: '/usr/local/apache2/htdocs' }], volumes: [{ name: 'site', configMap: { name: 'site' } }] });
  await advance(h, '1m');
});

describe('a static server\'s document root', () => {
  test('the stock nginx image serves its welcome page until an exec replaces it', () => {
    expect(get('stock', '/')).toMatch(/^200 OK\n[\s\S]*<title>Welcome to nginx!<\/title>/);
    exec('stock', 'echo "$(hostname)" > /usr/share/nginx/html/index.html');
    const date = httpDate(h.now());
    const mtime = Math.floor(h.now() / 1000).toString(16);
    expect(get('stock', '/')).toBe(`200 OK\nServer: nginx/1.27.3\nDate: ${date}\nContent-Type: text/html\nContent-Length: 6\n`
      + `Last-Modified: ${date}\nConnection: keep-alive\nETag: "${mtime}-6"\nAccept-Ranges: bytes\n\nstock\n`);
    // The image's other page is still there; what nobody wrote is not.
    expect(get('stock', '/50x.html')).toMatch(/^200 OK\n[\s\S]*<h1>An error occurred.<\/h1>/);
    expect(get('stock', '/missing.html')).toBe(ngxError('404 Not Found', '1.27.3', httpDate(h.now())));
  });

  test('an empty volume over the root hides the image\'s pages: 403 for the directory, as the probe saw', () => {
    const date = httpDate(h.now());
    expect(get('empty', '/')).toBe(ngxError('403 Forbidden', '1.27.3', date));
    expect(get('empty', '/50x.html')).toBe(ngxError('404 Not Found', '1.27.3', date));
    expect(h.api.list<KubeObject>('events', { namespace: 'default' }).map((e) => e as unknown as { reason: string; message: string; involvedObject: { name: string } })
      .filter((e) => e.reason === 'Unhealthy').map((e) => `${e.involvedObject.name}: ${e.message}`))
      .toEqual(['empty: Readiness probe failed: HTTP probe failed with statuscode: 403']);
    exec('empty', 'mkdir -p /usr/share/nginx/html/docs && echo hi > /usr/share/nginx/html/docs/a.txt');
    // A directory asked for without its slash is redirected; its file has the type of its extension.
    expect(get('empty', '/docs')).toBe(ngxError('301 Moved Permanently', '1.27.3', date, 'Location: http://web/docs/\n'));
    expect(get('empty', '/docs/')).toBe(ngxError('403 Forbidden', '1.27.3', date));
    expect(get('empty', '/docs/a.txt')).toMatch(/^200 OK\nServer: nginx\/1\.27\.3\nDate: .*\nContent-Type: text\/plain\nContent-Length: 3\n[\s\S]*\n\nhi\n$/);
    expect(get('empty', '/docs/../../etc/passwd')).toMatch(/^400 Bad Request\n[\s\S]*Connection: close\n/);
  });

  test('a volume mounted above the root leaves no root at all: 404', () => {
    expect(get('above', '/')).toBe(ngxError('404 Not Found', '1.27.3', httpDate(h.now())));
  });

  test('httpd serves a ConfigMap mounted at its root, with its types', () => {
    const date = httpDate(h.now());
    // Its files date from the container's start (the status shows it to the second; httpd's ETag has microseconds).
    const started = Date.parse(pod('apache').status!.containerStatuses![0].state!.running!.startedAt!);
    const answer = get('apache', '/');
    const usec = /\nETag: "1a-([0-9a-f]+)"\n/.exec(answer)?.[1] ?? '0';
    expect(Math.floor(Number.parseInt(usec, 16) / 1e6) * 1000).toBe(started);
    expect(answer).toBe(`200 OK\nDate: ${date}\nServer: Apache/2.4.62 (Unix)\nLast-Modified: ${httpDate(started)}\n`
      + `ETag: "1a-${usec}"\nAccept-Ranges: bytes\nContent-Length: 26\nContent-Type: text/html\n\n<h1>from a ConfigMap</h1>\n`);
    expect(get('apache', '/notes.txt')).toMatch(/\nContent-Type: text\/plain\n\nplain\n$/);
    expect(get('apache', '/nope')).toBe(`404 Not Found\nDate: ${date}\nServer: Apache/2.4.62 (Unix)\nContent-Length: 196\n`
      + 'Content-Type: text/html; charset=iso-8859-1\n\n<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
      + '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n');
  });

  test('httpd lists a directory without an index (Options Indexes) and redirects one asked for without its slash', () => {
    expect(get('plain', '/')).toMatch(/\nContent-Length: 45\nContent-Type: text\/html\n\n<html><body><h1>It works!<\/h1><\/body><\/html>\n$/);
    exec('plain', 'mkdir -p /usr/local/apache2/htdocs/docs && echo b > /usr/local/apache2/htdocs/docs/b.txt && echo a > /usr/local/apache2/htdocs/docs/a.txt');
    const date = httpDate(h.now());
    const listing = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of /docs</title>\n </head>\n <body>\n'
      + '<h1>Index of /docs</h1>\n<ul><li><a href="/"> Parent Directory</a></li>\n<li><a href="a.txt"> a.txt</a></li>\n'
      + '<li><a href="b.txt"> b.txt</a></li>\n</ul>\n</body></html>\n';
    expect(get('plain', '/docs/')).toBe(`200 OK\nDate: ${date}\nServer: Apache/2.4.62 (Unix)\nContent-Length: ${listing.length}\n`
      + `Content-Type: text/html;charset=ISO-8859-1\n\n${listing}`);
    const moved = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n'
      + '<h1>Moved Permanently</h1>\n<p>The document has moved <a href="http://web/docs/">here</a>.</p>\n</body></html>\n';
    expect(get('plain', '/docs')).toBe(`301 Moved Permanently\nDate: ${date}\nServer: Apache/2.4.62 (Unix)\nLocation: http://web/docs/\n`
      + `Content-Length: ${moved.length}\nContent-Type: text/html; charset=iso-8859-1\n\n${moved}`);
  });
});
