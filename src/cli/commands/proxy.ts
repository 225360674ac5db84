// `mk proxy rules [--node N] [-t TABLE]`: what `iptables-save` prints on a node — the rules
// kube-proxy (iptables mode) has written there for the cluster's Services and EndpointSlices.
// Without --node it shows the first worker's, where workloads run (the control plane's when
// there is no worker); rules differ between nodes only for Local traffic policies.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { UsageError } from '../errors.js';

interface RulesFlags { node?: string; table?: string }

export function proxyCommand(ctx: CliContext): Command {
  const cmd = new Command('proxy').description("Show what the cluster's kube-proxy programs on a node");
  cmd.addCommand(new Command('rules')
    .description("Print a node's kube-proxy iptables rules as iptables-save prints them")
    .option('--node <name>', 'The node whose rules to print (default: the first worker)')
    .option('-t, --table <table>', 'Only this table: mangle, filter or nat')
    .action(async (flags: RulesFlags) => runRules(ctx, flags)));
  return cmd;
}

async function runRules(ctx: CliContext, flags: RulesFlags): Promise<void> {
  const { iptablesSave, SAVE_TABLES } = await import('../../proxy/rules.js');
  const table = SAVE_TABLES.find((t) => t === flags.table);
  if (flags.table !== undefined && !table) {
    throw new UsageError(`invalid argument "${flags.table}" for "-t, --table" flag: must be one of ${SAVE_TABLES.join(', ')}`);
  }
  const { cluster } = await connect(ctx.flags);
  try {
    const { readProxyInputs, defaultProxyNode } = await import('../../proxy/inputs.js');
    const inputs = readProxyInputs(cluster.api);
    const node = flags.node ?? defaultProxyNode(inputs.nodes);
    if (flags.node !== undefined) cluster.api.get('nodes', undefined, flags.node);
    if (node === undefined) throw new UsageError('the cluster has no nodes');
    ctx.io.out(iptablesSave(inputs, node, cluster.now(), table));
  } finally {
    cluster.store.close();
  }
}
