// Decoding manifests the way kubectl's resource builder does: YAML/JSON streams split into
// documents, `kind: List` expanded, each document mapped to a served kind or rejected with
// kubectl's message. Decoding errors are per document so the others still apply.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/object.js';
import { kindForGVK, type KindInfo } from '../api/registry.js';
import type { ManifestSource } from './flags/filename-flags.js';

export interface DecodedDoc {
  source: string;
  /** 0-based index of the document in its file. */
  index: number;
  obj: KubeObject;
  kind: KindInfo;
}

export interface DecodeFailure {
  source: string;
  index: number;
  /** The full line kubectl prints. */
  message: string;
}

const VALIDATION_HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';

export function decodeSources(sources: ManifestSource[]): { docs: DecodedDoc[]; failures: DecodeFailure[] } {
  const docs: DecodedDoc[] = [];
  const failures: DecodeFailure[] = [];
  for (const src of sources) {
    const parsed = parseAllDocuments(src.text, { uniqueKeys: false, prettyErrors: false });
    const list = Array.isArray(parsed) ? parsed : [parsed];
    let index = 0;
    for (const doc of list) {
      const i = index++;
      if (doc.errors.length) {
        const e = doc.errors[0];
        const line = e.linePos?.[0]?.line;
        failures.push({
          source: src.name, index: i,
          message: `error: error parsing ${src.name}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${yamlReason(e.code, e.message)}`,
        });
        continue;
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue; // empty document between `---`
      for (const item of expandList(value)) {
        const r = mapDocument(src.name, i, item);
        if ('message' in r) failures.push(r);
        else docs.push(r);
      }
    }
  }
  return { docs, failures };
}

function yamlReason(code: string, message: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'DUPLICATE_KEY':
      return 'duplicate key';
    default:
      return message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  }
}

function expandList(value: unknown): unknown[] {
  const v = value as { kind?: unknown; items?: unknown };
  if (v && typeof v === 'object' && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
    return v.items.flatMap(expandList);
  }
  return [value];
}

function mapDocument(source: string, index: number, value: unknown): DecodedDoc | DecodeFailure {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { source, index, message: `error: error validating "${source}": error validating data: invalid object to validate; ${VALIDATION_HINT}` };
  }
  const obj = value as Record<string, unknown>;
  const missing = !obj.apiVersion ? 'apiVersion' : !obj.kind ? 'kind' : undefined;
  if (missing) {
    return { source, index, message: `error: error validating "${source}": error validating data: ${missing} not set; ${VALIDATION_HINT}` };
  }
  const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  const kind = kindForGVK(String(obj.apiVersion), String(obj.kind));
  if (!kind) {
    return {
      source, index,
      message: `error: resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    };
  }
  obj.metadata ??= {};
  return { source, index, obj: obj as unknown as KubeObject, kind };
}
