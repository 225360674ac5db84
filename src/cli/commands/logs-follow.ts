// `mk logs -f`: log streams followed until the kubelet ends them. Each stream remembers how many
// lines of its container instance it has sent, so every line is printed once and in order
// however far the clock moves between two looks. A stream ends when its instance exits (a
// restarted container writes a new log, which the stream does not follow), when its pod is gone,
// or when --limit-bytes is used up; the command ends with its last stream. Several streams (-l,
// --all-containers, --all-pods) are followed side by side, their lines merged in the order they
// were written.
//
// How time moves meanwhile, as for `mk get -w` (and with its constants):
// - realtime cluster: every POLL_MS the cluster is caught up, holding the cluster's lease so other
//   commands leave the reconciling to this one.
// - manual clock: virtual time moves from timer to timer (a container exiting is one) while the
//   followed pods keep changing: it stops once they have been quiet for MANUAL_QUIET_MS of virtual
//   time, or MANUAL_MAX_MS after it started, and no other process has written anything for
//   MANUAL_GRACE_MS of wall time. A container that logs forever without a timer ahead is printed
//   up to the clock's time.
import type { Pod } from '../../api/core/pod/schema.js';
import { notFound } from '../../apiserver/errors.js';
import { holdLease, settle, type ClusterHandle } from '../../cluster/runtime.js';
import { openLogStream, readLogStream, type LogChunk, type LogCursor } from '../../kubelet/logs.js';
import type { CliContext } from '../context.js';
import { errorText } from '../errors.js';
import { moveClockTo, otherWriters } from '../wait.js';
import type { LogRequest, LogsOptions } from './logs.js';
import { prefixed } from './logs.js';
import { MANUAL_GRACE_MS, MANUAL_MAX_MS, MANUAL_QUIET_MS, POLL_MS } from './get-watch.js';


interface Stream {
  request: LogRequest;
  cursor: LogCursor;
  /** The pod's resourceVersion when last read: a change keeps a manual clock moving. */
  version: string | undefined;
}

export async function followLogs(ctx: CliContext, cluster: ClusterHandle, requests: LogRequest[],
  opts: Pick<LogsOptions, 'prefix' | 'log' | 'ignoreErrors'>,
  timing: { pollMs: number; graceMs: number } = { pollMs: POLL_MS, graceMs: MANUAL_GRACE_MS },
  /** Whoever reads the streams went away (a client of `mk serve`). */
  stopped: () => boolean = () => false): Promise<void> {
  const streams: Stream[] = [];
  const out = (pieces: { chunk: LogChunk; request: LogRequest }[]) => {
    // Lines of different streams in the order they were written; a stream's own stay in order.
    pieces.sort((a, b) => a.chunk.time - b.chunk.time);
    ctx.io.out(pieces.map(({ chunk, request }) => (opts.prefix ? prefixed(chunk.text, request.prefix) : chunk.text)).join(''));
  };

  holdLease(cluster);
  await settle(cluster);
  const opened: { chunk: LogChunk; request: LogRequest }[] = [];
  for (const request of requests) {
    try {
      const pod = currentPod(cluster, request);
      if (!pod) throw notFound('pods', request.pod.metadata.name);
      const { chunks, cursor } = openLogStream(pod, request.container, opts.log, cluster.now(), cluster.store);
      for (const chunk of chunks) opened.push({ chunk, request });
      if (cursor) streams.push({ request, cursor, version: pod.metadata.resourceVersion });
    } catch (err) {
      // parallelConsumeRequest: a failed stream ends the command, or with --ignore-errors says so and the rest go on.
      if (!opts.ignoreErrors) {
        out(opened);
        throw err;
      }
      ctx.io.out(`error: ${errorText(err)}\n`);
    }
  }
  out(opened);

  /** Reads every stream on; returns whether a followed pod changed. */
  const drain = (): boolean => {
    const pieces: { chunk: LogChunk; request: LogRequest }[] = [];
    let changed = false;
    for (const s of [...streams]) {
      const pod = currentPod(cluster, s.request);
      if (pod?.metadata.resourceVersion !== s.version) changed = true;
      s.version = pod?.metadata.resourceVersion;
      const { chunks, done } = readLogStream(pod, s.cursor, opts.log, cluster.now(), cluster.store);
      for (const chunk of chunks) pieces.push({ chunk, request: s.request });
      if (done) streams.splice(streams.indexOf(s), 1);
    }
    out(pieces);
    return changed;
  };

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const start = cluster.now();
  let lastChange = start;
  while (streams.length && !stopped()) {
    if (cluster.clock.mode !== 'manual') {
      await sleep(timing.pollMs);
      await settle(cluster);
    } else {
      const next = cluster.store.nextTimer();
      const limit = Math.min(lastChange + MANUAL_QUIET_MS, start + MANUAL_MAX_MS);
      if (next && next.due <= limit && cluster.clock.clusterMode === 'manual') {
        moveClockTo(cluster, next.due);
        await settle(cluster);
      } else if (!(await otherWriters(cluster, timing.graceMs, sleep, stopped))) {
        break;
      }
    }
    if (drain()) lastChange = cluster.now();
  }
}

function currentPod(cluster: ClusterHandle, request: LogRequest): Pod | undefined {
  return cluster.api.tryGet<Pod>('pods', request.pod.metadata.namespace, request.pod.metadata.name);
}
