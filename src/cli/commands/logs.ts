// `mk logs`: kubectl 1.32's logs verb (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go). Complete
// reads the arguments and fetches `POD`, `TYPE/NAME` or the pods of `-l`; Validate refuses flag
// combinations; Run turns the object into one log request per pod and container
// (polymorphichelpers.LogsForObject, with kubectl's container defaulting and pod choice) and
// prints them one after another, or, with -f and several streams, follows them side by side.
//
// kubectl keeps its requests in a Go map, so with several of them it prints them in an order that
// changes from run to run; mk prints them in the order LogsForObject makes them (pods as listed,
// containers init first).
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import { parseGoDuration } from '../../api/go-duration.js';
import { GoTimeParseError, parseGoRFC3339 } from '../../api/go-rfc3339.js';
import { ApiError, notFound } from '../../apiserver/errors.js';
import { formatTime } from '../../apiserver/time.js';
import { enableSelectors, releaseLease, type ClusterHandle } from '../../cluster/runtime.js';
import { firstPodForObject, podsForObject, resolveObject, type ResolvedObject } from '../attachable-pod.js';
import type { CliContext, Target } from '../context.js';
import { connect } from '../context.js';
import { enhanceListError, errorText, RawError, UsageError } from '../errors.js';
import { allContainerNames, DEFAULT_CONTAINER_ANNOTATION, findContainerByName, hasOtherContainers } from '../podcmd.js';
import type { LogOptions } from '../../kubelet/logs.js';

interface LogsFlags {
  allContainers?: boolean;
  allPods?: boolean;
  container?: string;
  follow?: boolean;
  ignoreErrors?: boolean;
  insecureSkipTlsVerifyBackend?: boolean;
  limitBytes: string;
  maxLogRequests: string;
  podRunningTimeout: string;
  prefix?: boolean;
  previous?: boolean;
  selector?: string;
  since: string;
  sinceTime?: string;
  tail: string;
  timestamps?: boolean;
}

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const USAGE_ERR = `expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`;
const USAGE_HINT = "See 'mk logs -h' for help and examples";
/** selectorTail: the lines per container a selector shows unless --tail says otherwise. */
const SELECTOR_TAIL = 10;

/** One request of LogsForObject's result: a pod's container, and what --prefix calls it. */
export interface LogRequest {
  pod: Pod;
  container: string;
  /** `[pod/web-1/nginx] ` */
  prefix: string;
}

/** The resolved command: LogsOptions after Complete. */
export interface LogsOptions {
  namespace: string;
  resourceArg?: string;
  selector?: string;
  container?: string;
  containerNameSpecified: boolean;
  argCount: number;
  allContainers: boolean;
  allPods: boolean;
  follow: boolean;
  ignoreErrors: boolean;
  prefix: boolean;
  maxFollowConcurrency: number;
  podRunningTimeoutMs: number;
  limitBytes: number;
  sinceMs: number;
  sinceTime?: string;
  tail?: number;
  log: LogOptions;
}

