// `mk top pod|node`: kubectl 1.32's cmd/top over mk's metrics-server (src/metrics). Flags,
// checks and messages follow top_pod.go and top_node.go: the metrics API first, then, when it
// has nothing, the pods themselves to tell "not yet" (younger than two minutes) from "missing".
import { Command } from 'commander';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { formatGoDuration } from '../../api/go-duration.js';
import { SelectorError } from '../../apiserver/selectors.js';
import { parseTime } from '../../apiserver/time.js';
import { enableSelectors, releaseLease, type ClusterHandle } from '../../cluster/runtime.js';
import type { MetricsContext, NodeMetrics, PodMetrics } from '../../metrics/metrics-server.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { ExitError, RawError, UsageError } from '../errors.js';

/** metricsCreationDelay: how long after creation a pod's missing metrics are still "not yet". */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

interface TopPodFlags {
  selector?: string;
  fieldSelector?: string;
  sortBy?: string;
  containers?: boolean;
  allNamespaces?: boolean;
  noHeaders?: boolean;
  sum?: boolean;
  useProtocolBuffers?: string;
}

interface TopNodeFlags {
  selector?: string;
  sortBy?: string;
  noHeaders?: boolean;
  showCapacity?: boolean;
  useProtocolBuffers?: string;
}

