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
import { EVICTION_REFUSED_MESSAGE, evictPod, type EvictionOptions } from '../../apiserver/eviction.js';
import { eventTtlController } from '../../controllers/event-ttl.js';
import { enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { sleepFor, waitUntil } from '../wait.js';
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

/**
 * deleteOrEvictPodsSimple: evicts (or deletes) the node's pods and waits until each is gone; the
 * error text, if any, after listing the pods still on the node.
 */
async function deleteOrEvictPodsSimple(ctx: CliContext, cluster: ClusterHandle, node: Node, flags: DrainFlags,
  grace: number, timeoutMs: number): Promise<string | undefined> {
  const list = getPodsForDeletion(cluster, node.metadata.name, flags);
  if (list.errors.length) return aggregate(list.errors);
  if (list.warnings) ctx.io.err(`Warning: ${list.warnings}\n`);
  if (flags.dryRun === 'client' || flags.dryRun === '') {
    for (const p of list.pods) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return undefined;
  }
  const opts = { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: flags.dryRun === 'server' };
  const errs = flags.disableEviction
    ? await deletePods(ctx, cluster, list.pods, opts, timeoutMs)
    : await evictPods(ctx, cluster, list.pods, opts, timeoutMs);
  if (errs.length === 0) return undefined;
  const msg = aggregate(errs);
  const pending = getPodsForDeletion(cluster, node.metadata.name, flags).pods;
  if (pending.length) {
    ctx.io.err(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${msg}\n`);
    for (const p of pending) ctx.io.err(`pod/${p.metadata.name}\n`);
  }
  return msg;
}

/** The pod is gone, or replaced by another of the same name. */
function isGone(cluster: ClusterHandle, pod: Pod): boolean {
  const cur = cluster.api.tryGet<KubeObject>('pods', pod.metadata.namespace, pod.metadata.name);
  return !cur || cur.metadata.uid !== pod.metadata.uid;
}

/** Go's `%v` of the global timeout: 0 (none) is time.Duration(math.MaxInt64). */
function globalTimeoutText(timeoutMs: number): string {
  return timeoutMs > 0 ? formatGoDuration(timeoutMs) : '2562047h47m16.854775807s';
}

/** How far ahead a manual clock looks for something that could still change a budget. */
const RETRY_HORIZON_MS = 60_000;

/** Timer owners whose work changes nothing an eviction depends on. */
const ISOLATED_TIMERS = [eventTtlController.name];

interface Eviction { pod: Pod; stage: 'evict' | 'wait' | 'done'; due: number }

/**
 * evictPods: each pod is evicted in a loop of its own (kubectl runs one goroutine per pod): a
 * budget's 429 is printed and retried 5 s later, then the pod is polled every second until it is
 * gone. The loops run here in virtual time, earliest first; on a manual clock a refusal nothing
 * can change any more ends the drain instead of a retry forever.
 */
async function evictPods(ctx: CliContext, cluster: ClusterHandle, pods: Pod[], opts: EvictionOptions,
  timeoutMs: number): Promise<string[]> {
  const deadline = timeoutMs > 0 ? cluster.now() + timeoutMs : Infinity;
  const reached = `global timeout reached: ${globalTimeoutText(timeoutMs)}`;
  const errs: string[] = [];
  const loops: Eviction[] = pods.map((pod) => ({ pod, stage: 'evict', due: cluster.now() }));
  let lastRevision = -1;
  for (;;) {
    const now = cluster.now();
    let refused = false;
    for (const l of loops) {
      if (l.stage === 'done' || l.due > now) continue;
      const { name, namespace } = l.pod.metadata as { name: string; namespace: string };
      if (l.stage === 'evict') {
        ctx.io.out(`evicting pod ${namespace}/${name}${opts.dryRun ? ' (server dry run)' : ''}\n`);
        if (now >= deadline) {
          errs.push(`error when evicting pods/"${name}" -n "${namespace}": ${reached}`);
          l.stage = 'done';
          continue;
        }
        try {
          cluster.store.transaction(() => evictPod(cluster.api, namespace, name, opts, now));
          // A server dry run is done once the eviction is accepted: nothing goes away to wait for.
          l.stage = opts.dryRun ? 'done' : 'wait';
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (err.status.code === 404) {
            l.stage = 'done';
          } else if (err.status.reason === 'TooManyRequests') {
            ctx.io.err(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${err.status.message}\n`);
            l.due = now + 5000;
            refused = true;
          } else {
            errs.push(`error when evicting pods/"${name}" -n "${namespace}": ${err.status.message}`);
            l.stage = 'done';
          }
        }
      }
    }
    await settle(cluster);
    for (const l of loops) {
      if (l.stage !== 'wait' || l.due > cluster.now()) continue;
      if (isGone(cluster, l.pod)) {
        ctx.io.out(`pod/${l.pod.metadata.name} evicted\n`);
        l.stage = 'done';
      } else if (cluster.now() >= deadline) {
        errs.push(`error when waiting for pod "${l.pod.metadata.name}" in namespace "${l.pod.metadata.namespace}" to terminate: ${reached}`);
        l.stage = 'done';
      } else {
        l.due = cluster.now() + 1000;
      }
    }
    const open = loops.filter((l) => l.stage !== 'done');
    if (open.length === 0) return errs;
    // Without a timeout kubectl retries forever; a manual clock moves only while this command
    // sleeps. Once a round changed nothing and nothing is due soon (a pod that is starting has
    // its next step within a minute), no retry can go differently and the refusal stands; a pod
    // being deleted is waited for as long as anything at all is due.
    const revision = cluster.store.revision();
    const next = cluster.store.nextTimer(ISOLATED_TIMERS);
    const waiting = open.some((l) => l.stage === 'wait');
    const idle = cluster.clock.mode === 'manual' && revision === lastRevision
      && !(next && (waiting || next.due <= cluster.now() + RETRY_HORIZON_MS));
    lastRevision = revision;
    if (idle && deadline === Infinity) {
      // Nothing is due that could change a budget or end a pod: a wait would never end.
      for (const l of open) {
        errs.push(l.stage === 'evict'
          ? `error when evicting pods/"${l.pod.metadata.name}" -n "${l.pod.metadata.namespace}": ${refused ? EVICTION_REFUSED_MESSAGE : reached}`
          : `error when waiting for pod "${l.pod.metadata.name}" in namespace "${l.pod.metadata.namespace}" to terminate: ${reached}`);
      }
      return errs;
    }
    // Each loop notices the deadline only when it wakes, as kubectl's goroutines do.
    const wake = Math.min(...open.map((l) => l.due));
    if (!(await sleepFor(cluster, Math.max(0, wake - cluster.now())))) {
      for (const l of open) errs.push(`error when evicting pods/"${l.pod.metadata.name}" -n "${l.pod.metadata.namespace}": ${reached}`);
      return errs;
    }
  }
}

