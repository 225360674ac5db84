// `mk serve`: the cluster's Kubernetes REST API, for kubectl, Helm and client libraries. HTTPS with
// a serving certificate from the cluster's CA and the cluster's bearer token by default; with
// --insecure, plain HTTP on a loopback address without authentication, as kube-apiserver's old
// insecure port (client-go never sends a bearer token over plain HTTP, so none could be checked).
// The process holds the cluster's lease and catches the cluster up every POLL_MS, so it reconciles
// in realtime while other mk commands on the same cluster only read and write objects.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';

/** How often the server catches the cluster up when no request comes. */
const POLL_MS = 200;

interface ServeFlags { port: string; address: string; insecure?: boolean }

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('Serve the cluster\'s Kubernetes API for kubectl and client libraries')
    .option('--port <port>', 'The port to serve on (0 picks a free one).', '6443')
    .option('--address <address>', 'The IP address to serve on.', '127.0.0.1')
    .option('--insecure', 'Serve plain HTTP without authentication (loopback addresses only).')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) {
        throw new RawError(`error: invalid argument "${flags.port}" for "--port" flag: strconv.ParseInt: parsing "${flags.port}": invalid syntax`);
      }
      const { isIP } = await import('node:net');
      if (!isIP(flags.address)) throw new RawError(`error: invalid argument "${flags.address}" for "--address" flag: failed to parse IP: "${flags.address}"`);
      if (flags.insecure && !isLoopback(flags.address)) {
        throw new RawError(`error: --insecure serves without authentication, so only on a loopback address, not ${flags.address}`);
      }
      await serve(ctx, port, flags.address, !flags.insecure);
    });
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || /^127\./.test(ip);
}

async function serve(ctx: CliContext, port: number, address: string, secure: boolean): Promise<void> {
  const [http, https, { connect }, runtime, { createHandler }, serving, { versionInfo }, { ApiserverMetrics }, { clusterNet }] = await Promise.all([
    import('node:http'), import('node:https'), import('../context.js'), import('../../cluster/runtime.js'),
    import('../../apiserver/http/handler.js'), import('../../cluster/serving.js'), import('../../cluster/version.js'),
    import('../../metrics/apiserver.js'), import('../../net/cluster-net.js'),
  ]);
  const { target, cluster } = await connect(ctx.flags);
  await runtime.enableWrites(cluster);
  runtime.holdLease(cluster);
  const handler = createHandler({
    api: cluster.api,
    token: secure ? serving.clusterToken(cluster.store) : undefined,
    version: versionInfo(),
    now: () => cluster.now(),
    settle: () => runtime.settle(cluster),
    metrics: new ApiserverMetrics(),
    proxy: { net: () => clusterNet({ store: cluster.store, api: cluster.api, now: cluster.now(), rand: cluster.rand }), rand: cluster.rand },
    cluster,
    followLogs: async (pod, container, log, write, stopped) => {
      const { followLogs } = await import('./logs-follow.js');
      await followLogs({ ...ctx, io: { ...ctx.io, out: write } }, cluster, [{ pod, container, prefix: '' }],
        { prefix: false, log, ignoreErrors: false }, undefined, stopped);
    },
  });
  let server;
  if (secure) {
    const hosts = [...new Set([address, '127.0.0.1', 'localhost'])];
    const { serving: cert } = serving.servingCertificate(cluster.store, hosts);
    server = https.createServer({ cert: cert.cert, key: cert.key }, handler.listener);
  } else {
    server = http.createServer(handler.listener);
  }
  server.on('upgrade', handler.upgrade);
  const ticker = setInterval(() => {
    handler.tick().catch((err: unknown) => ctx.io.err(`error: ${(err as Error).message}\n`));
  }, POLL_MS);
  const shutdown = () => {
    clearInterval(ticker);
    runtime.releaseLease(cluster);
    cluster.store.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
  } catch (err) {
    shutdown();
    throw new RawError(`error: failed to listen on ${address}:${port}: ${(err as Error).message}`);
  }
  const bound = server.address();
  const actualPort = typeof bound === 'object' && bound ? bound.port : port;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `${secure ? 'https' : 'http'}://${host}:${actualPort}`;
  serving.recordServerAddress(cluster.store, url);
  ctx.io.out(`Serving the Kubernetes API of cluster "${target.clusterName}" at ${url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const s of SIGNALS) process.off(s, stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    for (const s of SIGNALS) process.on(s, stop);
  });
  shutdown();
}
