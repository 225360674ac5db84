// Bad manifests through `mk apply -f` and `mk create -f`: kubectl 1.32's exact words on stderr,
// the successes on stdout in document order, exit 1, and nothing stored from a rejected
// document (each case lists what is stored afterwards). Expected texts were produced by the
// real kubectl 1.32 (the read-only oracle for client-side failures; a writable stand-in server
// for the order of successes and server errors) or read from its source where a real API
// server's answer was needed (apply.go, create.go, builder.go, visitor.go, helpers.go).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InProcessMk } from './harness.js';

const mk = new InProcessMk();
beforeAll(() => mk.setUp(), 60_000);
afterAll(() => mk.tearDown());

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
const pod = (name: string, containers = '  - name: c\n    image: nginx\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n${containers}`;

describe('syntax errors end the file; nothing from it is stored after the error', () => {
  test('YAML: a key indented less than its siblings (go-yaml: did not find expected key)', async () => {
    const f = mk.file('indent.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: indent\n data:\n  a: b\n');
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '',
      stderr: 'error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
      code: 1,
    });
    expect(await mk.names('cm')).not.toContain('configmap/indent');
  });

  test('YAML: a tab used for indentation', async () => {
    const f = mk.file('tab.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tab\n');
    const r = await mk.run('create', '-f', f);
    expect(r.stderr).toBe('error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n');
    expect(r.code).toBe(1);
  });

  test('YAML: the documents before the broken one are applied, the ones after are not', async () => {
    const f = mk.file('mid.yaml', `${cm('mid-1')}---\n${cm('mid-2', ' bad: 1\n')}---\n${cm('mid-3')}`);
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: 'configmap/mid-1 created\n',
      stderr: 'error: error parsing mid.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
      code: 1,
    });
    const stored = await mk.names('cm');
    expect(stored).toContain('configmap/mid-1');
    expect(stored).not.toContain('configmap/mid-2');
    expect(stored).not.toContain('configmap/mid-3');
  });

  test('YAML: a `---` line followed by anything but a comment', async () => {
    const f = mk.file('sep.yaml', `${cm('sep-1')}---foo\n${cm('sep-2')}`);
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '', stderr: 'error: error parsing sep.yaml: invalid Yaml document separator: foo\n', code: 1,
    });
  });

  test('JSON: a trailing comma, with encoding/json\'s offset', async () => {
    const f = mk.file('comma.json', '{"apiVersion": "v1", "kind": "Pod",}\n');
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '',
      stderr: "error: error parsing comma.json: json: offset 36: invalid character '}' looking for beginning of object key string\n",
      code: 1,
    });
  });

  test('JSON: a file cut short', async () => {
    const f = mk.file('short.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "short"},\n "data": {\n');
    expect((await mk.run('create', '-f', f)).stderr).toBe('error: error parsing short.json: unexpected EOF\n');
    expect(await mk.names('cm')).not.toContain('configmap/short');
  });

  test('JSON: the objects before a syntax error in a stream of objects are created', async () => {
    const f = mk.file('two.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"json-a"}}\n'
      + '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"json-b"},}\n');
    expect(await mk.run('create', '-f', f)).toEqual({
      stdout: 'configmap/json-a created\n',
      stderr: "error: error parsing two.json: json: offset 136: invalid character '}' looking for beginning of object key string\n",
      code: 1,
    });
  });
});

