// The default-scheduler profile: kube-scheduler 1.32's default plugins, in its order
// (pkg/scheduler/apis/config/v1/default_plugins.go), with score weights. The order matters: the
// first filter that rejects a node is the reason a user reads for it.
import type { Profile } from './framework.js';
import { balancedAllocation } from './plugins/balanced-allocation.js';
import { defaultPreemption } from './plugins/default-preemption.js';
import { newImageLocality } from './plugins/image-locality.js';
import { interPodAffinity } from './plugins/inter-pod-affinity.js';
import { nodeAffinity } from './plugins/node-affinity.js';
import { nodeName } from './plugins/node-name.js';
import { nodePorts } from './plugins/node-ports.js';
import { nodeResourcesFit } from './plugins/node-resources-fit.js';
import { nodeUnschedulable } from './plugins/node-unschedulable.js';
import { podTopologySpread } from './plugins/pod-topology-spread.js';
import { taintToleration } from './plugins/taint-toleration.js';
import { newVolumeBinding } from './plugins/volume-binding.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/**
 * Upstream's list, with what mk does instead where a plugin is absent:
 * SchedulingGates (gated pods are never queued: see scheduler.ts), PrioritySort (the queue order
 * in scheduler.ts), VolumeRestrictions, NodeVolumeLimits and VolumeZone (beside VolumeBinding) are
 * not implemented yet; DefaultBinder, and VolumeBinding's PreBind, are the bind step in scheduler.ts.
 */
export function defaultProfile(): Profile {
  return {
    schedulerName: DEFAULT_SCHEDULER_NAME,
    plugins: [
      { plugin: nodeUnschedulable },
      { plugin: nodeName },
      { plugin: taintToleration, weight: 3 },
      { plugin: nodeAffinity, weight: 2 },
      { plugin: nodePorts },
      { plugin: nodeResourcesFit, weight: 1 },
      { plugin: newVolumeBinding },
      { plugin: podTopologySpread, weight: 2 },
      { plugin: interPodAffinity, weight: 2 },
      { plugin: defaultPreemption },
      { plugin: balancedAllocation, weight: 1 },
      { plugin: newImageLocality, weight: 1 },
    ],
  };
}
