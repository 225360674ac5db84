// What revision a list reads and which page of it it returns: resourceVersion and
// resourceVersionMatch as the etcd3 store's GetList reads them, and limit/continue with the opaque
// token kube-apiserver's etcd3 store writes (base64url of {"v","rv","start"}). A continued list
// reads the store as it was at the token's revision, so objects written after the first page do
// not show up and deleted ones still do; once the store's history no longer reaches that revision
// the list answers 410 Expired with a token that continues at the latest revision.
import type { KubeObject } from '../../api/object.js';
import { ApiError, badRequest, expired } from '../errors.js';

export interface ListMeta { resourceVersion: string; continue?: string; remainingItemCount?: number }

const TOKEN_VERSION = 'meta.k8s.io/v1';

const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name ?? '');

/** The etcd3 store's messages when a list's revision was compacted. */
export const CONTINUE_EXPIRED = 'The provided continue parameter is too old to display a consistent list result. '
  + 'You can start a new list without the continue parameter.';
export const INCONSISTENT_CONTINUE = 'The provided continue parameter is too old to display a consistent list result. '
  + 'You can start a new list without the continue parameter, or use the continue token in this response to retrieve '
  + 'the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that '
  + 'were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** storage.DecodeContinue, refused as the etcd3 store refuses it. rv -1: continue at the latest revision. */
export function decodeContinue(token: string): { start: string; rv: number } {
  const invalid = (why: string) => badRequest(`invalid continue token: continue key is not valid${why}`);
  let c: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    // base64.RawURLEncoding's CorruptInputError.
    const bad = token.search(/[^A-Za-z0-9_-]/);
    if (bad >= 0 || token.length % 4 === 1) throw new Error(`illegal base64 data at input byte ${bad >= 0 ? bad : token.length - 1}`);
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (err) {
    throw invalid(`: ${(err as Error).message}`);
  }
  if (c.v !== TOKEN_VERSION) throw invalid(`: server does not recognize this encoded version "${String(c.v ?? '')}"`);
  if (typeof c.rv !== 'number' || c.rv === 0) throw invalid(': incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof c.start !== 'string' || c.start === '') throw invalid(': encoded start key empty');
  return { start: c.start, rv: c.rv };
}

export const encodeContinue = (start: string, rv: number) =>
  Buffer.from(JSON.stringify({ v: TOKEN_VERSION, rv, start })).toString('base64url');

/**
 * The revision a list reads (undefined: the latest), the key it starts at, and its page size: 0
 * when the watch cache serves it (resourceVersion "0"), which ignores limit and returns
 * everything, as the cacher's shouldDelegateList sends only other paged lists to etcd.
 */
export interface ListPlan { revision?: number; start?: string; continued: boolean; limit: number }

function parseRevision(rv: string): number {
  if (!/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  return Number(rv);
}

/**
 * GetList's choice of revision: a continue token's; Exact's; the legacy exact read of a paged list
 * at a non-zero resourceVersion; else the latest (NotOlderThan and "0" are satisfied by it, once
 * the store has reached the version asked for).
 */
export function planList(q: { resourceVersion?: string; resourceVersionMatch?: string; continue?: string; limit: number }, current: number): ListPlan {
  if (q.continue) {
    const c = decodeContinue(q.continue);
    // A revision this store never reached: the history the token speaks of is gone.
    if (c.rv > current) throw expired(CONTINUE_EXPIRED);
    return { revision: c.rv === -1 ? undefined : c.rv, start: c.start, continued: true, limit: q.limit };
  }
  const rv = q.resourceVersion ?? '';
  if (rv === '') return { continued: false, limit: q.limit };
  if (rv === '0') return { continued: false, limit: 0 };
  const n = parseRevision(rv);
  if (q.resourceVersionMatch === 'Exact' || (!q.resourceVersionMatch && q.limit > 0)) return { revision: n, continued: false, limit: q.limit };
  return { revision: n > current ? n : undefined, continued: false, limit: q.limit };
}

/** The 410 of a continued list whose revision was compacted: its metadata carries a token to the rest at the latest revision. */
export function continueExpired(start: string): { status: ApiError['status']; continue: string } {
  return {
    status: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: INCONSISTENT_CONTINUE, reason: 'Expired', code: 410 },
    continue: encodeContinue(start, -1),
  };
}

/**
 * The page of `items` (the whole list at `revision`, in key order; `selected`: filtered by a
 * selector) from `start` on, at most `limit` long.
 */
export function listChunk(items: KubeObject[], revision: number, limit: number, start: string | undefined,
  selected: boolean): { items: KubeObject[]; metadata: ListMeta } {
  if (start !== undefined) items = items.filter((o) => keyOf(o) >= start);
  if (limit <= 0 || items.length <= limit) return { items, metadata: { resourceVersion: String(revision) } };
  const page = items.slice(0, limit);
  return {
    items: page,
    metadata: {
      resourceVersion: String(revision), continue: encodeContinue(`${keyOf(page[page.length - 1])}\u0000`, revision),
      // The store counts what is left only when no selector filters it.
      ...(selected ? {} : { remainingItemCount: items.length - limit }),
    },
  };
}
