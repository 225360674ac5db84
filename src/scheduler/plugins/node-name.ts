// NodeName (plugins/nodename): a pod that names its node fits only there.
import type { Pod } from '../../api/core/pod/schema.js';
import type { FilterPlugin } from '../framework.js';
import type { NodeInfo } from '../node-info.js';
import { Code, newStatus } from '../status.js';

export const Name = 'NodeName';
export const ErrReason = "node(s) didn't match the requested node name";

export const fits = (pod: Pod, nodeInfo: NodeInfo): boolean => !pod.spec.nodeName || pod.spec.nodeName === nodeInfo.name;

export const nodeName = {
  name: Name,
  filter: (_state, pod, nodeInfo) => (fits(pod, nodeInfo) ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReason)),
} satisfies FilterPlugin;
