// When probes let a container count as started and ready. Probe workers tick every periodSeconds
// from the moment the kubelet admits the pod, and skip until initialDelaySeconds have passed since
// the container started (prober/worker.go); a simulated process answers every probe
// successfully, so the first tick past the delay decides. Failing probes (a wrong port, an
// unhealthy app) are not simulated yet: liveness never restarts a container.
import type { Container, Probe } from '../api/core/pod/schema.js';

export interface ProbeTimes {
  /** When the startup probe first succeeds (the start itself when there is none). */
  startedAt: number;
  /** When the container first counts as ready. */
  readyAt: number;
}

function firstPass(probe: Probe, workerStart: number, containerStart: number, notBefore: number, manualAt?: number): number {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const delay = (probe.initialDelaySeconds ?? 0) * 1000;
  const threshold = Math.max(1, probe.successThreshold ?? 1);
  const earliest = Math.max(notBefore, containerStart + delay);
  // The status sync that first sees the container running triggers an immediate readiness
  // probe; it counts if the initial delay is already over.
  if (manualAt !== undefined && manualAt >= earliest && threshold === 1) return manualAt;
  const k = Math.max(0, Math.ceil((earliest - workerStart) / period));
  return workerStart + (k + threshold - 1) * period;
}

/**
 * `workerStart`: when the kubelet admitted the pod (its probe workers started then);
 * `firstSync`: the status sync right after the start.
 */
export function probeTimes(spec: Container, workerStart: number, containerStart: number, firstSync: number): ProbeTimes {
  const startedAt = spec.startupProbe ? firstPass(spec.startupProbe, workerStart, containerStart, containerStart) : containerStart;
  const readyAt = spec.readinessProbe ? firstPass(spec.readinessProbe, workerStart, containerStart, startedAt, firstSync) : startedAt;
  return { startedAt, readyAt };
}
