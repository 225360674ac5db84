// `mk run -i/-t/--attach [--rm]`: what kubectl run does after creating the pod when it attaches
// (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go, handleAttachPod and attach.AttachOptions.Run):
// wait for the pod to be running and ready (or finished: then its logs are printed), attach to
// its container, wait for it to finish when the restart policy lets it (Never: any end,
// OnFailure: success) and pass its exit code on; with --rm the pod is deleted last, whatever
// happened before.
//
// What attaching shows: the container's output from its start, as `logs -f` follows it (so a
// container's stderr comes through stdout, as with kubectl's logs fallback), or, for a shell
// reading stdin, the interactive session `mk exec -it` runs, whose end (stdin closed) ends the
// container's process with the shell's status. On a manual clock, a container that
// never ends is followed as `logs -f` follows it (until the cluster has been quiet a while, or an
// hour of virtual time); the attach then ends and, as kubectl would then, the wait for the pod
// to finish gives up after --pod-running-timeout: `error: timed out waiting for the condition`.
// On a realtime cluster it is followed until interrupted (Ctrl-C ends mk, leaving the pod, as it
// ends kubectl).
import type { Pod } from '../../api/core/pod/schema.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import { isPodReady } from '../../controllers/controller-utils.js';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';
import { findOrDefaultContainerByName } from '../podcmd.js';
import { waitUntil } from '../wait.js';

export interface AttachRunOptions {
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  remove: boolean;
  restartPolicy: string;
  timeoutMs: number;
  leaveStdinOpen: boolean;
}

const TIMED_OUT = 'error: timed out waiting for the condition';

export async function attachRun(ctx: CliContext, cluster: ClusterHandle, created: Pod, o: AttachRunOptions): Promise<void> {
  let failure: unknown;
  try {
    await attachAndWait(ctx, cluster, created, o);
  } catch (e) {
    failure = e;
  }
  // removeCreatedObjects is deferred: it runs (and prints) before the error is reported.
  if (o.remove) {
    const { namespace = 'default', name } = created.metadata;
    if (cluster.api.tryGet<Pod>('pods', namespace, name)) {
      cluster.api.delete('pods', namespace, name, {});
      if (!o.quiet) ctx.io.out(`pod "${name}" deleted\n`);
    }
    const { settle } = await import('../../cluster/runtime.js');
    await settle(cluster);
  }
  if (failure !== undefined) throw failure;
}

function current(cluster: ClusterHandle, created: Pod): Pod | undefined {
  return cluster.api.tryGet<Pod>('pods', created.metadata.namespace ?? 'default', created.metadata.name);
}

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** waitForPod: the pod once `until` holds; a deleted pod is NotFound, the timeout kubectl's words. */
async function waitForPod(cluster: ClusterHandle, created: Pod, timeoutMs: number, until: (p: Pod) => boolean): Promise<Pod> {
  let gone = false;
  const ok = await waitUntil(cluster, () => {
    const pod = current(cluster, created);
    gone = !pod;
    return !pod || until(pod);
  }, timeoutMs);
  if (gone) throw new RawError('Error from server (NotFound): pods "" not found');
  if (!ok) throw new RawError(TIMED_OUT);
  return current(cluster, created)!;
}

