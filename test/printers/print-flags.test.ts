// The -o dispatcher: which printer a format string selects, for get and for the other verbs,
// and the errors when none does. Messages are kubectl 1.32's.
import { describe, expect, test } from 'vitest';
import { NoCompatiblePrinterError, printObjects, toGetPrinter, toPrinter } from '../../src/cli/flags/print-flags.js';
import { columnsFromSpec, columnsFromTemplate, customColumnsPrinter, relaxedJSONPathExpression } from '../../src/cli/printers/custom-columns.js';
import { PrintError } from '../../src/cli/printers/json.js';
import { nameLine } from '../../src/cli/printers/name.js';

const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } };

describe('get', () => {
  test("'' and wide are the table printer's", () => {
    expect(toGetPrinter({ output: '' })).toBeUndefined();
    expect(toGetPrinter({ output: 'wide' })).toBeUndefined();
  });
  test('format names are case-insensitive for json, yaml and name only', () => {
    expect(toGetPrinter({ output: 'NAME' })!([deploy], { single: true })).toBe('deployment.apps/web\n');
    expect(() => toGetPrinter({ output: 'JSONPATH={.kind}' })).toThrow(NoCompatiblePrinterError);
  });
  test('an unknown format lists every get format', () => {
    expect(() => toGetPrinter({ output: 'foo' })).toThrow(
      'unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml');
  });
  test('--template alone means go-template', () => {
    const seen: string[] = [];
    const p = toGetPrinter({ template: '{{.kind}}' }, { goTemplate: (t) => { seen.push(t); return () => 'ok'; } });
    expect(p!([pod], { single: true })).toBe('ok');
    expect(seen).toEqual(['{{.kind}}']);
  });
  test('--template also feeds jsonpath and custom-columns', () => {
    expect(toGetPrinter({ output: 'jsonpath', template: '{.kind}' })!([pod], { single: true })).toBe('Pod');
    expect(toGetPrinter({ output: 'custom-columns', template: 'K:.kind' })!([pod], { single: true })).toBe('K\nPod\n');
  });
  test('--sort-by wraps the printer', () => {
    const b = { ...pod, metadata: { name: 'b' } };
    const a = { ...pod, metadata: { name: 'a' } };
    expect(toGetPrinter({ output: 'name', sortBy: '.metadata.name' })!([b, a], { single: false })).toBe('pod/a\npod/b\n');
  });
  test('template files are read', () => {
    const p = toGetPrinter({ output: 'jsonpath-file=x' }, { readFile: () => '{.kind}' });
    expect(p!([pod], { single: true })).toBe('Pod');
    expect(() => toGetPrinter({ output: 'jsonpath-file=x' }, { readFile: (f) => { throw new Error(`open ${f}: no such file or directory`); } }))
      .toThrow('error reading --template x, open x: no such file or directory');
  });
});

describe('other verbs', () => {
  test('no -o prints the operation', () => {
    expect(toPrinter({ operation: 'created' })([deploy], { single: true })).toBe('deployment.apps/web created\n');
  });
  test('-o name drops it', () => {
    expect(toPrinter({ output: 'name', operation: 'created' })([deploy], { single: true })).toBe('deployment.apps/web\n');
  });
  test('the error lists the generic formats and the raw -o value', () => {
    expect(() => toPrinter({ output: 'wide' })).toThrow(
      'unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml');
  });
});

describe('printObjects', () => {
  test('hands partial output to io and keeps Go\'s message whole (CheckErr adds no second newline)', async () => {
    let out = '';
    await expect(printObjects('custom-columns=A:.metadata.name,B:.x[', [pod], { single: false, io: { out: (s) => { out += s; } } }))
      .rejects.toThrow(/^unterminated array$/);
    expect(out).toBe('A     B\n');
    const err = await printObjects('jsonpath={.metadata[3]}', [pod], { single: true }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^error executing jsonpath "\{\.metadata\[3\]\}": Error executing template: map\[string\]interface \{\} is not array or slice\..*\}\n\n\n$/s);
  });
});

describe('custom columns', () => {
  test.each([
    ['foo.bar', '{.foo.bar}'], ['{foo.bar}', '{.foo.bar}'], ['.foo.bar', '{.foo.bar}'], ['{.foo.bar}', '{.foo.bar}'], ['', ''],
  ])('RelaxedJSONPathExpression(%s)', (input, want) => {
    expect(relaxedJSONPathExpression(input)).toBe(want);
  });
  test.each(['{foo.bar', 'foo.bar}', '{foo.bar}}', '{{foo.bar}'])('RelaxedJSONPathExpression(%s) fails', (input) => {
    expect(() => relaxedJSONPathExpression(input)).toThrow("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  });
  test('specs', () => {
    expect(columnsFromSpec('NAME:metadata.name,API_VERSION:apiVersion')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' }, { header: 'API_VERSION', fieldSpec: '{.apiVersion}' }]);
    expect(() => columnsFromSpec('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });
  test('templates', () => {
    expect(columnsFromTemplate('NAME   API_VERSION\n{metadata.name}  {apiVersion}\n')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' }, { header: 'API_VERSION', fieldSpec: '{.apiVersion}' }]);
    expect(() => columnsFromTemplate('')).toThrow('invalid template, missing header line.');
    expect(() => columnsFromTemplate('NAME\n')).toThrow('invalid template, missing spec line.');
    expect(() => columnsFromTemplate('A B\n.a\n')).toThrow("number of headers (2) and field specifications (1) don't match");
  });
  test('terminal escapes are neutralised and widths count runes', () => {
    const p = customColumnsPrinter(columnsFromSpec('N:.n,X:.x'));
    expect(p([{ n: 'é\x1b[31m', x: 'a\rb' }, { n: 'x', x: 'y' }], { single: false })).toBe('N         X\né^[[31m   a\\rb\nx         y\n');
  });
  test('a failing cell keeps the rows already printed', () => {
    const p = customColumnsPrinter(columnsFromSpec('A:.a[1]'));
    try {
      p([{ a: [1, 2] }, { a: [1] }], { single: false });
      expect.unreachable();
    } catch (e) {
      expect((e as PrintError).output).toBe('A\n2\n');
      expect((e as PrintError).message).toBe('array index out of bounds: index 1, length 1');
    }
  });
});

describe('name', () => {
  test('namespace prefix and missing names', () => {
    expect(nameLine(deploy, { withNamespace: true, operation: 'scaled' })).toBe('default/deployment.apps/web scaled\n');
    expect(nameLine({ apiVersion: 'v1', kind: 'Node', metadata: {} }, { withNamespace: true })).toBe('<unknown>/node/<unknown>\n');
    expect(() => nameLine({ metadata: { name: 'x' } })).toThrow('missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type');
  });
});
