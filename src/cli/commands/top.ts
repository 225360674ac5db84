// `mk top pod|node`: kubectl 1.32's cmd/top over mk's metrics-server (src/metrics). Flags,
// checks and messages follow top_pod.go and top_node.go: the metrics API first, then, when it
// has nothing, the pods themselves to tell "not yet" (younger than two minutes) from "missing".
import { Command } from 'commander';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { formatGoDuration } from '../../api/go-duration.js';
import { parseFieldSelector, parseLabelSelector, SelectorError } from '../../apiserver/selectors.js';
import { parseTime } from '../../apiserver/time.js';
import { enableSelectors, releaseLease, type ClusterHandle } from '../../cluster/runtime.js';
import type { NodeMetrics, PodMetrics } from '../../metrics/metrics-server.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { ExitError, RawError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { printNodeMetrics, printPodMetrics, type SortBy } from '../printers/metrics.js';

/** metricsCreationDelay: how long after creation a pod's missing metrics are still "not yet". */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

interface TopPodFlags {
  selector?: string;
  fieldSelector?: string;
  sortBy?: string;
  containers?: boolean;
  allNamespaces?: boolean;
  /** false with --no-headers. */
  headers?: boolean;
  sum?: boolean;
  useProtocolBuffers?: boolean;
}

interface TopNodeFlags {
  selector?: string;
  sortBy?: string;
  /** false with --no-headers. */
  headers?: boolean;
  showCapacity?: boolean;
  useProtocolBuffers?: boolean;
}

const TOP_LONG = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`;

export function topCommand(ctx: CliContext, open: TopClientOpener = openClusterClient): Command {
  const top = new Command('top')
    .description('Display resource (CPU/memory) usage')
    .usage('[flags] [options]');
  top.addCommand(topNodeCommand(ctx, open));
  top.addCommand(topPodCommand(ctx, open));
  // cmdutil.DefaultSubCommandRun: bare, the help and exit 1; with an unknown subcommand, an error.
  return top.allowExcessArguments(true).action(() => {
    if (top.args.length) throw new RawError(`error: unknown command "${top.args[0]}"\nSee 'mk top -h' for help and examples`);
    ctx.io.out(`${TOP_LONG}\n\n${top.helpInformation()}`);
    throw new ExitError(1);
  });
}

/** What `top` reads: the metrics API and the core API (kubectl's MetricsClient, PodClient, NodeClient). */
export interface TopClient {
  /** Virtual now, for pod ages. */
  now: number;
  listPodMetrics(opts: { namespace?: string; labelSelector?: string; fieldSelector?: string }): PodMetrics[];
  getPodMetrics(namespace: string, name: string): PodMetrics;
  listNodeMetrics(opts: { labelSelector?: string }): NodeMetrics[];
  getNodeMetrics(name: string): NodeMetrics;
  listPods(opts: { namespace: string; labelSelector?: string; fieldSelector?: string }): Pod[];
  getNode(name: string): Node;
  listNodes(opts: { labelSelector?: string }): Node[];
}

export interface TopPodOptions {
  name: string;
  namespace: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  sortBy: SortBy;
  containers?: boolean;
  noHeaders?: boolean;
  sum?: boolean;
}

export interface TopNodeOptions {
  name: string;
  labelSelector?: string;
  sortBy: SortBy;
  noHeaders?: boolean;
  showCapacity?: boolean;
}

/** Validate: the checks before any request. */
function validate(o: { name: string; sortBy?: string; selectorGiven: boolean }, selectorError: string): SortBy {
  if (o.sortBy && o.sortBy !== 'cpu' && o.sortBy !== 'memory') throw new RawError('error: --sort-by accepts only cpu or memory');
  if (o.name && o.selectorGiven) throw new RawError(`error: ${selectorError}`);
  return (o.sortBy ?? '') as SortBy;
}

/** A bad selector fails on the client, before any request (labels.Parse / fields.ParseSelector). */
function selectorFailure(e: unknown): never {
  if (e instanceof SelectorError) throw new RawError(`error: ${e.message}`);
  throw e;
}

/** RunTopPod. */
export function runTopPod(o: TopPodOptions, client: TopClient, io: CliIO): void {
  let metrics: PodMetrics[];
  try {
    if (o.labelSelector) parseLabelSelector(o.labelSelector);
    if (o.fieldSelector) parseFieldSelector(o.fieldSelector);
    metrics = o.name
      ? [client.getPodMetrics(o.namespace, o.name)]
      : client.listPodMetrics({ namespace: o.allNamespaces ? undefined : o.namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector });
  } catch (e) {
    selectorFailure(e);
  }
  if (!metrics.length) {
    verifyEmptyMetrics(o, client);
    io.err(o.allNamespaces ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n`);
  }
  io.out(printPodMetrics(metrics, { containers: o.containers, withNamespace: o.allNamespaces, noHeaders: o.noHeaders, sortBy: o.sortBy, sum: o.sum }));
}

/**
 * verifyEmptyMetrics: the metrics API had nothing. Pods (of the current namespace, even with -A,
 * as kubectl lists them) older than metricsCreationDelay are an error; younger ones are "not yet".
 */
