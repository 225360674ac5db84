// NodePorts (plugins/nodeports): a pod asking for host ports fits only where they are free.
import type { Pod } from '../../api/core/pod/schema.js';
import { stateKey } from '../cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework.js';
import { getHostPorts, type HostPort, type NodeInfo } from '../node-info.js';
import { Code, newStatus } from '../status.js';

export const Name = 'NodePorts';
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

const preFilterStateKey = stateKey<HostPort[]>('PreFilter' + Name);

/** Fits: none of the wanted (ip, protocol, port) triples conflicts with one in use. */
export function fitsPorts(wantPorts: readonly HostPort[], nodeInfo: NodeInfo): boolean {
  return !wantPorts.some((p) => nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort));
}

export const fits = (pod: Pod, nodeInfo: NodeInfo): boolean => fitsPorts(getHostPorts(pod), nodeInfo);

export const nodePorts = {
  name: Name,
  preFilter(state, pod) {
    const ports = getHostPorts(pod);
    if (ports.length === 0) return newStatus(Code.Skip);
    state.write(preFilterStateKey, ports);
    return null;
  },
  filter(state, pod, nodeInfo) {
    const wantPorts = state.read(preFilterStateKey) ?? getHostPorts(pod);
    return fitsPorts(wantPorts, nodeInfo) ? null : newStatus(Code.Unschedulable, ErrReason);
  },
} satisfies PreFilterPlugin & FilterPlugin;
