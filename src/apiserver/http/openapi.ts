// /openapi/v3: the index of group versions and, per group version, its paths and operations with
// their x-kubernetes-group-version-kind and query parameters. kubectl reads these to learn that
// the server validates fields itself (a PATCH taking `fieldValidation`), so it skips client-side
// validation. Schemas (components) are not served yet, so `kubectl explain` cannot use them.
import { createHash } from 'node:crypto';
import type { KindInfo } from '../../api/registry.js';
import { groupList, kindsAt, type GroupVersion } from './discovery.js';

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

function operations(k: KindInfo) {
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const op = (action: string, parameters: object[] = []) => ({ parameters, 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk });
  return {
    collection: { get: op('list', LIST_PARAMS), post: op('post', WRITE_PARAMS) },
    item: { get: op('get'), put: op('put', WRITE_PARAMS), patch: op('patch', PATCH_PARAMS), delete: op('delete', [query('dryRun')]) },
  };
}

/** The OpenAPI v3 document of one group version, or undefined when mk does not serve it. */
export function groupVersionDocument(gv: GroupVersion) {
  const kinds = kindsAt(gv);
  if (!kinds.length) return undefined;
  const base = `/${gvPath(gv)}`;
  const paths: Record<string, object> = {};
  for (const k of kinds) {
    const { collection, item } = operations(k);
    const scope = k.namespaced ? `${base}/namespaces/{namespace}/${k.resource}` : `${base}/${k.resource}`;
    paths[scope] = collection;
    paths[`${scope}/{name}`] = item;
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.2' }, paths };
}

/** The /openapi/v3 index: where each group version's document is, its URL carrying a content hash. */
export function openAPIIndex() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of allGroupVersions()) {
    const doc = groupVersionDocument(gv)!;
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${hash}` };
  }
  return { paths };
}
