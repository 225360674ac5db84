// `mk cordon` / `mk uncordon`: kubectl 1.32's drain.go RunCordonOrUncordon. A node already in the
// desired state is reported `already cordoned`; otherwise spec.unschedulable is patched (false
// is omitted, as Go's omitempty drops it) and the node reported `cordoned` / `uncordoned`.
import { Command } from 'commander';
import type { Node } from '../../api/core/node/schema.js';
import type { KubeObject } from '../../api/object.js';
import { enableSelectors, enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';

export interface NodeSelectFlags { selector?: string; dryRun?: string }

export function cordonCommand(ctx: CliContext): Command {
  return cordonLike(ctx, 'cordon', 'Mark node as unschedulable', true);
}

export function uncordonCommand(ctx: CliContext): Command {
  return cordonLike(ctx, 'uncordon', 'Mark node as schedulable', false);
}

function cordonLike(ctx: CliContext, verb: string, description: string, desired: boolean): Command {
  return new Command(verb)
    .description(description)
    .usage('NODE [options]')
    .argument('[nodes...]')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client".')
    .action(async (args: string[], flags: NodeSelectFlags) => {
      const { cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        const nodes = await selectNodes(cluster, verb, args, flags);
        for (const line of runCordonOrUncordon(cluster, nodes, desired, flags.dryRun)) ctx.io.out(line);
        await settle(cluster);
      } finally {
        cluster.store.close();
      }
    });
}

/** The nodes named (as `x` or `node/x`) or selected, as the builder's ResourceNames("nodes", ...) finds them. */
export async function selectNodes(cluster: ClusterHandle, verb: string, args: string[], flags: NodeSelectFlags): Promise<Node[]> {
  if (!args.length && !flags.selector) {
    throw new RawError(`error: USAGE: ${verb} NODE [flags]\nSee 'mk ${verb} -h' for help and examples`);
  }
  if (args.length && flags.selector) throw new RawError('error: cannot specify both a node name and a --selector option');
  if (flags.selector) {
    await enableSelectors(cluster);
    return cluster.api.list<KubeObject>('nodes', { labelSelector: flags.selector }) as unknown as Node[];
  }
  return args.map((a) => {
    const name = a.replace(/^(nodes?|no)\//, '');
    return cluster.api.get<KubeObject>('nodes', undefined, name) as unknown as Node;
  });
}

const dryRunSuffix = (d: string | undefined) => (d === 'server' ? ' (server dry run)' : d === 'client' || d === '' ? ' (dry run)' : '');

/** The lines RunCordonOrUncordon prints, patching each node that needs it. */
export function runCordonOrUncordon(cluster: ClusterHandle, nodes: Node[], desired: boolean, dryRun?: string): string[] {
  const word = desired ? 'cordoned' : 'uncordoned';
  return nodes.map((node) => {
    const name = node.metadata.name;
    if (!!node.spec?.unschedulable === desired) return `node/${name} already ${word}${dryRunSuffix(dryRun)}\n`;
    if (dryRun !== 'client' && dryRun !== '') {
      cluster.api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: desired ? true : null } },
        // kubectl cordon names no field manager: the server takes it from the User-Agent.
        { dryRun: dryRun === 'server', fieldManager: 'kubectl' });
    }
    return `node/${name} ${word}${dryRunSuffix(dryRun)}\n`;
  });
}
