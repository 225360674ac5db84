// `-o name` (cli-runtime printers/name.go): `kind.group/name` per object, one per line, the kind
// lower-cased and the group left out for the core group (`pod/x`, `deployment.apps/y`). Other
// verbs reuse it for their success lines (`deployment.apps/y scaled`).
import type { PrintableObject, Printer } from './json.js';

export interface NameOptions {
  /** What happened, appended after the name (`created`, `configured`). */
  operation?: string;
  /** Drop the operation (`-o name` on a mutating verb). */
  shortOutput?: boolean;
  /** Prefix `namespace/` (`<unknown>` for objects without one). */
  withNamespace?: boolean;
}

export function namePrinter(opts: NameOptions = {}): Printer {
  return (objects) => objects.map((o) => nameLine(o, opts)).join('');
}

/** `-o name` itself. */
export const printName: Printer = namePrinter();

/** One object's line, newline included. */
export function nameLine(obj: PrintableObject, opts: NameOptions = {}): string {
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  if (apiVersion === '' && kind === '') {
    throw new Error('missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type');
  }
  const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = typeof meta.name === 'string' && meta.name.length > 0 ? meta.name : '<unknown>';
  if (kind.length === 0) throw new Error(`missing kind for resource with name ${name}`);
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';

  let operation = opts.operation ? ' ' + opts.operation : '';
  if (opts.shortOutput) operation = '';
  let message = `${name}${operation}`;
  message = group ? `${kind.toLowerCase()}.${group}/${message}` : `${kind.toLowerCase()}/${message}`;
  if (opts.withNamespace) {
    const ns = typeof meta.namespace === 'string' && meta.namespace.length > 0 ? meta.namespace : '<unknown>';
    message = `${ns}/${message}`;
  }
  return message + '\n';
}