function verifyEmptyMetrics(o: TopPodOptions, client: TopClient): void {
  const pods = client.listPods({ namespace: o.namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector });
  if (!pods.length) return;
  for (const pod of pods) {
    const age = client.now - (parseTime(pod.metadata.creationTimestamp) ?? client.now);
    if (age > METRICS_CREATION_DELAY_MS) {
      throw new RawError(`error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${formatGoDuration(age)}`);
    }
  }
  throw new RawError('error: metrics not available yet');
}

/** RunTopNode: percentages against allocatable, or capacity with --show-capacity. */
export function runTopNode(o: TopNodeOptions, client: TopClient, io: CliIO): void {
  let metrics: NodeMetrics[];
  try {
    if (o.labelSelector) parseLabelSelector(o.labelSelector);
    metrics = o.name ? [client.getNodeMetrics(o.name)] : client.listNodeMetrics({ labelSelector: o.labelSelector });
  } catch (e) {
    selectorFailure(e);
  }
  if (!metrics.length) throw new RawError('error: metrics not available yet');
  const nodes = o.name ? [client.getNode(o.name)] : client.listNodes({ labelSelector: o.labelSelector });
  const available = new Map(nodes.map((n) => [n.metadata.name, o.showCapacity ? n.status?.capacity : n.status?.allocatable]));
  io.out(printNodeMetrics(metrics, available, { noHeaders: o.noHeaders, sortBy: o.sortBy }));
}

/** The cluster's metrics-server and API server behind TopClient. */
async function clusterClient(cluster: ClusterHandle, selectors: boolean): Promise<TopClient> {
  if (selectors) await enableSelectors(cluster);
  const ms = await import('../../metrics/metrics-server.js');
  const mctx = { api: cluster.api, store: cluster.store, now: cluster.now() };
  return {
    now: cluster.now(),
    listPodMetrics: (opts) => ms.listPodMetrics(mctx, opts),
    getPodMetrics: (ns, name) => ms.getPodMetrics(mctx, ns, name),
    listNodeMetrics: (opts) => ms.listNodeMetrics(mctx, opts),
    getNodeMetrics: (name) => ms.getNodeMetrics(mctx, name),
    listPods: (opts) => cluster.api.list<Pod>('pods', opts),
    getNode: (name) => cluster.api.get<Node>('nodes', undefined, name),
    listNodes: (opts) => cluster.api.list<Node>('nodes', opts),
  };
}

/** Opens what `top` reads, for one command; tests hand in their own. */
export type TopClientOpener = (ctx: CliContext, selectors: boolean) => Promise<{ client: TopClient; namespace: string; close(): void }>;

const openClusterClient: TopClientOpener = async (ctx, selectors) => {
  const { target, cluster } = await connect(ctx.flags);
  try {
    return {
      client: await clusterClient(cluster, selectors),
      namespace: target.namespace,
      close: () => {
        releaseLease(cluster);
        cluster.store.close();
      },
    };
  } catch (e) {
    cluster.store.close();
    throw e;
  }
};

function topPodCommand(ctx: CliContext, open: TopClientOpener): Command {
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
    .option('--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.');
  return cmd.action(async (args: string[], flags: TopPodFlags) => {
    if (args.length > 1) throw new UsageError('pod [NAME | -l label]', "See 'mk top pod -h' for help and examples");
    const name = args[0] ?? '';
    const sortBy = validate({ name, sortBy: flags.sortBy, selectorGiven: !!(flags.selector || flags.fieldSelector) }, 'only one of NAME or selector can be provided');
    const { client, namespace, close } = await open(ctx, !!(flags.selector || flags.fieldSelector));
    try {
      runTopPod({
        name, namespace, allNamespaces: flags.allNamespaces, labelSelector: flags.selector, fieldSelector: flags.fieldSelector,
        sortBy, containers: flags.containers, noHeaders: flags.headers === false, sum: flags.sum,
      }, client, ctx.io);
    } finally {
      close();
    }
  });
}

function topNodeCommand(ctx: CliContext, open: TopClientOpener): Command {
  const cmd = new Command('node')
    .aliases(['nodes', 'no'])
    .description('Display resource (CPU/memory) usage of nodes')
    .usage('[NAME | -l label] [options]')
    .argument('[name...]')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--sort-by <field>', "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--no-headers', 'If present, print output without headers')
    .option('--show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')
    .option('--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.');
  return cmd.action(async (args: string[], flags: TopNodeFlags) => {
    if (args.length > 1) throw new UsageError('node [NAME | -l label]', "See 'mk top node -h' for help and examples");
    const name = args[0] ?? '';
    const sortBy = validate({ name, sortBy: flags.sortBy, selectorGiven: !!flags.selector }, 'only one of NAME or --selector can be provided');
    const { client, close } = await open(ctx, !!flags.selector);
    try {
      runTopNode({ name, labelSelector: flags.selector, sortBy, noHeaders: flags.headers === false, showCapacity: flags.showCapacity }, client, ctx.io);
    } finally {
      close();
    }
  });
}
