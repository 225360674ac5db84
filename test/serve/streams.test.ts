// The framing of mk serve's streams: remote command channels (v5.channel.k8s.io), SPDY/3.1 frames
// and header compression (against a SYN_STREAM as moby/spdystream writes it), the pty's line
// discipline, and tar archives (checked with the system's GNU tar where there is one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelFrame, exitCodeStatus, internalErrorStatus, parseChannelFrame, SUCCESS } from '../../src/apiserver/http/stream/ws-channels.js';
import { controlFrame, dataFrames, decodeHeaderBlock, FLAG_FIN, FrameReader, FrameType, HeaderCompressor, HeaderDecompressor, SpdyConnection, type SpdyStream } from '../../src/apiserver/http/stream/spdy.js';
import { SPDY_HEADER_DICTIONARY } from '../../src/apiserver/http/stream/spdy-dictionary.js';
import { LineDiscipline, onlcr } from '../../src/apiserver/http/stream/tty.js';
import { readTar, tarInvocation, writeTar } from '../../src/kubelet/tar-archive.js';

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

// A SYN_STREAM for stream 1 with the one header streamtype: stdout, its header block compressed by
// Go's compress/zlib with SPDY's dictionary (FDICT set, dictionary id 0xe3c6a7c2), as spdystream sends it.
const GO_SYN_STREAM = Buffer.from(
  '800300010000002b00000001000000000000' + '78f9e3c6a7c2626060600' + '4a7b392a2d4c45c6851c2565c92925f5a02000000ffff', 'hex');

describe('remote command channels', () => {
  it('prefixes each message with its channel and reads the v5 close signal', () => {
    expect([...channelFrame(1, 'hi')]).toEqual([1, 0x68, 0x69]);
    expect([...channelFrame(1)]).toEqual([1]);
    expect(parseChannelFrame(Buffer.from([0, 0x61, 0x0a]))).toEqual({ type: 'data', channel: 0, data: Buffer.from('a\n') });
    // client-go's stream.Close(): {StreamClose, id}
    expect(parseChannelFrame(Buffer.from([255, 0]))).toEqual({ type: 'close', channel: 0 });
    expect(parseChannelFrame(Buffer.alloc(0))).toBeUndefined();
  });

  it('writes the kubelet\'s Status for success, a non-zero exit and an internal error', () => {
    expect(JSON.stringify(SUCCESS)).toBe('{"metadata":{},"status":"Success"}');
    expect(JSON.stringify(exitCodeStatus(['sh', '-c', 'exit 3'], 3))).toBe('{"metadata":{},"status":"Failure",'
      + '"message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3",'
      + '"reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}');
    expect(JSON.stringify(internalErrorStatus('Internal error occurred: unable to upgrade connection: container not found ("x")')))
      .toBe('{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container not found (\\"x\\")",'
        + '"reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: container not found (\\"x\\")"}]},"code":500}');
  });
});

