// Decoding manifests the way kubectl's resource builder does (cli-runtime/pkg/resource:
// builder.go, visitor.go, mapper.go) so that every message, and the order and nesting of the
// errors, is kubectl's:
//   - a stream is JSON if it starts with `{`, else YAML split at `---` lines (YAMLOrJSONDecoder);
//   - a syntax error ends its stream; the documents before it were already handed on;
//   - with --validate=strict|warn a document without apiVersion/kind ends its stream too;
//   - a document that decodes but maps to no served kind is reported and the stream goes on;
//   - `items` lists are flattened, and -n is checked against each object's namespace.
// Errors are gathered as kubectl gathers them (EagerVisitorList inside ContinueOnErrorVisitor)
// and returned as one error value for src/cli/errors.ts to print.
import type { KubeObject } from '../api/object.js';
import { builtinKinds, kindForGVK, type KindInfo } from '../api/registry.js';
import { Aggregate, errorText, newAggregate } from './errors.js';
import type { ManifestSource } from './flags/filename-flags.js';
import { marshalJSON, type JsonValue } from './printers/json.js';
import { decodeYAMLDocument, splitYAMLDocuments } from './manifest-yaml.js';
import { scanJSONValue } from '../api/go-json-scan.js';
import { DecodeError, goDecode } from '../apiserver/admission/decode.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** One object to act on (resource.Info). */
export interface Info {
  source: string;
  obj: KubeObject;
  kind: KindInfo;
  /** metadata.name as decoded ('' when absent). */
  name: string;
  /** After the namespace decorators: '' for cluster-scoped kinds. */
  namespace: string;
}

