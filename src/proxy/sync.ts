// kube-proxy's syncProxyRules (iptables mode, pkg/proxy/iptables/proxier.go) for one node: the
// filter and nat tables it writes, built once as a rule model that rules.ts prints and route.ts
// evaluates. The node runs kind's kube-proxy configuration: pod traffic detected by the cluster
// CIDR, NodePorts on every local address (localhost included), masquerade bit 14.
import { cidrContains } from '../api/ipv4.js';
import { POD_CIDR } from '../cluster/topology.js';
import type { Match, Rule, ServicePortRef, Table, Target } from './iptables.js';
import { newTable, statisticThreshold } from './iptables.js';
import type { EndpointInfo, ProxyInputs, ServicePortInfo } from './service-ports.js';
import {
  categorizeEndpoints, endpointsByServicePort, endpointsKey, externallyAccessible, nodeAddresses, servicePorts, usesClusterEndpoints, usesLocalEndpoints,
} from './service-ports.js';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
/** Empty chains kube-proxy and the kubelet create to notice when someone flushes the tables. */
const CANARIES = ['KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY'];

/** 1 << masqueradeBit (14, the default). */
export const MASQ_MARK = 0x4000;
/** Beyond this many endpoints kube-proxy stops writing per-endpoint comments. */
const LARGE_CLUSTER_ENDPOINTS = 1000;

export interface SyncOptions {
  /**
   * Whether the node's kernel has netfilter accounting (xt_nfacct), as kind nodes on a Linux host
   * do: kube-proxy then counts dropped INVALID packets and accepted localhost NodePort packets.
   */
  nfacct?: boolean;
}

/** nfacct counter names (pkg/proxy/metrics). */
const CT_STATE_INVALID_DROPPED = 'ct_state_invalid_dropped_pkts';
const LOCALHOST_NODEPORT_ACCEPTED = 'localhost_nps_accepted_pkts';

export interface ProxyTables { mangle: Table; filter: Table; nat: Table; nodeIP: string | undefined; localAddresses: string[] }

const comment = (text: string): Match => ({ m: 'comment', text });
const jump = (chain: string): Target => ({ j: 'chain', chain });

/**
 * The jumps from the built-in chains into kube-proxy's (iptablesJumpChains), as they end up after
 * kube-proxy prepends each one; the kubelet's KUBE-FIREWALL jumps were there before.
 */
function writeJumpRules(filter: Table, nat: Table): void {
  const ctNew: Match = { m: 'conntrack', ctstate: 'NEW' };
  const add = (t: Table, chain: string, matches: Match[], target: string) => t.rules.push({ chain, matches, target: jump(target) });
  add(filter, 'INPUT', [ctNew, comment('kubernetes load balancer firewall')], KUBE_PROXY_FIREWALL);
  add(filter, 'INPUT', [comment('kubernetes health check service ports')], KUBE_NODEPORTS);
  add(filter, 'INPUT', [ctNew, comment('kubernetes externally-visible service portals')], KUBE_EXTERNAL_SERVICES);
  add(filter, 'INPUT', [], KUBE_FIREWALL);
  add(filter, 'FORWARD', [ctNew, comment('kubernetes load balancer firewall')], KUBE_PROXY_FIREWALL);
  add(filter, 'FORWARD', [comment('kubernetes forwarding rules')], KUBE_FORWARD);
  add(filter, 'FORWARD', [ctNew, comment('kubernetes service portals')], KUBE_SERVICES);
  add(filter, 'FORWARD', [ctNew, comment('kubernetes externally-visible service portals')], KUBE_EXTERNAL_SERVICES);
  add(filter, 'OUTPUT', [ctNew, comment('kubernetes load balancer firewall')], KUBE_PROXY_FIREWALL);
  add(filter, 'OUTPUT', [ctNew, comment('kubernetes service portals')], KUBE_SERVICES);
  add(filter, 'OUTPUT', [], KUBE_FIREWALL);
  add(nat, 'PREROUTING', [comment('kubernetes service portals')], KUBE_SERVICES);
  add(nat, 'OUTPUT', [comment('kubernetes service portals')], KUBE_SERVICES);
  add(nat, 'POSTROUTING', [comment('kubernetes postrouting rules')], KUBE_POSTROUTING);
}

