// metainternalversion.ListOptions from a request's query: parsed, defaulted (SetListOptionsDefaults
// with the WatchList feature on, as in 1.32) and validated (ValidateListOptions), with
// kube-apiserver's field errors.
import { errorBody, forbidden, notSupported, type FieldError } from '../../api/field-errors.js';
import { invalid } from '../errors.js';

export interface ListOptions {
  watch: boolean;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  continue?: string;
  limit: number;
  sendInitialEvents?: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  labelSelector?: string;
  fieldSelector?: string;
}

/** strconv.ParseBool. */
function parseBool(v: string | null): boolean | undefined {
  if (v === null) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Whether the query asks for a watch (its other options aside). */
export function watchRequested(q: URLSearchParams): boolean {
  return parseBool(q.get('watch')) ?? false;
}

export function parseListOptions(q: URLSearchParams): ListOptions {
  const str = (k: string) => q.get(k) || undefined;
  const limit = q.get('limit');
  const timeout = q.get('timeoutSeconds');
  const opts: ListOptions = {
    watch: watchRequested(q),
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: str('resourceVersionMatch'),
    continue: str('continue'),
    limit: limit !== null && /^\d+$/.test(limit) ? Number(limit) : 0,
    sendInitialEvents: parseBool(q.get('sendInitialEvents')),
    allowWatchBookmarks: parseBool(q.get('allowWatchBookmarks')) ?? false,
    timeoutSeconds: timeout !== null && /^\d+$/.test(timeout) ? Number(timeout) : undefined,
    labelSelector: str('labelSelector'),
    fieldSelector: str('fieldSelector'),
  };
  // SetListOptionsDefaults: a watch from "" or "0" is a watch-list that sends the current state first.
  if (opts.watch && opts.sendInitialEvents === undefined && !opts.resourceVersionMatch
    && (!opts.resourceVersion || opts.resourceVersion === '0')) {
    opts.sendInitialEvents = true;
    opts.resourceVersionMatch = 'NotOlderThan';
  }
  const errs = validateListOptions(opts);
  if (errs.length) throw invalid('ListOptions.meta.k8s.io', '', errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })));
  return opts;
}

/** ValidateListOptions (apimachinery/pkg/apis/meta/internalversion/validation), WatchList enabled. */
export function validateListOptions(o: ListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (o.watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match) {
      if (o.sendInitialEvents === undefined) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (o.continue) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
    return errs;
  }
  if (match) {
    if (!o.resourceVersion) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continue) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (o.sendInitialEvents !== undefined) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
}
