// kubectl's client-side output formats, byte for byte: each case in
// test/fixtures/printers/cases.ts was run by the real kubectl 1.32 (record.test.ts); here the
// same objects go through mk's print flags and printers, errors through the CLI's error
// reporter, and the combined output must equal the recorded one. A small stand-in for the API
// server picks the objects the command line names, in the order the server returns them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { reportError } from '../../src/cli/errors.js';
import type { CliIO } from '../../src/cli/io.js';
import { printObjects, toPrinter, type PrintFlagValues } from '../../src/cli/flags/print-flags.js';
import type { PrintableObject } from '../../src/cli/printers/json.js';
import { printerCases, type PrinterCase } from '../fixtures/printers/cases.js';

const repo = join(import.meta.dirname, '../..');

const RESOURCES: Record<string, { kind: string; namespaced: boolean }> = {
  pods: { kind: 'Pod', namespaced: true }, pod: { kind: 'Pod', namespaced: true }, po: { kind: 'Pod', namespaced: true },
  nodes: { kind: 'Node', namespaced: false }, node: { kind: 'Node', namespaced: false },
  configmaps: { kind: 'ConfigMap', namespaced: true }, configmap: { kind: 'ConfigMap', namespaced: true }, cm: { kind: 'ConfigMap', namespaced: true },
  deployments: { kind: 'Deployment', namespaced: true }, deploy: { kind: 'Deployment', namespaced: true },
  svc: { kind: 'Service', namespaced: true }, services: { kind: 'Service', namespaced: true },
};

interface GetLine {
  resources: string[];
  name?: string;
  allNamespaces: boolean;
  selector?: string;
  flags: PrintFlagValues;
}

function parseGet(args: string[]): GetLine {
  const line: GetLine = { resources: [], allNamespaces: false, flags: {} };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '-A': line.allNamespaces = true; break;
      case '-l': line.selector = value(); break;
      case '-o': line.flags.output = value(); break;
      case '--sort-by': line.flags.sortBy = value(); break;
      case '--template': line.flags.template = value(); break;
      case '--no-headers': line.flags.noHeaders = true; break;
      case '--show-managed-fields': line.flags.showManagedFields = true; break;
      case '--allow-missing-template-keys': line.flags.allowMissingTemplateKeys = value() !== 'false'; break;
      default: positional.push(a);
    }
  }
  line.resources = positional[0].split(',');
  line.name = positional[1];
  return line;
}

function select(all: PrintableObject[], line: GetLine): PrintableObject[] {
  if (line.selector) return [];
  return line.resources.flatMap((r) => {
    const res = RESOURCES[r];
    return all.filter((o) => o.kind === res.kind
      && (!res.namespaced || line.allNamespaces || (o.metadata as { namespace?: string }).namespace === 'default')
      && (!line.name || (o.metadata as { name?: string }).name === line.name));
  });
}

function capture(): CliIO & { text: () => string } {
  let text = '';
  return { out: (s) => { text += s; }, err: (s) => { text += s; }, readStdin: async () => '', isTTY: false, text: () => text };
}

async function run(c: PrinterCase): Promise<{ output: string; exit: number }> {
  const objects = JSON.parse(readFileSync(join(repo, 'test/fixtures/printers', c.fixture), 'utf8')) as PrintableObject[];
  const io = capture();
  let exit = 0;
  try {
    if (c.args[0] === 'create') {
      toPrinter({ output: c.args[c.args.indexOf('-o') + 1], operation: 'created', outputFlagSpecified: true });
    } else {
      const line = parseGet(c.args.slice(1));
      const selected = select(objects, line);
      const single = line.resources.length === 1 && line.name !== undefined;
      io.out(await printObjects(line.flags.output ?? '', selected, { ...line.flags, single, io }));
    }
  } catch (e) {
    exit = reportError(e, io);
  }
  return { output: io.text(), exit };
}

/** klog stamps its fatal lines with the time and the process id. */
const unstamp = (s: string) => s.replace(/^F\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'F0000 00:00:00.000000       1 ');

describe('kubectl 1.32 client-side output formats', () => {
  test.each(printerCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const golden = readFileSync(join(repo, 'test/golden/printers', `${name}.txt`), 'utf8');
    const { output, exit } = await run(c);
    expect(unstamp(output)).toBe(unstamp(golden));
    expect(exit).toBe(c.exit ?? 0);
  });
});
