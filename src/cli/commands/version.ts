// `mk version`: kubectl 1.32's three lines, the server being mk's embedded control plane.
import { Command } from 'commander';
import { KUBERNETES_VERSION, versionInfo as goVersionInfo } from '../../cluster/version.js';
import type { CliContext } from '../context.js';

export const KUSTOMIZE_VERSION = 'v5.5.0';

export function versionCommand(ctx: CliContext): Command {
  return new Command('version')
    .description('Print the client and server version information for the current context')
    .option('--client', 'If true, shows client version only (no server required).')
    .option('-o, --output <format>', "One of 'yaml' or 'json'.")
    .action(async (opts: { client?: boolean; output?: string }) => {
      const info = {
        clientVersion: goVersionInfo(),
        kustomizeVersion: KUSTOMIZE_VERSION,
        ...(opts.client ? {} : { serverVersion: goVersionInfo() }),
      };
      if (!opts.client) {
        const { connect } = await import('../context.js');
        (await connect(ctx.flags)).cluster.store.close();
      }
      if (opts.output === 'json') {
        ctx.io.out(JSON.stringify(info, null, 2) + '\n');
        return;
      }
      if (opts.output === 'yaml') {
        const { stringify } = await import('../yaml-text.js');
        ctx.io.out(stringify(info));
        return;
      }
      if (opts.output) throw new Error(`--output must be 'yaml' or 'json'`);
      ctx.io.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!opts.client) ctx.io.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    });
}
