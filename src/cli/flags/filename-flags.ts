// `-f FILE|DIR|-` and `-R`: where manifests come from, as kubectl's FilenameOptions resolves them.
// Reading is separate from decoding so a bad document never stops the good ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { CliIO } from '../io.js';
import { newAggregate } from '../errors.js';

export interface ManifestSource {
  /** As kubectl names it in messages: the path as given, or STDIN. */
  name: string;
  text: string;
}

const MANIFEST_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * Commander's collector for -f: a pflag string slice, so `-f a.yaml,b.yaml` names two files (the
 * value is read as one CSV record: a quoted name may hold a comma).
 */
export function collectFilenames(value: string, previous: string[]): string[] {
  if (value === '') return previous;
  const names: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '"' && value[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      names.push(cur);
      cur = '';
    } else cur += c;
  }
  names.push(cur);
  return [...previous, ...names];
}

/**
 * The sources -f names, in order. As kubectl's FilenameParam, every path is checked before
 * anything is read, and any that does not exist fails the whole command.
 */
export async function readSources(filenames: string[], recursive: boolean, io: CliIO): Promise<ManifestSource[]> {
  const errors: Error[] = [];
  const kinds = filenames.map((f) => {
    if (f === '-') return 'stdin' as const;
    if (/^https?:\/\//.test(f)) {
      errors.push(new Error(`unable to read URL "${f}", server reported 0 : mk clusters cannot reach the network`));
      return undefined;
    }
    try {
      return statSync(f).isDirectory() ? ('dir' as const) : ('file' as const);
    } catch {
      errors.push(new Error(`the path "${f}" does not exist`));
      return undefined;
    }
  });
  const failed = newAggregate(errors);
  if (failed) throw failed;
  const out: ManifestSource[] = [];
  for (const [i, f] of filenames.entries()) {
    if (kinds[i] === 'stdin') out.push({ name: 'STDIN', text: await io.readStdin() });
    else if (kinds[i] === 'dir') out.push(...walk(f, recursive));
    else out.push({ name: f, text: readFileSync(f, 'utf8') });
  }
  return out;
}

/** Directory contents in lexical order; only .json/.yaml/.yml files, as kubectl's FileVisitor. */
function walk(dir: string, recursive: boolean): ManifestSource[] {
  const out: ManifestSource[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (recursive) out.push(...walk(path, recursive));
    } else if (MANIFEST_EXTENSIONS.has(extname(entry))) {
      out.push({ name: path, text: readFileSync(path, 'utf8') });
    }
  }
  return out;
}
