// JSON patch (RFC 6902) as the 1.32 API server applies it: evanphx/json-patch v4's own test
// tables (Cases, BadCases, TestCases), then what the server answers.
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/apiserver/errors.js';
import { JSON_PATCH_REJECTED, applyJsonPatch, applyJsonPatchOps } from '../../src/apiserver/patch/json.js';
import type { JsonObject, JsonValue } from '../../src/apiserver/patch/merge.js';

const a48 = 'A'.repeat(48);
const a49 = 'A'.repeat(49);

const cases: [doc: JsonValue, patch: JsonObject[], result: JsonValue][] = [
  [{ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
  [{ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  [{ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/-1', value: 'qux' }], { foo: ['bar', 'baz', 'qux'] }],
  [{ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  [{ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  [{ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  [{ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } }],
  [{ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
  [{ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/2' }], { foo: ['all', 'cows', 'grass', 'eat'] }],
  [{ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
  [{ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
  [{ foo: 'bar', qux: { baz: 1, bar: null } }, [{ op: 'remove', path: '/qux/bar' }], { foo: 'bar', qux: { baz: 1 } }],
  [{ foo: 'bar' }, [{ op: 'add', path: '/baz', value: null }], { baz: null, foo: 'bar' }],
  [{ foo: ['bar', 'qux', 'baz'] }, [{ op: 'replace', path: '/foo/1', value: 'bum' }], { foo: ['bar', 'bum', 'baz'] }],
  [[{ foo: ['bar', 'qux', 'baz'] }], [{ op: 'replace', path: '/0/foo/0', value: 'bum' }], [{ foo: ['bum', 'qux', 'baz'] }]],
  // Upstream's expected values for these two are never checked (its comparison of two arrays
  // decodes both into maps, fails, and compares nil with nil); these are what the code does.
  [[{ foo: ['bar', 'qux', 'baz'], bar: ['qux', 'baz'] }], [{ op: 'copy', from: '/0/foo/0', path: '/0/bar/0' }],
    [{ foo: ['bar', 'qux', 'baz'], bar: ['bar', 'qux', 'baz'] }]],
  [[{ foo: ['bar', 'qux', 'baz'], bar: ['qux', 'baz'] }], [{ op: 'copy', from: '/0/foo/0', path: '/0/bar' }],
    [{ foo: ['bar', 'qux', 'baz'], bar: 'bar' }]],
  [{ foo: ['bar'] }, [{ op: 'copy', path: '/foo/0', from: '/foo' }], { foo: [['bar'], 'bar'] }],
  [{ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/-2' }], { foo: ['bar', 'baz'] }],
  [{ foo: [] }, [{ op: 'add', path: '/foo/-1', value: 'qux' }], { foo: ['qux'] }],
  [{ bar: [{ baz: null }] }, [{ op: 'replace', path: '/bar/0/baz', value: 1 }], { bar: [{ baz: 1 }] }],
  [{ bar: [1] }, [{ op: 'replace', path: '/bar/0', value: null }], { bar: [null] }],
  [{ foo: ['A', a48] }, [{ op: 'copy', path: '/foo/-', from: '/foo/1' }, { op: 'copy', path: '/foo/-', from: '/foo/1' }],
    { foo: ['A', a48, a48, a48] }],
  [{ id: '0', parentID: '0' }, [
    { op: 'test', path: '', value: { id: '0', parentID: '0' } },
    { op: 'replace', path: '', value: { id: '7', originalID: 'bar', parentID: '0' } },
  ], { id: '7', originalID: 'bar', parentID: '0' }],
  // the library's own quirks, which the server inherits
  [{ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }], { a: 1, b: 2 }],
  [{ a: { b: 1 } }, [{ op: 'add', path: 'x/b', value: 2 }], { a: { b: 1 }, b: 2 }],
  [{ a: 1 }, [{ op: 'replace', path: '', value: 'scalar' }], { a: 1 }],
];

const badCases: [doc: JsonValue, patch: JsonObject[], message: string][] = [
  [{ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
  [{ a: { b: { d: 1 } } }, [{ op: 'remove', path: '/a/b/c' }], "error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value"],
  [{ a: { b: { d: 1 } } }, [{ op: 'move', from: '/a/b/c', path: '/a/b/e' }], "error in move for path: 'c': Unable to remove nonexistent key: c: missing value"],
  [{ a: { b: [1] } }, [{ op: 'remove', path: '/a/b/1' }], "error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced"],
  [{ foo: 'bar' }, [{ op: 'add', pathz: '/baz', value: 'qux' }], 'add operation failed to decode path: missing value'],
  [{ foo: 'bar' }, [{ op: 'add', path: '', value: 'qux' }], 'add operation does not apply: doc is missing path: "": missing value'],
  [{ foo: ['bar', 'baz'] }, [{ op: 'replace', path: '/foo/2', value: 'bum' }], 'replace operation does not apply: doc is missing key: /foo/2: missing value'],
  [{ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/-4', value: 'bum' }], "error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced"],
  [{ name: { foo: 'bat', qux: 'bum' } }, [{ op: 'replace', path: '/foo/bar', value: 'baz' }], 'replace operation does not apply: doc is missing path: /foo/bar: missing value'],
  [{ foo: ['bar'] }, [{ op: 'add', path: '/foo/2', value: 'bum' }], "error in add for path: '/foo/2': Unable to access invalid index: 2: invalid index referenced"],
  [{ foo: [] }, [{ op: 'remove', path: '/foo/-' }], 'strconv.Atoi: parsing "-": invalid syntax'],
  [{ foo: [] }, [{ op: 'remove', path: '/foo/-1' }], "error in remove for path: '/foo/-1': Unable to access invalid index: -1: invalid index referenced"],
  [{}, [{ op: null, path: '' }], 'Unexpected kind: unknown'],
  [{}, [{ op: 'add', path: null }], 'add operation failed to decode path: missing value'],
  [{}, [{ op: 'copy', from: null }], 'copy operation failed to decode from: operation, missing from field: missing value'],
  [{ foo: ['bar'] }, [{ op: 'copy', path: '/foo/2', from: '/foo/0' }], "error while adding value during copy: Unable to access invalid index: 2: invalid index referenced"],
  [{ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/4' }], "error in move for path: '/foo/4': Unable to access invalid index: 4: invalid index referenced"],
];

const testCases: [doc: JsonValue, patch: JsonObject[], failedPath: string | undefined][] = [
  [{ baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], undefined],
  [{ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], '/baz'],
  [{ baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 'c' }], '/foo/1'],
  [{ baz: 'qux' }, [{ op: 'test', path: '/foo', value: 42 }], '/foo'],
  [{ baz: 'qux' }, [{ op: 'test', path: '/foo', value: null }], undefined],
  [{ foo: null }, [{ op: 'test', path: '/foo', value: null }], undefined],
  [{ foo: {} }, [{ op: 'test', path: '/foo', value: null }], '/foo'],
  [{ foo: [] }, [{ op: 'test', path: '/foo', value: null }], '/foo'],
  [{ 'baz/foo': 'qux' }, [{ op: 'test', path: '/baz~1foo', value: 'qux' }], undefined],
  [{ foo: [] }, [{ op: 'test', path: '/foo' }], '/foo'],
];

describe('evanphx/json-patch v4 tables', () => {
  test.each(cases)('%j + %j', (doc, patch, result) => {
    expect(applyJsonPatchOps(doc, patch, 100)).toEqual(result);
  });

  test.each(badCases)('%j + %j fails', (doc, patch, message) => {
    expect(() => applyJsonPatchOps(doc, patch, 100)).toThrow(message);
  });

  test('copies past the accumulated size limit fail', () => {
    expect(() => applyJsonPatchOps({ foo: ['A', a49] },
      [{ op: 'copy', path: '/foo/-', from: '/foo/1' }, { op: 'copy', path: '/foo/-', from: '/foo/1' }], 100))
      .toThrow('Unable to complete the copy, the accumulated size increase of copy is 102, exceeding the limit 100');
  });

  test.each(testCases)('test op on %j: %j', (doc, patch, failedPath) => {
    if (failedPath === undefined) expect(() => applyJsonPatchOps(doc, patch)).not.toThrow();
    else expect(() => applyJsonPatchOps(doc, patch)).toThrow(`testing value ${failedPath} failed: test failed`);
  });

  test('the input document is not modified', () => {
    const doc = { foo: 'bar', qux: { baz: 1, bar: null } };
    applyJsonPatchOps(doc, [{ op: 'remove', path: '/qux/bar' }]);
    expect(doc).toEqual({ foo: 'bar', qux: { baz: 1, bar: null } });
  });
});

describe("the API server's answers", () => {
  const pod: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'x' } } };
  const fail = (patch: unknown) => {
    try {
      applyJsonPatch(pod, patch);
    } catch (e) {
      if (e instanceof ApiError) return e.status;
      throw e;
    }
    throw new Error('no error');
  };

  test('a failed operation is the generic 422 kubectl prints as "The request is invalid: ..."', () => {
    expect(fail([{ op: 'remove', path: '/metadata/labels/missing' }])).toEqual({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422, message: JSON_PATCH_REJECTED, details: {},
    });
    expect(JSON_PATCH_REJECTED).toBe('the server rejected our request due to an error in our request');
  });

  test('a body that is not a list of operations is a 400 from the decoder', () => {
    expect(fail({ op: 'add' })).toMatchObject({ code: 400, reason: 'BadRequest',
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
    expect(fail(['x'])).toMatchObject({ code: 400,
      message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation' });
  });

  test('a good patch returns the patched document', () => {
    expect(applyJsonPatch(pod, [{ op: 'replace', path: '/metadata/labels/app', value: 'y' }]))
      .toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'y' } } });
  });
});
