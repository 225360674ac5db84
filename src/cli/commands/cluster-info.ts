// `mk cluster-info`: where the control plane and CoreDNS answer, as kubectl prints it (colours
// only on a terminal without NO_COLOR).
import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function clusterInfoCommand(ctx: CliContext): Command {
  return new Command('cluster-info')
    .description('Display addresses of the control plane and services with label kubernetes.io/cluster-service=true')
    .action(async () => {
      const { connect } = await import('../context.js');
      const { cluster } = await connect(ctx.flags);
      const server = 'https://127.0.0.1:6443';
      const color = ctx.io.isTTY && !process.env.NO_COLOR;
      const { default: chalk } = color ? await import('chalk') : { default: undefined };
      const green = (s: string) => (chalk ? chalk.green(s) : s);
      const yellow = (s: string) => (chalk ? chalk.yellow(s) : s);
      ctx.io.out(`${green('Kubernetes control plane')} is running at ${yellow(server)}\n`);
      const services = cluster.api.list('services', { namespace: 'kube-system' })
        .filter((s) => s.metadata.labels?.['kubernetes.io/cluster-service'] === 'true');
      for (const svc of services) {
        const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
        const ports = (svc.spec as { ports?: { name?: string }[] }).ports ?? [];
        const port = ports[0]?.name ? `:${ports[0].name}` : '';
        ctx.io.out(`${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${port}/proxy`)}\n`);
      }
      ctx.io.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
      cluster.store.close();
    });
}
