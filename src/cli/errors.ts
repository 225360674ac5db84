// The one place errors become terminal text and exit codes, as kubectl's cmdutil.CheckErr does:
// API statuses print as `Error from server (Reason): message`, everything else as `error: ...`.
// kubectl's exact output depends on how its errors nest (a file's decoding errors are gathered
// in one utilerrors.Aggregate, which may sit inside another), so the nesting is kept here as
// data (Aggregate) and only flattened the way Go flattens it.
import { ApiError } from '../apiserver/errors.js';
import type { CliIO } from './io.js';

/** CLI misuse: kubectl prints `error: <msg>` plus a usage hint, and exits 1. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** An error whose message is already the full line kubectl prints (no `error: ` prefix). */
export class RawError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Raised to stop with an exit code after output has been written. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/**
 * utilerrors.Aggregate: several errors as one. Its message is Go's `Error()`: one error as is,
 * several (nested aggregates flattened, duplicates dropped) as `[a, b]`.
 */
export class Aggregate extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(aggregateText(errors));
  }
}

/** utilerrors.NewAggregate: undefined (Go's nil) for no errors. */
export function newAggregate(errs: readonly (Error | undefined)[]): Aggregate | undefined {
  const list = errs.filter((e): e is Error => e !== undefined);
  return list.length ? new Aggregate(list) : undefined;
}

function aggregateText(errs: readonly Error[]): string {
  if (errs.length === 0) return '';
  if (errs.length === 1) return errorText(errs[0]);
  const seen: string[] = [];
  const visit = (list: readonly Error[]) => {
    for (const e of list) {
      if (e instanceof Aggregate) visit(e.errors);
      else {
        const msg = errorText(e);
        if (!seen.includes(msg)) seen.push(msg);
      }
    }
  };
  visit(errs);
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

/** Go's `err.Error()` for the errors mk raises. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.status.message;
  if (e instanceof UsageError) return e.hint ? `${e.message}\n${e.hint}` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** cmdutil.AddSourceToErr: `error when creating "x.yaml": ...`, kept an API status if it was one. */
export function addSourceToErr(verb: string, source: string, err: Error): Error {
  if (!source) return err;
  const prefix = `error when ${verb} ${goQuoteSource(source)}: `;
  if (err instanceof ApiError) return new ApiError({ ...err.status, message: prefix + err.status.message });
  return new Error(prefix + errorText(err));
}

/** %q of a file name: file names rarely hold characters Go would escape, but quotes and backslashes do occur. */
function goQuoteSource(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/**
 * resource.EnhanceListError: a list the server refuses (a bad label or field selector) names the
 * resource and the selectors, as kubectl's builder does before CheckErr prints it.
 */
export function enhanceListError(err: unknown, selectors: { labelSelector?: string; fieldSelector?: string },
  kind: { group: string; version: string; resource: string }): unknown {
  if (!(err instanceof ApiError) || (err.status.reason !== 'BadRequest' && err.status.reason !== 'NotFound')) return err;
  const subject = `${kind.group}/${kind.version}, Resource=${kind.resource}`;
  const { labelSelector = '', fieldSelector = '' } = selectors;
  const message = !labelSelector && !fieldSelector
    ? `Unable to list ${JSON.stringify(subject)}: ${err.status.message}`
    : `Unable to find ${JSON.stringify(subject)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${err.status.message}`;
  return new ApiError({ ...err.status, message });
}

/** StandardErrorMessage: how an API status prints; undefined for other errors. */
export function standardErrorMessage(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const s = e.status;
  if ((s.reason as string) === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
  if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
  return `Error from server: ${s.message}`;
}

/** messageForError: StandardErrorMessage, else the bare Error() text (no `error: ` prefix). */
function messageForError(e: Error): string {
  if (e instanceof RawError) return e.message;
  return standardErrorMessage(e) ?? errorText(e);
}

/**
 * kubectl's checkErr for an Invalid status: spelled out from the details as MultilineError does
 * (one cause inline, several as a `* ` list, duplicates dropped).
 */
function invalidMessage(e: ApiError): string {
  const d = e.status.details;
  const message = e.status.message ? `: ${e.status.message}` : '';
  if (!d) return `The request is invalid${message}`;
  // The server's message only when nothing else says what was wrong: the default constructors
  // repeat kind, name and causes in it.
  const s = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`
    : `The request is invalid${d.causes?.length ? '' : message}`;
  const causes: string[] = [];
  for (const c of d.causes ?? []) {
    const msg = `${c.field ?? ''}: ${c.message}`;
    if (!causes.includes(msg)) causes.push(msg);
  }
  if (causes.length === 0) return s;
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/** What kubectl prints for an API error that ends the command (checkErr's first cases). */
export function apiErrorMessage(e: ApiError): string {
  if (e.status.reason === 'Invalid') return invalidMessage(e).replace(/\n$/, '');
  return standardErrorMessage(e)!;
}

/**
 * cmdutil.CheckErr: the text kubectl writes to stderr for an error and the exit code. An
 * aggregate of one is unwrapped once; a larger one prints one line per error, without the
 * `error: ` prefix a lone error gets.
 */
export function checkErr(err: unknown): { text: string; code: number } {
  let e = err;
  if (e instanceof Aggregate && e.errors.length === 1) e = e.errors[0];
  const done = (msg: string, code = 1) => ({ text: msg && !msg.endsWith('\n') ? `${msg}\n` : msg, code });
  if (e instanceof ExitError) return done('', e.exitCode);
  if (e instanceof ApiError && e.status.reason === 'Invalid') return done(invalidMessage(e));
  if (e instanceof Aggregate) return done(e.errors.map((x) => `${messageForError(x)}\n`).join(''));
  if (e instanceof RawError) return done(e.message, e.exitCode);
  const std = standardErrorMessage(e);
  if (std !== undefined) return done(std);
  const msg = errorText(e);
  return done(msg.startsWith('error: ') ? msg : `error: ${msg}`);
}

export function reportError(err: unknown, io: CliIO): number {
  const { text, code } = checkErr(err);
  if (text) io.err(text);
  const known = err instanceof ApiError || err instanceof RawError || err instanceof UsageError
    || err instanceof ExitError || err instanceof Aggregate;
  if (!known && process.env.MK_DEBUG && err instanceof Error && err.stack) io.err(err.stack + '\n');
  return code;
}
