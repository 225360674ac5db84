// The preStop hook as killContainer runs it (kuberuntime_container.go): after the Killing event
// and before the stop signal, for at most the grace period; the whole seconds it took come off
// the grace period, and the container still gets at least 2 s after the signal.
import type { Container } from '../api/core/pod/schema.js';
import type { ContainerInstance } from './containers.js';
import { execIn, fileTimeline } from './process.js';
import { epochDns } from './process-dns.js';

export interface PreStopRun {
  /** How long the hook ran (ms), at most the grace period. */
  ms: number;
  failed: boolean;
}

/** What the container's preStop hook does when the kubelet stops it at `at`; undefined without one. */
export function runPreStop(spec: Container, inst: ContainerInstance, at: number, graceMs: number): PreStopRun | undefined {
  const hook = spec.lifecycle?.preStop;
  if (!hook || graceMs <= 0) return undefined;
  if (hook.sleep) return { ms: Math.min(Math.max(0, hook.sleep.seconds) * 1000, graceMs), failed: false };
  if (hook.exec && inst.proc && inst.startedAt !== undefined) {
    const proc = { ...inst.proc, startedAt: inst.startedAt };
    const snaps = fileTimeline(proc, Math.max(0, at - inst.startedAt), inst.dns && epochDns(inst.dns));
    const r = execIn(proc, snaps[snaps.length - 1].files, hook.exec.command ?? [], graceMs);
    return { ms: Math.min(r.ms, graceMs), failed: r.code !== 0 };
  }
  // httpGet and tcpSocket hooks answer at once.
  return { ms: 0, failed: false };
}
