// `mk cp`: copies files and directories between this machine and a container, as kubectl cp does
// it — through `tar` run in the container (so images without tar fail as they do for kubectl),
// with tar's own messages (`tar: Removing leading `/' from member names`) and kubectl's errors.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import type { TarMember } from '../../kubelet/exec.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { ExitError, RawError } from '../errors.js';
import { execTargetFor, runtimeErrors, writeLines } from './exec.js';

interface CpFlags {
  container?: string;
  noPreserve?: boolean;
  retries: string;
}

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

/** extractFileSpec: `[[namespace/]pod:]file/path`. */
function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  const bad = () => new RawError('error: filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i === 0) throw bad();
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw bad();
}

/** stripPathShortcuts: drops leading `../` and `./` (and a lone `..`/`.`) from a cleaned path. */
function stripPathShortcuts(p: string): string {
  let s = p;
  for (;;) {
    if (s.startsWith('../')) s = s.slice(3);
    else if (s.startsWith('./')) s = s.slice(2);
    else break;
  }
  return s === '..' || s === '.' ? '' : s;
}

export function cpCommand(ctx: CliContext): Command {
  return new Command('cp')
    .description('Copy files and directories to and from containers')
    .usage('<file-spec-src> <file-spec-dest>')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('--no-preserve', "The copied file/directory's ownership and permissions will not be preserved in the container")
    .option('--retries <n>', 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).', '0')
    .action(async (args: string[], flags: CpFlags) => {
      if (args.length !== 2) throw new RawError('error: source and destination are required');
      const src = extractFileSpec(args[0]);
      const dest = extractFileSpec(args[1]);
      if (src.pod && dest.pod) throw new RawError('error: one of src or dest must be a local file specification');
      if (!src.file || !dest.file) throw new RawError('error: filepath can not be empty');
      if (!src.pod && !dest.pod) throw new RawError('error: one of src or dest must be a remote file specification');
      if (dest.pod && !existsSync(src.file)) throw new RawError(`error: ${src.file} doesn't exist in local filesystem`);
      const { target, cluster } = await connect(ctx.flags);
      try {
        const exec = await import('../../kubelet/exec.js');
        const remote = (src.pod ? src : dest) as FileSpec & { pod: string };
        const pod = cluster.api.get<Pod>('pods', remote.namespace ?? target.namespace, remote.pod);
        const now = cluster.now();
        const realtime = cluster.clock.mode === 'realtime';
        if (src.pod) {
          // The tar stream's stderr, and the exec's notices, go to kubectl's stdout.
          const out = (s: string) => ctx.io.out(s);
          const t = await execTargetFor(cluster, pod, flags.container, false, out);
          const r = await runtimeErrors(() => exec.tarCreate(cluster.store, t, src.file, now));
          await writeLines(r.lines, realtime, out, out);
          const prefix = stripPathShortcuts(posix.normalize(src.file.replace(/^\/+/, '')).replace(/\/+$/, ''));
          untarAll(r.members, prefix, dest.file, (s) => ctx.io.err(s));
          if (r.code !== 0) {
            ctx.io.err(`command terminated with exit code ${r.code}\n`);
            throw new ExitError(r.code);
          }
          return;
        }
        // checkDestinationIsDir: `test -d DEST` in the container; a directory receives the source by its name.
        const quietTarget = await execTargetFor(cluster, pod, flags.container, true, () => {}).catch(() => undefined);
        let destFile = dest.file;
        if (quietTarget) {
          const isDir = await runtimeErrors(() => exec.execCommand(cluster.store, quietTarget, ['test', '-d', dest.file], now)).catch(() => undefined);
          if (isDir?.code === 0) destFile = posix.join(dest.file, baseName(src.file));
        }
        const t = await execTargetFor(cluster, pod, flags.container, false, (s) => ctx.io.err(s));
        const members = makeTar(src.file, posix.basename(posix.normalize(destFile)));
        const destDir = posix.dirname(posix.normalize(destFile));
        const r = await runtimeErrors(() => cluster.store.transaction(() => exec.tarExtract(cluster.store, t, destDir, members, now)));
        await writeLines(r.lines, realtime, (s) => ctx.io.out(s), (s) => ctx.io.err(s));
        if (r.code !== 0) {
          ctx.io.err(`command terminated with exit code ${r.code}\n`);
          throw new ExitError(r.code);
        }
      } finally {
        cluster.store.close();
      }
    });
}

function baseName(p: string): string {
  return posix.basename(p.replace(/\\/g, '/').replace(/\/+$/, '')) || '/';
}

/** makeTar/recursiveTar: the local file or directory as members named under `destBase`. */
function makeTar(src: string, destBase: string): TarMember[] {
  const out: TarMember[] = [];
  const walk = (path: string, name: string) => {
    const st = lstatSync(path);
    if (st.isDirectory()) {
      const entries = readdirSync(path).sort();
      if (!entries.length) out.push({ name: `${name}/`, content: null });
      for (const e of entries) walk(join(path, e), `${name}/${e}`);
    } else if (!st.isSymbolicLink()) {
      out.push({ name, content: readFileSync(path, 'utf8') });
    }
  };
  walk(resolve(src), destBase);
  return out;
}

/** untarAll: members under `prefix` written below the local `dest`. */
function untarAll(members: TarMember[], prefix: string, dest: string, warn: (s: string) => void): void {
  const root = resolve(dest);
  for (const m of members) {
    if (!m.name.startsWith(prefix)) throw new RawError('error: tar contents corrupted');
    const target = join(root, m.name.slice(prefix.length));
    const rel = relative(root, target);
    if (rel.startsWith('..')) {
      warn(`warning: file "${target}" is outside target destination, skipping\n`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (m.content === null) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    if (existsSync(target) && statSync(target).isDirectory()) throw new RawError(`error: open ${posix.normalize(join(dest, m.name.slice(prefix.length))).replace(/(.)\/+$/, "$1")}: is a directory`);
    writeFileSync(target, m.content);
  }
}
