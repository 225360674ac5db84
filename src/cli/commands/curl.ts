// `mk curl`: curl run on the machine that hosts the cluster (kind's host), which reaches the
// nodes' addresses — NodePorts, host-network pods — and LoadBalancer addresses, but not pod or
// Service addresses. It prints what curl 8.5.0 prints there and exits with its code.
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { ExitError } from '../errors.js';

export function curlCommand(ctx: CliContext): Command {
  return new Command('curl')
    .description('Transfer a URL from the machine running the cluster, as curl does there')
    .usage('[options...] <url>')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      const { cluster } = await connect(ctx.flags);
      try {
        const { clusterNet, clientNet } = await import('../../net/cluster-net.js');
        const { runCurl } = await import('../../net/curl.js');
        const run = cluster.store.transaction(() => {
          const deps = clusterNet({ store: cluster.store, api: cluster.api, now: cluster.now(), rand: cluster.rand });
          return runCurl(args, { net: clientNet(deps, { kind: 'host' }), stdoutTTY: ctx.io.isTTY });
        });
        // A realtime cluster's clock is the wall clock: a connection that takes time takes it here too.
        if (cluster.clock.mode === 'realtime' && run.ms > 0) await new Promise((r) => setTimeout(r, run.ms));
        for (const [file, content] of Object.entries(run.files)) writeFileSync(file, content);
        for (const c of run.chunks) { if (c.stream === 'stdout') ctx.io.out(c.text); else ctx.io.err(c.text); }
        if (run.code) throw new ExitError(run.code);
      } finally {
        cluster.store.close();
      }
    });
}
