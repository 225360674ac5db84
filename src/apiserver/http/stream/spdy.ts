// SPDY/3.1 as Kubernetes' streaming uses it (moby/spdystream, the server side): frames, header
// blocks compressed with one zlib stream a direction (SPDY's dictionary, a sync flush after each
// block), and a connection that accepts the client's streams, replies to each, echoes PINGs and
// carries DATA frames both ways with FIN as each side's half-close.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY_HEADER_DICTIONARY } from './spdy-dictionary.js';

export const FrameType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
export const FLAG_FIN = 0x01;
const VERSION = 3;
const MAX_DATA = 0xffffff;

export type SpdyFrame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; type: number; flags: number; payload: Buffer };

/** Splits a byte stream into frames as they complete. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: SpdyFrame[] = [];
    while (this.buf.length >= 8) {
      const len = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + len) break;
      const body = Buffer.from(this.buf.subarray(8, 8 + len));
      const flags = this.buf[4];
      if (this.buf[0] & 0x80) out.push({ control: true, type: this.buf.readUInt16BE(2), flags, payload: body });
      else out.push({ control: false, streamId: this.buf.readUInt32BE(0) & 0x7fffffff, flags, data: body });
      this.buf = this.buf.subarray(8 + len);
    }
    return out;
  }
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | VERSION, 0);
  h.writeUInt16BE(type, 2);
  h[4] = flags;
  h.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([h, payload]);
}

/** DATA frames for `data` (split at SPDY's frame size), the last one carrying FIN when asked. */
export function dataFrames(streamId: number, data: Buffer, fin: boolean): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  do {
    const piece = data.subarray(off, off + MAX_DATA);
    off += piece.length;
    const h = Buffer.alloc(8);
    h.writeUInt32BE(streamId & 0x7fffffff, 0);
    h[4] = fin && off >= data.length ? FLAG_FIN : 0;
    h.writeUIntBE(piece.length, 5, 3);
    out.push(Buffer.concat([h, piece]));
  } while (off < data.length);
  return out;
}

/** An uncompressed name/value block: count, then each length-prefixed name and value. */
export function encodeHeaderBlock(headers: [string, string][]): Buffer {
  const parts: Buffer[] = [u32(headers.length)];
  for (const [name, value] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  const read = () => {
    const len = block.readUInt32BE(off);
    const s = block.subarray(off + 4, off + 4 + len).toString('utf8');
    off += 4 + len;
    return s;
  };
  const count = block.readUInt32BE(0);
  off = 4;
  for (let i = 0; i < count && off < block.length; i++) {
    const name = read();
    // Several values of one name are joined with NULs.
    out.set(name, read().split('\0')[0]);
  }
  return out;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** One direction's zlib stream: each block goes through it in turn, flushed to a byte boundary. */
class ZlibChannel {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly z: Inflate | Deflate) {
    z.on('error', () => undefined);
  }

  run(block: Buffer): Promise<Buffer> {
    const next = this.chain.then(() => new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onData = (c: Buffer) => chunks.push(c);
      const onError = (e: Error) => reject(e);
      this.z.on('data', onData);
      this.z.once('error', onError);
      this.z.write(block);
      this.z.flush(constants.Z_SYNC_FLUSH, () => {
        this.z.off('data', onData);
        this.z.off('error', onError);
        resolve(Buffer.concat(chunks));
      });
    }));
    this.chain = next.catch(() => undefined);
    return next;
  }
}

export class HeaderCompressor {
  private readonly z = new ZlibChannel(createDeflate({ level: 9, dictionary: SPDY_HEADER_DICTIONARY }));

  compress(headers: [string, string][]): Promise<Buffer> {
    return this.z.run(encodeHeaderBlock(headers));
  }
}

export class HeaderDecompressor {
  private readonly z = new ZlibChannel(createInflate({ dictionary: SPDY_HEADER_DICTIONARY }));

