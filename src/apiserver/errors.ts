// API errors as data: a metav1.Status. Only src/cli/errors.ts turns them into terminal text.

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden'
  | 'MethodNotAllowed' | 'Unauthorized' | 'InternalError' | 'Gone' | 'Expired' | 'Timeout' | 'NotAcceptable' | 'UnsupportedMediaType' | 'TooManyRequests' | 'ServiceUnavailable'
  /** A Status a REST handler returns as its result rather than as an error: no reason. */
  | '';

export interface StatusCause { reason?: string; message: string; field?: string }

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

function make(reason: StatusReason, code: number, message: string, details?: Status['details']): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, details, code });
}

/** `pods "x" not found` — resource is the qualified plural (`deployments.apps`). */
export const notFound = (resource: string, name: string) =>
  make('NotFound', 404, `${resource} "${name}" not found`, { name, kind: resource });

export const alreadyExists = (resource: string, name: string) =>
  make('AlreadyExists', 409, `${resource} "${name}" already exists`, { name, kind: resource });

export const conflict = (resource: string, name: string,
  why = 'the object has been modified; please apply your changes to the latest version and try again') =>
  make('Conflict', 409, `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, { name, kind: resource });

/** `The Pod "x" is invalid: spec.containers[0].image: Required value` (one cause) or a bracketed list. */
export function invalid(kind: string, name: string, causes: StatusCause[]): ApiError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const msg = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  // The message names the qualified kind (`Deployment.apps`); details split it as metav1.StatusDetails does.
  const dot = kind.indexOf('.');
  const details = dot < 0 ? { name, kind, causes } : { name, group: kind.slice(dot + 1), kind: kind.slice(0, dot), causes };
  return make('Invalid', 422, `${kind} "${name}" is invalid: ${msg}`, details);
}

/** errors.NewTooManyRequests: 429, with the seconds a client should wait (0 leaves it out). */
export function tooManyRequests(message: string, retryAfterSeconds: number, causes: StatusCause[] = []): ApiError {
  return make('TooManyRequests', 429, message, {
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}), ...(causes.length ? { causes } : {}),
  });
}

/** A failure Status with only a code and message, as a handler returns one for the client to raise. */
export const statusFailure = (code: number, message: string) => make('', code, message);

export const badRequest = (message: string) => make('BadRequest', 400, message);
/** What an API server answers a request whose credentials it does not accept. */
export const unauthorized = () => make('Unauthorized', 401, 'Unauthorized');
export const forbidden = (message: string) => make('Forbidden', 403, message);
export const methodNotAllowed = (message: string) => make('MethodNotAllowed', 405, message);
export const internalError = (message: string) => make('InternalError', 500, message);
export const serviceUnavailable = (message: string) => make('ServiceUnavailable', 503, message);
/** A watch or list from a revision older than the compaction window (etcd's "required revision has been compacted"). */
export const gone = (message: string) => make('Gone', 410, message);

/** A continue token past what the store still has (StatusReasonExpired). */
export const expired = (message: string) => make('Expired', 410, message);
