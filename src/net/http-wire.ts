// HTTP/1.1 on a real socket, for `mk port-forward`: requests parsed off the bytes a local client
// sends, and a simulated server's answer written back as the bytes that server would send.
import type { HttpRequest, ServerAnswer } from './servers.js';

/** One complete request at the head of `buf`, and how many bytes it took; undefined until it is all there. */
export function parseRequest(buf: Buffer): { req: HttpRequest; used: number } | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const [method = 'GET', target = '/'] = (head.shift() ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of head) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  const lenKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-length');
  const len = lenKey ? Number(headers[lenKey]) || 0 : 0;
  if (buf.length < end + 4 + len) return undefined;
  const body = buf.subarray(end + 4, end + 4 + len).toString('utf8');
  const hostKey = Object.keys(headers).find((k) => k.toLowerCase() === 'host');
  return {
    req: { method, host: hostKey ? headers[hostKey] : '', path: target, headers, ...(len ? { body } : {}) },
    used: end + 4 + len,
  };
}

/** The bytes of an answer; `close` tells whether the server then closes the connection. */
export function answerBytes(a: Exclude<ServerAnswer, { kind: 'refused' }>): { bytes: Buffer; close: boolean } {
  if (a.kind === 'empty') return { bytes: Buffer.alloc(0), close: true };
  if (a.kind === 'raw') return { bytes: Buffer.from(a.data, 'latin1'), close: true };
  const r = a.response;
  const chunked = r.headers.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && v.toLowerCase() === 'chunked');
  const head = [`HTTP/1.1 ${r.status}${r.reason ? ` ${r.reason}` : ''}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  const body = Buffer.from(r.body, 'utf8');
  const payload = chunked
    ? Buffer.concat([Buffer.from(body.length ? `${body.length.toString(16)}\r\n` : ''), body, Buffer.from(body.length ? '\r\n0\r\n\r\n' : '0\r\n\r\n')])
    : body;
  const close = r.headers.some(([k, v]) => k.toLowerCase() === 'connection' && v.toLowerCase() === 'close')
    || (!chunked && !r.headers.some(([k]) => k.toLowerCase() === 'content-length'));
  return { bytes: Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), payload]), close };
}