export interface VisitOptions {
  validation: FieldValidation;
  /** The request namespace (-n, else the context's). */
  namespace: string;
  /** -n was given: an object in another namespace is an error (RequireNamespace). */
  enforceNamespace: boolean;
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** A decoded document: its value and the JSON text kubectl quotes in messages. */
interface RawDoc {
  value: JsonValue;
  raw: string;
}

/** The documents of one stream, in order, then the error that ended it (if any). */
export function decodeStream(text: string): { docs: RawDoc[]; error?: string } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return /^\s*\{/.test(body) ? decodeJSONStream(body) : decodeYAMLStream(body);
}

function decodeJSONStream(text: string): { docs: RawDoc[]; error?: string } {
  const docs: RawDoc[] = [];
  const bytes = Buffer.from(text, 'utf8');
  let pos = 0;
  for (;;) {
    const r = scanJSONValue(bytes, pos);
    if (r.kind === 'eof') return { docs };
    if (r.kind === 'error') return { docs, error: r.message };
    const raw = bytes.subarray(r.start, r.end).toString('utf8');
    pos = r.end;
    if (raw === 'null') continue;
    docs.push({ value: JSON.parse(raw) as JsonValue, raw });
  }
}

function decodeYAMLStream(text: string): { docs: RawDoc[]; error?: string } {
  const docs: RawDoc[] = [];
  const { chunks, error: splitError } = splitYAMLDocuments(text);
  for (const chunk of chunks) {
    const r = decodeYAMLDocument(chunk);
    if ('error' in r) return { docs, error: `error converting YAML to JSON: ${r.error}` };
    if (r.value === null || r.value === undefined) continue;
    docs.push({ value: r.value, raw: marshalJSON(r.value) });
  }
  return splitError ? { docs, error: splitError } : { docs };
}

/** getObjectKind in kubectl's pkg/validation: what makes a document unvalidatable. */
function objectKindErrors(value: JsonValue): Error[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [new Error('invalid object to validate')];
  const errs: Error[] = [];
  const apiVersion = value.apiVersion;
  if (apiVersion === null || apiVersion === undefined) errs.push(new Error('apiVersion not set'));
  else if (typeof apiVersion !== 'string') errs.push(new Error("apiVersion isn't string type"));
  else if (apiVersion !== '/' && (apiVersion.match(/\//g) ?? []).length > 1) errs.push(new Error(`unexpected GroupVersion string: ${apiVersion}`));
  const kind = value.kind;
  if (kind === null || kind === undefined) errs.push(new Error('kind not set'));
  else if (typeof kind !== 'string') errs.push(new Error("kind isn't string type"));
  return errs;
}

/** The JSON kinds encoding/json names in an UnmarshalTypeError. */
function jsonKind(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object' && v !== null) return 'object';
  return typeof v;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const goQ = (s: string) => JSON.stringify(s);

/** schema.ParseGroupVersion(...).String(). */
function groupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** meta.NoKindMatchError's text. */
function noKindMatch(apiVersion: string, kind: string): string {
  const gv = groupVersion(apiVersion);
  if (!gv.version) return `no matches for kind ${goQ(kind)} in group ${goQ(gv.group)}`;
  return `no matches for kind ${goQ(kind)} in version ${goQ(gv.group ? `${gv.group}/${gv.version}` : gv.version)}`;
}

/** The RESTMapper: a served kind for apiVersion/kind; an empty version takes the group's only one. */
function mapKind(apiVersion: string, kind: string): KindInfo | undefined {
  const gv = groupVersion(apiVersion);
  if (gv.version) return kindForGVK(apiVersion, kind);
  return (builtinKinds as readonly KindInfo[]).find((k) => k.kind === kind && k.group === gv.group);
}

type Decoded =
  | { list: false; info: Info }
  | { list: true; items: JsonValue[] }
  | { error: Error };

/** mapper.infoForData: decode as unstructured, then map to a served kind. */
function infoForData(value: JsonValue, raw: string, source: string): Decoded {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: new Error(`unable to decode ${goQ(source)}: json: cannot unmarshal ${jsonKind(value)} into Go value of type unstructured.detector`) };
  }
  if (value.items !== undefined && value.items !== null) {
    const listMetaError = str(value.kind) ? metadataError(value.metadata) : undefined;
    if (listMetaError) return { error: new Error(`unable to decode ${goQ(source)}: ${listMetaError}`) };
    if (!Array.isArray(value.items)) {
      return { error: new Error(`unable to decode ${goQ(source)}: json: cannot unmarshal ${jsonKind(value.items)} into Go struct field decodeList.items of type []json.RawMessage`) };
    }
    if (!str(value.kind)) return { error: new Error(`unable to decode ${goQ(source)}: Object 'Kind' is missing in '${raw}'`) };
    // Items without apiVersion and kind are taken to be of the list's item kind (PodList → Pod).
    const items = value.items.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item) || str(item.kind) || str(item.apiVersion)) return item;
      return { ...item, apiVersion: str(value.apiVersion), kind: str(value.kind).replace(/List$/, '') };
    });
    return { list: true, items };
  }
  const kindName = str(value.kind);
  if (!kindName) return { error: new Error(`unable to decode ${goQ(source)}: Object 'Kind' is missing in '${raw}'`) };
  const metaError = metadataError(value.metadata);
  if (metaError) return { error: new Error(`unable to decode ${goQ(source)}: ${metaError}`) };
  const meta = (typeof value.metadata === 'object' && value.metadata !== null && !Array.isArray(value.metadata) ? value.metadata : {}) as Record<string, JsonValue>;
  const apiVersion = str(value.apiVersion);
  const kind = mapKind(apiVersion, kindName);
  if (!kind) {
    return {
      error: new Error(`resource mapping not found for name: ${goQ(str(meta.name))} namespace: ${goQ(str(meta.namespace))} from ${goQ(source)}: ${noKindMatch(apiVersion, kindName)}\nensure CRDs are installed first`),
    };
  }
  return { list: false, info: makeInfo(value, kind, source) };
}

/**
 * The builder's metadataValidatingDecoder: metadata must decode into a Go ObjectMeta, so that a
 * mistyped field (`name: yes`, a number as a label value) fails here with encoding/json's words.
 */
