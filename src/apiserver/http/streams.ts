// The upgraded connections of pods/exec, pods/attach and pods/portforward: the API server's checks
// come first (a refusal is a plain Status reply, which makes kubectl give up or fall back), then
// the WebSocket handshake with the subprotocol kubectl asked for, then the session, which runs
// outside the request queue for as long as the client stays.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { acceptWebSocket, offeredProtocols } from './stream/websocket.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import { badRequest } from '../errors.js';
import { remoteCommandRequest, remoteCommandTarget, serveAttach, serveExec, sessionStreams, type RemoteStreams } from './exec.js';
import type { LogFollower } from './pod-log.js';
import { Channel, channelFrame, internalErrorStatus, parseChannelFrame, STREAM_PROTOCOL_V5 } from './stream/ws-channels.js';
import { AsyncQueue } from './stream/tty.js';

export interface StreamDeps {
  cluster: ClusterHandle;
  followLogs?: LogFollower;
  settle(): Promise<void>;
}

const isWebSocket = (req: IncomingMessage) => (req.headers.upgrade ?? '').toLowerCase() === 'websocket';

/**
 * Checks the request as the API server does and upgrades it; throws an ApiError (answered as a
 * Status) when it is refused. The session itself is left running.
 */
export async function upgradeStream(deps: StreamDeps, subresource: string, namespace: string, name: string,
  q: URLSearchParams, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const { cluster } = deps;
  if (subresource === 'portforward') {
    const { portForwardTarget, servePortForward } = await import('./portforward.js');
    const pod = portForwardTarget(cluster.api, namespace, name);
    await servePortForward(cluster, pod, req, socket, head);
    return;
  }
  const rc = remoteCommandRequest(q);
  const { pod, container } = remoteCommandTarget(cluster.api, namespace, name, rc);
  const run = (streams: RemoteStreams) => {
    const session = subresource === 'exec'
      ? serveExec(cluster, pod, container, rc, streams)
      : serveAttach(cluster, pod, container, rc, streams, deps.followLogs, deps.settle);
    void session.catch((err: unknown) => {
      streams.finish(internalErrorStatus(String((err as Error)?.message ?? err)));
    });
  };
  if ((req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1') {
    const { spdyRemoteStreams } = await import('./spdy-exec.js');
    // Negotiation fails here; the streams the client then opens are waited for outside the queue.
    void spdyRemoteStreams(req, socket, head, rc).then(run);
    return;
  }
  if (!isWebSocket(req) || !offeredProtocols(req).includes(STREAM_PROTOCOL_V5)) {
    throw badRequest(`unable to upgrade connection: ${subresource} is served over WebSocket (${STREAM_PROTOCOL_V5}) and SPDY/3.1`);
  }
  const ws = await acceptWebSocket(req, socket, head, STREAM_PROTOCOL_V5);
  run(wsRemoteStreams(ws, rc.stdout ? Channel.stdout : rc.stderr ? Channel.stderr : Channel.error));
}

/**
 * The channels of a v5.channel.k8s.io connection. The server first writes an empty message on
 * the lowest channel it writes, telling the client the streams are ready.
 */
export function wsRemoteStreams(ws: WebSocket, first: number): RemoteStreams {
  const stdin = new AsyncQueue<Buffer>();
  let resolveGone: () => void = () => {};
  const gone = new Promise<void>((r) => { resolveGone = r; });
  const send = (frame: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(frame, { binary: true });
  };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    const m = parseChannelFrame(data);
    if (!m) return;
    if (m.type === 'close' && m.channel === Channel.stdin) stdin.end();
    else if (m.type === 'data' && m.channel === Channel.stdin) stdin.push(Buffer.from(m.data));
  });
  ws.on('close', () => {
    stdin.end();
    resolveGone();
  });
  ws.on('error', () => ws.terminate());
  send(channelFrame(first));
  return sessionStreams({
    write: (channel, d) => send(channelFrame(Channel[channel], d)),
    end: (status) => {
      send(channelFrame(Channel.error, JSON.stringify(status)));
      // A normal closure: the client reads every stream to its end, then closes too.
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
    stdin,
    gone,
  });
}
