// kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go): a chain name may be at most
// 28 characters, so each Service port's chains are a prefix plus 16 characters of the base32
// SHA-256 of "<namespace>/<name>[:<port name>]" + the lower-case protocol (+ "<ip>:<port>" for an
// endpoint's chain).
import { createHash } from 'node:crypto';
import { base32NoPadding } from '../api/go-base32.js';

/** base32.StdEncoding of the SHA-256, cut to 16 characters (the padding is never reached). */
const hash16 = (s: string) => base32NoPadding(createHash('sha256').update(s).digest()).slice(0, 16);

/** ServicePortName.String(): the port name joins with ":" only when the port has one. */
export const servicePortName = (namespace: string, name: string, port: string | undefined) =>
  `${namespace}/${name}${port ? `:${port}` : ''}`;

/** The hash kube-proxy's portProtoHash gives a service port and protocol ("tcp"/"udp"/"sctp"). */
export const portProtoHash = (svcPortName: string, protocol: string) => hash16(svcPortName + protocol);

/** KUBE-SVC-: the service port's chain for "Cluster" traffic policy. */
export const clusterPolicyChain = (svcPortName: string, protocol: string) => `KUBE-SVC-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-SVL-: the chain of a service port's node-local endpoints ("Local" policy). */
export const localPolicyChain = (svcPortName: string, protocol: string) => `KUBE-SVL-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-FW-: loadBalancerSourceRanges filtering. */
export const firewallChain = (svcPortName: string, protocol: string) => `KUBE-FW-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-EXT-: where NodePort, external IP and load-balancer traffic enters. */
export const externalChain = (svcPortName: string, protocol: string) => `KUBE-EXT-${portProtoHash(svcPortName, protocol)}`;
/** KUBE-SEP-: one endpoint ("ip:port") of a service port. */
export const endpointChain = (svcPortName: string, protocol: string, endpoint: string) =>
  `KUBE-SEP-${hash16(svcPortName + protocol + endpoint)}`;
