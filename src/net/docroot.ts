// A static web server's document root as the container sees it now: the files its image ships
// there (nginx's welcome page, httpd's "It works!"), unless a volume is mounted over the
// directory, under whatever was written there since — by `kubectl exec`/`cp`, by the container's
// own process, or by the volumes mounted there (a claim's PersistentVolume, an emptyDir, a
// ConfigMap or Secret). What a request's path finds there: a file, a directory, or nothing.
import type { FileView } from '../kubelet/exec.js';

export interface DocFile { content: string; mtime: number }

export type Lookup =
  | { kind: 'file'; path: string; file: DocFile }
  | { kind: 'dir'; path: string }
  | { kind: 'missing' };

export interface Docroot {
  /** The document root exists at all (a volume mounted above it may leave it out). */
  exists: boolean;
  /** A file by its path below the root (`/index.html`). */
  file(path: string): DocFile | undefined;
  dir(path: string): boolean;
  /** A directory's entries, a subdirectory's with a trailing `/`, in byte order. */
  list(path: string): string[];
}

/** Whether a mount at `mount` covers `dir` (the directory itself or one above it). */
const covers = (mount: string, dir: string) => dir === mount || dir.startsWith(`${mount}/`);

/**
 * The root `root` as the container sees it: `image` (its own files, written at `built`) unless one
 * of `mounts` covers it, then every file of `view` below it.
 */
export function docroot(root: string, image: Record<string, string>, built: number, mounts: string[], view: FileView | undefined): Docroot {
  const files = new Map<string, DocFile>();
  const hidden = mounts.some((m) => covers(m.replace(/\/+$/, ''), root));
  if (!hidden) for (const [p, content] of Object.entries(image)) files.set(p, { content, mtime: built });
  for (const [p, content] of Object.entries(view?.files ?? {})) {
    if (p.startsWith(`${root}/`)) files.set(p.slice(root.length), { content, mtime: view?.mtimes[p] ?? built });
  }
  // A mount exactly there is the directory; one above it leaves it only if something was written into it.
  const exists = !hidden || mounts.some((m) => m.replace(/\/+$/, '') === root) || files.size > 0;
  return {
    exists,
    file: (p) => files.get(p),
    dir: (p) => {
      if (p === '/' || p === '') return exists;
      const prefix = `${p.replace(/\/+$/, '')}/`;
      return [...files.keys()].some((f) => f.startsWith(prefix));
    },
    list: (p) => {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const names = new Set<string>();
      for (const f of files.keys()) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        names.add(rest.includes('/') ? `${rest.slice(0, rest.indexOf('/'))}/` : rest);
      }
      return [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    },
  };
}

/**
 * A request path as the server maps it into the root: percent-decoded, `//` merged, `.` and `..`
 * resolved; undefined when it climbs above the root (both servers answer 400 then).
 */
export function requestPath(raw: string): string | undefined {
  let p = raw.split(/[?#]/)[0] || '/';
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const parts = p.split('/');
  for (const seg of parts) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  const trailing = /\/\.{0,2}$/.test(p) || p === '';
  return `/${out.join('/')}${out.length && trailing ? '/' : ''}`;
}

/** What a URI finds: for one ending in `/`, the directory's first index file (else the directory), otherwise the file or a directory. */
export function lookup(root: Docroot, path: string, index: string[]): Lookup {
  if (path.endsWith('/')) {
    for (const name of index) {
      const file = root.file(`${path}${name}`);
      if (file) return { kind: 'file', path: `${path}${name}`, file };
    }
    return root.dir(path) ? { kind: 'dir', path } : { kind: 'missing' };
  }
  const file = root.file(path);
  if (file) return { kind: 'file', path, file };
  return root.dir(path) ? { kind: 'dir', path } : { kind: 'missing' };
}

/** Types by extension, as both servers' default mime.types map the common ones. */
const TYPES: Record<string, string> = {
  html: 'text/html', htm: 'text/html', shtml: 'text/html', css: 'text/css', xml: 'text/xml', txt: 'text/plain',
  js: 'application/javascript', json: 'application/json', gif: 'image/gif', jpeg: 'image/jpeg', jpg: 'image/jpeg',
  png: 'image/png', svg: 'image/svg+xml', svgz: 'image/svg+xml', ico: 'image/x-icon', webp: 'image/webp', pdf: 'application/pdf',
};

/** A file's Content-Type by its extension; `fallback` (the default_type) for others. */
export function contentType(path: string, fallback: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? TYPES[name.slice(dot + 1).toLowerCase()] ?? fallback : fallback;
}
