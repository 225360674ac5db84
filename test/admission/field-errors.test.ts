// The field.Error model and the string checks every kind shares, against upstream's outputs.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  FieldPath, aggregateMessage, duplicate, errorString, forbidden, goQuote, invalid, notSupported, required, tooLong, tooMany,
} from '../../src/api/field-errors.js';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, issuePath, nameIsDNSSubdomain,
  validateObjectMeta, zodIssuesToFieldErrors, zodUnknownFields,
} from '../../src/api/validation.js';

describe('field errors render as ErrorBody does', () => {
  const p = FieldPath.of('spec').child('containers').index(0).child('image');
  test.each([
    [required(p), 'spec.containers[0].image: Required value'],
    [required(p, 'must be set'), 'spec.containers[0].image: Required value: must be set'],
    [invalid(p, 'Foo', 'bad'), 'spec.containers[0].image: Invalid value: "Foo": bad'],
    [invalid(p, 70000, 'too big'), 'spec.containers[0].image: Invalid value: 70000: too big'],
    [invalid(p, null, 'gone'), 'spec.containers[0].image: Invalid value: null: gone'],
    [notSupported(p, 'x', ['a', 'b']), 'spec.containers[0].image: Unsupported value: "x": supported values: "a", "b"'],
    [duplicate(p, 'c'), 'spec.containers[0].image: Duplicate value: "c"'],
    [forbidden(p, 'no'), 'spec.containers[0].image: Forbidden: no'],
    [tooLong(p, 10), 'spec.containers[0].image: Too long: may not be more than 10 bytes'],
    [tooMany(p, 5, 3), 'spec.containers[0].image: Too many: 5: must have at most 3 items'],
    [tooMany(p, -1, 3), 'spec.containers[0].image: Too many: must have at most 3 items'],
  ])('%#', (e, want) => {
    expect(errorString(e)).toBe(want);
  });

  test('map keys in paths, Go quoting, aggregation', () => {
    expect(FieldPath.of('metadata', 'labels').key('app').toString()).toBe('metadata.labels[app]');
    expect(goQuote('a"b\\c\n\x01é')).toBe('"a\\"b\\\\c\\n\\x01é"');
    expect(aggregateMessage([required('a'), required('a'), required('b')])).toBe('[a: Required value, b: Required value]');
    expect(aggregateMessage([required('a')])).toBe('a: Required value');
  });
});

describe('name checks', () => {
  test.each([
    ['isDNS1123Label', isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']],
    ['isDNS1123Label', isDNS1123Label('a.b'), ['must not contain dots']],
    ['isDNS1123Subdomain', isDNS1123Subdomain('ok.example.com'), []],
    ['isDNS1035Label', isDNS1035Label('web'), []],
    ['isQualifiedName', isQualifiedName('example.com/'), ["name part must be non-empty",
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    ['isValidPortName', isValidPortName('-Http--'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens', 'must not begin or end with a hyphen']],
  ])('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });

  test('generateName may end in a dash, a name may not; a name is required', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
    expect(validateObjectMeta({ namespace: 'default' }, true, nameIsDNSSubdomain).map(errorString))
      .toEqual(['metadata.name: Required value: name or generateName is required']);
    expect(validateObjectMeta({ name: 'n', namespace: 'x' }, false, nameIsDNSSubdomain).map(errorString))
      .toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    expect(validateObjectMeta({ name: 'n', finalizers: ['foo'] }, false, nameIsDNSSubdomain).map(errorString))
      .toEqual(['metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified']);
  });
});

describe('zod issues', () => {
  const schema = z.strictObject({ spec: z.strictObject({ containers: z.array(z.strictObject({ name: z.string(), port: z.number().int().optional() })) }) });
  const input = { spec: { containers: [{ name: 'c', foo: 1, port: 'x' }], bar: 2 } };
  const issues = schema.safeParse(input).error!.issues;

  test('unknown keys become strict-decoding paths', () => {
    expect(zodUnknownFields(issues).sort()).toEqual(['spec.bar', 'spec.containers[0].foo']);
    expect(issuePath(['spec', 'containers', 0, 'name'])).toBe('spec.containers[0].name');
  });

  test('the other issues become field errors, never zod wording', () => {
    expect(zodIssuesToFieldErrors(issues, input).map(errorString)).toEqual(['spec.containers[0].port: Invalid value: "x": must be of type integer']);
  });
});