function metadataError(metadata: JsonValue | undefined): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return `json: cannot unmarshal ${jsonKind(metadata)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  }
  try {
    goDecode('v1', 'Pod', { metadata });
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  return undefined;
}

function makeInfo(value: Record<string, JsonValue>, kind: KindInfo, source: string): Info {
  const obj = value as unknown as KubeObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) (obj as { metadata: unknown }).metadata = {};
  return { source, obj, kind, name: str(obj.metadata.name), namespace: str(obj.metadata.namespace) };
}

/** mapper.infoForObject, for the items of a list. */
function infoForItem(item: JsonValue, source: string): Info | Error {
  const typeInfo = (msg: string) => new Error(`unable to get type info from the object "*unstructured.Unstructured": ${msg}`);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return typeInfo(`Object 'Kind' is missing in 'object has no kind field '`);
  }
  if (!str(item.kind)) return typeInfo(`Object 'Kind' is missing in 'object has no kind field '`);
  if (!str(item.apiVersion)) return typeInfo(`Object 'apiVersion' is missing in 'object has no apiVersion field'`);
  const kind = mapKind(str(item.apiVersion), str(item.kind));
  if (!kind) return new Error(`unable to recognize ${noKindMatch(str(item.apiVersion), str(item.kind))}`);
  return makeInfo(item, kind, source);
}

/** SetNamespace, RequireNamespace and FilterNamespace, in the builder's order. */
function decorate(info: Info, opts: VisitOptions): void {
  if (!info.kind.namespaced) {
    info.namespace = '';
    delete info.obj.metadata.namespace;
    return;
  }
  if (!info.namespace) {
    info.namespace = opts.namespace;
    info.obj.metadata.namespace = opts.namespace;
  } else if (opts.enforceNamespace && info.namespace !== opts.namespace) {
    throw new Error(`the namespace from the provided object ${goQ(info.namespace)} does not match the namespace ${goQ(opts.namespace)}. You must pass '--namespace=${info.namespace}' to perform this operation.`);
  }
}

/**
 * Builder.Unstructured().Schema(v).ContinueOnError().NamespaceParam(ns).DefaultNamespace()
 * .FilenameParam(enforce, ...).Flatten().Do().Visit(fn): calls fn for each object in order and
 * returns the error Visit returns (undefined for none). An error fn throws is collected and the
 * visit goes on.
 */
export async function visitManifests(sources: ManifestSource[], opts: VisitOptions,
  fn: (info: Info) => void | Promise<void>): Promise<Error | undefined> {
  const visitErrors: Error[] = [];
  const streamErrors: Error[] = [];
  const visit = async (info: Info) => {
    try {
      decorate(info, opts);
      await fn(info);
    } catch (e) {
      visitErrors.push(e instanceof Error ? e : new Error(String(e)));
    }
  };
  for (const src of sources) {
    const { docs, error } = decodeStream(src.text);
    let stopped: Error | undefined;
    for (const doc of docs) {
      if (opts.validation !== 'Ignore') {
        const errs = objectKindErrors(doc.value);
        if (errs.length) {
          stopped = new Error(`error validating ${goQ(src.name)}: error validating data: ${new Aggregate(errs).message}; ${STOP_VALIDATE}`);
          break;
        }
      }
      const d = infoForData(doc.value, doc.raw, src.name);
      if ('error' in d) {
        streamErrors.push(d.error);
        continue;
      }
      if (!d.list) {
        await visit(d.info);
        continue;
      }
      const itemErrors: Error[] = [];
      for (const item of d.items) {
        const info = infoForItem(item, src.name);
        if (info instanceof Error) itemErrors.push(info);
        else await visit(info);
      }
      const agg = newAggregate(itemErrors);
      if (agg) streamErrors.push(agg);
    }
    if (!stopped && error !== undefined) stopped = new Error(`error parsing ${src.name}: ${error}`);
    if (stopped) streamErrors.push(stopped);
  }
  const eager = newAggregate(streamErrors);
  if (eager) visitErrors.push(eager);
  return visitErrors.length === 1 ? visitErrors[0] : newAggregate(visitErrors);
}

/** Result.Infos(): every object, and the error gathering them produced. */
export async function manifestInfos(sources: ManifestSource[], opts: VisitOptions): Promise<{ infos: Info[]; error?: Error }> {
  const infos: Info[] = [];
  const error = await visitManifests(sources, opts, (info) => void infos.push(info));
  return { infos, error };
}

// ---- for verbs that only read manifests (delete -f, describe -f) ------------------------------

export interface DecodedDoc {
  source: string;
  obj: KubeObject;
  kind: KindInfo;
}

export interface DecodeFailure {
  source: string;
  /** The full line kubectl prints. */
  message: string;
}

/** Objects named by manifests, without validation or namespace checks; failures one line each. */
export function decodeSources(sources: ManifestSource[]): { docs: DecodedDoc[]; failures: DecodeFailure[] } {
  const docs: DecodedDoc[] = [];
  const failures: DecodeFailure[] = [];
  const fail = (source: string, e: Error) => failures.push({ source, message: `error: ${errorText(e)}` });
  for (const src of sources) {
    const { docs: raws, error } = decodeStream(src.text);
    for (const doc of raws) {
      const d = infoForData(doc.value, doc.raw, src.name);
      if ('error' in d) fail(src.name, d.error);
      else if (!d.list) docs.push({ source: src.name, obj: d.info.obj, kind: d.info.kind });
      else {
        for (const item of d.items) {
          const info = infoForItem(item, src.name);
          if (info instanceof Error) fail(src.name, info);
          else docs.push({ source: src.name, obj: info.obj, kind: info.kind });
        }
      }
    }
    if (error !== undefined) fail(src.name, new Error(`error parsing ${src.name}: ${error}`));
  }
  return { docs, failures };
}
