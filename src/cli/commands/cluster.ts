// `mk cluster create|list|delete`: clusters are directories under $MK_HOME/clusters, each with a
// context named mk-<cluster>, as kind names its contexts kind-<cluster>.
import { Argument, Command, Option } from 'commander';
import { rmSync } from 'node:fs';
import { clusterDir, clusterExists, contextNameFor, DEFAULT_CLUSTER, listClusters, readConfig, writeConfig } from '../../cluster/home.js';
import type { CliContext } from '../context.js';
import { registerContext } from '../context.js';
import { RawError, UsageError } from '../errors.js';

const LOAD_BALANCER_HELP = 'With it on, LoadBalancer Services get an address from the nodes\' network 172.18.0.0/16, as cloud-provider-kind gives them on kind; without it their EXTERNAL-IP stays <pending>.';

export function clusterCommand(ctx: CliContext): Command {
  const cmd = new Command('cluster').description('Create, list and delete mk clusters');
  cmd.addCommand(new Command('create')
    .description('Create a cluster: a control-plane node and workers, Ready, with the kube-system pods running')
    .argument('[name]', 'cluster name', DEFAULT_CLUSTER)
    .option('--nodes <n>', 'number of nodes, the control plane included', '3')
    .addOption(new Option('--clock <mode>', 'realtime follows the wall clock; manual moves only with `mk clock advance`')
      .choices(['realtime', 'manual']).default('realtime'))
    .option('--seed <seed>', 'seed for generated names and addresses (manual clusters default to one derived from the name)')
    .option('--load-balancer', LOAD_BALANCER_HELP)
    .action(async (name: string, opts: { nodes: string; clock: 'realtime' | 'manual'; seed?: string; loadBalancer?: boolean }) => {
      const nodes = Number(opts.nodes);
      if (!Number.isInteger(nodes) || nodes < 1) throw new UsageError(`invalid argument "${opts.nodes}" for "--nodes" flag: must be a positive integer`);
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
        throw new UsageError(`invalid cluster name "${name}": must consist of lower case alphanumeric characters or '-'`);
      }
      if (clusterExists(name)) throw new RawError(`ERROR: failed to create cluster: node(s) already exist for a cluster with the name "${name}"`);
      ctx.io.err(`Creating cluster "${name}" ...\n`);
      const { createCluster } = await import('../../cluster/create.js');
      const h = await createCluster(name, { nodes, clock: opts.clock, seed: opts.seed, loadBalancer: opts.loadBalancer });
      h.store.close();
      const cfg = readConfig();
      registerContext(cfg, name, true);
      writeConfig(cfg);
      const context = contextNameFor(name);
      ctx.io.err(` ✓ Preparing nodes (${nodes})\n ✓ Starting control-plane\n ✓ Installing CoreDNS and kube-proxy\n`);
      ctx.io.err(`Set mk context to "${context}"\nYou can now use your cluster with:\n\nmk cluster-info --context ${context}\n\n`);
    }));
  cmd.addCommand(new Command('load-balancer')
    .description(`Turn the cluster's load-balancer pool on or off. ${LOAD_BALANCER_HELP}`)
    .addArgument(new Argument('<state>', 'on or off').choices(['on', 'off']))
    .argument('[name]', 'cluster name', DEFAULT_CLUSTER)
    .action(async (state: 'on' | 'off', name: string) => {
      if (!clusterExists(name)) throw new RawError(`ERROR: unknown cluster "${name}"`);
      const { setClusterLoadBalancer } = await import('../../cluster/load-balancer.js');
      await setClusterLoadBalancer(name, state === 'on');
    }));
  cmd.addCommand(new Command('list')
    .description('List clusters')
    .action(() => {
      const names = listClusters();
      if (!names.length) ctx.io.err('No clusters found.\n');
      for (const n of names) ctx.io.out(`${n}\n`);
    }));
  cmd.addCommand(new Command('delete')
    .description('Delete a cluster and its context')
    .argument('<name>', 'cluster name')
    .action((name: string) => {
      ctx.io.err(`Deleting cluster "${name}" ...\n`);
      if (!clusterExists(name)) return;
      rmSync(clusterDir(name), { recursive: true, force: true });
      const cfg = readConfig();
      const context = contextNameFor(name);
      delete cfg.contexts[context];
      if (cfg.currentContext === context) delete cfg.currentContext;
      writeConfig(cfg);
    }));
  return cmd;
}
