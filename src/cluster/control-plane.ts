// The control plane of one cluster: every controller, wired to the API server, the event recorder
// and the virtual clock. Loaded only when something is due.
import { StoreEventRecorder } from '../apiserver/recorder.js';
import type { Controller } from '../controllers/controller.js';
import { eventTtlController } from '../controllers/event-ttl.js';
import { namespaceController } from '../controllers/namespace.js';
import { serviceAccountController } from '../controllers/serviceaccount.js';
import { kubeletController } from '../kubelet/kubelet.js';
import { schedulerController } from '../scheduler/scheduler.js';
import { ControlLoop } from '../sim/loop.js';
import type { ClusterHandle } from './runtime.js';
import { wireApiServer } from './wiring.js';

export const controllers: Controller[] = [
  namespaceController,
  serviceAccountController,
  schedulerController,
  kubeletController,
  eventTtlController,
];

export function buildLoop(h: ClusterHandle): ControlLoop {
  wireApiServer(h);
  const recorder = new StoreEventRecorder(h.store, () => h.now(), h.rand, h.info.controlPlaneNode);
  return new ControlLoop({
    store: h.store,
    controllers,
    context: (c) => ({
      api: h.api,
      store: h.store,
      now: () => h.now(),
      rand: h.rand,
      recorder,
      requeueAt: (due, key) => h.store.addTimer(Math.max(due, h.now()), c.name, key),
    }),
    now: () => h.now(),
    setNow: (t) => h.setNow(t),
    onError: (controller, key, err) => {
      if (process.env.MK_DEBUG) process.stderr.write(`${controller} ${key}: ${(err as Error).stack ?? err}\n`);
    },
  });
}

/** Runs the cluster forward to `target` in one transaction, so one process advances it at a time. */
export function runControlPlane(h: ClusterHandle, target: number): void {
  const loop = buildLoop(h);
  h.store.transaction(() => {
    loop.advanceTo(target);
    h.clock.setReached(Math.max(target, h.now()));
  });
}
