// `-f FILE|DIR|-` and `-R`: where manifests come from, as kubectl's FilenameOptions resolves them.
// Reading is separate from decoding so a bad document never stops the good ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { CliIO } from '../io.js';
import { RawError } from '../errors.js';

export interface ManifestSource {
  /** As kubectl names it in messages: the path as given, or STDIN. */
  name: string;
  text: string;
}

const MANIFEST_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

export async function readSources(filenames: string[], recursive: boolean, io: CliIO): Promise<ManifestSource[]> {
  const out: ManifestSource[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push({ name: 'STDIN', text: await io.readStdin() });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      throw new RawError(`error: unable to read URL "${f}", server reported 0 : mk clusters cannot reach the network`);
    }
    let st;
    try {
      st = statSync(f);
    } catch {
      throw new RawError(`error: the path "${f}" does not exist`);
    }
    if (st.isDirectory()) out.push(...walk(f, recursive));
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
