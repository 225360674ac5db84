// `mk logs`: a container's output as the kubelet serves it, with kubectl's container defaulting
// (`Defaulted container "a" out of: a, b`) and flags (--previous, --tail, --since, --timestamps,
// --all-containers, --prefix, -f).
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import { parseGoDuration } from '../../api/go-duration.js';
import { holdLease, releaseLease, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';

interface LogsFlags {
  container?: string;
  previous?: boolean;
  tail: string;
  timestamps?: boolean;
  since?: string;
  sinceTime?: string;
  limitBytes?: string;
  follow?: boolean;
  allContainers?: boolean;
  prefix?: boolean;
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function logsCommand(ctx: CliContext): Command {
  return new Command('logs')
    .description('Print the logs for a container in a pod')
    .argument('[pod]', 'POD | TYPE/NAME')
    .argument('[container]')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.')
    .option('--tail <lines>', 'Lines of recent log file to display. Defaults to -1, showing all log lines.', '-1')
    .option('--timestamps', 'Include timestamps on each line in the log output')
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h.')
    .option('--since-time <time>', 'Only return logs after a specific date (RFC3339).')
    .option('--limit-bytes <n>', 'Maximum bytes of logs to return. Defaults to no limit.')
    .option('-f, --follow', 'Specify if the logs should be streamed.')
    .option('--all-containers', 'Get all containers\' logs in the pod(s).')
    .option('--prefix', 'Prefix each log line with the log source (pod name and container name)')
    .action(async (podArg: string | undefined, containerArg: string | undefined, flags: LogsFlags) => {
      if (!podArg) {
        throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
          "See 'mk logs -h' for help and examples");
      }
      let podName = podArg;
      if (podArg.includes('/')) {
        const [type, name] = podArg.split('/', 2);
        if (!['pod', 'pods', 'po'].includes(type.toLowerCase())) {
          throw new RawError(`error: cannot get the logs from ${type}: mk logs supports pods only for now`);
        }
        podName = name;
      }
      if (containerArg && flags.container) throw new UsageError('only one of -c or an inline [CONTAINER] arg is allowed');
      const tail = Number(flags.tail);
      const sinceMs = flags.since ? parseGoDuration(flags.since) : undefined;
      if (flags.since && sinceMs === undefined) throw new RawError(`error: invalid argument "${flags.since}" for "--since" flag: time: invalid duration "${flags.since}"`);
      if (flags.since && flags.sinceTime) throw new RawError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
      const { target, cluster } = await connect(ctx.flags);
      try {
        const pod = cluster.api.tryGet<Pod>('pods', target.namespace, podName);
        if (!pod) {
          // logs.go words a missing pod itself, naming the namespace.
          throw new RawError(`error: error from server (NotFound): pods "${podName}" not found in namespace "${target.namespace}"`);
        }
        const names = pod.spec.containers.map((c) => c.name);
        let containers: string[];
        if (flags.allContainers) {
          containers = [...(pod.spec.initContainers ?? []).map((c) => c.name), ...names];
        } else {
          let container = flags.container ?? containerArg;
          if (!container && names.length > 1) {
            container = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? names[0];
            ctx.io.err(`Defaulted container "${container}" out of: ${names.join(', ')}\n`);
          }
          containers = [container ?? names[0]];
        }
        const { podLogs } = await import('../../kubelet/logs.js');
        const opts = {
          previous: flags.previous, tail: Number.isFinite(tail) ? tail : -1, timestamps: flags.timestamps,
          sinceSeconds: sinceMs !== undefined ? Math.ceil(sinceMs / 1000) : undefined, sinceTime: flags.sinceTime,
          limitBytes: flags.limitBytes !== undefined ? Number(flags.limitBytes) : undefined,
        };
        let printedUpTo = cluster.now();
        for (const c of containers) {
          const text = podLogs(pod, c, opts, cluster.now(), cluster.store);
          ctx.io.out(flags.prefix ? prefixed(text, pod.metadata.name, c) : text);
        }
        if (flags.follow && containers.length === 1) {
          // Stream what the container prints from now on, until it stops or the pod goes away,
          // keeping the cluster caught up meanwhile for every other command (the lease).
          holdLease(cluster);
          for (;;) {
            await new Promise((r) => setTimeout(r, 500));
            await settle(cluster);
            const latest = cluster.api.tryGet<Pod>('pods', target.namespace, podName);
            if (!latest || latest.metadata.uid !== pod.metadata.uid) return;
            const since = Math.floor((cluster.now() - printedUpTo) / 1000);
            const text = podLogs(latest, containers[0], { ...opts, tail: -1, sinceSeconds: Math.max(1, since) }, cluster.now(), cluster.store);
            printedUpTo = cluster.now();
            ctx.io.out(flags.prefix ? prefixed(text, podName, containers[0]) : text);
            const st = latest.status?.containerStatuses?.find((s) => s.name === containers[0]);
            if (st?.state?.terminated && latest.spec.restartPolicy === 'Never') return;
          }
        }
      } finally {
        releaseLease(cluster);
        cluster.store.close();
      }
    });
}

function prefixed(text: string, pod: string, container: string): string {
  return text.split('\n').map((l, i, all) => (i === all.length - 1 && l === '' ? '' : `[pod/${pod}/${container}] ${l}`)).join('\n');
}
