// One connection forwarded into a pod (kubectl port-forward, through the kubelet): the kubelet
// dials the port inside the pod's network namespace, then each HTTP request the connection carries
// is answered by the pod's server as the cluster is when it arrives. A port nothing listens on is
// refused in the kubelet's (containerd's) words.
import type { Pod } from '../api/core/pod/schema.js';
import { settle, type ClusterHandle } from '../cluster/runtime.js';

export interface ForwardSink {
  write(bytes: Buffer): void;
  /** The pod's server closed the connection. */
  end(): void;
  /** The dial failed: the kubelet's error for the client. */
  refused(message: string): void;
}

/** The kubelet's error when nothing listens on `port` in the pod (the sandbox named by the pod's UID). */
export function portForwardRefused(pod: Pod, port: number): string {
  return `error forwarding port ${port} to pod ${pod.metadata.uid ?? ''}, uid : failed to execute portforward in network namespace: `
    + `failed to connect to localhost:${port} inside namespace, IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused `
    + `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

/** Feeds the client's bytes to push(); answers go to the sink in order. */
export function forwardConnection(cluster: ClusterHandle, pod: Pod, remote: number, sink: ForwardSink): {
  push(data: Buffer): void;
  /** Resolves once every request pushed so far is answered. */
  drained(): Promise<void>;
} {
  let buf = Buffer.alloc(0);
  let busy = Promise.resolve();
  let done = false;
  return {
    push(data: Buffer) {
      buf = Buffer.concat([buf, data]);
      busy = busy.then(async () => {
        const { parseRequest, answerBytes } = await import('./http-wire.js');
        const { clusterNet } = await import('./cluster-net.js');
        const { connectTo } = await import('./connect.js');
        while (!done) {
          const parsed = parseRequest(buf);
          if (!parsed) return;
          buf = buf.subarray(parsed.used);
          await settle(cluster);
          const fresh = cluster.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name) ?? pod;
          const deps = clusterNet({ store: cluster.store, api: cluster.api, now: cluster.now(), rand: cluster.rand });
          // The kubelet dials the port inside the pod's network namespace: loopback, from the pod itself.
          const conn = cluster.store.transaction(() => connectTo(deps, { kind: 'pod', pod: fresh }, '127.0.0.1', remote));
          if (conn.kind !== 'open') {
            done = true;
            sink.refused(portForwardRefused(pod, remote));
            return;
          }
          const out = answerBytes(cluster.store.transaction(() => conn.exchange(parsed.req)));
          sink.write(out.bytes);
          if (out.close) {
            done = true;
            sink.end();
            return;
          }
        }
      });
    },
    drained: () => busy,
  };
}
