// --sort-by's pieces: Go's sort.Sort, ParseQuantity's ordering and the comparator's errors.
import { describe, expect, test } from 'vitest';
import { goSort } from '../../src/cli/printers/go-sort.js';
import { isLess, parseQuantityNano, sortObjects, sortTableRows } from '../../src/cli/printers/sort.js';
import { PrintError } from '../../src/cli/printers/json.js';

describe('parseQuantityNano', () => {
  test.each([
    ['0', 0n],
    ['100m', 100_000_000n],
    ['0.1', 100_000_000n],
    ['1', 1_000_000_000n],
    ['1Ki', 1024n * 10n ** 9n],
    ['1.5Gi', 1610612736n * 10n ** 9n],
    ['2e3', 2000n * 10n ** 9n],
    ['1E', 10n ** 27n],
    ['-250m', -250_000_000n],
    ['+5', 5n * 10n ** 9n],
    ['007', 7n * 10n ** 9n],
    ['1.5n', 2n],
    ['-', 0n],
    ['99999999999999999999', 9223372036854775807n * 10n ** 9n],
  ])('%s', (s, want) => {
    expect(parseQuantityNano(s)).toBe(want);
  });

  test.each(['', 'abc', '10.244.1.4', '1e', 'K', '1Mix', '2025-03-14T09:26:53Z', 'v1.32'])('%s is not a quantity', (s) => {
    expect(parseQuantityNano(s)).toBeUndefined();
  });
});

describe('isLess', () => {
  test('missing values first, numbers, quantities, then bytewise strings', () => {
    expect(isLess(null, 'a')).toBe(true);
    expect(isLess('a', null)).toBe(false);
    expect(isLess(2, 10)).toBe(true);
    expect(isLess('500m', '2')).toBe(true);
    expect(isLess('pod-10', 'pod-9')).toBe(true);
    expect(isLess('Pod', 'pod')).toBe(true);
  });
  test('mixed or composite values cannot be compared', () => {
    expect(() => isLess(1, 'a')).toThrow('unsortable interface: interface');
    expect(() => isLess(1, 1.5)).toThrow('unsortable interface: interface');
    expect(() => isLess({}, {})).toThrow('unsortable type: map[string]interface {}');
    expect(() => isLess([], [])).toThrow('unsortable type: []interface {}');
    expect(() => isLess(true, false)).toThrow('unsortable type: bool');
  });
});

describe('goSort', () => {
  test('sorts', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    goSort(xs, (a, b) => a < b);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
  test('is unstable the way Go 1.23 is: equal keys keep insertion-sort order under 13 items', () => {
    const xs = [3, 1, 2, 1, 3].map((k, i) => ({ k, i }));
    goSort(xs, (a, b) => a.k < b.k);
    expect(xs.map((x) => x.i)).toEqual([1, 3, 2, 0, 4]);
  });
});

describe('sortObjects', () => {
  const pod = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, ...extra });
  test('sorts a copy', () => {
    const objs = [pod('b'), pod('a')];
    expect(sortObjects(objs, '.metadata.name').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(objs[0].metadata.name).toBe('b');
  });
  test('a field no object has is an error', () => {
    expect(() => sortObjects([pod('a'), pod('b')], '{.spec.x}')).toThrow('couldn\'t find any field with path "{.spec.x}" in the list of objects');
  });
  test('unsortable values end kubectl with klog\'s fatal line', () => {
    try {
      sortObjects([pod('a', { spec: { x: {} } }), pod('b', { spec: { x: {} } })], '.spec.x', { now: new Date(2025, 2, 14, 9, 5, 7, 123) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PrintError);
      const err = e as PrintError;
      expect(err.raw).toBe(true);
      expect(err.exitCode).toBe(1);
      expect(err.message).toMatch(/^F0314 09:05:07\.123000 +\d+ sorter\.go:329\] Field \{\.spec\.x\} in \*unstructured\.Unstructured is an unsortable type: interface, err: unsortable type: map\[string\]interface \{\}\n$/);
    }
  });
  test('table rows sort only when there are two or more', () => {
    expect(sortTableRows([{ o: pod('a') }], (r) => r.o, '.nothing')).toHaveLength(1);
    const rows = sortTableRows([{ o: pod('b') }, { o: pod('a') }], (r) => r.o, 'metadata.name');
    expect(rows.map((r) => r.o.metadata.name)).toEqual(['a', 'b']);
    expect(() => sortTableRows([{ o: pod('b') }, { o: pod('a') }], (r) => r.o, '{.a[')).toThrow('sorting error: unterminated array');
  });
});
