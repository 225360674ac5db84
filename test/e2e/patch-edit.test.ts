// `mk patch` in its three types and `mk edit` through $EDITOR, on the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('patch and edit', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('run', 'web', '--image=nginx', '--labels=app=web');
  });
  afterAll(() => home.dispose());

  const labels = () => home.ok('get', 'pod', 'web', '-o', 'jsonpath={.metadata.labels}');

  test('strategic merge patch is the default', () => {
    expect(home.ok('patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"tier":"front"}}}')).toBe('pod/web patched\n');
    expect(labels()).toBe('{"app":"web","tier":"front"}');
  });

  test('the same patch again changes nothing', () => {
    expect(home.ok('patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"tier":"front"}}}')).toBe('pod/web patched (no change)\n');
  });

  test('a JSON merge patch with null removes a key', () => {
    expect(home.ok('patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"tier":null}}}')).toBe('pod/web patched\n');
    expect(labels()).toBe('{"app":"web"}');
  });

  test('a JSON patch, from YAML flow syntax too', () => {
    expect(home.ok('patch', 'pod', 'web', '--type=json', '-p', '[{op: add, path: /metadata/labels/x, value: "1"}]')).toBe('pod/web patched\n');
    expect(labels()).toBe('{"app":"web","x":"1"}');
  });

  test('a patch that breaks validation is refused with the API server\'s words', () => {
    const r = home.run(['patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"web","image":""}]}}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "web" is invalid: spec\.containers\[0\]\.image: Required value\n/);
  });

  test('edit applies what the editor saved', () => {
    const editor = join(home.dir, 'editor.sh');
    writeFileSync(editor, "#!/bin/sh\nsed -i 's/app: web/app: webapp/' \"$1\"\n", { mode: 0o755 });
    const r = home.run(['edit', 'pod/web'], { env: { EDITOR: editor } });
    expect(r.stdout).toBe('pod/web edited\n');
    expect(labels()).toBe('{"app":"webapp","x":"1"}');
  });

  test('an editor that changes nothing cancels the edit', () => {
    const r = home.run(['edit', 'pod/web'], { env: { EDITOR: 'true' } });
    expect(r.stderr).toBe('Edit cancelled, no changes made.\n');
    expect(r.code).toBe(0);
  });
});