/** Builds one node's kube-proxy tables from the cluster's Services, EndpointSlices and Nodes. */
export function syncProxyRules(inputs: ProxyInputs, nodeName: string, opts: SyncOptions = {}): ProxyTables {
  const nfacct = opts.nfacct ?? true;
  // The kubelet's KUBE-IPTABLES-HINT tells iptables wrappers which backend the node uses.
  const mangle = newTable('mangle');
  for (const c of ['KUBE-IPTABLES-HINT', ...CANARIES]) mangle.chains.add(c);
  const filter = newTable('filter');
  const nat = newTable('nat');
  const localAddresses = nodeAddresses(inputs.nodes, nodeName);
  const nodeIP = localAddresses[0];
  for (const c of [...CANARIES, KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_FIREWALL]) filter.chains.add(c);
  for (const c of [...CANARIES, KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) nat.chains.add(c);
  writeJumpRules(filter, nat);

  const natRule = (r: Rule) => nat.rules.push(r);
  const filterRule = (r: Rule) => filter.rules.push(r);

  natRule({ chain: KUBE_POSTROUTING, matches: [{ m: 'mark', mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { j: 'RETURN' } });
  natRule({ chain: KUBE_POSTROUTING, matches: [], target: { j: 'MARK', value: MASQ_MARK, mask: 0 } });
  natRule({ chain: KUBE_POSTROUTING, matches: [comment('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE', randomFully: true } });
  natRule({ chain: KUBE_MARK_MASQ, matches: [], target: { j: 'MARK', value: MASQ_MARK, mask: MASQ_MARK } });
  // route_localnet makes NodePorts answer on 127.0.0.1; this closes the hole it opens.
  filterRule({
    chain: KUBE_FIREWALL, src: { cidr: '127.0.0.0/8', negate: true }, dst: { cidr: '127.0.0.0/8' },
    matches: [comment('block incoming localnet connections'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED,DNAT', negate: true }],
    target: { j: 'DROP' },
  });

  const ports = servicePorts(inputs.services);
  const endpoints = endpointsByServicePort(inputs.slices, nodeName);
  const totalEndpoints = ports.reduce((n, s) => n + (endpoints.get(endpointsKey(s))?.length ?? 0), 0);
  const largeCluster = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  const serviceComment = (text: string): Match[] => (largeCluster ? [] : [comment(text)]);
  const notPod = { cidr: POD_CIDR, negate: true };
  const pod = { cidr: POD_CIDR };

  for (const svc of ports) {
    const proto = svc.protocol;
    const name = svc.nameString;
    const ref: ServicePortRef = { namespace: svc.namespace, name: svc.name, port: svc.portName };
    const { cluster, local, allReachable, hasAny } = categorizeEndpoints(endpoints.get(endpointsKey(svc)) ?? [], svc);
    const usesClusterPolicyChain = cluster.length > 0 && usesClusterEndpoints(svc);
    const usesLocalPolicyChain = local.length > 0 && usesLocalEndpoints(svc);
    const internalChain = svc.internalPolicyLocal ? svc.chains.local : svc.chains.cluster;
    const hasInternal = hasAny && (!svc.internalPolicyLocal || local.length > 0);
    const externalPolicyChain = svc.externalPolicyLocal ? svc.chains.local : svc.chains.cluster;
    const hasExternal = hasAny && (!svc.externalPolicyLocal || local.length > 0);
    const externalTrafficChain = svc.chains.external;
    const usesExternalTrafficChain = hasAny && externallyAccessible(svc);
    const usesFW = hasAny && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
    const loadBalancerTrafficChain = usesFW ? svc.chains.firewall : externalTrafficChain;

    let internalFilter: { target: Target; comment: string } | undefined;
    let externalFilter: { target: Target; comment: string } | undefined;
    if (!hasAny) {
      internalFilter = externalFilter = { target: { j: 'REJECT' }, comment: `${name} has no endpoints` };
    } else {
      if (!hasInternal) internalFilter = { target: { j: 'DROP' }, comment: `${name} has no local endpoints` };
      if (!hasExternal) externalFilter = { target: { j: 'DROP' }, comment: `${name} has no local endpoints` };
    }
    const protoMatch = (dport?: number): Match => ({ m: 'proto', proto, dport });

    // Capture the cluster IP.
    if (hasInternal) {
      natRule({ chain: KUBE_SERVICES, dst: { cidr: svc.clusterIP }, proto, matches: [comment(`${name} cluster IP`), protoMatch(svc.port)], target: jump(internalChain) });
    } else if (internalFilter) {
      filterRule({ chain: KUBE_SERVICES, dst: { cidr: svc.clusterIP }, proto, matches: [comment(internalFilter.comment), protoMatch(svc.port)], target: internalFilter.target });
    }
    // External IPs.
    for (const ip of svc.externalIPs) {
      if (hasAny) natRule({ chain: KUBE_SERVICES, dst: { cidr: ip }, proto, matches: [comment(`${name} external IP`), protoMatch(svc.port)], target: jump(externalTrafficChain) });
      if (externalFilter) filterRule({ chain: KUBE_EXTERNAL_SERVICES, dst: { cidr: ip }, proto, matches: [comment(externalFilter.comment), protoMatch(svc.port)], target: externalFilter.target });
    }
    // Load-balancer ingress IPs.
    for (const ip of svc.loadBalancerVIPs) {
      if (hasAny) natRule({ chain: KUBE_SERVICES, dst: { cidr: ip }, proto, matches: [comment(`${name} loadbalancer IP`), protoMatch(svc.port)], target: jump(loadBalancerTrafficChain) });
      if (usesFW) {
        filterRule({ chain: KUBE_PROXY_FIREWALL, dst: { cidr: ip }, proto, matches: [comment(`${name} traffic not accepted by ${svc.chains.firewall}`), protoMatch(svc.port)], target: { j: 'DROP' } });
      }
    }
    if (externalFilter) {
      for (const ip of svc.loadBalancerVIPs) {
        filterRule({ chain: KUBE_EXTERNAL_SERVICES, dst: { cidr: ip }, proto, matches: [comment(externalFilter.comment), protoMatch(svc.port)], target: externalFilter.target });
      }
    }
    // NodePorts.
    if (svc.nodePort !== 0) {
      if (hasAny) {
        // route_localnet lets NodePorts answer on 127.0.0.1; those packets are counted.
        if (nfacct) {
          natRule({
            chain: KUBE_NODEPORTS, dst: { cidr: '127.0.0.0/8' }, proto,
            matches: [comment(name), protoMatch(svc.nodePort), { m: 'nfacct', name: LOCALHOST_NODEPORT_ACCEPTED }], target: jump(externalTrafficChain),
          });
        }
        natRule({ chain: KUBE_NODEPORTS, proto, matches: [comment(name), protoMatch(svc.nodePort)], target: jump(externalTrafficChain) });
      }
      if (externalFilter) {
        filterRule({
          chain: KUBE_EXTERNAL_SERVICES, proto,
          matches: [comment(externalFilter.comment), { m: 'addrtype', dstType: 'LOCAL' }, protoMatch(svc.nodePort)], target: externalFilter.target,
        });
      }
    }
    if (svc.healthCheckNodePort !== 0) {
      filterRule({ chain: KUBE_NODEPORTS, proto: 'tcp', matches: [comment(`${name} health check node port`), { m: 'proto', proto: 'tcp', dport: svc.healthCheckNodePort }], target: { j: 'ACCEPT' } });
    }

    // Masquerade off-cluster traffic to the cluster IP: it may be bridged in from another host.
    if (hasInternal) {
      nat.chains.add(internalChain);
      natRule({ chain: internalChain, src: notPod, dst: { cidr: svc.clusterIP }, proto, matches: [comment(`${name} cluster IP`), protoMatch(svc.port)], target: jump(KUBE_MARK_MASQ) });
    }
    if (usesExternalTrafficChain) {
      nat.chains.add(externalTrafficChain);
      if (!svc.externalPolicyLocal) {
        natRule({ chain: externalTrafficChain, matches: [comment(`masquerade traffic for ${name} external destinations`)], target: jump(KUBE_MARK_MASQ) });
      } else {
        // Pods and the node itself reach an external address through the Cluster chain, as if
        // they had gone out to the load balancer and come back in.
        natRule({ chain: externalTrafficChain, src: pod, matches: [comment(`pod traffic for ${name} external destinations`)], target: jump(svc.chains.cluster) });
        natRule({ chain: externalTrafficChain, matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: jump(KUBE_MARK_MASQ) });
        natRule({ chain: externalTrafficChain, matches: [comment(`route LOCAL traffic for ${name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: jump(svc.chains.cluster) });
      }
      if (hasExternal) natRule({ chain: externalTrafficChain, matches: [], target: jump(externalPolicyChain) });
    }
    if (usesFW) {
      const fw = svc.chains.firewall;
      nat.chains.add(fw);
      const head = [comment(`${name} loadbalancer IP`)];
      let allowFromNode = false;
      for (const range of svc.loadBalancerSourceRanges) {
        natRule({ chain: fw, src: { cidr: range }, matches: head, target: jump(externalTrafficChain) });
        if (nodeIP && cidrContains(range, nodeIP)) allowFromNode = true;
      }
      if (allowFromNode) for (const ip of svc.loadBalancerVIPs) natRule({ chain: fw, src: { cidr: ip }, matches: head, target: jump(externalTrafficChain) });
      // A packet reaching the end was not DNATed; KUBE-PROXY-FIREWALL drops it.
      natRule({ chain: fw, matches: [comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)], target: { j: 'none' } });
    }
    const writeServiceToEndpoints = (chain: string, eps: EndpointInfo[]) => {
      nat.chains.add(chain);
      if (svc.stickySeconds) {
        for (const ep of eps) {
          natRule({
            chain, matches: [...serviceComment(`${name} -> ${ep.endpoint}`), { m: 'recent', op: 'rcheck', name: ep.chain, seconds: svc.stickySeconds, reap: true }],
            target: jump(ep.chain),
          });
        }
      }
      eps.forEach((ep, i) => {
        const matches = serviceComment(`${name} -> ${ep.endpoint}`);
        if (i < eps.length - 1) matches.push({ m: 'statistic', threshold: statisticThreshold(eps.length - i) });
        natRule({ chain, matches, target: jump(ep.chain) });
      });
    };
    if (usesClusterPolicyChain) writeServiceToEndpoints(svc.chains.cluster, cluster);
    if (usesLocalPolicyChain) writeServiceToEndpoints(svc.chains.local, local);
    for (const ep of allReachable) {
      nat.chains.add(ep.chain);
      natRule({ chain: ep.chain, src: { cidr: ep.ip }, matches: serviceComment(name), target: jump(KUBE_MARK_MASQ) });
      const matches = serviceComment(name);
      if (svc.stickySeconds) matches.push({ m: 'recent', op: 'set', name: ep.chain });
      matches.push(protoMatch());
      natRule({ chain: ep.chain, proto, matches, target: { j: 'DNAT', to: ep.endpoint, service: ref } });
    }
  }

  // Last in KUBE-SERVICES: anything addressed to the node itself may be a NodePort.
  natRule({
    chain: KUBE_SERVICES,
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dstType: 'LOCAL' }],
    target: jump(KUBE_NODEPORTS),
  });
  filterRule({
    chain: KUBE_FORWARD, matches: [{ m: 'conntrack', ctstate: 'INVALID' }, ...(nfacct ? [{ m: 'nfacct', name: CT_STATE_INVALID_DROPPED } as const] : [])],
    target: { j: 'DROP' },
  });
  filterRule({ chain: KUBE_FORWARD, matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: MASQ_MARK, mask: MASQ_MARK }], target: { j: 'ACCEPT' } });
  filterRule({ chain: KUBE_FORWARD, matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: { j: 'ACCEPT' } });
  return { mangle, filter, nat, nodeIP, localAddresses };
}
