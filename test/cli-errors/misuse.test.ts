// CLI misuse in kubectl 1.32's words: pflag's flag errors plus the usage hint kubectl's
// FlagErrorFunc adds, cobra's unknown-command error with its suggestions, kubectl's plugin
// lookup refusing flags before a verb, and the per-verb usage errors. Expected texts come from
// the real kubectl 1.32 with `kubectl` read as `mk`, and from kubectl's source where the
// binary at hand prints cobra's errors through a different wrapper (`Error:` rather than
// CheckErr's `error:`; upstream cmd/kubectl/kubectl.go uses RunNoErrOutput + CheckErr).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InProcessMk } from './harness.js';

const mk = new InProcessMk();
beforeAll(() => mk.setUp(), 60_000);
afterAll(() => mk.tearDown());

const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

describe('flags', () => {
  test.each([
    [['get', '--foo'], "error: unknown flag: --foo\nSee 'mk get --help' for usage.\n"],
    [['get', 'pods', '--foo=bar'], "error: unknown flag: --foo\nSee 'mk get --help' for usage.\n"],
    [['get', '-z'], "error: unknown shorthand flag: 'z' in -z\nSee 'mk get --help' for usage.\n"],
    [['get', '-Az'], "error: unknown shorthand flag: 'z' in -Az\nSee 'mk get --help' for usage.\n"],
    [['create', 'namespace', 'x', '--foo'], "error: unknown flag: --foo\nSee 'mk create namespace --help' for usage.\n"],
    [['--foo'], "error: unknown flag: --foo\nSee 'mk --help' for usage.\n"],
    [['--foo=x', 'get', 'pods'], "error: unknown flag: --foo\nSee 'mk get --help' for usage.\n"],
    [['get', 'pods', '-l'], "error: flag needs an argument: 'l' in -l\nSee 'mk get --help' for usage.\n"],
    [['get', 'pods', '--selector'], "error: flag needs an argument: --selector\nSee 'mk get --help' for usage.\n"],
    [['get', 'pods', '-n'], "error: flag needs an argument: 'n' in -n\nSee 'mk get --help' for usage.\n"],
    [['get', 'pods', '--namespace'], "error: flag needs an argument: --namespace\nSee 'mk get --help' for usage.\n"],
    [['apply', '-f'], "error: flag needs an argument: 'f' in -f\nSee 'mk apply --help' for usage.\n"],
    [['get', '--all-namespaces=foo', 'pods'],
      'error: invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax\n'
      + "See 'mk get --help' for usage.\n"],
  ])('mk %j', async (argv, stderr) => {
    expect(await mk.run(...argv)).toEqual(fail(stderr));
  });

  test('bool flags take kubectl\'s values', async () => {
    const all = await mk.run('get', 'ns', '--all-namespaces=true', '-o', 'name');
    expect(all.code).toBe(0);
    expect((await mk.run('get', 'pods', '-A=false')).stderr).toBe('No resources found in default namespace.\n');
  });

  test('a flag before the verb makes kubectl look for a plugin, which refuses it', async () => {
    expect(await mk.run('-z', 'get', 'pods')).toEqual(fail('Error: flags cannot be placed before plugin name: -z\n'));
    expect(await mk.run('--foo', 'get', 'pods')).toEqual(fail('Error: flags cannot be placed before plugin name: --foo\n'));
    expect((await mk.run('-n', 'default', 'get', 'pods')).code).toBe(0);
  });
});

