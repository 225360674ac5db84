// pods/portforward: SPDY/3.1 streams, either tunnelled through a WebSocket (subprotocol
// SPDY/3.1+portforward.k8s.io, what kubectl 1.32 asks for first) or on the upgraded connection
// itself (Upgrade: SPDY/3.1, its fallback). The client opens an error and a data stream per
// connection, paired by their requestID header; the kubelet forwards the data stream to the port
// and, when that fails, writes why on the error stream.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Pod } from '../../api/core/pod/schema.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { ApiServer } from '../server.js';
import { badRequest } from '../errors.js';
import { requireHost } from '../stream-location.js';
import { SpdyConnection, type SpdyStream } from './stream/spdy.js';
import { acceptWebSocket, offeredProtocols } from './stream/websocket.js';

const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
const TUNNELING_PREFIX = 'SPDY/3.1+';

/** PortForwardLocation: the pod, which must be on a node. */
export function portForwardTarget(api: ApiServer, namespace: string, name: string): Pod {
  const pod = api.get<Pod>('pods', namespace, name);
  requireHost(pod);
  return pod;
}

export async function servePortForward(cluster: ClusterHandle, pod: Pod, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const upgrade = (req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') {
    const offered = offeredProtocols(req);
    const protocol = `${TUNNELING_PREFIX}${PORT_FORWARD_PROTOCOL}`;
    if (!offered.includes(protocol)) throw badRequest(`unable to upgrade connection: no supported subprotocol in ${offered.join(', ')}`);
    const ws = await acceptWebSocket(req, socket, head, protocol);
    const conn = new SpdyConnection((b) => { if (ws.readyState === ws.OPEN) ws.send(b, { binary: true }); },
      (s) => pairs.add(s), () => { if (ws.readyState === ws.OPEN) ws.close(1000); });
    const pairs = new StreamPairs(cluster, pod);
    ws.on('message', (data: Buffer) => conn.push(Buffer.from(data)));
    ws.on('close', () => conn.close());
    ws.on('error', () => ws.terminate());
    return;
  }
  if (upgrade !== 'spdy/3.1') throw badRequest('unable to upgrade connection: an upgrade to SPDY/3.1 or WebSocket is required');
  const versions = (req.headers['x-stream-protocol-version'] ?? '');
  if (!String(versions).split(',').map((v) => v.trim()).includes(PORT_FORWARD_PROTOCOL)) {
    throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports [${String(versions)}], server supports [${PORT_FORWARD_PROTOCOL}]`);
  }
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n'
    + `X-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`);
  const pairs = new StreamPairs(cluster, pod);
  const conn = new SpdyConnection((b) => { if (!socket.destroyed) socket.write(b); }, (s) => pairs.add(s), () => socket.end());
  if (head.length) conn.push(head);
  socket.on('data', (d: Buffer) => conn.push(d));
  socket.on('close', () => conn.close());
  socket.on('error', () => socket.destroy());
}

/** httpStreamHandler: error and data streams paired by requestID, each pair one forwarded connection. */
class StreamPairs {
  private readonly waiting = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();

  constructor(private readonly cluster: ClusterHandle, private readonly pod: Pod) {}

  add(s: SpdyStream): void {
    const id = s.headers.get('requestid') ?? '';
    const type = s.headers.get('streamtype');
    const pair = this.waiting.get(id) ?? {};
    if (type === 'error') pair.error = s;
    else if (type === 'data') pair.data = s;
    else {
      s.end();
      return;
    }
    if (pair.error && pair.data) {
      this.waiting.delete(id);
      void this.forward(pair.error, pair.data);
    } else this.waiting.set(id, pair);
  }

  private async forward(error: SpdyStream, data: SpdyStream): Promise<void> {
    const port = Number(data.headers.get('port'));
    const { forwardConnection } = await import('../../net/port-forward.js');
    const done = () => {
      data.end();
      error.end();
    };
    const conn = forwardConnection(this.cluster, this.pod, port, {
      write: (bytes) => data.write(bytes),
      end: done,
      refused: (message) => {
        error.write(message);
        done();
      },
    });
    data.onData((d) => conn.push(d), () => void conn.drained().then(done));
  }
}
