// The bytes of a tar archive, as `tar cf -` writes one to stdout and `tar -xf -` reads one from
// stdin when kubectl cp streams it through an exec: ustar headers (names too long for one go in a
// GNU long-name record or a PAX header, both of which are read back), 512-byte blocks, two zero
// blocks at the end.
import type { TarMember } from './exec.js';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, type: string, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime), 12), 136, 'ascii');
  h.write(type, 156, 'ascii');
  // GNU tar's magic and version ("ustar  \0"), as on Debian-based images.
  h.write('ustar  \0', 257, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const pad = (len: number) => Buffer.alloc((BLOCK - (len % BLOCK)) % BLOCK);

/** A member's write time, in seconds since the epoch. */
export type MemberTime = (m: TarMember) => number;

/** The archive of `members`: directories 0755, files 0644, owned by root. */
export function writeTar(members: TarMember[], mtime: MemberTime): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const body = m.content === null ? Buffer.alloc(0) : Buffer.from(m.content, 'utf8');
    const nameBytes = Buffer.byteLength(m.name);
    if (nameBytes > 99) {
      // GNU tar's ././@LongLink record carries the whole name.
      const long = Buffer.from(`${m.name}\0`, 'utf8');
      parts.push(header('././@LongLink', long.length, 'L', 0o644, 0), long, pad(long.length));
    }
    parts.push(header(m.name.slice(0, 99), body.length, m.content === null ? '5' : '0', m.content === null ? 0o755 : 0o644, mtime(m)));
    parts.push(body, pad(body.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function str(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return (nul < 0 ? s : s.subarray(0, nul)).toString('utf8');
}

function num(b: Buffer, start: number, len: number): number {
  // base-256 for sizes too large for octal (first byte's high bit set)
  if (b[start] & 0x80) {
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + b[i];
    return n;
  }
  const t = str(b, start, len).trim();
  return t ? parseInt(t, 8) : 0;
}

/** PAX extended header records: `LEN key=value\n`. */
function paxRecords(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(body.subarray(i, sp).toString('ascii'));
    if (!len) break;
    const rec = body.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

export class TarFormatError extends Error {}

/** The members of an archive: regular files and directories (links and devices are left out). */
export function readTar(data: Buffer): TarMember[] {
  const out: TarMember[] = [];
  let off = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  while (off + BLOCK <= data.length) {
    const h = data.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = num(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    const body = data.subarray(off + BLOCK, off + BLOCK + size);
    if (body.length < size) throw new TarFormatError('unexpected EOF');
    off += BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === 'L') {
      longName = str(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      pax = paxRecords(body);
      continue;
    }
    if (type === 'g') continue;
    const magic = h.subarray(257, 263).toString('ascii');
    const prefix = magic === 'ustar\0' ? str(h, 345, 155) : '';
    let name = longName ?? pax.path ?? (prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100));
    longName = undefined;
    pax = {};
    if (type === '5') {
      if (!name.endsWith('/')) name += '/';
      out.push({ name, content: null });
    } else if (type === '0' || type === '7') {
      out.push({ name, content: body.toString('utf8') });
    }
  }
  return out;
}

/** What a `tar` command line asks of an archive on stdin or stdout (`-f -`), as kubectl cp runs it. */
export type TarInvocation = { op: 'create'; path: string } | { op: 'extract'; dir: string };

export function tarInvocation(argv: string[]): TarInvocation | undefined {
  if ((argv[0] ?? '').replace(/.*\//, '') !== 'tar') return undefined;
  let op: 'create' | 'extract' | undefined;
  let file: string | undefined;
  let dir = '';
  const paths: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-C') dir = argv[++i] ?? '';
    else if (a.startsWith('--')) continue;
    else if (/^-[A-Za-z]+$/.test(a) || (i === 1 && /^[A-Za-z]+$/.test(a))) {
      if (a.includes('c')) op = 'create';
      if (a.includes('x')) op = 'extract';
      if (a.includes('f')) file = argv[++i];
    } else paths.push(a);
  }
  if (file !== '-' || !op) return undefined;
  if (op === 'create') return paths.length === 1 ? { op, path: paths[0] } : undefined;
  return { op, dir };
}
