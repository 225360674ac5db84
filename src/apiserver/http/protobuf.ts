// Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf), which client-go's typed
// clients — kubectl create's generators among them — send bodies in: the `k8s\0` magic, then a
// runtime.Unknown holding the object's apiVersion and kind and the object's message. Objects go
// to and from the JSON the API server speaks everywhere else, field by field as Go's json.Marshal
// writes the Go struct the message decodes into: JSON names, omitempty, pointers, inlined structs
// and the types that marshal themselves (Time, MicroTime, Quantity, IntOrString, RawExtension,
// FieldsV1, and Verbs, a []string the .proto wraps in a message). The schema is protobuf-descriptor.json, made by scripts/protobuf-descriptor.mjs.
import protobuf from 'protobufjs/light.js';
import descriptor from './protobuf-descriptor.json' with { type: 'json' };
import { ApiError, badRequest } from '../errors.js';

const MAGIC = Buffer.from('k8s\0', 'binary');
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const TIME = `${META}.Time`;
const MICRO_TIME = `${META}.MicroTime`;
const FIELDS_V1 = `${META}.FieldsV1`;
const VERBS = `${META}.Verbs`;
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
/** A decoded message or a plain object for protobufjs to encode: field name → value. */
type Fields = { [field: string]: unknown };

interface Descriptor extends protobuf.INamespace {
  kinds: Record<string, { package: string; kinds: string[] }>;
}

interface Schema {
  root: protobuf.Root;
  unknown: protobuf.Type;
}

let loaded: Schema | undefined;

function schema(): Schema {
  if (!loaded) {
    const root = protobuf.Root.fromJSON(descriptor as unknown as Descriptor);
    loaded = { root, unknown: root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown') };
  }
  return loaded;
}

/** The message of an apiVersion/kind, if mk speaks it in protobuf. */
function messageOf(apiVersion: string, kind: string): protobuf.Type | undefined {
  const { kinds } = descriptor as unknown as Descriptor;
  const gv = kinds[apiVersion]?.kinds.includes(kind) ? kinds[apiVersion] : kinds[''].kinds.includes(kind) ? kinds[''] : undefined;
  return gv ? schema().root.lookupType(`${gv.package}.${kind}`) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Decoding: protobuf → JSON

/**
 * A request body in protobuf as the JSON object of the same Go object; 400 when it is not one. An
 * envelope without apiVersion or kind takes them from the defaults (the URL's), as the API server's
 * decoder does.
 */
export function decodeObject(body: Uint8Array, defaults?: { apiVersion: string; kind: string }): JsonObject {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!bytes.subarray(0, 4).equals(MAGIC)) {
    throw badRequest(`provided data does not appear to be a protobuf message, expected prefix ${goBytes(MAGIC)}`);
  }
  try {
    const unknown = fields(schema().unknown.decode(bytes.subarray(4)));
    const typeMeta = (unknown.typeMeta ?? {}) as Fields;
    const apiVersion = String(typeMeta.apiVersion || defaults?.apiVersion || '');
    const kind = String(typeMeta.kind || defaults?.kind || '');
    const type = messageOf(apiVersion, kind);
    if (!type) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
    const raw = (unknown.raw as Uint8Array | undefined) ?? new Uint8Array();
    // TypeMeta's fields are omitempty: /api's APIVersions has no apiVersion.
    return { kind, ...(apiVersion ? { apiVersion } : {}), ...messageJson(type, fields(type.decode(raw))) };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw badRequest(`error decoding request body: ${(err as Error).message}`);
  }
}

/** Go's %v of a byte slice: `[107 56 115 0]`. */
const goBytes = (b: Uint8Array) => `[${[...b].join(' ')}]`;

const fields = (m: unknown) => m as Fields;

const has = (m: Fields, name: string) => Object.prototype.hasOwnProperty.call(m, name) && m[name] != null;

interface GoField { json: string; omitempty: boolean; pointer: boolean; inline: boolean }

function goField(f: protobuf.Field): GoField {
  const options = (f.options ?? {}) as { json?: string; go?: string };
  const flags = options.go ?? '';
  return { json: options.json ?? f.name, omitempty: flags.includes('o'), pointer: flags.includes('p'), inline: flags.includes('i') };
}

/** A decoded message as Go's json.Marshal writes the struct it unmarshals into. */
function messageJson(type: protobuf.Type, m: Fields): JsonObject {
  const out: JsonObject = {};
  for (const f of type.fieldsArray) {
    const go = goField(f);
    if (go.inline) {
      Object.assign(out, messageJson(f.resolvedType as protobuf.Type, has(m, f.name) ? fields(m[f.name]) : {}));
      continue;
    }
    if (f.map || f.repeated) {
      const value = m[f.name] as unknown[] | Record<string, unknown> | undefined;
      const empty = !value || (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
      // An empty list or map is nil after unmarshalling: omitted, or null.
      if (empty) {
        if (!go.omitempty) out[go.json] = null;
      } else if (Array.isArray(value)) {
        out[go.json] = value.map((v) => valueJson(f, v));
      } else {
        out[go.json] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueJson(f, v)]));
      }
      continue;
    }
    const present = has(m, f.name);
    if (!present && go.pointer) {
      if (!go.omitempty) out[go.json] = null;
      continue;
    }
    const value = present ? valueJson(f, m[f.name]) : zeroJson(f);
    if (go.omitempty && !go.pointer && isEmpty(f, value)) continue;
    out[go.json] = value;
  }
  return out;
}

