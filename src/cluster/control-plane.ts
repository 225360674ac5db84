// The control plane of one cluster: every controller, wired to the API server, the event recorder
// and the virtual clock. Loaded only when something is due.
import { StoreEventRecorder } from '../apiserver/recorder.js';
import type { Controller } from '../controllers/controller.js';
import { daemonSetController } from '../controllers/daemonset/daemonset.js';
import { statefulSetController } from '../controllers/statefulset/statefulset.js';
import { deploymentController } from '../controllers/deployment/deployment.js';
import { disruptionController } from '../controllers/disruption.js';
import { endpointsController } from '../controllers/endpoints.js';
import { endpointSliceController } from '../controllers/endpointslice.js';
import { eventTtlController } from '../controllers/event-ttl.js';
import { garbageCollector } from '../controllers/garbage-collector.js';
import { horizontalPodAutoscalerController } from '../controllers/hpa/horizontal.js';
import { jobController } from '../controllers/job/job.js';
import { cronJobController } from '../controllers/cronjob.js';
import { ttlAfterFinishedController } from '../controllers/ttl-after-finished.js';
import { namespaceController } from '../controllers/namespace.js';
import { nodeLifecycleController } from '../controllers/node-lifecycle.js';
import { replicaSetController } from '../controllers/replicaset.js';
import { resourceQuotaController } from '../controllers/resource-quota.js';
import { serviceAccountController } from '../controllers/serviceaccount.js';
import { serviceLoadBalancerController } from '../controllers/service-lb.js';
import { taintEvictionController } from '../controllers/taint-eviction.js';
import { ingressNginxController } from '../controllers/ingress-nginx.js';
import { kubeletController } from '../kubelet/kubelet.js';
import { persistentVolumeController } from '../controllers/volume/persistentvolume.js';
import { storageProtectionController } from '../controllers/volume/protection.js';
import { localPathProvisioner } from '../controllers/volume/local-path-provisioner.js';
import { nodeLeaseController } from '../kubelet/node-lease.js';
import { schedulerController } from '../scheduler/scheduler.js';
import { acquire, heldByOther } from '../sim/lease.js';
import { ControlLoop } from '../sim/loop.js';
import type { ClusterHandle } from './runtime.js';
import { wireApiServer } from './wiring.js';
import { asManager, componentManager } from '../apiserver/field-managers.js';

export const controllers: Controller[] = [
  namespaceController,
  serviceAccountController,
  schedulerController,
  kubeletController,
  nodeLeaseController,
  eventTtlController,
  replicaSetController,
  deploymentController,
  daemonSetController,
  statefulSetController,
  jobController,
  ttlAfterFinishedController,
  cronJobController,
  resourceQuotaController,
  disruptionController,
  horizontalPodAutoscalerController,
  endpointsController,
  endpointSliceController,
  serviceLoadBalancerController,
  garbageCollector,
  nodeLifecycleController,
  taintEvictionController,
  ingressNginxController,
  persistentVolumeController,
  storageProtectionController,
  localPathProvisioner,
];

export function buildLoop(h: ClusterHandle): ControlLoop {
  wireApiServer(h);
  const recorder = new StoreEventRecorder(h.store, () => h.now(), h.rand, h.info.controlPlaneNode);
  const loop: ControlLoop = new ControlLoop({
    store: h.store,
    controllers,
    context: (c) => ({
      api: asManager(h.api, componentManager(c.name)),
      store: h.store,
      now: () => h.now(),
      rand: h.rand,
      recorder,
      requeueAt: (due, key) => h.store.addTimer(Math.max(due, h.now()), c.name, key),
      horizon: () => loop.horizon(c.name),
      countMetrics: (fn) => fn(loop.counters),
    }),
    now: () => h.now(),
    setNow: (t) => h.setNow(t),
    onError: (controller, key, err) => {
      if (process.env.MK_DEBUG) process.stderr.write(`${controller} ${key}: ${(err as Error).stack ?? err}\n`);
    },
  });
  return loop;
}

/** How long one catch-up transaction may hold the write lock before committing and going on. */
const SLICE_MS = 1_000;
/**
 * The pause after each slice. SQLite's busy handler sleeps up to 100 ms between attempts, so a
 * lock released and retaken at once would starve every other process until its busy timeout.
 */
const YIELD_MS = 120;

/**
 * Runs the cluster forward to `target` in write transactions, so one process advances it at a
 * time. Each transaction stops at an instant between timers after SLICE_MS and lets waiting
 * processes in, so a long catch-up (a week left idle) never keeps other commands waiting on the
 * lock past their busy timeout. A process that got the lock in between starts where the previous
 * one stopped: virtual time never runs backwards, and timers another process fired are gone from
 * the queue.
 */
export function runControlPlane(h: ClusterHandle, target: number): void {
  const loop = buildLoop(h);
  for (let done = false; !done;) {
    done = h.store.transaction(() => {
      if (h.clock.mode === 'realtime' && heldByOther(h.store, h.leaseHolder)) {
        h.setNow(Math.max(h.now(), target));
        return true;
      }
      if (h.leaseHolder !== undefined) acquire(h.store, h.leaseHolder);
      const reached = h.clock.reached();
      if (reached > h.now()) h.setNow(reached);
      const finished = loop.advanceTo(Math.max(target, reached), performance.now() + SLICE_MS);
      h.clock.setReached(Math.max(reached, h.now()));
      return finished;
    });
    if (!done) pause(YIELD_MS);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
