// Waiting the way mk's clocks allow: on a realtime cluster, poll and catch up (the cluster moves
// with the wall clock); on a manual clock, move virtual time to the next timer and catch up, so a
// ten-minute wait costs milliseconds.
import { settle, type ClusterHandle } from '../cluster/runtime.js';

const POLL_MS = 100;

/**
 * Waits until `done()` holds or `timeoutMs` of cluster time passes. Returns whether it held.
 * On a manual clock, a wait with nothing left to happen ends at once (false) instead of hanging.
 */
export async function waitUntil(cluster: ClusterHandle, done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = cluster.now() + timeoutMs;
  for (;;) {
    if (done()) return true;
    if (cluster.now() >= deadline) return false;
    if (cluster.clock.mode === 'manual') {
      const next = cluster.store.nextTimer();
      if (!next) return done();
      const to = Math.min(next.due, deadline);
      if (cluster.clock.clusterMode === 'manual') {
        cluster.store.transaction(() => cluster.clock.advance(Math.max(0, to - cluster.clock.target())));
      } else {
        return done();
      }
    } else {
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    await settle(cluster);
  }
}

/** Manual clock: moves the cluster's virtual time to `t` (no further back than it is). */
export function moveClockTo(cluster: ClusterHandle, t: number): void {
  cluster.store.transaction(() => cluster.clock.advance(Math.max(0, t - cluster.clock.target())));
}

const GRACE_POLL_MS = 50;

/**
 * Manual clock, nothing due: waits up to `graceMs` of wall time for a write or a clock move by
 * another process (a `mk clock advance` in another shell); true, caught up, if one came.
 */
export async function otherWriters(cluster: ClusterHandle, graceMs: number, sleep: (ms: number) => Promise<unknown>,
  interrupted: () => boolean = () => false): Promise<boolean> {
  const revision = cluster.store.revision();
  const clock = cluster.clock.target();
  const end = performance.now() + graceMs;
  while (!interrupted() && performance.now() < end) {
    await sleep(GRACE_POLL_MS);
    if (cluster.store.revision() !== revision || cluster.clock.target() !== clock) {
      await settle(cluster);
      return true;
    }
  }
  return false;
}

/**
 * Lets `ms` of cluster time pass, as a client's sleep between retries: a manual cluster's clock
 * moves (firing what falls due on the way), a realtime one is waited for. Returns false when time
 * cannot move (a manual clock for this command only, over a realtime cluster).
 */
export async function sleepFor(cluster: ClusterHandle, ms: number): Promise<boolean> {
  if (cluster.clock.mode === 'manual') {
    if (cluster.clock.clusterMode !== 'manual') return false;
    cluster.store.transaction(() => cluster.clock.advance(Math.max(0, ms)));
  } else {
    await new Promise((r) => setTimeout(r, ms));
  }
  await settle(cluster);
  return true;
}