describe('verbs', () => {
  test.each([
    [['foo'], 'error: unknown command "foo" for "mk"\n\nDid you mean this?\n\ttop\n'],
    [['foo', 'bar'], 'error: unknown command "foo" for "mk"\n\nDid you mean this?\n\ttop\n'],
    [['gett', 'pods'], 'error: unknown command "gett" for "mk"\n\nDid you mean this?\n\tset\n\tget\n'],
    [['rm', 'pod', 'x'], 'error: unknown command "rm" for "mk"\n\nDid you mean this?\n\trun\n\tdelete\n\tcp\n'],
    [['list'], 'error: unknown command "list" for "mk"\n\nDid you mean this?\n\tget\n\twait\n'],
    [['desc'], 'error: unknown command "desc" for "mk"\n\nDid you mean this?\n\tdescribe\n'],
    [['log'], 'error: unknown command "log" for "mk"\n\nDid you mean this?\n\ttop\n\tlogs\n'],
    [['appl', '-f', 'x.yaml'], 'error: unknown command "appl" for "mk"\n\nDid you mean this?\n\tapply\n'],
  ])('mk %j', async (argv, stderr) => {
    expect(await mk.run(...argv)).toEqual(fail(stderr));
  });

  test('mk get without a type', async () => {
    expect(await mk.run('get')).toEqual(fail(
      'You must specify the type of resource to get. Use "mk api-resources" for a complete list of supported resources.\n\n'
      + 'error: Required resource not specified.\n'
      + "See 'mk get -h' for help and examples\n",
    ));
  });

  test.each([
    [['describe'], 'error: You must specify the type of resource to describe. Use "mk api-resources" for a complete list of supported resources.\n'],
    [['get', 'foo'], 'error: the server doesn\'t have a resource type "foo"\n'],
    [['get', 'pods,foo'], 'error: the server doesn\'t have a resource type "foo"\n'],
    [['get', 'foo/bar'], 'error: the server doesn\'t have a resource type "foo"\n'],
    [['delete', 'pod'], 'error: resource(s) were provided, but no name was specified\n'],
    [['create', 'foo'], "error: Unexpected args: [foo]\nSee 'mk create -h' for help and examples\n"],
    [['create', 'namespace'], "error: exactly one NAME is required, got 0\nSee 'mk create namespace -h' for help and examples\n"],
    [['create', 'ns', 'a', 'b'], "error: exactly one NAME is required, got 2\nSee 'mk create namespace -h' for help and examples\n"],
    [['logs'], "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
      + "POD or TYPE/NAME is a required argument for the logs command\nSee 'mk logs -h' for help and examples\n"],
    [['get', 'pods', '-o', 'foo'], 'error: unable to match a printer suitable for the output format "foo", allowed formats are: '
      + 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    [['get', 'pods', '-o', 'jsonpath'], 'error: template format specified but no template given\n'],
    [['apply', '-f', 'x.yaml', '--dry-run=foo'], 'error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n'],
  ])('mk %j', async (argv, stderr) => {
    expect(await mk.run(...argv)).toEqual(fail(stderr));
  });
});

describe('objects that do not exist', () => {
  test.each([
    [['get', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['get', 'pod/nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['get', 'pods', 'nope', 'other'], 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "other" not found\n'],
    [['delete', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['delete', 'pod', 'nope', 'other'], 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "other" not found\n'],
    [['describe', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['label', 'pod', 'nope', 'a=b'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['logs', 'nope'], 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
    [['logs', 'nope', '-n', 'kube-system'], 'error: error from server (NotFound): pods "nope" not found in namespace "kube-system"\n'],
  ])('mk %j', async (argv, stderr) => {
    expect(await mk.run(...argv)).toEqual(fail(stderr));
  });
});

describe('selectors the server cannot parse', () => {
  const find = (label: string, field: string, why: string) =>
    `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "${label}", field selector "${field}": ${why}\n`;
  test.each([
    [['get', 'pods', '-l', 'a b'], find('a b', '', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")],
    [['get', 'pods', '-l', 'a=(b'], find('a=(b', '', "unable to parse requirement: found '(', expected: identifier")],
    [['get', 'pods', '--field-selector', 'a b'], find('', 'a b', "invalid selector: 'a b'; can't understand 'a b'")],
    [['get', 'pods', '--field-selector', 'metadata.foo=x'], find('', 'metadata.foo=x', 'field label not supported: metadata.foo')],
    [['delete', 'pods', '-l', 'a b'], find('a b', '', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")],
  ])('mk %j', async (argv, stderr) => {
    expect(await mk.run(...argv)).toEqual(fail(stderr));
  });
});
