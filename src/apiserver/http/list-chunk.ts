// Chunked lists (limit/continue): a page of a list in key order and the opaque token to the rest,
// encoded as kube-apiserver's etcd3 store encodes it (base64url of {"v","rv","start"}), so the
// token carries the list's resourceVersion. mk's store has no snapshot reads: a continued list
// reads the objects as they are now past the last key sent, with the first page's resourceVersion.
import type { KubeObject } from '../../api/object.js';
import { badRequest, expired } from '../errors.js';

export interface ListMeta { resourceVersion: string; continue?: string; remainingItemCount?: number }

const TOKEN_VERSION = 'meta.k8s.io/v1';

const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name ?? '');

/** storage.DecodeContinue, refused as the etcd3 store refuses it. */
function decodeContinue(token: string, revision: number): { start: string; rv: number } {
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
  // A revision this store never reached: the history the token speaks of is gone.
  if (c.rv > revision) {
    throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
  }
  return { start: c.start, rv: c.rv };
}

const encodeContinue = (start: string, rv: number) =>
  Buffer.from(JSON.stringify({ v: TOKEN_VERSION, rv, start: `${start}\u0000` })).toString('base64url');

/** The page of `items` (the whole list, in key order; `selected`: filtered by a selector) that limit and continue ask for. */
export function listChunk(items: KubeObject[], revision: number, limitParam: string | null,
  continueParam: string | null, selected: boolean): { items: KubeObject[]; metadata: ListMeta } {
  let rv = revision;
  if (continueParam) {
    const c = decodeContinue(continueParam, revision);
    rv = c.rv;
    items = items.filter((o) => keyOf(o) >= c.start);
  }
  const limit = limitParam !== null && /^\d+$/.test(limitParam) ? Number(limitParam) : 0;
  if (limit <= 0 || items.length <= limit) return { items, metadata: { resourceVersion: String(rv) } };
  const page = items.slice(0, limit);
  return {
    items: page,
    metadata: {
      resourceVersion: String(rv), continue: encodeContinue(keyOf(page[page.length - 1]), rv),
      // The store counts what is left only when no selector filters it.
      ...(selected ? {} : { remainingItemCount: items.length - limit }),
    },
  };
}
