// Request bodies in Kubernetes' protobuf encoding, for the kinds client-go's typed clients are
// known to send that way to mk: client-go 1.32 forces protobuf on its generated clients for
// built-in kinds with no JSON fallback, so Helm's release storage (Secrets or ConfigMaps, and the
// DeleteOptions of their deletes) arrives as protobuf. The body is runtime.Unknown behind the
// "k8s\0" magic; its raw bytes are the object, decoded here into the JSON shape the API takes.
import { badRequest } from '../errors.js';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * Go writes every non-pointer field, empty ones too; JSON leaves those out (omitempty), so an empty
 * string is dropped, and a zero number unless the Go field is a pointer (`pointer`), where zero is
 * a value. The bools read here are all pointers.
 */
type Field =
  | { name: string; type: 'string' | 'bytes' | 'bool' | 'time' | 'fieldsV1' }
  | { name: string; type: 'int64'; pointer?: true }
  | { name: string; type: 'message'; message: Message }
  | { name: string; type: 'map'; value: 'string' | 'bytes' };
/** A message by field number; a field listed as repeated decodes to an array. */
interface Message { fields: Record<number, Field>; repeated?: ReadonlySet<string> }

const ownerReference: Message = {
  fields: {
    5: { name: 'apiVersion', type: 'string' }, 1: { name: 'kind', type: 'string' }, 3: { name: 'name', type: 'string' },
    4: { name: 'uid', type: 'string' }, 6: { name: 'controller', type: 'bool' }, 7: { name: 'blockOwnerDeletion', type: 'bool' },
  },
};
const managedFieldsEntry: Message = {
  fields: {
    1: { name: 'manager', type: 'string' }, 2: { name: 'operation', type: 'string' }, 3: { name: 'apiVersion', type: 'string' },
    4: { name: 'time', type: 'time' }, 6: { name: 'fieldsType', type: 'string' }, 7: { name: 'fieldsV1', type: 'fieldsV1' },
    8: { name: 'subresource', type: 'string' },
  },
};
const objectMeta: Message = {
  fields: {
    1: { name: 'name', type: 'string' }, 2: { name: 'generateName', type: 'string' }, 3: { name: 'namespace', type: 'string' },
    4: { name: 'selfLink', type: 'string' }, 5: { name: 'uid', type: 'string' }, 6: { name: 'resourceVersion', type: 'string' },
    7: { name: 'generation', type: 'int64' }, 8: { name: 'creationTimestamp', type: 'time' },
    9: { name: 'deletionTimestamp', type: 'time' }, 10: { name: 'deletionGracePeriodSeconds', type: 'int64', pointer: true },
    11: { name: 'labels', type: 'map', value: 'string' }, 12: { name: 'annotations', type: 'map', value: 'string' },
    13: { name: 'ownerReferences', type: 'message', message: ownerReference }, 14: { name: 'finalizers', type: 'string' },
    17: { name: 'managedFields', type: 'message', message: managedFieldsEntry },
  },
  repeated: new Set(['ownerReferences', 'finalizers', 'managedFields']),
};
const secret: Message = {
  fields: {
    1: { name: 'metadata', type: 'message', message: objectMeta }, 2: { name: 'data', type: 'map', value: 'bytes' },
    3: { name: 'type', type: 'string' }, 4: { name: 'stringData', type: 'map', value: 'string' }, 5: { name: 'immutable', type: 'bool' },
  },
};
const configMap: Message = {
  fields: {
    1: { name: 'metadata', type: 'message', message: objectMeta }, 2: { name: 'data', type: 'map', value: 'string' },
    3: { name: 'binaryData', type: 'map', value: 'bytes' }, 4: { name: 'immutable', type: 'bool' },
  },
};
const preconditions: Message = { fields: { 1: { name: 'uid', type: 'string' }, 2: { name: 'resourceVersion', type: 'string' } } };
const deleteOptions: Message = {
  fields: {
    1: { name: 'gracePeriodSeconds', type: 'int64', pointer: true }, 2: { name: 'preconditions', type: 'message', message: preconditions },
    3: { name: 'orphanDependents', type: 'bool' }, 4: { name: 'propagationPolicy', type: 'string' }, 5: { name: 'dryRun', type: 'string' },
    6: { name: 'ignoreStoreReadErrorWithClusterBreakingPotential', type: 'bool' },
  },
  repeated: new Set(['dryRun']),
};
const typeMeta: Message = { fields: { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } } };
const unknown: Message = {
  fields: {
    1: { name: 'typeMeta', type: 'message', message: typeMeta }, 2: { name: 'raw', type: 'bytes' },
    3: { name: 'contentEncoding', type: 'string' }, 4: { name: 'contentType', type: 'string' },
  },
};

