// Ported from k8s.io/cli-runtime/pkg/printers/tableprinter_test.go (v0.32): tables in, kubectl's
// text out.
import { describe, expect, test } from 'vitest';
import { printTable } from '../../src/cli/printers/table.js';
import type { PrintOptions } from '../../src/cli/printers/table.js';
import type { Table, TableCell, TableColumn, TableRow } from '../../src/api/table.js';

const testPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'test-pod-name',
    namespace: 'test-namespace',
    labels: { 'first-label': '12', 'second-label': 'label-value' },
  },
};

function col(name: string, type: string, extra: Partial<TableColumn> = {}): TableColumn {
  return { name, type, format: '', description: '', priority: 0, ...extra };
}
function row(cells: TableCell[], object: unknown = undefined): TableRow {
  return { cells, object };
}
function table(columnDefinitions: TableColumn[], rows: TableRow[]): Table {
  return { columnDefinitions, rows };
}

const fiveColumns = [col('Name', 'string'), col('Ready', 'string'), col('Status', 'string'), col('Retries', 'integer'), col('Age', 'string')];
const wideLastTwo = [col('Name', 'string'), col('Ready', 'string'), col('Status', 'string'),
  col('Retries', 'integer', { priority: 1 }), col('Age', 'string', { priority: 1 })];
const oneRow = [row(['test1', '1/1', 'podPhase', 5, '20h'])];
const threeRows = [
  row(['test1', '1/1', 'podPhase', 5, '20h']),
  row(['test2', '1/2', 'podPhase', 30, '21h']),
  row(['test3', '4/4', 'podPhase', 1, '22h']),
];