/** Go's zero value of a non-pointer field, as JSON. */
function zeroJson(f: protobuf.Field): Json {
  if (f.resolvedType instanceof protobuf.Type) return valueJson(f, {});
  switch (f.type) {
    case 'string': return '';
    case 'bool': return false;
    case 'bytes': return null;
    default: return 0;
  }
}

/** What omitempty leaves out: false, 0, "" and empty byte slices; structs never. */
function isEmpty(f: protobuf.Field, value: Json): boolean {
  if (f.resolvedType instanceof protobuf.Type) return false;
  return value === false || value === 0 || value === '' || value === null;
}

function valueJson(f: protobuf.Field, v: unknown): Json {
  if (f.resolvedType instanceof protobuf.Type) return customJson(f.resolvedType, fields(v));
  switch (f.type) {
    case 'bytes': return Buffer.from(v as Uint8Array).toString('base64');
    case 'int64': case 'uint64': case 'sint64': case 'fixed64': case 'sfixed64': return longNumber(v);
    default: return v as Json;
  }
}

/** protobufjs reads 64-bit integers as numbers, or as Long objects when the long package is there. */
function longNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number((v as { toString(): string }).toString());
}

/** Messages whose Go types marshal themselves; the others field by field. */
function customJson(type: protobuf.Type, m: Fields): Json {
  switch (type.fullName.slice(1)) {
    case TIME:
      // An empty message is the zero time, which marshals as null; whole seconds otherwise.
      return has(m, 'seconds') || has(m, 'nanos') ? `${isoSeconds(longNumber(m.seconds ?? 0))}Z` : null;
    case MICRO_TIME:
      return has(m, 'seconds') || has(m, 'nanos')
        ? `${isoSeconds(longNumber(m.seconds ?? 0))}.${String(Math.floor(Number(m.nanos ?? 0) / 1000)).padStart(6, '0')}Z`
        : null;
    case QUANTITY:
      return String(m.string ?? '0') || '0';
    case INT_OR_STRING:
      return longNumber(m.type ?? 0) === 1 ? String(m.strVal ?? '') : Number(m.intVal ?? 0);
    case RAW_EXTENSION:
      return embeddedJson(m.raw as Uint8Array | undefined);
    case FIELDS_V1:
      return embeddedJson(m.Raw as Uint8Array | undefined);
    case VERBS: {
      const items = (m.items ?? []) as string[];
      return items.length ? items : null;
    }
  }
  return messageJson(type, m);
}

/** `2006-01-02T15:04:05` of seconds since the epoch, in UTC. */
const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);

/** Raw bytes that hold JSON (or, from a protobuf client, an object in protobuf) as JSON. */
function embeddedJson(raw: Uint8Array | undefined): Json {
  if (!raw || raw.length === 0) return null;
  const bytes = Buffer.from(raw);
  if (bytes.subarray(0, 4).equals(MAGIC)) return decodeObject(bytes);
  return JSON.parse(bytes.toString('utf8')) as Json;
}

