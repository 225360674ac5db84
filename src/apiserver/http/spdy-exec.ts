// pods/exec and pods/attach over SPDY/3.1, what kubectl falls back to when WebSockets are refused
// (or KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false): the client opens one stream a channel, named by its
// streamtype header (error, stdin, stdout, stderr, resize); once all it asked for are there the
// session runs, and ends with the v4 Status on the error stream and the connection closed.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { badRequest } from '../errors.js';
import { sessionStreams, type RemoteCommandRequest, type RemoteStreams } from './exec.js';
import { SpdyConnection, type SpdyStream } from './stream/spdy.js';
import { AsyncQueue } from './stream/tty.js';

const PROTOCOL = 'v4.channel.k8s.io';

/** Negotiates the protocol, upgrades, and resolves once the client has opened its streams. */
export function spdyRemoteStreams(req: IncomingMessage, socket: Duplex, head: Buffer, rc: RemoteCommandRequest): Promise<RemoteStreams> {
  const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  if (!offered.includes(PROTOCOL)) {
    throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${PROTOCOL}]`);
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PROTOCOL}\r\n\r\n`);
  const wanted = ['error', ...(rc.stdin ? ['stdin'] : []), ...(rc.stdout ? ['stdout'] : []), ...(rc.stderr ? ['stderr'] : []),
    ...(rc.tty ? ['resize'] : [])];
  const streams = new Map<string, SpdyStream>();
  const stdin = new AsyncQueue<Buffer>();
  let resolveGone: () => void = () => {};
  const gone = new Promise<void>((r) => { resolveGone = r; });
  return new Promise((resolve) => {
    const conn = new SpdyConnection((b) => { if (!socket.destroyed) socket.write(b); }, (s) => {
      const type = s.headers.get('streamtype') ?? '';
      streams.set(type, s);
      if (type === 'stdin') s.onData((d) => stdin.push(d), () => stdin.end());
      else s.onData(() => {}, () => {});
      if (wanted.every((w) => streams.has(w))) resolve(remoteStreams());
    }, () => socket.end());
    const remoteStreams = () => sessionStreams({
      write: (channel, d) => streams.get(channel)?.write(d),
      end: (status) => {
        streams.get('error')?.write(JSON.stringify(status));
        for (const s of streams.values()) s.end();
        conn.close();
      },
      stdin,
      gone,
    });
    if (head.length) conn.push(head);
    socket.on('data', (d: Buffer) => conn.push(d));
    socket.on('close', () => {
      stdin.end();
      conn.close();
      resolveGone();
    });
    socket.on('error', () => socket.destroy());
  });
}