async function attachAndWait(ctx: CliContext, cluster: ClusterHandle, created: Pod, o: AttachRunOptions): Promise<void> {
  // podRunningAndReady, which a finished pod also ends (ErrPodCompleted).
  const pod = await waitForPod(cluster, created, o.timeoutMs, (p) => finished(p) || (p.status?.phase === 'Running' && isPodReady(p)));
  let name: string;
  try {
    name = findOrDefaultContainerByName(pod, undefined, o.quiet, (s) => ctx.io.err(s));
  } catch (e) {
    throw new RawError(`error: ${(e as Error).message}`);
  }
  if (finished(pod)) {
    // logOpts: the finished container's whole log.
    const { podLogs } = await import('../../kubelet/logs.js');
    ctx.io.out(podLogs(pod, name, {}, cluster.now(), cluster.store));
  } else {
    await attach(ctx, cluster, pod, name, o);
  }

  // Only a container that can end, and whose stdin closed with the attach, is waited for.
  if (o.leaveStdinOpen || (o.restartPolicy !== 'Never' && o.restartPolicy !== 'OnFailure')) return;
  const done = await waitForPod(cluster, created, o.timeoutMs,
    o.restartPolicy === 'OnFailure' ? (p) => p.status?.phase === 'Succeeded' : finished);
  const { namespace, name: podName } = done.metadata;
  switch (done.status?.phase) {
    case 'Succeeded':
      return;
    case 'Failed': {
      const terminated = done.status.containerStatuses?.[0]?.state?.terminated;
      if (!terminated || terminated.exitCode === 0) throw new RawError(`error: pod ${namespace}/${podName} failed with unknown exit code`);
      // uexec.CodeExitError, which CheckErr prints as is and exits with.
      throw new RawError(`pod ${namespace}/${podName} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`, terminated.exitCode);
    }
    default:
      throw new RawError(`error: pod ${namespace}/${podName} left in phase ${done.status?.phase ?? ''}`);
  }
}

/** AttachOptions.Run on the pod found running: the TTY settled, the notice, then the container's streams. */
async function attach(ctx: CliContext, cluster: ClusterHandle, pod: Pod, name: string, o: AttachRunOptions): Promise<void> {
  const container = pod.spec.containers.find((c) => c.name === name);
  let tty = o.tty;
  if (tty && !container?.tty) {
    tty = false;
    if (!o.quiet) ctx.io.err(`error: Unable to use a TTY - container ${name} did not allocate one\n`);
  } else if (!tty && container?.tty) {
    // A container started with a TTY is attached with one.
    tty = true;
  }
  // SetupTTY: no TTY without stdin, nor without a terminal on this end.
  if (!o.stdin) tty = false;
  else if (tty && !process.stdin.isTTY) {
    tty = false;
    if (!o.quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!o.quiet) ctx.io.err("If you don't see a command prompt, try pressing enter.\n");

  const exec = await import('./exec.js');
  const t = o.stdin ? await exec.execTargetFor(cluster, pod, name, o.quiet, (s) => ctx.io.err(s)) : undefined;
  if (t && exec.readsShellInput(t.inst.proc.argv)) {
    // The container's shell reads what is typed, as `mk exec -it` runs one.
    await exec.connectPodNetwork(cluster, pod, t, tty);
    const { InteractiveShell } = await import('../../kubelet/exec.js');
    const session = await exec.runtimeErrors(() => new InteractiveShell(cluster.store, t, t.inst.proc.argv, cluster.now()));
    const out = (s: string) => ctx.io.out(s);
    const code = await exec.interactive(session, tty, out, tty ? out : (s) => ctx.io.err(s));
    if (!o.leaveStdinOpen) {
      // Detaching closes the shell's stdin: the container's process ends with the session.
      const { settle } = await import('../../cluster/runtime.js');
      await settle(cluster);
      const { mainProcessExited } = await import('../../kubelet/attach.js');
      const { namespace = 'default', name: podName } = pod.metadata;
      cluster.store.transaction(() => mainProcessExited(cluster.store, namespace, podName, name, cluster.now(), code));
      await settle(cluster);
    }
  } else {
    const { followLogs } = await import('./logs-follow.js');
    await followLogs(ctx, cluster, [{ pod, container: name, prefix: '' }], { prefix: false, log: {}, ignoreErrors: false });
  }
  // reattachMessage: only after a raw terminal session, and only to a pod that restarts its containers.
  if (tty && !o.quiet && (pod.spec.restartPolicy ?? 'Always') === 'Always') {
    ctx.io.out(`Session ended, resume using 'mk attach ${pod.metadata.name} -c ${name} -i -t' command when the pod is running\n`);
  }
}
