// `-o go-template` against what the real kubectl 1.32 printed for the same objects and templates
// (test/fixtures/printers/go-template: objects.json, templates.txt, record.sh -> cases.json,
// recorded through the kubectl oracle; its output is stdout then stderr). Cases run through
// printObjects, the dispatcher `mk get` uses, so the lazy loading of the engine is covered too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { printObjects } from '../../src/cli/flags/print-flags.js';
import type { PrintableObject } from '../../src/cli/printers/json.js';
import { executeGoTemplate } from '../../src/cli/printers/go-template.js';

const DIR = join(__dirname, '../fixtures/printers/go-template');
const objects = (JSON.parse(readFileSync(join(DIR, 'objects.json'), 'utf8')) as { items: PrintableObject[] }).items;
interface Case { target: string; allowMissingKeys: boolean; template: string; output: string; exitCode: number }
const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];

/** What kubectl leaves on stdout+stderr: the printed text, or what it printed and `error: ...`. */
async function run(c: Case): Promise<{ output: string; exitCode: number }> {
  const single = c.target === 'pod web';
  let out = '';
  try {
    out += await printObjects(`go-template=${c.template}`, single ? [objects[0]] : objects, {
      single, allowMissingTemplateKeys: c.allowMissingKeys, io: { out: (s) => { out += s; } },
    });
    return { output: out, exitCode: 0 };
  } catch (e) {
    const msg = (e as Error).message;
    return { output: `${out}error: ${msg}${msg.endsWith('\n') ? '' : '\n'}`, exitCode: 1 };
  }
}

describe('go-template output matches kubectl', () => {
  test.each(cases.map((c, i) => [i, c.target, c.template, c] as const))('#%i get %s -o go-template=%s', async (_i, _t, _tpl, c) => {
    expect(await run(c)).toEqual({ output: c.output, exitCode: c.exitCode });
  });

  test('the fixture holds both successes and kubectl errors', () => {
    expect(cases.filter((c) => c.exitCode === 0).length).toBeGreaterThan(80);
    expect(cases.filter((c) => c.exitCode !== 0).length).toBeGreaterThan(40);
  });
});

describe('text/template details', () => {
  test('maps range in key order and nested ranges reach $', () => {
    const data = { b: 2, a: 1, list: [{ n: 'x' }, { n: 'y' }], name: 'top' };
    expect(executeGoTemplate('{{range $k, $v := .}}{{$k}} {{end}}|{{range .list}}{{$.name}}.{{.n}} {{end}}', data))
      .toBe('a b list name |top.x top.y ');
  });

  test('numbers: integral ones are int64, others float64 in %v form', () => {
    expect(executeGoTemplate('{{.a}} {{.b}} {{.c}} {{printf "%d" .a}} {{printf "%d" .b}}', { a: 1000000, b: 1.5, c: 1e21 }))
      .toBe('1000000 1.5 1e+21 1000000 %!d(float64=1.5)');
  });

  test('missing keys: <no value>, or an error when not allowed', () => {
    expect(executeGoTemplate('{{.x}}', {})).toBe('<no value>');
    expect(() => executeGoTemplate('{{.x}}', {}, { allowMissingKeys: false }))
      .toThrow('template: output:1:2: executing "output" at <.x>: map has no entry for key "x"');
  });

  test('line and column of an error on a later line', () => {
    expect(() => executeGoTemplate('a\n  {{.x.y.z}}', { x: 'str' }))
      .toThrow('template: output:2:6: executing "output" at <.x.y.z>: can\'t evaluate field y in type interface {}');
  });
});