  async decompress(block: Buffer): Promise<Map<string, string>> {
    return decodeHeaderBlock(await this.z.run(block));
  }
}

/** A stream the client opened: its headers, its data as it comes, and this side's writes. */
export class SpdyStream {
  private handlers: { data(d: Buffer): void; end(): void } | undefined;
  private pending: Buffer[] = [];
  private remoteEnded = false;
  localEnded = false;

  constructor(readonly id: number, readonly headers: Map<string, string>, private readonly conn: SpdyConnection) {}

  /** Data the client sends, and its half-close; what came before the handlers were set is replayed. */
  onData(data: (d: Buffer) => void, end: () => void): void {
    this.handlers = { data, end };
    for (const d of this.pending) data(d);
    this.pending = [];
    if (this.remoteEnded) end();
  }

  receive(data: Buffer, fin: boolean): void {
    if (data.length) {
      if (this.handlers) this.handlers.data(data);
      else this.pending.push(data);
    }
    if (fin && !this.remoteEnded) {
      this.remoteEnded = true;
      this.handlers?.end();
    }
  }

  write(data: Buffer | string): void {
    if (this.localEnded) return;
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (b.length) this.conn.send(dataFrames(this.id, b, false));
  }

  /** This side is done writing (a DATA frame with FIN). */
  end(): void {
    if (this.localEnded) return;
    this.localEnded = true;
    this.conn.send(dataFrames(this.id, Buffer.alloc(0), true));
  }
}

/**
 * The server end of a SPDY connection over `write`: feed it the client's bytes with push().
 * Each stream the client opens is replied to (after `onStream` has seen it) and handed over.
 */
export class SpdyConnection {
  private readonly reader = new FrameReader();
  private readonly inflate = new HeaderDecompressor();
  private readonly deflate = new HeaderCompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private chain: Promise<void> = Promise.resolve();
  closed = false;

  constructor(private readonly write: (b: Buffer) => void, private readonly onStream: (s: SpdyStream) => void,
    private readonly onClose: () => void = () => {}) {}

  send(frames: Buffer[]): void {
    if (this.closed) return;
    for (const f of frames) this.write(f);
  }

  push(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      // Header blocks decompress asynchronously; frames are handled in their order all the same.
      this.chain = this.chain.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  private async handle(f: SpdyFrame): Promise<void> {
    if (this.closed) return;
    if (!f.control) {
      this.streams.get(f.streamId)?.receive(f.data, (f.flags & FLAG_FIN) !== 0);
      return;
    }
    switch (f.type) {
      case FrameType.synStream: {
        const id = f.payload.readUInt32BE(0) & 0x7fffffff;
        const headers = await this.inflate.decompress(f.payload.subarray(10));
        const stream = new SpdyStream(id, headers, this);
        this.streams.set(id, stream);
        const reply = await this.deflate.compress([]);
        this.send([controlFrame(FrameType.synReply, 0, Buffer.concat([u32(id), reply]))]);
        this.onStream(stream);
        if (f.flags & FLAG_FIN) stream.receive(Buffer.alloc(0), true);
        return;
      }
      case FrameType.synReply:
      case FrameType.headers:
        // Their header blocks still go through the shared zlib stream.
        await this.inflate.decompress(f.payload.subarray(4));
        return;
      case FrameType.rstStream: {
        const id = f.payload.readUInt32BE(0) & 0x7fffffff;
        const s = this.streams.get(id);
        if (s) {
          s.localEnded = true;
          s.receive(Buffer.alloc(0), true);
        }
        return;
      }
      case FrameType.ping:
        this.send([controlFrame(FrameType.ping, 0, f.payload)]);
        return;
      case FrameType.goAway:
        this.close();
        return;
      default:
        // SETTINGS and WINDOW_UPDATE: spdystream does no flow control to honour.
        return;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.receive(Buffer.alloc(0), true);
    this.onClose();
  }
}
