// `mk port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: kubectl's port-forward (the pod a
// resource stands for, a Service port translated to the pod's target port, named ports looked
// up), with real listening sockets on localhost whose connections reach the pod's simulated
// server directly, as the kubelet's port-forward does — no Service, no kube-proxy in between.
import { createServer, type Server, type Socket } from 'node:net';
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import type { Service } from '../../api/core/service/schema.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';

interface Flags { address: string; podRunningTimeout: string }

const split = (p: string): [string, string] => {
  const parts = p.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
};

/** A named container port of the pod (util.LookupContainerPortNumberByName). */
function podPortByName(pod: Pod, name: string): number {
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new RawError(`error: Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** translateServicePortToTargetPort / convertPodNamedPortToNumber: [local, remote] pairs. */
function forwardedPorts(args: string[], pod: Pod, svc: Service | undefined): [number, number][] {
  const out: [number, number][] = [];
  for (const a of args) {
    let [local, remote] = split(a);
    if (!remote) throw new RawError('error: remote port cannot be empty');
    let num: number;
    if (svc) {
      num = /^\d+$/.test(remote) ? Number(remote) : -1;
      if (num < 0) {
        const byName = svc.spec?.ports?.find((p) => p.name === remote);
        if (!byName) throw new RawError(`error: Service '${svc.metadata.name}' does not have a named port '${remote}'`);
        if (local === remote) local = String(byName.port);
        num = byName.port;
      }
      const sp = svc.spec?.ports?.find((p) => p.port === num);
      if (!sp) throw new RawError(`error: Service ${svc.metadata.name} does not have a service port ${num}`);
      const tp = sp.targetPort;
      num = tp === undefined ? sp.port : typeof tp === 'number' ? tp : /^\d+$/.test(tp) ? Number(tp) : podPortByName(pod, tp);
    } else {
      num = /^\d+$/.test(remote) ? Number(remote) : podPortByName(pod, remote);
    }
    out.push([local === '' ? 0 : Number(local), num]);
  }
  return out;
}

export function portForwardCommand(ctx: CliContext): Command {
  return new Command('port-forward')
    .description('Forward one or more local ports to a pod')
    .usage('TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]')
    .argument('[args...]')
    .option('--address <addresses>', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.', 'localhost')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '1m0s')
    .action(async (args: string[], flags: Flags) => {
      if (args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward', "See 'mk port-forward -h' for help and examples");
      const { parseGoDuration } = await import('../../api/go-duration.js');
      const timeout = parseGoDuration(flags.podRunningTimeout) ?? 60_000;
      const { target, cluster } = await connect(ctx.flags);
      const { attachablePodForObject, resolveObject } = await import('../attachable-pod.js');
      const resolved = resolveObject(cluster.api, target.namespace, args[0]);
      const { pod } = await attachablePodForObject(cluster, target.namespace, args[0], { order: 'attach', timeoutMs: timeout });
      const svc = resolved.kind.kind === 'Service' ? resolved.obj as unknown as Service : undefined;
      const ports = forwardedPorts(args.slice(1), pod, svc);
      const now = cluster.api.get<Pod & { metadata: { name: string } }>('pods', pod.metadata.namespace, pod.metadata.name);
      if (now.status?.phase !== 'Running') {
        throw new RawError(`error: unable to forward port because pod is not running. Current status=${now.status?.phase ?? ''}`);
      }
      const hosts = flags.address.split(',').flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]));
      const servers: Server[] = [];
      // A failed forward closes the connection to the pod, which ends the command (ErrLostConnectionToPod).
      let lose: () => void = () => {};
      const lost = new Promise<boolean>((resolve) => { lose = () => resolve(true); });
      for (const [requested, remote] of ports) {
        // A random local port (0) is picked once, then listened on at every address.
        let local = requested;
        for (const host of hosts) {
          const server = createServer((sock) => void handle(cluster, pod, local, remote, sock, ctx, lose));
          const bound = await new Promise<number | undefined>((resolve) => {
            server.once('error', () => resolve(undefined));
            server.listen(local, host, () => resolve((server.address() as { port: number }).port));
          });
          if (bound === undefined) continue;
          local = bound;
          servers.push(server);
          ctx.io.out(`Forwarding from ${host.includes(':') ? `[${host}]` : host}:${bound} -> ${remote}\n`);
        }
      }
      if (!servers.length) throw new RawError(`error: unable to listen on any of the requested ports: [{${ports[0][0]} ${ports[0][1]}}]`);
      const wasLost = await Promise.race([lost, new Promise<boolean>((resolve) => {
        const stop = () => resolve(false);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      })]);
      for (const s of servers) s.close();
      cluster.store.close();
      if (wasLost) throw new RawError('error: lost connection to pod');
    });
}

/** One local connection: each request it carries is answered by the pod's server on `remote`. */
async function handle(cluster: ClusterHandle, pod: Pod, local: number, remote: number, sock: Socket, ctx: CliContext,
  lose: () => void): Promise<void> {
  ctx.io.out(`Handling connection for ${local}\n`);
  const { forwardConnection } = await import('../../net/port-forward.js');
  const conn = forwardConnection(cluster, pod, remote, {
    write: (bytes) => sock.write(bytes),
    end: () => sock.end(),
    refused: (message) => {
      ctx.io.err(`${klogPrefix()}portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: ${message}"\n`);
      sock.destroy();
      lose();
    },
  });
  sock.on('data', (d: Buffer) => conn.push(d));
  sock.on('error', () => sock.destroy());
}

/** klog's header: severity, date, time, pid, as kubectl's error log lines begin. */
function klogPrefix(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `E${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} `;
}
