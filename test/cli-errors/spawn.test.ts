// The built bin/mk as a script sees it: exit codes and the split between stdout and stderr for
// rejected input, and nothing stored afterwards.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MkHome } from '../e2e/harness.js';

describe('bin/mk on bad input', () => {
  const home = new MkHome();
  const file = (name: string, text: string) => {
    const path = join(home.dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('a file with one bad document: exit 1, the good ones applied', () => {
    const f = file('mixed.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n---\n'
      + 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: bad\n');
    const r = home.run(['apply', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('configmap/good created\n');
    expect(r.stderr).toBe(`error: resource mapping not found for name: "bad" namespace: "" from "${f}": no matches for kind "Foo" in version "v1"\n`
      + 'ensure CRDs are installed first\n');
    expect(home.ok('get', 'cm', 'good', '-o', 'name')).toBe('configmap/good\n');
  });

  test('a rejected object is not stored', () => {
    const f = file('invalid.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: noimage\nspec:\n  containers:\n  - name: c\n');
    const r = home.run(['create', '-f', f]);
    expect(r).toEqual({ stdout: '', stderr: 'The Pod "noimage" is invalid: spec.containers[0].image: Required value\n', code: 1 });
    expect(home.run(['get', 'pod', 'noimage']))
      .toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "noimage" not found\n', code: 1 });
  });

  test('stdin', () => {
    const r = home.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: 1\n' });
    expect(r).toEqual({ stdout: '', stderr: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n', code: 1 });
  });

  test('misuse exits 1 before touching the cluster', () => {
    expect(home.run(['get', '--foo'])).toEqual({ stdout: '', stderr: "error: unknown flag: --foo\nSee 'mk get --help' for usage.\n", code: 1 });
    expect(home.run(['foo'])).toEqual({ stdout: '', stderr: 'error: unknown command "foo" for "mk"\n\nDid you mean this?\n\ttop\n', code: 1 });
  });
});
