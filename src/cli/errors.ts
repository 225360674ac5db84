// The one place errors become terminal text and exit codes, as kubectl's cmdutil.CheckErr does:
// API statuses print as `Error from server (Reason): message`, everything else as `error: ...`.
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
 * kubectl's checkErr for an API status: Invalid is spelled out from the status details as
 * MultilineError does (one cause inline, several as a `* ` list); the rest is StandardErrorMessage.
 */
export function apiErrorMessage(e: ApiError): string {
  const s = e.status;
  if (s.reason === 'Invalid') {
    const d = s.details;
    const prefix = d ? `The ${d.kind} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = (d?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (causes.length === 0) return `${prefix}: ${s.message}`;
    if (causes.length === 1) return `${prefix}: ${causes[0]}`;
    return `${prefix}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  return `Error from server (${s.reason}): ${s.message}`;
}

export function reportError(err: unknown, io: CliIO): number {
  if (err instanceof ExitError) return err.exitCode;
  if (err instanceof ApiError) {
    io.err(apiErrorMessage(err) + '\n');
    return 1;
  }
  if (err instanceof RawError) {
    io.err(err.message + '\n');
    return err.exitCode;
  }
  if (err instanceof UsageError) {
    io.err(`error: ${err.message}\n`);
    if (err.hint) io.err(err.hint + '\n');
    return 1;
  }
  const e = err as Error;
  io.err(`error: ${e?.message ?? String(err)}\n`);
  if (process.env.MK_DEBUG && e?.stack) io.err(e.stack + '\n');
  return 1;
}
