// yaml.v2's emitter rules one at a time (the golden files check them together): which strings
// are quoted and how, map key order, block scalars and folding. Every expectation here was
// observed in kubectl 1.32's `-o yaml` output.
import { describe, expect, test } from 'vitest';
import { printYAML, toYAML, yamlKeyLess, yamlStream } from '../../src/cli/printers/yaml.js';

const value = (v: string) => toYAML({ k: v }).slice(3, -1);

describe('scalar styles', () => {
  test.each([
    ['plain text', 'nginx:1.27', 'nginx:1.27'],
    ['YAML 1.1 booleans are quoted', 'yes', '"yes"'],
    ['one-letter booleans too', 'y', '"y"'],
    ['null words', 'Null', '"Null"'],
    ['ints, octal and hex', '0755', '"0755"'],
    ['floats', '1e3', '"1e3"'],
    ['base-60 numbers', '1:20', '"1:20"'],
    ['timestamps', '2025-03-14T09:26:53Z', '"2025-03-14T09:26:53Z"'],
    ['impossible dates are strings', '2025-02-30', '2025-02-30'],
    ['empty string', '', '""'],
    ['indicator at the start', '*', "'*'"],
    ['colon-space', 'key: value', "'key: value'"],
    ['colon inside', 'a:b', 'a:b'],
    ['space-hash', 'a #b', "'a #b'"],
    ['leading space', ' x', "' x'"],
    ['single quote inside single quotes', "- it's", "'- it''s'"],
    ['tab forces double quotes', 'a\tb', '"a\\tb"'],
    ['astral characters are escaped', 'ship 🚀', '"ship \\U0001F680"'],
    ['a leading BOM escapes everything after it', '\ufeffab', '"\\uFEFF\\x61\\x62"'],
    ['multi-line', 'a\nb\n', '|\n  a\n  b'],
    ['multi-line without final newline', 'a\nb', '|-\n  a\n  b'],
    ['multi-line keeping newlines', 'a\n\n', '|+\n  a\n'],
    ['multi-line starting with a space', ' a\nb', '|2-\n   a\n  b'],
    ['space before a newline forces double quotes', 'a \nb', '"a \\nb"'],
  ])('%s', (_name, input, want) => {
    expect(value(input)).toBe(want);
  });

  test('numbers print as yaml.v2 prints int64 and float64', () => {
    expect(toYAML({ a: 3, b: 1.5, c: 1234567.5, d: 1e-7, e: 1e21, f: -0.25 }))
      .toBe('a: 3\nb: 1.5\nc: 1.2345675e+06\nd: 1e-07\ne: 1e+21\nf: -0.25\n');
  });

  test('long plain text folds after column 80', () => {
    const long = 'word '.repeat(20).trim();
    expect(toYAML({ key: long })).toBe(
      'key: word word word word word word word word word word word word word word word word\n  word word word word\n');
  });

  test('keys longer than 128 bytes become complex keys', () => {
    const k = 'k'.repeat(129);
    expect(toYAML({ [k]: 'v' })).toBe(`? ${k}\n: v\n`);
  });
});

describe('collections', () => {
  test('sequences under a key are not indented; nested ones are', () => {
    expect(toYAML({ a: [{ b: [1, [2, 3]], c: {} }, []] })).toBe('a:\n- b:\n  - 1\n  - - 2\n    - 3\n  c: {}\n- []\n');
  });
  test('an empty root map', () => {
    expect(toYAML({})).toBe('{}\n');
  });
  test('null values', () => {
    expect(toYAML({ a: null, b: [null] })).toBe('a: null\nb:\n- null\n');
  });
});

describe('key order (yaml.v2 keyList)', () => {
  test.each([
    ['item9', 'item10'],
    ['a-b', 'a.b'],
    ['a_b', 'aZ'],
    ['0-a', '0xa'],
    ['a1', 'a01'],
    ['b0', 'b00'],
    ['c1.5', 'c1.05'],
    ['Z', 'a'],
  ])('%s before %s', (a, b) => {
    expect(yamlKeyLess(a, b)).toBe(true);
    expect(yamlKeyLess(b, a)).toBe(false);
  });
});

describe('printer', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', managedFields: [{ manager: 'kubectl' }] } };
  test('a single object prints bare, without managedFields', () => {
    expect(printYAML([pod], { single: true })).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n');
  });
  test('anything else is a List', () => {
    expect(printYAML([], { single: false })).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });
  test('--show-managed-fields keeps them', () => {
    expect(printYAML([pod], { single: true, showManagedFields: true })).toContain('managedFields:\n  - manager: kubectl\n');
  });
  test('documents printed one by one are separated', () => {
    expect(yamlStream([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });
  test('characters yaml.v2 cannot read back are an error', () => {
    expect(() => toYAML({ a: 'x\u007f' })).toThrow('yaml: control characters are not allowed');
    expect(() => toYAML({ 'a\u0085b': 'v' })).toThrow("yaml: line 1: did not find expected ',' or '}'");
    expect(() => toYAML({ a: 'x\u0085--- y' })).toThrow('yaml: line 2: found unexpected document indicator');
  });
});