describe('printTable', () => {
  test.each<[string, Table, PrintOptions, string]>([
    ['no columns and no rows print nothing', table([], []), {}, ''],
    ['no rows print nothing, not even headers', table(fiveColumns, []), {}, ''],
  ])('%s', (_name, t, opts, want) => {
    expect(printTable(t, opts)).toBe(want);
  });

  test.each<[string, Table, PrintOptions, string]>([
    ['priority columns hidden', table(wideLastTwo, oneRow), {},
      'NAME    READY   STATUS\ntest1   1/1     podPhase\n'],
    ['priority columns hidden, several rows', table(wideLastTwo, threeRows), {},
      'NAME    READY   STATUS\ntest1   1/1     podPhase\ntest2   1/2     podPhase\ntest3   4/4     podPhase\n'],
    ['priority columns shown when wide', table(wideLastTwo, oneRow), { wide: true },
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\n'],
    ['priority columns shown when wide, several rows', table(wideLastTwo, threeRows), { wide: true },
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\ntest2   1/2     podPhase   30        21h\ntest3   4/4     podPhase   1         22h\n'],
  ])('column priority: %s', (_name, t, opts, want) => {
    expect(printTable(t, opts)).toBe(want);
  });

  test.each<[string, Table, PrintOptions, string]>([
    ['headers', table(fiveColumns, oneRow), {},
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\n'],
    ['headers, several rows', table(fiveColumns, threeRows), {},
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\ntest2   1/2     podPhase   30        21h\ntest3   4/4     podPhase   1         22h\n'],
    ['--no-headers', table(fiveColumns, oneRow), { noHeaders: true },
      'test1   1/1   podPhase   5     20h\n'],
    ['--no-headers, several rows', table(fiveColumns, threeRows), { noHeaders: true },
      'test1   1/1   podPhase   5     20h\ntest2   1/2   podPhase   30    21h\ntest3   4/4   podPhase   1     22h\n'],
  ])('column headers: %s', (_name, t, opts, want) => {
    expect(printTable(t, opts)).toBe(want);
  });

  test('with namespace: NAMESPACE column from the row object', () => {
    const t = table(fiveColumns, [row(['test1', '1/1', 'podPhase', 5, '20h'], testPod)]);
    expect(printTable(t, { withNamespace: true })).toBe(
      'NAMESPACE        NAME    READY   STATUS     RETRIES   AGE\n'
      + 'test-namespace   test1   1/1     podPhase   5         20h\n');
  });

  test('with kind: the name column is prefixed with the lower-cased kind', () => {
    const cols = [col('Name', 'string', { format: 'name' }), ...fiveColumns.slice(1)];
    expect(printTable(table(cols, oneRow), { withKind: 'Pod' })).toBe(
      'NAME        READY   STATUS     RETRIES   AGE\n'
      + 'pod/test1   1/1     podPhase   5         20h\n');
  });

  test.each<[string, PrintOptions, string]>([
    ['--show-labels', { showLabels: true },
      'NAME    READY   STATUS     RETRIES   AGE   LABELS\n'
      + 'test1   1/1     podPhase   5         20h   first-label=12,second-label=label-value\n'],
    ['-L second-label', { columnLabels: ['second-label'] },
      'NAME    READY   STATUS     RETRIES   AGE   SECOND-LABEL\n'
      + 'test1   1/1     podPhase   5         20h   label-value\n'],
    ['-L first-label -L second-label', { columnLabels: ['first-label', 'second-label'] },
      'NAME    READY   STATUS     RETRIES   AGE   FIRST-LABEL   SECOND-LABEL\n'
      + 'test1   1/1     podPhase   5         20h   12            label-value\n'],
  ])('with labels: %s', (_name, opts, want) => {
    const t = table(fiveColumns, [row(['test1', '1/1', 'podPhase', 5, '20h'], testPod)]);
    expect(printTable(t, opts)).toBe(want);
  });

  test.each<[string, TableColumn[], TableCell[], string]>([
    ['a multiline string is cut at the first newline',
      [col('Name', 'string'), col('Age', 'string'), col('Description', 'string')],
      ['test1', '20h', 'This is first line\nThis is second line\nThis is third line\nand another one\n'],
      'NAME    AGE   DESCRIPTION\ntest1   20h   This is first line...\n'],
    ['a lengthy string is printed whole',
      [col('Name', 'string'), col('Age', 'string'), col('Description', 'string')],
      ['test1', '20h', 'This is first line which is long and goes for on and on and on an on and on and on and on and on and on and on and on and on and on and on'],
      'NAME    AGE   DESCRIPTION\ntest1   20h   This is first line which is long and goes for on and on and on an on and on and on and on and on and on and on and on and on and on and on\n'],
    ['a lengthy string with a newline is cut',
      [col('Name', 'string'), col('Age', 'string'), col('Description', 'string')],
      ['test1', '20h', 'This is first\n line which is long and goes for on and on and on an on and on and on and on and on and on and on and on and on and on and on'],
      'NAME    AGE   DESCRIPTION\ntest1   20h   This is first...\n'],
    ['a terminal escape is made visible',
      [col('Name', 'string')],
      ['test1\x1b'],
      'NAME\ntest1^[\n'],
  ])('strings: %s', (_name, cols, cells, want) => {
    expect(printTable(table(cols, [row(cells)]))).toBe(want);
  });

  test('a carriage return or form feed also cuts a cell', () => {
    const t = table([col('Name', 'string'), col('Message', 'string')], [row(['a', 'one\rtwo']), row(['b', 'x\x1by\fz'])]);
    expect(printTable(t)).toBe('NAME   MESSAGE\na      one...\nb      x^[y...\n');
  });

  test('null cells print empty, booleans as Go prints them', () => {
    const t = table([col('Name', 'string'), col('Ok', 'boolean'), col('Note', 'string')], [row(['a', true, null]), row(['bb', false, 'x'])]);
    expect(printTable(t)).toBe('NAME   OK      NOTE\na      true    \nbb     false   x\n');
  });

  test('a row object without metadata gets empty namespace and label cells', () => {
    const t = table([col('Name', 'string'), col('Age', 'string')], [row(['a', '1s'], testPod), row(['b', '2s'], 'not an object')]);
    expect(printTable(t, { withNamespace: true, showLabels: true })).toBe(
      'NAMESPACE        NAME   AGE   LABELS\n'
      + 'test-namespace   a      1s    first-label=12,second-label=label-value\n'
      + '                 b      2s    \n');
  });
});