/** deletePods: deletes them all, then waits until each is gone. */
async function deletePods(ctx: CliContext, cluster: ClusterHandle, pods: Pod[], opts: EvictionOptions,
  timeoutMs: number): Promise<string[]> {
  const pending: Pod[] = [];
  cluster.store.transaction(() => {
    for (const pod of pods) {
      try {
        cluster.api.delete('pods', pod.metadata.namespace, pod.metadata.name ?? '', opts);
        pending.push(pod);
      } catch (err) {
        if (!(err instanceof ApiError && err.status.code === 404)) throw err;
      }
    }
  });
  await settle(cluster);
  if (opts.dryRun) {
    for (const pod of pending) ctx.io.out(`pod/${pod.metadata.name} deleted (server dry run)\n`);
    return [];
  }
  const report = () => {
    for (let i = 0; i < pending.length;) {
      if (isGone(cluster, pending[i])) {
        ctx.io.out(`pod/${pending[i].metadata.name} deleted\n`);
        pending.splice(i, 1);
      } else i++;
    }
    return pending.length === 0;
  };
  const ok = await waitUntil(cluster, report, timeoutMs > 0 ? timeoutMs : Number.MAX_SAFE_INTEGER / 2);
  // wait.PollImmediate's own timeout: the drain's context never ends when deleting.
  return ok ? [] : ['timed out waiting for the condition'];
}