// ---------------------------------------------------------------------------------------------
// Encoding: JSON → protobuf

/**
 * An object (with its apiVersion and kind) as a protobuf body, the bytes Go's Marshal writes for
 * it; undefined when mk has no message for the kind (the answer then stays JSON).
 */
export function encodeObject(obj: { apiVersion?: unknown; kind?: unknown }): Buffer | undefined {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  const type = messageOf(apiVersion, kind);
  if (!type) return undefined;
  const raw = type.encode(messageFields(type, obj as JsonObject)).finish();
  const envelope = schema().unknown.encode({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' }).finish();
  return Buffer.concat([MAGIC, envelope]);
}

/**
 * One frame of a protobuf watch stream, as the API server's stream serializer writes it: a 4-byte
 * big-endian length, then a bare metav1.WatchEvent (no magic, no envelope) whose object holds the
 * object's own protobuf body.
 */
export function encodeWatchEvent(type: string, object: { apiVersion?: unknown; kind?: unknown }): Buffer {
  const raw = encodeObject(object);
  if (!raw) throw new Error(`no protobuf message for ${String(object.apiVersion)} ${String(object.kind)}`);
  const event = schema().root.lookupType(`${META}.WatchEvent`).encode({ type, object: { raw } }).finish();
  const length = Buffer.alloc(4);
  length.writeUInt32BE(event.length);
  return Buffer.concat([length, event]);
}

/**
 * A JSON object as the fields protobufjs writes: Go's generated Marshal writes every non-pointer
 * field (zero when absent), pointers only when set, and inlined structs from the same JSON object.
 */
function messageFields(type: protobuf.Type, obj: JsonObject): Fields {
  const out: Fields = {};
  for (const f of type.fieldsArray) {
    const go = goField(f);
    if (go.inline) {
      out[f.name] = messageFields(f.resolvedType as protobuf.Type, obj);
      continue;
    }
    const value = obj[go.json];
    if (f.map) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        // Go writes map entries in key order.
        out[f.name] = Object.fromEntries(Object.keys(value).sort().map((k) => [k, valueFields(f, value[k])]));
      }
      continue;
    }
    if (f.repeated) {
      if (Array.isArray(value)) out[f.name] = value.map((v) => valueFields(f, v));
      continue;
    }
    if (value === undefined || value === null) {
      if (go.pointer) continue;
      if (f.resolvedType instanceof protobuf.Type) out[f.name] = valueFields(f, null);
      else if (f.type !== 'bytes') out[f.name] = f.type === 'string' ? '' : f.type === 'bool' ? false : 0;
      continue;
    }
    out[f.name] = valueFields(f, value);
  }
  return out;
}

function valueFields(f: protobuf.Field, v: Json): unknown {
  if (f.resolvedType instanceof protobuf.Type) return customFields(f.resolvedType, v);
  if (f.type === 'bytes') return Buffer.from(String(v), 'base64');
  return v;
}

function customFields(type: protobuf.Type, v: Json): Fields {
  switch (type.fullName.slice(1)) {
    case TIME: case MICRO_TIME: {
      // The zero time marshals to no bytes: an empty message.
      if (typeof v !== 'string') return {};
      const ms = Date.parse(v);
      const fraction = /\.(\d+)/.exec(v)?.[1] ?? '';
      const nanos = type.fullName.endsWith('MicroTime') ? Number(fraction.slice(0, 6).padEnd(6, '0')) * 1000 : 0;
      return { seconds: Math.floor(ms / 1000), nanos };
    }
    case QUANTITY:
      return { string: v === null ? '0' : String(v) };
    case INT_OR_STRING:
      return typeof v === 'string' ? { type: 1, intVal: 0, strVal: v } : { type: 0, intVal: Number(v ?? 0), strVal: '' };
    case RAW_EXTENSION:
      return v === null ? {} : { raw: Buffer.from(JSON.stringify(v)) };
    case FIELDS_V1:
      return v === null ? {} : { Raw: Buffer.from(JSON.stringify(v)) };
    case VERBS:
      return { items: Array.isArray(v) ? v : [] };
  }
  return messageFields(type, v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
}
