// `mk drain NODE`: kubectl 1.32's drain (cmd/drain/drain.go over pkg/drain): cordon, pick the
// pods to evict through the filters (DaemonSet-managed, mirror, local storage, unreplicated, in
// that order, the first refusal winning), print the warnings, evict each pod and wait until it is
// gone, then report the node drained. A node whose pods can't all be evicted is reported, listed
// as pending, and the errors end the command.
import { Command } from 'commander';
import { parseGoDuration, formatGoDuration } from '../../api/go-duration.js';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import { formatTime } from '../../apiserver/time.js';
import { enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { waitUntil } from '../wait.js';
import { runCordonOrUncordon, selectNodes } from './cordon.js';

const daemonSetFatal = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
const localStorageFatal = 'Pods with local storage (use --delete-emptydir-data to override)';
const localStorageWarning = 'deleting Pods with local storage';
const unmanagedFatal = 'cannot delete Pods that declare no controller (use --force to override)';
const unmanagedWarning = 'deleting Pods that declare no controller';

interface DrainFlags {
  force?: boolean; ignoreDaemonsets?: boolean; deleteEmptydirData?: boolean; gracePeriod: string; timeout: string;
  selector?: string; podSelector?: string; dryRun?: string; disableEviction?: boolean;
}

interface PodDeleteStatus { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string }
const okay: PodDeleteStatus = { delete: true, reason: 'Okay' };
const skip: PodDeleteStatus = { delete: false, reason: 'Skip' };
const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message });
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