describe('SPDY/3.1', () => {
  it('has spdystream\'s header dictionary', () => {
    expect(SPDY_HEADER_DICTIONARY.length).toBe(1423);
    expect(adler32(SPDY_HEADER_DICTIONARY)).toBe(0xe3c6a7c2);
    expect(SPDY_HEADER_DICTIONARY.subarray(-10).toString('latin1')).toBe('-,*,enq=0.');
  });

  it('reads a SYN_STREAM as Go writes it, split anywhere', async () => {
    const r = new FrameReader();
    expect(r.push(GO_SYN_STREAM.subarray(0, 5))).toEqual([]);
    const [f] = r.push(GO_SYN_STREAM.subarray(5));
    expect(f).toMatchObject({ control: true, type: FrameType.synStream, flags: 0 });
    if (!f.control) throw new Error('not a control frame');
    expect(f.payload.readUInt32BE(0)).toBe(1);
    const headers = await new HeaderDecompressor().decompress(f.payload.subarray(10));
    expect([...headers]).toEqual([['streamtype', 'stdout']]);
  });

  it('compresses header blocks with the dictionary, one zlib stream across blocks', async () => {
    const c = new HeaderCompressor();
    const first = await c.compress([['streamType', 'error'], ['port', '80'], ['requestID', '0']]);
    const second = await c.compress([]);
    // zlib header with FDICT and the dictionary's id, as Go's reader requires.
    expect(first.subarray(0, 6).toString('hex')).toBe('78f9e3c6a7c2');
    // Every block ends at a sync flush.
    expect(first.subarray(-4).toString('hex')).toBe('0000ffff');
    const d = new HeaderDecompressor();
    expect([...await d.decompress(first)]).toEqual([['streamtype', 'error'], ['port', '80'], ['requestid', '0']]);
    expect([...await d.decompress(second)]).toEqual([]);
  });

  it('frames data with FIN on the last frame', () => {
    expect(dataFrames(3, Buffer.from('ab'), true).map((b) => b.toString('hex'))).toEqual(['0000000301000002' + '6162']);
    expect(dataFrames(5, Buffer.alloc(0), true).map((b) => b.toString('hex'))).toEqual(['0000000501000000']);
    expect(controlFrame(FrameType.ping, 0, Buffer.from([0, 0, 0, 1])).toString('hex')).toBe('80030006000000040000' + '0001');
    expect([...decodeHeaderBlock(Buffer.from('00000001' + '00000001' + '61' + '00000003' + '620063', 'hex'))]).toEqual([['a', 'b']]);
  });

  it('replies to each stream the client opens, echoes pings and carries data both ways', async () => {
    const written: Buffer[] = [];
    const opened: SpdyStream[] = [];
    const conn = new SpdyConnection((b) => written.push(b), (s) => opened.push(s));
    conn.push(Buffer.concat([GO_SYN_STREAM, controlFrame(FrameType.ping, 0, Buffer.from([0, 0, 0, 1])), ...dataFrames(1, Buffer.from('in'), true)]));
    await new Promise((r) => setTimeout(r, 50));
    expect(opened.map((s) => [s.id, s.headers.get('streamtype')])).toEqual([[1, 'stdout']]);
    const received: string[] = [];
    let ended = false;
    opened[0].onData((d) => received.push(d.toString()), () => { ended = true; });
    expect(received).toEqual(['in']);
    expect(ended).toBe(true);
    opened[0].write('out');
    opened[0].end();
    const frames = new FrameReader().push(Buffer.concat(written));
    expect(frames.map((f) => (f.control ? `control ${f.type}` : `data ${f.streamId} ${f.flags} ${f.data.toString()}`)))
      .toEqual([`control ${FrameType.synReply}`, `control ${FrameType.ping}`, 'data 1 0 out', `data 1 ${FLAG_FIN} `]);
    const reply = frames[0];
    if (!reply.control) throw new Error('not a control frame');
    expect(reply.payload.readUInt32BE(0)).toBe(1);
    expect([...await new HeaderDecompressor().decompress(reply.payload.subarray(4))]).toEqual([]);
  });
});

describe('the pty', () => {
  it('echoes, edits and ends lines as a terminal in cooked mode does', () => {
    let echoed = '';
    const tty = new LineDiscipline((s) => { echoed += s; });
    expect(tty.push(Buffer.from('ecj\x7fho hi\r'))).toEqual([{ type: 'line', text: 'echo hi' }]);
    expect(echoed).toBe('ecj\b \bho hi\r\n');
    expect(tty.push(Buffer.from('sleep\x03'))).toEqual([{ type: 'interrupt' }]);
    expect(tty.push(Buffer.from('\x04'))).toEqual([{ type: 'eof' }]);
    expect(onlcr('a\nb\r\n')).toBe('a\r\nb\r\n');
  });
});

describe('tar archives', () => {
  const members = [
    { name: 'dir/', content: null },
    { name: 'dir/a.txt', content: 'alpha\n' },
    { name: `dir/${'n'.repeat(120)}`, content: 'long\n' },
  ];

  it('reads back what it writes', () => {
    const archive = writeTar(members, () => 1735689600);
    expect(archive.length % 512).toBe(0);
    expect(readTar(archive)).toEqual(members);
  });

  it('writes archives GNU tar lists, and reads the ones it writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-tar-'));
    try {
      if (spawnSync('tar', ['--version']).status !== 0) return;
      writeFileSync(join(dir, 'mk.tar'), writeTar(members, () => 1735689600));
      const listed = spawnSync('tar', ['tf', join(dir, 'mk.tar')], { encoding: 'utf8' });
      expect(listed.stdout).toBe(members.map((m) => `${m.name}\n`).join(''));
      expect(spawnSync('tar', ['xf', 'mk.tar'], { cwd: dir }).status).toBe(0);
      expect(readFileSync(join(dir, 'dir/a.txt'), 'utf8')).toBe('alpha\n');
      expect(spawnSync('tar', ['cf', 'gnu.tar', '--format=pax', 'dir'], { cwd: dir }).status).toBe(0);
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(readTar(readFileSync(join(dir, 'gnu.tar'))).sort(byName)).toEqual([...members].sort(byName));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recognizes the tar commands kubectl cp runs', () => {
    expect(tarInvocation(['tar', 'cf', '-', '/etc/hostname'])).toEqual({ op: 'create', path: '/etc/hostname' });
    expect(tarInvocation(['tar', '-xmf', '-', '-C', '/tmp'])).toEqual({ op: 'extract', dir: '/tmp' });
    expect(tarInvocation(['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'])).toEqual({ op: 'extract', dir: '' });
    expect(tarInvocation(['tar', 'cf', 'out.tar', '/etc'])).toBeUndefined();
    expect(tarInvocation(['cat', '-'])).toBeUndefined();
  });
});
