// /openapi/v3 (the index and one document per group version) and /openapi/v2, as kube-openapi's
// handlers serve them: each v3 document's URL carries the SHA-512 of its bytes (`?hash=`), a
// request with the current hash is cacheable forever, one with a stale hash is redirected.
//
// Paths list each kind's operations with x-kubernetes-group-version-kind and their query
// parameters: kubectl reads the PATCH operation's `fieldValidation` to learn that the server
// validates fields, and `kubectl explain` finds a resource's kind there. The PATCH operations
// declare no strategic-merge-patch body: the schemas carry no patch merge keys, so kubectl must
// keep computing apply patches from its compiled-in types rather than from these documents.
import { createHash } from 'node:crypto';
import type { KindInfo } from '../../api/registry.js';
import { kindSchemas, type RefStyle } from '../openapi/schemas.js';
import { groupList, kindsAt, type GroupVersion } from './discovery.js';

const INFO = { title: 'Kubernetes', version: 'v1.32.2' };

const query = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
const PATCH_PARAMS = [...WRITE_PARAMS, { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } }];
const LIST_PARAMS = ['continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'watch'].map(query);

function gvPath(gv: GroupVersion): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

function allGroupVersions(): GroupVersion[] {
  return [{ group: '', version: 'v1' }, ...groupList().groups.flatMap((g) => g.versions.map((v) => ({ group: g.name, version: v.version })))];
}

/** A v2 parameter has its type inline where v3 has a schema. */
function v2Param(p: { name: string; in: string; schema: { type: string; uniqueItems: boolean } }) {
  return { uniqueItems: true, type: p.schema.type, name: p.name, in: p.in };
}

function operations(k: KindInfo, style: RefStyle) {
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const op = (action: string, parameters: (typeof LIST_PARAMS)[number][] = []) => ({
    parameters: style === 'v3' ? parameters : parameters.map(v2Param),
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  return {
    collection: { get: op('list', LIST_PARAMS), post: op('post', WRITE_PARAMS) },
    item: { get: op('get'), put: op('put', WRITE_PARAMS), patch: op('patch', PATCH_PARAMS), delete: op('delete', [query('dryRun')]) },
  };
}

function paths(kinds: readonly KindInfo[], style: RefStyle): Record<string, object> {
  const out: Record<string, object> = {};
  for (const k of kinds) {
    const base = `/${gvPath(k)}`;
    const { collection, item } = operations(k, style);
    const scope = k.namespaced ? `${base}/namespaces/{namespace}/${k.resource}` : `${base}/${k.resource}`;
    out[scope] = collection;
    out[`${scope}/{name}`] = item;
  }
  return out;
}

interface Encoded { json: string; etag: string }

const encode = (doc: object): Encoded => {
  const json = JSON.stringify(doc);
  return { json, etag: createHash('sha512').update(json).digest('hex').toUpperCase() };
};

// The served kinds are fixed for the life of the process, so each document is built once.
const v3Cache = new Map<string, Encoded>();
let v2Cache: Encoded | undefined;

/** The OpenAPI v3 document of one group version, or undefined when mk does not serve it. */
export function groupVersionDocument(gv: GroupVersion) {
  const kinds = kindsAt(gv);
  if (!kinds.length) return undefined;
  return { openapi: '3.0.0', info: INFO, paths: paths(kinds, 'v3'), components: { schemas: kindSchemas(kinds, 'v3') } };
}

function encodedGroupVersion(gv: GroupVersion): Encoded | undefined {
  const key = gvPath(gv);
  let hit = v3Cache.get(key);
  if (!hit) {
    const doc = groupVersionDocument(gv);
    if (!doc) return undefined;
    hit = encode(doc);
    v3Cache.set(key, hit);
  }
  return hit;
}

/** The /openapi/v3 index: where each group version's document is, its URL carrying a content hash. */
export function openAPIIndex() {
  const out: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of allGroupVersions().sort((a, b) => (gvPath(a) < gvPath(b) ? -1 : 1))) {
    out[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${encodedGroupVersion(gv)!.etag}` };
  }
  return { paths: out };
}

/** The Swagger 2.0 document of everything served, as /openapi/v2 gives it. */
export function swaggerDocument() {
  const kinds = allGroupVersions().flatMap(kindsAt);
  return { swagger: '2.0', info: INFO, paths: paths(kinds, 'v2'), definitions: kindSchemas(kinds, 'v2') };
}

export interface OpenAPIReply { code: number; headers: Record<string, string>; body?: string }

const V2_PROTOBUF = ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'];

/** Whether an Accept header takes JSON (`application/json`, `application/*`, `*\/*`, or none). */
function acceptsJSON(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((clause) => {
    const type = clause.split(';')[0].trim().toLowerCase();
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

/** ETag, If-None-Match and Last-Modified as net/http's ServeContent handles them. */
function content(json: string, etag: string, ifNoneMatch: string | undefined, extra: Record<string, string>): OpenAPIReply {
  const headers = { ETag: `"${etag}"`, 'Content-Type': 'application/json', 'Last-Modified': SERVED_SINCE, ...extra };
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === `"${etag}"` || t.trim() === '*')) {
    const { 'Content-Type': _ct, ...rest } = headers;
    return { code: 304, headers: rest };
  }
  return { code: 200, headers, body: json };
}

const SERVED_SINCE = new Date().toUTCString();

/** Go's time.RFC1123 in UTC: `Mon, 02 Jan 2006 15:04:05 UTC`. */
function rfc1123(d: Date): string {
  return d.toUTCString().replace(/GMT$/, 'UTC');
}

export interface OpenAPIRequest { accept?: string; ifNoneMatch?: string; hash?: string | null; now: Date }

/** GET /openapi/v3. */
export function serveIndex(req: OpenAPIRequest): OpenAPIReply {
  const enc = encode(openAPIIndex());
  return content(enc.json, enc.etag, req.ifNoneMatch, {});
}

/** GET /openapi/v3/<api/v1 | apis/g/v>[?hash=]: 404 when not served, 406 unless JSON is acceptable. */
export function serveGroupVersion(gv: GroupVersion, req: OpenAPIRequest): OpenAPIReply | undefined {
  const enc = encodedGroupVersion(gv);
  if (!enc) return undefined;
  if (!acceptsJSON(req.accept)) return { code: 406, headers: { Vary: 'Accept' } };
  if (req.hash) {
    if (req.hash !== enc.etag) {
      return { code: 301, headers: { Location: `/openapi/v3/${gvPath(gv)}?hash=${enc.etag}`, Vary: 'Accept' } };
    }
    const expires = new Date(req.now);
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    return content(enc.json, enc.etag, req.ifNoneMatch, { Vary: 'Accept', 'Cache-Control': 'public, immutable', Expires: rfc1123(expires) });
  }
  return content(enc.json, enc.etag, req.ifNoneMatch, { Vary: 'Accept' });
}

/**
 * GET /openapi/v2. Only JSON is served: a client asking for the protobuf form alone (client-go's
 * OpenAPISchema) gets 406, on which kubectl apply falls back to its compiled-in types.
 */
export function serveSwagger(req: OpenAPIRequest): OpenAPIReply {
  if (!acceptsJSON(req.accept) || (req.accept && V2_PROTOBUF.some((t) => req.accept === t))) return { code: 406, headers: { Vary: 'Accept' } };
  v2Cache ??= encode(swaggerDocument());
  return content(v2Cache.json, v2Cache.etag, req.ifNoneMatch, { Vary: 'Accept' });
}