export function logsCommand(ctx: CliContext): Command {
  const cmd = new Command('logs')
    .description('Print the logs for a container in a pod')
    .usage('[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]')
    .argument('[args...]')
    .option('--all-containers', "Get all containers' logs in the pod(s).")
    .option('--all-pods', 'Get logs from all pod(s). Sets prefix to true.')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('-f, --follow', 'Specify if the logs should be streamed.')
    .option('--ignore-errors', 'If watching / following pod logs, allow for any errors that occur to be non-fatal')
    .option('--insecure-skip-tls-verify-backend', 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.')
    .option('--limit-bytes <n>', 'Maximum bytes of logs to return. Defaults to no limit.', '0')
    .option('--max-log-requests <n>', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.', '5')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '20s')
    .option('--prefix', 'Prefix each log line with the log source (pod name and container name)')
    .option('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.', '0s')
    .option('--since-time <time>', 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.')
    .option('--tail <lines>', 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.', '-1')
    .option('--timestamps', 'Include timestamps on each line in the log output');
  return cmd.action(async (args: string[], flags: LogsFlags) => {
    const opts = toOptions(cmd, args, flags);
    const { target, cluster } = await connect(ctx.flags);
    try {
      const object = await complete(ctx, cluster, target, opts);
      validate(opts);
      await runLogs(ctx, cluster, opts, object);
    } finally {
      releaseLease(cluster);
      cluster.store.close();
    }
  });
}

/** pflag's complaint about a flag value, with cobra's hint. */
function badFlag(name: string, raw: string, why: string): UsageError {
  return new UsageError(`invalid argument "${raw}" for "${name}" flag: ${why}`, "See 'mk logs --help' for usage.");
}

/** An Int64/Int flag as pflag parses it (strconv.ParseInt, base 0). */
function intFlag(name: string, raw: string): number {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.exec(raw);
  if (!m) throw badFlag(name, raw, `strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  const body = /^0[0-7]+$/.test(m[2]) ? `0o${m[2].slice(1)}` : m[2].toLowerCase();
  const n = Number(BigInt(body));
  return m[1] === '-' ? -n : n;
}

function durationFlag(name: string, raw: string): number {
  const ms = parseGoDuration(raw);
  if (ms === undefined) throw badFlag(name, raw, `time: invalid duration ${JSON.stringify(raw)}`);
  return ms;
}

/** The flags parsed (pflag's errors), and Complete's checks of the arguments, in kubectl's order. */
function toOptions(cmd: Command, args: string[], flags: LogsFlags): LogsOptions {
  const tail = intFlag('--tail', flags.tail);
  const limitBytes = intFlag('--limit-bytes', flags.limitBytes);
  const maxFollowConcurrency = intFlag('--max-log-requests', flags.maxLogRequests);
  const podRunningTimeoutMs = durationFlag('--pod-running-timeout', flags.podRunningTimeout);
  const sinceMs = durationFlag('--since', flags.since);
  const selector = flags.selector || undefined;

  let resourceArg: string | undefined;
  let container = flags.container;
  switch (args.length) {
    case 0:
      if (!selector) throw new UsageError(USAGE_ERR, USAGE_HINT);
      break;
    case 1:
      resourceArg = args[0];
      if (selector) throw new UsageError('only a selector (-l) or a POD name is allowed', USAGE_HINT);
      break;
    case 2:
      [resourceArg, container] = args;
      break;
    default:
      throw new UsageError(USAGE_ERR, USAGE_HINT);
  }
  if (podRunningTimeoutMs <= 0) throw new RawError('error: --pod-running-timeout must be higher than zero');
  // PodLogOptions.sinceTime is a metav1.Time: it reaches the server with whole seconds.
  const sinceTime = flags.sinceTime ? formatTime(parseRFC3339(flags.sinceTime)) : undefined;

  const tailSpecified = cmd.getOptionValueSource('tail') === 'cli';
  // ToLogOptions: a selector shows the last 10 lines of each container unless --tail was given.
  const tailLines = selector && tail === -1 && !tailSpecified ? SELECTOR_TAIL : tail !== -1 ? tail : undefined;
  const sinceSeconds = sinceMs !== 0 ? Math.round(sinceMs / 1000) : undefined;
  return {
    namespace: '',
    resourceArg,
    selector,
    container,
    containerNameSpecified: flags.container !== undefined,
    argCount: args.length,
    allContainers: !!flags.allContainers,
    allPods: !!flags.allPods,
    follow: !!flags.follow,
    ignoreErrors: !!flags.ignoreErrors,
    prefix: !!flags.prefix || !!flags.allPods,
    maxFollowConcurrency,
    podRunningTimeoutMs,
    limitBytes,
    sinceMs,
    sinceTime: flags.sinceTime,
    tail: tailLines,
    log: {
      previous: !!flags.previous,
      timestamps: !!flags.timestamps,
      tail: tailLines,
      sinceSeconds,
      sinceTime,
      limitBytes: limitBytes !== 0 ? limitBytes : undefined,
    },
  };
}

/** util.ParseRFC3339: RFC3339Nano, then RFC3339, whose error is the one kubectl reports. */
function parseRFC3339(text: string): number {
  try {
    return parseGoRFC3339(text);
  } catch (err) {
    if (err instanceof GoTimeParseError) throw new RawError(`error: ${err.message}`);
    throw err;
  }
}

/** What Complete's builder call fetched: one object, or the pods of a selector. */
type LogsObject = { resolved: ResolvedObject } | { pods: Pod[] };

async function complete(ctx: CliContext, cluster: ClusterHandle, target: Target, opts: LogsOptions): Promise<LogsObject> {
  opts.namespace = target.namespace;
  if (opts.selector !== undefined) {
    await enableSelectors(cluster);
    let pods: Pod[];
    try {
      pods = cluster.api.list<Pod>('pods', { namespace: target.namespace, labelSelector: opts.selector });
    } catch (err) {
      throw enhanceListError(err, { labelSelector: opts.selector }, { group: '', version: 'v1', resource: 'pods' });
    }
    if (pods.length === 0) ctx.io.err(`No resources found in ${target.namespace} namespace.\n`);
    return { pods };
  }
  try {
    return { resolved: resolveObject(cluster.api, target.namespace, opts.resourceArg!) };
  } catch (err) {
    if (err instanceof ApiError && err.status.code === 404) {
      throw new RawError(`error: error from server (NotFound): ${err.status.message} in namespace "${target.namespace}"`);
    }
    throw err;
  }
}

function validate(opts: LogsOptions): void {
  if (opts.sinceTime && opts.sinceMs !== 0) throw new RawError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (opts.allContainers && opts.container) {
    throw new RawError(`error: --all-containers=true should not be specified with container name ${opts.container}`);
  }
  if (opts.containerNameSpecified && opts.argCount === 2) throw new RawError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (opts.limitBytes < 0) throw new RawError('error: --limit-bytes must be greater than 0');
  if (opts.log.sinceSeconds !== undefined && opts.log.sinceSeconds < 0) throw new RawError('error: --since must be greater than 0');
  if (opts.tail !== undefined && opts.tail < -1) throw new RawError('error: --tail must be greater than or equal to -1');
}

/**
 * LogsForObject for one pod: its containers' requests, the container named, annotated or
 * defaulted (with kubectl's notices), or every container with --all-containers.
 */
function podRequests(ctx: CliContext, pod: Pod, opts: LogsOptions, allContainers: boolean, allPods: boolean): LogRequest[] {
  const request = (container: string): LogRequest => ({ pod, container, prefix: `[pod/${pod.metadata.name}/${container}] ` });
  if (allContainers) {
    // Each container in turn, as if named: init containers, then the others, then ephemeral ones.
    const names = [...(pod.spec.initContainers ?? []).map((c) => c.name), ...pod.spec.containers.map((c) => c.name)];
    return names.flatMap((name) => podRequests(ctx, pod, { ...opts, container: name }, false, false));
  }
  let container = opts.container;
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (!container && annotated) {
    if (!findContainerByName(pod, annotated)) ctx.io.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
    else container = annotated;
  }
  if (!container) {
    container = pod.spec.containers[0].name;
    if (hasOtherContainers(pod) && !allPods) ctx.io.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!findContainerByName(pod, container)) {
    throw new RawError(`error: container ${container} is not valid for pod ${pod.metadata.name}`);
  }
  return [request(container)];
}

/** LogsForObject / AllPodLogsForObject: the requests, without duplicates (kubectl keys them by object reference). */
async function logsForObject(ctx: CliContext, cluster: ClusterHandle, object: LogsObject, opts: LogsOptions): Promise<LogRequest[]> {
  let pods: Pod[];
  if ('pods' in object) {
    pods = object.pods;
  } else if (object.resolved.kind.kind === 'Pod') {
    pods = podsForObject(cluster.api, object.resolved, 'logs');
  } else {
    // Its pods sorted by podutils.ByLogging; the first, or all of them with --all-pods.
    const sorted = () => podsForObject(cluster.api, object.resolved, 'logs');
    const { pod, message } = await firstPodForObject(cluster, object.resolved, 'logs', opts.podRunningTimeoutMs);
    if (opts.allPods && message) pods = sorted();
    else {
      if (message) ctx.io.err(message);
      pods = [pod];
    }
  }
  const seen = new Set<string>();
  const out: LogRequest[] = [];
  for (const pod of pods) {
    for (const r of podRequests(ctx, pod, opts, opts.allContainers, opts.allPods)) {
      const key = `${pod.metadata.uid}/${r.container}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

async function runLogs(ctx: CliContext, cluster: ClusterHandle, opts: LogsOptions, object: LogsObject): Promise<void> {
  const requests = await logsForObject(ctx, cluster, object, opts);
  const { podLogs } = await import('../../kubelet/logs.js');
  if (opts.follow && requests.length > 1 && requests.length > opts.maxFollowConcurrency) {
    throw new RawError(`error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${opts.maxFollowConcurrency}, use --max-log-requests to increase the limit`);
  }
  if (opts.follow) {
    const { followLogs } = await import('./logs-follow.js');
    await followLogs(ctx, cluster, requests, opts);
    return;
  }
  // sequentialConsumeRequest: each stream to its end, an error ending the command unless ignored.
  for (const r of requests) {
    let text: string;
    try {
      const pod = cluster.api.tryGet<Pod>('pods', r.pod.metadata.namespace, r.pod.metadata.name);
      if (!pod) throw notFound('pods', r.pod.metadata.name);
      text = podLogs(pod, r.container, opts.log, cluster.now(), cluster.store);
    } catch (err) {
      if (!opts.ignoreErrors) throw err;
      ctx.io.out(`error: ${errorText(err)}\n`);
      continue;
    }
    ctx.io.out(opts.prefix ? prefixed(text, r.prefix) : text);
  }
}

/** prefixingWriter: the prefix before every line the stream writes (a cut last line too). */
export function prefixed(text: string, prefix: string): string {
  return text.split(/(?<=\n)/).filter((l) => l !== '').map((l) => prefix + l).join('');
}