const TOP_LONG = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`;

export function topCommand(ctx: CliContext): Command {
  const top = new Command('top')
    .description('Display resource (CPU/memory) usage')
    .usage('[flags] [options]');
  top.addCommand(topNodeCommand(ctx));
  top.addCommand(topPodCommand(ctx));
  // cmdutil.DefaultSubCommandRun: bare, the help and exit 1; with an unknown subcommand, an error.
  return top.allowExcessArguments(true).action(() => {
    if (top.args.length) throw new RawError(`error: unknown command "${top.args[0]}" for "mk top"`);
    ctx.io.out(`${TOP_LONG}\n\n${top.helpInformation()}`);
    throw new ExitError(1);
  });
}

function validateSortBy(sortBy: string | undefined): 'cpu' | 'memory' | '' {
  if (!sortBy) return '';
  if (sortBy !== 'cpu' && sortBy !== 'memory') throw new RawError('error: --sort-by accepts only cpu or memory');
  return sortBy;
}

/** A bad selector fails on the client, before any request (labels.Parse / fields.ParseSelector). */
function selectorFailure(e: unknown): never {
  if (e instanceof SelectorError) throw new RawError(`error: ${e.message}`);
  throw e;
}

async function withCluster<T>(ctx: CliContext, fn: (cluster: ClusterHandle, namespace: string) => Promise<T>): Promise<T> {
  const { target, cluster } = await connect(ctx.flags);
  try {
    return await fn(cluster, target.namespace);
  } finally {
    releaseLease(cluster);
    cluster.store.close();
  }
}

function metricsContext(cluster: ClusterHandle): MetricsContext {
  return { api: cluster.api, store: cluster.store, now: cluster.now() };
}

function topPodCommand(ctx: CliContext): Command {
  const cmd = new Command('pod')
    .aliases(['pods', 'po'])
    .description('Display resource (CPU/memory) usage of pods')
    .usage('[NAME | -l label] [options]')
    .argument('[name...]')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
    .option('--sort-by <field>', "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--containers', 'If present, print usage of containers within a pod.')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--no-headers', 'If present, print output without headers.')
    .option('--sum', 'Print the sum of the resource usage')
    .option('--use-protocol-buffers [bool]', 'Enables using protocol-buffers to access Metrics API.');
  return cmd.action(async (args: string[], raw: Record<string, unknown>) => {
    const flags = raw as TopPodFlags & { headers?: boolean };
    if (args.length > 1) throw new UsageError('pod [NAME | -l label]', "See 'mk top pod -h' for help and examples");
    const name = args[0] ?? '';
    const sortBy = validateSortBy(flags.sortBy);
    if (name && (flags.selector || flags.fieldSelector)) throw new RawError('error: only one of NAME or selector can be provided');
    await withCluster(ctx, async (cluster, namespace) => {
      if (flags.selector || flags.fieldSelector) await enableSelectors(cluster);
      const { getPodMetrics, listPodMetrics } = await import('../../metrics/metrics-server.js');
      const mctx = metricsContext(cluster);
      let metrics: PodMetrics[];
      try {
        metrics = name
          ? [getPodMetrics(mctx, namespace, name)]
          : listPodMetrics(mctx, { namespace: flags.allNamespaces ? undefined : namespace, labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
      } catch (e) {
        selectorFailure(e);
      }
      if (!metrics.length) {
        verifyEmptyMetrics(cluster, namespace, flags);
        ctx.io.err(flags.allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
      }
      const { printPodMetrics } = await import('../printers/metrics.js');
      ctx.io.out(printPodMetrics(metrics, {
        containers: flags.containers, withNamespace: flags.allNamespaces, noHeaders: flags.headers === false, sortBy, sum: flags.sum,
      }));
    });
  });
}

/**
 * verifyEmptyMetrics: no metrics at all. Pods (of the current namespace, even with -A, as
 * kubectl lists them) older than metricsCreationDelay are an error; younger ones are "not yet".
 */
function verifyEmptyMetrics(cluster: ClusterHandle, namespace: string, flags: TopPodFlags): void {
  const pods = cluster.api.list<Pod>('pods', { namespace, labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
  if (!pods.length) return;
  for (const pod of pods) {
    const age = cluster.now() - (parseTime(pod.metadata.creationTimestamp) ?? cluster.now());
    if (age > METRICS_CREATION_DELAY_MS) {
      throw new RawError(`error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${formatGoDuration(age)}`);
    }
  }
  throw new RawError('error: metrics not available yet');
}

function topNodeCommand(ctx: CliContext): Command {
  const cmd = new Command('node')
    .aliases(['nodes', 'no'])
    .description('Display resource (CPU/memory) usage of nodes')
    .usage('[NAME | -l label] [options]')
    .argument('[name...]')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--sort-by <field>', "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--no-headers', 'If present, print output without headers')
    .option('--show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')
    .option('--use-protocol-buffers [bool]', 'Enables using protocol-buffers to access Metrics API.');
  return cmd.action(async (args: string[], raw: Record<string, unknown>) => {
    const flags = raw as TopNodeFlags & { headers?: boolean };
    if (args.length > 1) throw new UsageError('node [NAME | -l label]', "See 'mk top node -h' for help and examples");
    const name = args[0] ?? '';
    const sortBy = validateSortBy(flags.sortBy);
    if (name && flags.selector) throw new RawError('error: only one of NAME or --selector can be provided');
    await withCluster(ctx, async (cluster) => {
      if (flags.selector) await enableSelectors(cluster);
      const { getNodeMetrics, listNodeMetrics } = await import('../../metrics/metrics-server.js');
      const mctx = metricsContext(cluster);
      let metrics: NodeMetrics[];
      try {
        metrics = name ? [getNodeMetrics(mctx, name)] : listNodeMetrics(mctx, { labelSelector: flags.selector });
      } catch (e) {
        selectorFailure(e);
      }
      if (!metrics.length) throw new RawError('error: metrics not available yet');
      const nodes = name ? [cluster.api.get<Node>('nodes', undefined, name)] : cluster.api.list<Node>('nodes', { labelSelector: flags.selector });
      const available = new Map(nodes.map((n) => [n.metadata.name, flags.showCapacity ? n.status?.capacity : n.status?.allocatable]));
      const { printNodeMetrics } = await import('../printers/metrics.js');
      ctx.io.out(printNodeMetrics(metrics, available, { noHeaders: flags.headers === false, sortBy }));
    });
  });
}