describe('documents kubectl cannot map to a kind', () => {
  test('missing kind, missing apiVersion, both (client-side validation)', async () => {
    const hint = 'if you choose to ignore these errors, turn validation off with --validate=false';
    mk.file('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n');
    mk.file('noapi.yaml', 'kind: Pod\nmetadata:\n  name: x\n');
    mk.file('neither.yaml', 'metadata:\n  name: x\n');
    expect((await mk.run('apply', '-f', 'nokind.yaml')).stderr)
      .toBe(`error: error validating "nokind.yaml": error validating data: kind not set; ${hint}\n`);
    expect((await mk.run('apply', '-f', 'noapi.yaml')).stderr)
      .toBe(`error: error validating "noapi.yaml": error validating data: apiVersion not set; ${hint}\n`);
    expect((await mk.run('create', '-f', 'neither.yaml')).stderr)
      .toBe(`error: error validating "neither.yaml": error validating data: [apiVersion not set, kind not set]; ${hint}\n`);
  });

  test('missing kind with --validate=false: the decoder\'s words, with the document as JSON', async () => {
    expect(await mk.run('apply', '--validate=false', '-f', 'nokind.yaml')).toEqual({
      stdout: '',
      stderr: `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
      code: 1,
    });
  });

  test('a document that is not an object', async () => {
    const f = mk.file('scalar.yaml', 'hello\n');
    expect((await mk.run('apply', '-f', f)).stderr).toBe('error: error validating "scalar.yaml": error validating data: invalid object to validate; '
      + 'if you choose to ignore these errors, turn validation off with --validate=false\n');
    expect((await mk.run('apply', '--validate=false', '-f', f)).stderr)
      .toBe('error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n');
  });

  test('an unknown kind', async () => {
    const f = mk.file('foo.yaml', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n');
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '',
      stderr: 'error: resource mapping not found for name: "x" namespace: "" from "foo.yaml": no matches for kind "Foo" in version "v1"\n'
        + 'ensure CRDs are installed first\n',
      code: 1,
    });
  });

  test('a legacy apiVersion a 1.32 server no longer serves', async () => {
    const f = mk.file('legacy.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n'
      + 'spec:\n  replicas: 1\n');
    expect((await mk.run('create', '-f', f)).stderr)
      .toBe('error: resource mapping not found for name: "web" namespace: "prod" from "legacy.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\n'
        + 'ensure CRDs are installed first\n');
  });

  test('metadata that does not decode into ObjectMeta (`name: yes` is a boolean to go-yaml)', async () => {
    const f = mk.file('yes.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes\n');
    expect((await mk.run('apply', '-f', f)).stderr)
      .toBe('error: unable to decode "yes.yaml": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string\n');
  });

  test('from stdin the source is STDIN', async () => {
    const r = await mk.runWith({ stdin: 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n' }, 'apply', '-f', '-');
    expect(r.stderr).toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\n'
      + 'ensure CRDs are installed first\n');
    const bad = await mk.runWith({ stdin: cm('stdin-bad', ' x: 1\n') }, 'create', '-f', '-');
    expect(bad.stderr).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
  });
});

describe('the API server refuses the object: nothing is stored', () => {
  test('an unknown field under strict validation (the default)', async () => {
    const f = mk.file('unknown.yaml', pod('unknown', '  - name: c\n    image: nginx\n    foo: bar\n'));
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): error when creating "unknown.yaml": Pod in version "v1" cannot be handled as a Pod: '
        + 'strict decoding error: unknown field "spec.containers[0].foo"\n',
      code: 1,
    });
    expect(await mk.names('pods')).not.toContain('pod/unknown');
  });

  test('--validate=warn creates the object and prints the server\'s warning', async () => {
    const f = mk.file('warn.yaml', pod('warned', '  - name: c\n    image: nginx\n    foo: bar\n'));
    expect(await mk.run('create', '--validate=warn', '-f', f)).toEqual({
      stdout: 'pod/warned created\n', stderr: 'Warning: unknown field "spec.containers[0].foo"\n', code: 0,
    });
  });

  test('--validate=false and --validate=ignore drop the field silently', async () => {
    mk.file('ignored.yaml', pod('ignored', '  - name: c\n    image: nginx\n    foo: bar\n'));
    expect(await mk.run('apply', '--validate=false', '-f', 'ignored.yaml')).toEqual({ stdout: 'pod/ignored created\n', stderr: '', code: 0 });
    // The dropped field is in the last-applied configuration but not in the live object, so
    // every apply patches it back in, as kubectl's three-way patch does.
    expect(await mk.run('apply', '--validate=ignore', '-f', 'ignored.yaml')).toEqual({ stdout: 'pod/ignored configured\n', stderr: '', code: 0 });
  });

  test('a bad --validate value', async () => {
    expect(await mk.run('apply', '--validate=sometimes', '-f', 'ignored.yaml')).toEqual({
      stdout: '', stderr: 'error: invalid - validate option "sometimes"; must be one of: strict (or true), warn, ignore (or false)\n', code: 1,
    });
  });

  test('a value of the wrong type', async () => {
    const f = mk.file('type.yaml', pod('typed', '  - name: c\n    image: nginx\n    ports:\n    - containerPort: "80"\n'));
    expect((await mk.run('apply', '-f', f)).stderr).toBe('Error from server (BadRequest): error when creating "type.yaml": Pod in version "v1" '
      + 'cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32\n');
    expect(await mk.names('pods')).not.toContain('pod/typed');
  });

  test('one validation error is printed inline', async () => {
    const f = mk.file('noimage.yaml', pod('noimage', '  - name: c\n'));
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: '', stderr: 'The Pod "noimage" is invalid: spec.containers[0].image: Required value\n', code: 1,
    });
    expect(await mk.names('pods')).not.toContain('pod/noimage');
  });

  test('several validation errors are printed as a list', async () => {
    const f = mk.file('invalid.yaml', pod('invalid', '  - name: c\n  - name: d\n    image: nginx\n    imagePullPolicy: Sometimes\n'));
    expect(await mk.run('create', '-f', f)).toEqual({
      stdout: '',
      stderr: 'The Pod "invalid" is invalid: \n'
        + '* spec.containers[0].image: Required value\n'
        + '* spec.containers[1].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"\n',
      code: 1,
    });
  });

  test('a namespace that does not exist', async () => {
    const f = mk.file('nope.yaml', cm('in-nope').replace('metadata:\n', 'metadata:\n  namespace: nope\n'));
    const want = { stdout: '', stderr: 'Error from server (NotFound): error when creating "nope.yaml": namespaces "nope" not found\n', code: 1 };
    expect(await mk.run('apply', '-f', f)).toEqual(want);
    expect(await mk.run('create', '-f', f)).toEqual(want);
    expect(await mk.names('cm')).not.toContain('configmap/in-nope');
  });

  test('create of an object that exists', async () => {
    const f = mk.file('exists.yaml', cm('exists'));
    expect(await mk.run('create', '-f', f)).toEqual({ stdout: 'configmap/exists created\n', stderr: '', code: 0 });
    expect(await mk.run('create', '-f', f)).toEqual({
      stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "exists.yaml": configmaps "exists" already exists\n', code: 1,
    });
  });

  test('a manifest without a name', async () => {
    const f = mk.file('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n');
    expect((await mk.run('apply', '-f', f)).stderr).toBe('error: error when retrieving current configuration of:\n'
      + 'Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\n'
      + 'Name: "", Namespace: "default"\n'
      + 'from server for: "noname.yaml": resource name may not be empty\n');
    expect((await mk.run('create', '-f', f)).stderr)
      .toBe('The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required\n');
  });

  test('apply refuses generateName', async () => {
    const f = mk.file('gen.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\n');
    expect((await mk.run('apply', '-f', f)).stderr).toBe('error: from gen-: cannot use generate name with apply\n');
  });

  test('-n that differs from the manifest\'s namespace', async () => {
    await mk.run('create', 'namespace', 'team');
    const f = mk.file('nsmix.yaml', `${cm('ns-other').replace('metadata:\n', 'metadata:\n  namespace: default\n')}---\n${cm('ns-mine')}`);
    expect(await mk.run('apply', '-f', f, '-n', 'team')).toEqual({
      stdout: 'configmap/ns-mine created\n',
      stderr: 'error: the namespace from the provided object "default" does not match the namespace "team". '
        + "You must pass '--namespace=default' to perform this operation.\n",
      code: 1,
    });
    expect(await mk.names('cm')).toContain('configmap/ns-mine');
    expect(await mk.names('cm')).not.toContain('configmap/ns-other');
  });
});

describe('a file with good and bad documents: the good ones are stored', () => {
  const multi = () => mk.file('multi.yaml', [
    pod('multi-a'),
    'apiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n',
    pod('multi-bad', '  - name: c\n'),
    pod('multi-b'),
    'apiVersion: v1\nkind: Bar\nmetadata:\n  name: g\n',
  ].join('---\n'));
  const mappingErrors = '[resource mapping not found for name: "f" namespace: "" from "multi.yaml": no matches for kind "Foo" in version "v1"\n'
    + 'ensure CRDs are installed first, resource mapping not found for name: "g" namespace: "" from "multi.yaml": no matches for kind "Bar" in version "v1"\n'
    + 'ensure CRDs are installed first]\n';
  const invalid = 'Error from server (Invalid): error when creating "multi.yaml": Pod "multi-bad" is invalid: spec.containers[0].image: Required value\n';

  test('apply: decoding errors first (one bracketed line per file), then each object\'s error', async () => {
    expect(await mk.run('apply', '-f', multi())).toEqual({
      stdout: 'pod/multi-a created\npod/multi-b created\n',
      stderr: mappingErrors + invalid,
      code: 1,
    });
    const stored = await mk.names('pods');
    expect(stored).toEqual(expect.arrayContaining(['pod/multi-a', 'pod/multi-b']));
    expect(stored).not.toContain('pod/multi-bad');
  });

  test('create: objects are created as they are read, so their errors come before the decoding errors', async () => {
    await mk.run('delete', 'pod', 'multi-a', 'multi-b', '--now');
    expect(await mk.run('create', '-f', multi())).toEqual({
      stdout: 'pod/multi-a created\npod/multi-b created\n',
      stderr: invalid + mappingErrors,
      code: 1,
    });
  });

  test('two files: a syntax error in one and a mapping error in the other are one line each', async () => {
    mk.file('p.yaml', `${cm('two-files')}---\n${cm('x', ' y: 1\n')}`);
    mk.file('c.json', '{"apiVersion":"v1","kind":"Nope","metadata":{"name":"three"}}');
    expect(await mk.run('apply', '-f', 'p.yaml', '-f', 'c.json')).toEqual({
      stdout: 'configmap/two-files created\n',
      stderr: 'error parsing p.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n'
        + 'resource mapping not found for name: "three" namespace: "" from "c.json": no matches for kind "Nope" in version "v1"\n'
        + 'ensure CRDs are installed first\n',
      code: 1,
    });
  });

  test('a List with an item of an unknown kind: the other items are applied', async () => {
    const f = mk.file('list.yaml', 'apiVersion: v1\nkind: List\nitems:\n'
      + '- apiVersion: v1\n  kind: Foo\n  metadata:\n    name: l2\n'
      + '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: list-item\n');
    expect(await mk.run('apply', '-f', f)).toEqual({
      stdout: 'configmap/list-item created\n',
      stderr: 'unable to recognize no matches for kind "Foo" in version "v1"\n',
      code: 1,
    });
  });

  test('a directory: only .json/.yaml/.yml files, subdirectories with -R, paths in messages', async () => {
    mk.file('dir/a.yaml', cm('dir-a'));
    mk.file('dir/c.json', 'apiVersion: v1\nkind: Nope\nmetadata:\n  name: three\n');
    mk.file('dir/notes.txt', 'not a manifest');
    mk.file('dir/sub/d.yml', cm('dir-d'));
    const mapping = 'error: resource mapping not found for name: "three" namespace: "" from "dir/c.json": no matches for kind "Nope" in version "v1"\n'
      + 'ensure CRDs are installed first\n';
    expect(await mk.run('apply', '-f', 'dir')).toEqual({ stdout: 'configmap/dir-a created\n', stderr: mapping, code: 1 });
    expect(await mk.run('apply', '-R', '-f', 'dir')).toEqual({
      stdout: 'configmap/dir-a unchanged\nconfigmap/dir-d created\n', stderr: mapping, code: 1,
    });
  });
});

describe('nothing to do', () => {
  test('an empty file', async () => {
    mk.file('empty.yaml', '---\n# nothing\n---\n');
    expect(await mk.run('apply', '-f', 'empty.yaml')).toEqual({ stdout: '', stderr: 'error: no objects passed to apply\n', code: 1 });
    expect(await mk.run('create', '-f', 'empty.yaml')).toEqual({ stdout: '', stderr: 'error: no objects passed to create\n', code: 1 });
  });

  test('a path that does not exist: nothing is applied, not even the files that do exist', async () => {
    mk.file('present.yaml', cm('present'));
    expect(await mk.run('apply', '-f', 'present.yaml', '-f', 'missing.yaml')).toEqual({
      stdout: '', stderr: 'error: the path "missing.yaml" does not exist\n', code: 1,
    });
    expect(await mk.run('apply', '-f', 'missing.yaml,gone.yaml')).toEqual({
      stdout: '', stderr: 'the path "missing.yaml" does not exist\nthe path "gone.yaml" does not exist\n', code: 1,
    });
    expect(await mk.names('cm')).not.toContain('configmap/present');
  });

  test('-f takes a comma-separated list, as kubectl\'s string slice does', async () => {
    mk.file('one.yaml', cm('comma-one'));
    mk.file('two.yaml', cm('comma-two'));
    expect(await mk.run('create', '-f', 'one.yaml,two.yaml')).toEqual({
      stdout: 'configmap/comma-one created\nconfigmap/comma-two created\n', stderr: '', code: 0,
    });
  });

  test('no -f at all', async () => {
    expect(await mk.run('apply')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });
    expect(await mk.run('create')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });
  });
});
