// Protobuf bodies client-go 1.32's typed clients sent as Helm and kubectl used them (recorded from
// `kubectl create secret`/`configmap` and Helm's release storage and uninstall), read into the JSON
// the API takes.
import { describe, expect, it } from 'vitest';
import { decodeObject } from '../../src/apiserver/http/protobuf.js';
import { ApiError } from '../../src/apiserver/errors.js';

const hex = (s: string) => Buffer.from(s, 'hex');

/** kubectl create secret generic s1 --from-literal=user=admin --from-literal=empty= --type=Opaque */
const SECRET = hex('6b3873000a0c0a027631120653656372657412360a120a02733112001a0022002a0032003800420012090a05656d7074791200120d0a0475736572120561646d696e1a064f70617175651a002200');
/** kubectl create configmap c1 --from-literal=k=v --from-file=bin= (bytes 00 01 ff) */
const CONFIGMAP = hex('6b3873000a0f0a0276311209436f6e6669674d617012280a120a02633112001a0022002a0032003800420012060a016b1201761a0a0a0362696e12030001ff1a002200');
/** Helm deleting a release Secret: empty metav1.DeleteOptions. */
const DELETE_OPTIONS = hex('6b3873000a130a027631120d44656c6574654f7074696f6e7312001a002200');

describe('protobuf bodies from Helm and kubectl', () => {
  it('reads a Secret: empty Go fields left out as JSON omits them, data as base64', () => {
    expect(decodeObject(SECRET)).toEqual({
      kind: 'Secret', apiVersion: 'v1', metadata: { name: 's1', creationTimestamp: null }, data: { empty: '', user: 'YWRtaW4=' }, type: 'Opaque',
    });
  });

  it('reads a ConfigMap with text and binary data', () => {
    expect(decodeObject(CONFIGMAP)).toEqual({
      kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c1', creationTimestamp: null }, data: { k: 'v' }, binaryData: { bin: 'AAH/' },
    });
  });

  it('reads DeleteOptions in the client\'s group version', () => {
    expect(decodeObject(DELETE_OPTIONS)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
  });

  it('refuses a cut-off body', () => {
    expect(() => decodeObject(SECRET.subarray(0, 30))).toThrow(ApiError);
  });
});