/** The kinds whose protobuf bodies mk reads: DeleteOptions comes in the client's group version. */
function messageOf(apiVersion: string, kind: string): Message | undefined {
  if (kind === 'DeleteOptions') return deleteOptions;
  if (apiVersion !== 'v1') return undefined;
  return kind === 'Secret' ? secret : kind === 'ConfigMap' ? configMap : undefined;
}

/** The apiVersion and kind a protobuf body names, if it is one. */
function protobufKind(body: Buffer): { apiVersion: string; kind: string } | undefined {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  try {
    const env = decode(body.subarray(MAGIC.length), unknown) as { typeMeta?: { apiVersion?: string; kind?: string } };
    return { apiVersion: env.typeMeta?.apiVersion ?? '', kind: env.typeMeta?.kind ?? '' };
  } catch {
    return undefined;
  }
}

/** Whether mk reads protobuf bodies of this kind (its other kinds get a 415). */
export function readsProtobuf(body: Buffer): boolean {
  const k = protobufKind(body);
  return !!k && !!messageOf(k.apiVersion, k.kind);
}

/** The object a protobuf body holds, with its apiVersion and kind, as JSON would carry it. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, MAGIC.length).equals(MAGIC)) throw badRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const env = decode(body.subarray(MAGIC.length), unknown) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
  const apiVersion = env.typeMeta?.apiVersion ?? '';
  const kind = env.typeMeta?.kind ?? '';
  const message = messageOf(apiVersion, kind);
  // The handler asks readsProtobuf first, so this is a caller's mistake, not a client's.
  if (!message) throw new Error(`protobuf bodies of ${apiVersion}/${kind} are not read`);
  return { kind, apiVersion, ...decode(Buffer.from(env.raw ?? '', 'base64'), message) };
}

/** Protobuf wire format: a key varint (field << 3 | wire type), then the value. */
function decode(buf: Buffer, message: Message): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done()) {
    const key = r.varint();
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    const field = message.fields[no];
    if (!field) {
      r.skip(wire);
      continue;
    }
    const value = fieldValue(r, wire, field);
    if ((value === '' && field.type === 'string') || (value === 0 && field.type === 'int64' && !field.pointer)) continue;
    if (field.type === 'map') {
      const [k, v] = value as [string, unknown];
      ((out[field.name] ??= {}) as Record<string, unknown>)[k] = v;
    } else if (message.repeated?.has(field.name)) {
      ((out[field.name] ??= []) as unknown[]).push(value);
    } else if (value !== undefined) {
      out[field.name] = value;
    }
  }
  return out;
}

function fieldValue(r: Reader, wire: number, field: Field): unknown {
  switch (field.type) {
    case 'int64': return Number(BigInt.asIntN(64, r.varint()));
    case 'bool': return r.varint() !== 0n;
    default: break;
  }
  if (wire !== 2) throw badRequest(`proto: wrong wireType = ${wire} for field ${field.name}`);
  const bytes = r.bytes();
  switch (field.type) {
    case 'string': return bytes.toString('utf8');
    case 'bytes': return bytes.toString('base64');
    case 'fieldsV1': {
      // FieldsV1 holds its JSON in field 1 (Raw); JSON carries that object itself.
      const raw = decode(bytes, { fields: { 1: { name: 'raw', type: 'bytes' } } }).raw as string | undefined;
      try {
        return raw ? JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) : {};
      } catch (err) {
        throw badRequest(`error decoding fieldsV1: ${(err as Error).message}`);
      }
    }
    case 'message': return decode(bytes, field.message);
    case 'time': {
      // metav1.Time: a zero time is an empty message; JSON carries whole seconds only.
      if (!bytes.length) return undefined;
      const t = decode(bytes, { fields: { 1: { name: 'seconds', type: 'int64', pointer: true } } }) as { seconds?: number };
      return new Date((t.seconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'map': {
      const entry = decode(bytes, { fields: { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: field.value } } });
      return [entry.key ?? '', entry.value ?? ''];
    }
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw badRequest('proto: unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw badRequest('proto: unexpected EOF');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw badRequest(`proto: illegal wireType ${wire}`);
  }
}
