// The Kubernetes protobuf codec of mk serve, on bytes real kubectl 1.32 sent: each body decodes to
// the object `kubectl create ... --dry-run=client -o json` prints for the same command (key order
// included, since both are Go's json.Marshal of the same struct), and that object encodes back to
// kubectl's bytes. The fixtures are recorded by test/fixtures/protobuf/capture.mjs.
import { describe, expect, it } from 'vitest';
import { builtinKinds, apiVersionOf } from '../../src/api/registry.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { acceptsOnlyProtobuf, isProtobuf } from '../../src/apiserver/http/media-type.js';
import { decodeObject, encodeObject } from '../../src/apiserver/http/protobuf.js';
import requests from '../fixtures/protobuf/requests.json' with { type: 'json' };

describe('kubectl create bodies in protobuf', () => {
  it('come from every typed create generator, as protobuf with JSON accepted back', () => {
    expect(requests.map((r) => r.args.slice(1, r.args[1] === 'secret' || r.args[1] === 'service' ? 3 : 2).join(' '))).toEqual([
      'namespace', 'configmap', 'secret generic', 'secret docker-registry', 'deployment', 'deployment', 'job', 'cronjob', 'job',
      'service clusterip', 'service clusterip', 'service nodeport', 'service loadbalancer', 'service externalname', 'quota',
      'serviceaccount', 'pdb', 'pdb', 'priorityclass', 'priorityclass', 'ingress', 'ingress', 'role', 'rolebinding',
      'clusterrole', 'clusterrolebinding',
    ]);
    for (const r of requests) {
      expect(isProtobuf(r.contentType)).toBe(true);
      expect(r.accept).toBe('application/vnd.kubernetes.protobuf,application/json');
      expect(acceptsOnlyProtobuf(r.accept)).toBe(false);
    }
  });

  for (const r of requests) {
    it(`decodes ${r.name} (kubectl ${r.args.join(' ')}) to the object kubectl prints`, () => {
      const decoded = decodeObject(Buffer.from(r.body, 'base64'));
      expect(decoded).toEqual(r.dryRun);
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(r.dryRun));
    });

    it(`encodes ${r.name}'s object to kubectl's bytes`, () => {
      expect(encodeObject(r.dryRun)?.toString('base64')).toBe(r.body);
    });
  }
});

