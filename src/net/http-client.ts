// What an HTTP client needs of the network, and what it writes: the pieces curl and busybox wget
// share. A client runs to its end at once; its output is kept as ordered chunks on stdout and
// stderr, so a shell (or the terminal) interleaves them as the real program would.
import type { Connection, Resolution } from './connect.js';
import type { HttpResponse } from './servers.js';

export interface ClientNet {
  resolve(host: string): Resolution;
  connect(ip: string, port: number): Connection;
}

export interface Chunk { stream: 'stdout' | 'stderr'; text: string }

export interface ClientRun {
  chunks: Chunk[];
  code: number;
  /** Files the client wrote (-o FILE, wget's saved file): path as given → content. */
  files: Record<string, string>;
  /** How long it took, in ms of virtual time. */
  ms: number;
}

export class Output {
  readonly chunks: Chunk[] = [];
  out(text: string): void { this.push('stdout', text); }
  err(text: string): void { this.push('stderr', text); }
  private push(stream: Chunk['stream'], text: string): void {
    if (!text) return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
  }
}

export interface ParsedURL { scheme: string; host: string; port: number; path: string; hostHeader: string }

/** The head of a response as sent on the wire: status line and headers, CRLF ended. */
export function responseHead(r: HttpResponse, proto = 'HTTP/1.1'): string[] {
  return [`${proto} ${r.status}${r.reason ? ` ${r.reason}` : ''}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
}

/** Where a Connection-level failure leaves a client. */
export type Failure = Exclude<Connection['kind'], 'open'>;

/** Virtual durations of the network's failures, as a Linux client sees them. */
export const FAILURE_MS: Record<Failure, number> = {
  refused: 0,
  // Three ARP probes a second apart go unanswered before the kernel gives EHOSTUNREACH.
  unreachable: 3_067,
  // tcp_syn_retries=6: SYNs at 0, 1, 3, 7, 15, 31, 63 s, given up at 127 s.
  timeout: 127_000,
};