export function drainCommand(ctx: CliContext): Command {
  return new Command('drain')
    .description('Drain node in preparation for maintenance')
    .usage('NODE [options]')
    .argument('[nodes...]')
    .option('--force', 'Continue even if there are pods that do not declare a controller.')
    .option('--ignore-daemonsets', 'Ignore DaemonSet-managed pods.')
    .option('--delete-emptydir-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).')
    .option('--grace-period <seconds>', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.', '-1')
    .option('--timeout <duration>', 'The length of time to wait before giving up, zero means infinite', '0s')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--pod-selector <selector>', 'Label selector to filter pods on the node')
    .option('--disable-eviction', 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client".')
    .action(async (args: string[], flags: DrainFlags) => {
      const grace = Number(flags.gracePeriod);
      if (!Number.isInteger(grace)) throw new UsageError(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`);
      const timeoutMs = parseGoDuration(flags.timeout);
      if (timeoutMs === undefined) throw new UsageError(`invalid argument "${flags.timeout}" for "--timeout" flag: time: invalid duration "${flags.timeout}"`);
      const { cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        const nodes = await selectNodes(cluster, 'drain', args, flags);
        for (const line of runCordonOrUncordon(cluster, nodes, true, flags.dryRun)) ctx.io.out(line);
        await settle(cluster);
        const fatal: string[] = [];
        const remaining: string[] = [];
        for (const node of nodes) {
          const err = await deleteOrEvictPodsSimple(ctx, cluster, node, flags, grace, timeoutMs);
          if (err === undefined) {
            ctx.io.out(`node/${node.metadata.name} drained${flags.dryRun === 'client' || flags.dryRun === '' ? ' (dry run)' : flags.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
          } else {
            ctx.io.err(`error: unable to drain node "${node.metadata.name}" due to error: ${err}, continuing command...\n`);
            fatal.push(err);
            remaining.push(node.metadata.name);
          }
        }
        if (remaining.length) {
          ctx.io.err('There are pending nodes to be drained:\n');
          for (const n of remaining) ctx.io.err(` ${n}\n`);
          throw new RawError(`error: ${aggregate(fatal)}`);
        }
      } finally {
        cluster.store.close();
      }
    });
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]`. */
function aggregate(msgs: string[]): string {
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}

interface PodDelete { pod: Pod; status: PodDeleteStatus }

function getPodsForDeletion(cluster: ClusterHandle, node: string, flags: DrainFlags): { pods: Pod[]; warnings: string; errors: string[] } {
  const all = (cluster.api.list<KubeObject>('pods', { labelSelector: flags.podSelector }) as unknown as Pod[])
    .filter((p) => p.spec.nodeName === node);
  const items: PodDelete[] = [];
  for (const pod of all) {
    let status = okay;
    for (const filter of [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter]) {
      status = filter(pod, flags);
      if (!status.delete) break;
    }
    // A pod filtered out without a message (a mirror pod) is simply left alone.
    if (status.delete || status.reason === 'Warning' || status.reason === 'Error') items.push({ pod, status });
  }
  const group = (reason: string) => {
    const by = new Map<string, string[]>();
    for (const i of items) {
      if (i.status.reason !== reason) continue;
      const msg = i.status.message || 'unexpected error';
      by.set(msg, [...(by.get(msg) ?? []), `${i.pod.metadata.namespace}/${i.pod.metadata.name}`]);
    }
    return by;
  };
  const warnings = [...group('Warning')].map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; ');
  const errors = [...group('Error')].map(([m, ps]) => (m.toLowerCase().startsWith('cannot delete') ? `${m}: ${ps.join(', ')}` : `cannot delete ${m}: ${ps.join(', ')}`));
  return { pods: items.filter((i) => i.status.delete).map((i) => i.pod), warnings, errors };
}

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.controller);

function daemonSetFilter(pod: Pod, flags: DrainFlags): PodDeleteStatus {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay;
  return flags.ignoreDaemonsets ? warning(false, daemonSetWarning) : error(daemonSetFatal);
}

function mirrorPodFilter(pod: Pod): PodDeleteStatus {
  return pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? skip : okay;
}

function localStorageFilter(pod: Pod, flags: DrainFlags): PodDeleteStatus {
  if (!(pod.spec.volumes ?? []).some((v) => v.emptyDir) || finished(pod)) return okay;
  return flags.deleteEmptydirData ? warning(true, localStorageWarning) : error(localStorageFatal);
}

function unreplicatedFilter(pod: Pod, flags: DrainFlags): PodDeleteStatus {
  if (finished(pod) || controllerOf(pod)) return okay;
  return flags.force ? warning(true, unmanagedWarning) : error(unmanagedFatal);
}

/** Evicts (or deletes) the node's pods and waits until each is gone; the error text, if any. */
async function deleteOrEvictPodsSimple(ctx: CliContext, cluster: ClusterHandle, node: Node, flags: DrainFlags,
  grace: number, timeoutMs: number): Promise<string | undefined> {
  const list = getPodsForDeletion(cluster, node.metadata.name, flags);
  if (list.errors.length) return aggregate(list.errors);
  if (list.warnings) ctx.io.err(`Warning: ${list.warnings}\n`);
  if (flags.dryRun === 'client' || flags.dryRun === '') {
    for (const p of list.pods) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return undefined;
  }
  const evicting = !flags.disableEviction;
  const opts = { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: flags.dryRun === 'server' };
  const pending: Pod[] = [];
  cluster.store.transaction(() => {
    for (const pod of list.pods) {
      if (evicting) ctx.io.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
      try {
        if (evicting && !opts.dryRun) markEvicted(cluster, pod);
        cluster.api.delete('pods', pod.metadata.namespace, pod.metadata.name, opts);
        pending.push(pod);
      } catch (err) {
        if (!(err instanceof ApiError && err.status.code === 404)) throw err;
      }
    }
  });
  await settle(cluster);
  if (opts.dryRun) {
    for (const pod of pending) ctx.io.out(`pod/${pod.metadata.name} ${evicting ? 'evicted' : 'deleted'} (server dry run)\n`);
    return undefined;
  }
  const gone = (pod: Pod) => {
    const cur = cluster.api.tryGet<KubeObject>('pods', pod.metadata.namespace, pod.metadata.name);
    return !cur || cur.metadata.uid !== pod.metadata.uid;
  };
  const report = () => {
    for (let i = 0; i < pending.length;) {
      if (gone(pending[i])) {
        ctx.io.out(`pod/${pending[i].metadata.name} ${evicting ? 'evicted' : 'deleted'}\n`);
        pending.splice(i, 1);
      } else i++;
    }
    return pending.length === 0;
  };
  const ok = await waitUntil(cluster, report, timeoutMs > 0 ? timeoutMs : Number.MAX_SAFE_INTEGER / 2);
  if (ok) return undefined;
  const reached = `global timeout reached: ${formatGoDuration(timeoutMs)}`;
  const errs = pending.map((p) => (evicting
    ? `error when waiting for pod "${p.metadata.name}" terminating: ${reached}`
    : reached));
  const msg = aggregate([...new Set(errs)]);
  ctx.io.err(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${msg}\n`);
  for (const p of pending) ctx.io.err(`pod/${p.metadata.name}\n`);
  return msg;
}

/** The Eviction API's mark on the pod before it deletes it. */
function markEvicted(cluster: ClusterHandle, pod: Pod): void {
  const cur = cluster.api.get<KubeObject>('pods', pod.metadata.namespace, pod.metadata.name) as unknown as Pod;
  const conditions = [...(cur.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(cluster.now()),
    reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
  }];
  cluster.api.updateStatus('pods', { ...cur, status: { ...cur.status, conditions } } as unknown as KubeObject);
}