/** Protobuf wire bytes, written field by field from generated.proto's numbers. */
const wire = {
  tag: (id: number, type: number) => wire.varint((id << 3) | type),
  varint(n: number): Buffer {
    const out: number[] = [];
    let v = BigInt(n);
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v ? byte | 0x80 : byte);
    } while (v);
    return Buffer.from(out);
  },
  int: (id: number, n: number) => Buffer.concat([wire.tag(id, 0), wire.varint(n)]),
  bytes: (id: number, b: Buffer) => Buffer.concat([wire.tag(id, 2), wire.varint(b.length), b]),
  str: (id: number, s: string) => wire.bytes(id, Buffer.from(s)),
  msg: (id: number, ...fields: Buffer[]) => wire.bytes(id, Buffer.concat(fields)),
  /** The `k8s\0` magic and a runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
  object: (apiVersion: string, kind: string, ...fields: Buffer[]) => Buffer.concat([Buffer.from('k8s\0', 'binary'),
    wire.msg(1, wire.str(1, apiVersion), wire.str(2, kind)), wire.msg(2, ...fields), wire.str(3, ''), wire.str(4, '')]),
};

// 2025-01-01T00:00:00Z
const NEW_YEAR = 1735689600;

describe('types that marshal themselves', () => {
  it('reads Time as whole RFC 3339 seconds, MicroTime with six digits, and only set pointers', () => {
    const body = wire.object('coordination.k8s.io/v1', 'Lease',
      wire.msg(1, wire.str(1, 'lock'), wire.msg(8, wire.int(1, NEW_YEAR), wire.int(2, 0))),
      // LeaseSpec: holderIdentity 1, leaseDurationSeconds 2, acquireTime 3 (MicroTime), leaseTransitions 5.
      wire.msg(2, wire.str(1, 'mk-control-plane'), wire.int(2, 15), wire.msg(3, wire.int(1, NEW_YEAR + 61), wire.int(2, 123456789)),
        wire.int(5, 0)));
    expect(decodeObject(body)).toEqual({
      kind: 'Lease', apiVersion: 'coordination.k8s.io/v1',
      metadata: { name: 'lock', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { holderIdentity: 'mk-control-plane', leaseDurationSeconds: 15, acquireTime: '2025-01-01T00:01:01.123456Z', leaseTransitions: 0 },
    });
  });

  it('reads RawExtension and FieldsV1 as the JSON they hold, int64 as numbers', () => {
    const body = wire.object('apps/v1', 'ControllerRevision',
      wire.msg(1, wire.str(1, 'web-5d4b'), wire.msg(8),
        // managedFields: manager 1, operation 2, apiVersion 3, time 4, fieldsType 6, fieldsV1 7 (FieldsV1.Raw 1).
        wire.msg(17, wire.str(1, 'kube-controller-manager'), wire.str(2, 'Update'), wire.str(3, 'apps/v1'),
          wire.msg(4, wire.int(1, NEW_YEAR)), wire.str(6, 'FieldsV1'), wire.msg(7, wire.str(1, '{"f:data":{}}')))),
      wire.msg(2, wire.str(1, '{"spec":{"template":{"$patch":"replace"}}}')),
      wire.int(3, 2 ** 40));
    expect(decodeObject(body)).toEqual({
      kind: 'ControllerRevision', apiVersion: 'apps/v1',
      metadata: {
        name: 'web-5d4b', creationTimestamp: null,
        managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-01T00:00:00Z',
          fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }],
      },
      data: { spec: { template: { $patch: 'replace' } } },
      revision: 2 ** 40,
    });
  });

  it('reads DeleteOptions in any group version, a present zero grace period kept', () => {
    // DeleteOptions: gracePeriodSeconds 1, propagationPolicy 4, dryRun 5.
    const body = wire.object('apps/v1', 'DeleteOptions', wire.int(1, 0), wire.str(4, 'Foreground'), wire.str(5, 'All'));
    expect(decodeObject(body)).toEqual({ kind: 'DeleteOptions', apiVersion: 'apps/v1', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'] });
  });

  it('writes a Status with its details for a client that accepts only protobuf', () => {
    const status = {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "x" already exists',
      reason: 'AlreadyExists', details: { name: 'x', kind: 'namespaces' }, code: 409,
    };
    // Status: metadata 1 (ListMeta: selfLink 1, resourceVersion 2, continue 3), status 2, message 3, reason 4,
    // details 5 (name 1, group 2, kind 3, causes 4, retryAfterSeconds 5, uid 6), code 6.
    expect(encodeObject(status)).toEqual(wire.object('v1', 'Status',
      wire.msg(1, wire.str(1, ''), wire.str(2, ''), wire.str(3, '')), wire.str(2, 'Failure'), wire.str(3, 'namespaces "x" already exists'),
      wire.str(4, 'AlreadyExists'), wire.msg(5, wire.str(1, 'x'), wire.str(2, ''), wire.str(3, 'namespaces'), wire.int(5, 0), wire.str(6, '')),
      wire.int(6, 409)));
  });
});

describe('the codec', () => {
  it('has a message for every kind mk serves and its list', () => {
    for (const k of builtinKinds) {
      for (const kind of [k.kind, `${k.kind}List`]) {
        expect(encodeObject({ apiVersion: apiVersionOf(k), kind }), `${apiVersionOf(k)} ${kind}`).toBeInstanceOf(Buffer);
      }
    }
    expect(encodeObject({ apiVersion: 'v1', kind: 'Table' })).toBeUndefined();
  });

  it('refuses bodies that are not Kubernetes protobuf with a 400', () => {
    const refusal = (body: Buffer) => {
      try {
        decodeObject(body);
      } catch (err) {
        return err instanceof ApiError ? { code: err.status.code, message: err.status.message } : err;
      }
      return undefined;
    };
    expect(refusal(Buffer.from('{"kind":"Namespace"}'))).toEqual({
      code: 400, message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    });
    expect(refusal(wire.object('v1', 'Widget'))).toEqual({ code: 400, message: 'no kind "Widget" is registered for version "v1"' });
    expect(refusal(Buffer.concat([Buffer.from('k8s\0', 'binary'), Buffer.from([0x0a, 0x20, 0x01])]))).toMatchObject({ code: 400 });
  });

  it('answers in protobuf only when the Accept header leaves no other choice', () => {
    expect(acceptsOnlyProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(acceptsOnlyProtobuf('application/vnd.kubernetes.protobuf, application/vnd.kubernetes.protobuf;stream=watch')).toBe(true);
    expect(acceptsOnlyProtobuf('application/vnd.kubernetes.protobuf,application/json')).toBe(false);
    // client-go's Accept for a protobuf ContentType without AcceptContentTypes.
    expect(acceptsOnlyProtobuf('application/vnd.kubernetes.protobuf, */*')).toBe(false);
    // @kubernetes/client-node's.
    expect(acceptsOnlyProtobuf('application/json, */*;q=0.8')).toBe(false);
    expect(acceptsOnlyProtobuf(undefined)).toBe(false);
  });
});
