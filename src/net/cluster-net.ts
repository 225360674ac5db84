// The network of one cluster as a command sees it now: its Pods, Services, EndpointSlices and
// Nodes, kube-proxy's rules (src/proxy) walked with the cluster's seeded random source and the
// affinity lists kept in the store, and each pod's resolver over CoreDNS (src/dns).
import type { Pod } from '../api/core/pod/schema.js';
import { clusterDnsInputs } from '../dns/inputs.js';
import { resolveHost } from '../dns/resolver.js';
import type { Api } from '../apiserver/api.js';
import { podResolvConf } from '../dns/resolv-conf.js';
import { stateAt } from '../kubelet/containers.js';
import { runningContainerFiles } from '../kubelet/exec.js';
import { loadPodRuntime } from '../kubelet/state.js';
import { MetaAffinityTable } from '../proxy/affinity.js';
import { routePacket } from '../proxy/route.js';
import type { Rand } from '../sim/rand.js';
import type { Store } from '../store/store.js';
import { connectTo, resolveFrom, type Connection, type NetDeps, type NetView, type Resolution, type Source } from './connect.js';
import type { ShellHttp } from '../kubelet/shell.js';
import { runCurl } from './curl.js';
import type { ClientNet } from './http-client.js';
import { runWget } from './wget.js';
import { RedisRepl, runRedisCli, type RedisCliOptions } from './redis-cli.js';
import { redisAt, type RedisInstance } from './redis-server.js';

export interface ClusterNetInputs {
  store: Pick<Store, 'getMeta' | 'setMeta'>;
  api: Api;
  now: number;
  rand: Rand;
}

/** What the network is made of now: CoreDNS's view of the cluster, which is kube-proxy's too. */
export function netView(api: ClusterNetInputs['api']): NetView & { namespaces?: string[] } {
  const d = clusterDnsInputs(api as Pick<Api, 'list'>);
  return { ...d, nodes: d.nodes ?? [] };
}

/** The pod's first running container: its resolv.conf, /etc/hosts and C library. */
function resolverOf(store: ClusterNetInputs['store'], pod: Pod, now: number): { conf: string; hosts?: string; libc: 'musl' | 'glibc' } {
  const rt = loadPodRuntime({ store }, pod.metadata.namespace ?? 'default', pod.metadata.name);
  for (const c of pod.spec.containers) {
    const inst = rt?.slots[c.name]?.cur;
    if (!inst?.proc || stateAt(inst, now) !== 'running') continue;
    const { files, image } = inst.proc;
    const musl = image.entry.toolbox === 'busybox' || !!image.variant?.includes('alpine');
    return { conf: files['/etc/resolv.conf'] ?? podResolvConf(pod), hosts: files['/etc/hosts'], libc: musl ? 'musl' : 'glibc' };
  }
  return { conf: podResolvConf(pod), libc: 'glibc' };
}

export function clusterNet(inputs: ClusterNetInputs, given?: NetView): NetDeps {
  const { store, now, rand } = inputs;
  const affinity = new MetaAffinityTable(store);
  // Read once, when the first request needs it.
  let cached = given;
  const viewOf = (): NetView & { namespaces?: string[] } => (cached ??= netView(inputs.api));
  return {
    server: {
      store, now, list: (resource) => inputs.api.list(resource),
      // Static servers answer from the files their container sees as a request arrives.
      files: (pod, container) => runningContainerFiles(store, inputs.api, pod, container, now),
    },
    get view() { return viewOf(); },
    resolveInPod: (pod, name) => {
      const r = resolverOf(store, pod, now);
      const res = resolveHost(viewOf(), name, r.conf, { libc: r.libc, ...(r.hosts !== undefined ? { hosts: r.hosts } : {}) });
      return 'error' in res ? { error: res.error } : { addresses: res.addresses };
    },
    route: (packet) => routePacket(viewOf(), packet, () => rand.next(), affinity, now),
  };
}

/**
 * curl, wget and redis-cli run in a pod's containers (an exec), over the pod's network; redis-cli
 * of the image's `version`, whose commands change the datasets the `store` keeps.
 */
export function podHttp(deps: NetDeps, pod: Pod, tty: boolean, client?: { store: RedisInstance['store']; version: string }): ShellHttp {
  const net = clientNet(deps, { kind: 'pod', pod });
  const redis: RedisCliOptions = {
    net: { ...net, redisAt: (c) => (c.at && client ? redisAt(client.store, deps.server.now, c.at.pod, c.at.port) : undefined) },
    stdoutTTY: tty, version: client?.version ?? '',
  };
  return {
    run: (client, args, exists, stdin) => (client === 'curl' ? runCurl(args, { net, stdoutTTY: tty })
      : client === 'wget' ? runWget(args, { net, exists }) : runRedisCli(args, redis, stdin)),
    repl: (_client, args) => RedisRepl.start(args, redis),
  };
}

/** What a client at `source` uses: name resolution and connections as seen from there. */
export function clientNet(deps: NetDeps, source: Source): ClientNet {
  return {
    resolve: (host): Resolution => resolveFrom(deps, source, host),
    connect: (ip, port): Connection => connectTo(deps, source, ip, port),
  };
}
