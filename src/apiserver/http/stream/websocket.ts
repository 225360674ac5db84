// The WebSocket handshake for Kubernetes' streaming subprotocols. The server answers with the
// subprotocol itself: ws would refuse a Sec-WebSocket-Protocol such as SPDY/3.1+portforward.k8s.io
// ('/' is no token character), which gorilla/websocket clients send and expect back.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

/** Completes the handshake with `protocol`; rejects when the request is no valid WebSocket upgrade. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): Promise<WebSocket> {
  delete req.headers['sec-websocket-protocol'];
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('headers', (headers) => headers.push(`Sec-WebSocket-Protocol: ${protocol}`));
  return new Promise((resolve, reject) => {
    const refused = () => reject(new Error('the WebSocket handshake failed'));
    socket.once('close', refused);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', refused);
      resolve(ws);
    });
  });
}
