// `-o go-template` through the CLI: the flags that select it (--template, go-template-file,
// --allow-missing-template-keys) and how its errors reach stdout, stderr and the exit code. The
// expected text is what kubectl 1.32 printed for the same objects (through the kubectl oracle).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('get -o go-template', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'namespace', 'work');
    home.ok('create', 'configmap', 'c1', '-n', 'work', '--from-literal=a.b=1', '--from-literal=x=y');
    home.ok('create', 'secret', 'generic', 's1', '-n', 'work', '--from-literal=user=admin', '--from-literal=pass=s#cret!');
  });
  afterAll(() => home.dispose());

  test('a List: range over items, map keys with dots through index, maps in key order', () => {
    expect(home.ok('get', 'cm,secret', '-n', 'work', '-o',
      'go-template={{range .items}}{{.kind}}/{{.metadata.name}}{{if .data}}:{{range $k, $v := .data}} {{$k}}{{end}}{{end}}{{"\\n"}}{{end}}'))
      .toBe('ConfigMap/c1: a.b x\nConfigMap/kube-root-ca.crt: ca.crt\nSecret/s1: pass user\n');
    expect(home.ok('get', 'cm', 'c1', '-n', 'work', '-o', 'go-template={{index .data "a.b"}} {{.data.x}} {{.kind}} {{.items}}'))
      .toBe('1 y ConfigMap <no value>');
  });

  test('--template alone selects go-template; base64decode reads a Secret', () => {
    expect(home.ok('get', 'secret', 's1', '-n', 'work', '--template={{.data.user | base64decode}}:{{base64decode .data.pass}}'))
      .toBe('admin:s#cret!');
  });

  test('go-template-file and a missing file', () => {
    const file = join(home.dir, 't.tmpl');
    writeFileSync(file, '{{range .items}}{{.metadata.name}}\n{{end}}');
    expect(home.ok('get', 'cm', '-n', 'work', '-o', `go-template-file=${file}`)).toBe('c1\nkube-root-ca.crt\n');
    const r = home.run(['get', 'cm', '-n', 'work', '-o', 'go-template-file=/nonexistent.tmpl']);
    expect(r).toEqual({ stdout: '', stderr: 'error: error reading --template /nonexistent.tmpl, open /nonexistent.tmpl: no such file or directory\n', code: 1 });
  });

  test('--allow-missing-template-keys=false: kubectl\'s debugging dump on stdout, the error on stderr', () => {
    const r = home.run(['get', 'cm', 'c1', '-n', 'work', '-o', 'go-template={{.metadata.name}} {{.nope}}', '--allow-missing-template-keys=false']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'c1 Error executing template: template: output:1:21: executing "output" at <.nope>: map has no entry for key "nope". Printing more information for debugging the template:',
      '\ttemplate was:',
      '\t\t{{.metadata.name}} {{.nope}}',
    ]);
    expect(r.stderr).toBe('error: error executing template "{{.metadata.name}} {{.nope}}": template: output:1:21: executing "output" at <.nope>: map has no entry for key "nope"\n');
  });

  test('a template that does not parse', () => {
    expect(home.run(['get', 'cm', '-n', 'work', '-o', 'go-template={{.x'])).toEqual({
      stdout: '', stderr: 'error: error parsing template {{.x, template: output:1: unclosed action\n', code: 1,
    });
    expect(home.run(['get', 'cm', '-n', 'work', '-o', 'go-template={{foo}}'])).toEqual({
      stdout: '', stderr: 'error: error parsing template {{foo}}, template: output:1: function "foo" not defined\n', code: 1,
    });
  });

  test('create --dry-run=client prints through the same printer', () => {
    expect(home.ok('create', 'deployment', 'x', '--image=nginx', '--replicas=3', '--dry-run=client', '-o',
      'go-template={{.spec.replicas}} {{printf "%d|%v" .spec.replicas .metadata.labels}} {{range .spec.template.spec.containers}}{{.image}}{{end}}'))
      .toBe('3 3|map[app:x] nginx');
  });
});
