// JSON merge patch (RFC 7386) as the 1.32 API server applies it (evanphx/json-patch v4
// MergePatch): the RFC's Appendix A table, the library's own tests, and its departures.
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/apiserver/errors.js';
import { applyMergePatch, createMergePatch, type JsonObject, type JsonValue } from '../../src/apiserver/patch/merge.js';

// RFC 7386 Appendix A (the library's TestMergePatchRFCCases), with the rows whose target or
// patch is not an object adapted to what the library does with them.
const rfcCases: [target: JsonValue, patch: JsonObject, result: JsonValue][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  [['a', 'b'], { a: 'b' }, { a: 'b' }],
];

describe('RFC 7386 Appendix A', () => {
  test.each(rfcCases)('%j + %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });
});

describe('evanphx/json-patch v4 MergePatch', () => {
  test('replaces a key and leaves the others', () => {
    expect(applyMergePatch({ title: 'hello', age: 18 }, { title: 'goodbye' })).toEqual({ title: 'goodbye', age: 18 });
  });

  test('a null in the document is replaced by an object', () => {
    expect(applyMergePatch({ title: null }, { title: { foo: 'bar' } })).toEqual({ title: { foo: 'bar' } });
  });

  test('recurses into objects', () => {
    expect(applyMergePatch({ person: { title: 'hello', age: 18 } }, { person: { title: 'goodbye' } }))
      .toEqual({ person: { title: 'goodbye', age: 18 } });
  });

  test.each([
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ a: [{ b: 'c' }] }, { a: [null, 1] }, { a: [null, 1] }],
    [{ a: ['b'] }, { a: ['b', null] }, { a: ['b', null] }],
    [{ a: [] }, { a: ['b', null, null, 'a'] }, { a: ['b', null, null, 'a'] }],
  ] as [JsonObject, JsonObject, JsonObject][])('nulls inside a list are kept: %j + %j', (doc, patch, result) => {
    expect(applyMergePatch(doc, patch)).toEqual(result);
  });

  test('an array patch becomes the document, nulls kept', () => {
    expect(applyMergePatch(['a', null], [null])).toEqual([null]);
    expect(applyMergePatch(['a', 'b'], ['a', null])).toEqual(['a', null]);
  });

  test('an object replacing a scalar loses its nulls; one merged into an object keeps list nulls', () => {
    expect(applyMergePatch({ a: 1 }, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(applyMergePatch({ a: { x: 1 } }, { a: { l: [{ n: null }] } })).toEqual({ a: { x: 1, l: [{}] } });
  });

  test('keys with a slash are plain keys', () => {
    expect(applyMergePatch({ obj: { 'title/escaped': 'hello' } }, { obj: { 'title/escaped': 'goodbye' } }))
      .toEqual({ obj: { 'title/escaped': 'goodbye' } });
  });

  test('does not modify its arguments', () => {
    const doc = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    applyMergePatch(doc, patch);
    expect(doc).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  test.each([null, 'x', 3, true])('a %j patch is the server\'s 400 "Invalid JSON Patch"', (patch) => {
    try {
      applyMergePatch({ a: 1 }, patch);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
    }
  });
});

describe('CreateMergePatch', () => {
  test.each([
    [{ title: 'hello' }, { title: 'goodbye' }, { title: 'goodbye' }],
    [{ title: 'hello', age: 18 }, { title: 'hello' }, { age: null }],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, { a: [1, 2, 3] }],
    [{ a: [] }, { a: [] }, {}],
    [{ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, { a: { c: 3 } }],
    [{ a: 1 }, { a: { b: 1 } }, { a: { b: 1 } }],
    [{ a: { b: 1 } }, { a: {} }, { a: { b: null } }],
    [{ a: [{ b: 1 }] }, { a: [{ b: 2 }] }, { a: [{ b: 2 }] }],
    [{ a: null }, { a: null }, {}],
  ] as [JsonObject, JsonObject, JsonObject][])('%j → %j is %j', (original, modified, patch) => {
    expect(createMergePatch(original, modified)).toEqual(patch);
    expect(applyMergePatch(original, patch)).toEqual(modified);
  });
});
