// The pure parts of `set image|env|resources`, with kubectl's own cases where upstream has them
// (set/helper_test.go TestSelectString) and kubectl 1.32's observed messages elsewhere.
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { isEnvVarName } from '../../src/api/validation.js';
import { canonicalQuantity } from '../../src/api/quantity.js';
import {
  envVarRefString, parseEnv, parsePairs, populateResourceList, selectString, splitEnvironmentFromResources, splitPairs, updateEnv,
} from '../../src/cli/commands/set.js';
import { changeCause, createMergePatch, jsonEqual } from '../../src/cli/commands/workload-targets.js';

test.each([
  ['abcd', '*', true],
  ['abcd', 'dcba', false],
  ['abcd', '***d', true],
  ['abcd', '*bcd', true],
  ['abcd', '*bc', false],
  ['abcd', '*cd', true],
  ['abcd', 'a*d', true],
  ['abcd', 'a*cd', true],
  ['abcde', 'a*c*e', false],
] as const)('selectString(%s, %s) = %s', (s, spec, expected) => {
  expect(selectString(s, spec)).toBe(expected);
});

describe('image pairs (GetResourcesAndPairs, ParsePairs)', () => {
  test('resources come first, then pairs', () => {
    expect(splitPairs(['deploy/web', 'nginx=nginx:1.27', 'side=busybox'], 'image'))
      .toEqual({ resources: ['deploy/web'], pairs: ['nginx=nginx:1.27', 'side=busybox'] });
    expect(() => splitPairs(['deploy/web', 'nginx=x', 'foo'], 'image')).toThrow('all resources must be specified before image changes: foo');
  });
  test('a pair without = is not an image', () => {
    expect(() => parsePairs(['nginx-', 'a'], 'image', false)).toThrow('invalid image format: nginx-, a');
    expect(parsePairs(['*=redis'], 'image', false).set).toEqual(new Map([['*', 'redis']]));
  });
});

describe('set env arguments', () => {
  test('resources first, then KEY=VALUE and KEY-', () => {
    expect(splitEnvironmentFromResources(['deploy/web', 'A=1', 'B-'])).toEqual({ resources: ['deploy/web'], envArgs: ['A=1', 'B-'] });
    expect(splitEnvironmentFromResources(['deploy/web', 'A=2', 'foo'])).toBeUndefined();
  });
  test('ParseEnv', () => {
    expect(parseEnv(['A=1', 'B=', 'C-'], undefined, isEnvVarName)).toEqual({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '' }], remove: ['C'] });
    expect(() => parseEnv(['A-', 'A=3'], undefined, isEnvVarName)).toThrow('can not both modify and remove the same environment variable in the same command');
    expect(() => parseEnv(['1A=3'], undefined, isEnvVarName)).toThrow(`"1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
    expect(parseEnv(['-'], 'X=1 # comment\n# Y=2\nZ=a=b\n', isEnvVarName).env).toEqual([{ name: 'X', value: '1 ' }, { name: 'Z', value: 'a=b' }]);
    expect(() => parseEnv(['-'], undefined, isEnvVarName)).toThrow("when '-' is used, STDIN must be open");
  });
  test('updateEnv keeps order, replaces in place, appends new names once', () => {
    const existing = [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }];
    expect(updateEnv(existing, [{ name: 'B', value: 'x' }, { name: 'D', value: '4' }, { name: 'D', value: '5' }], ['C']))
      .toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'x' }, { name: 'D', value: '4' }]);
  });
  test('--list names references as GetEnvVarRefString', () => {
    expect(envVarRefString({ secretKeyRef: { name: 'sec', key: 'k' } })).toBe('secret sec, key k');
    expect(envVarRefString({ configMapKeyRef: { name: 'cfg', key: 'mode' } })).toBe('configmap cfg, key mode');
    expect(envVarRefString({ fieldRef: { fieldPath: 'metadata.name' } })).toBe('field path metadata.name');
    expect(envVarRefString({ resourceFieldRef: { containerName: 'c', resource: 'limits.cpu' } })).toBe('resource field c/limits.cpu');
  });
});

describe('set resources quantities', () => {
  test('canonical, as the server stores them', () => {
    expect(populateResourceList('cpu=0.5,memory=1G', canonicalQuantity)).toEqual({ cpu: '500m', memory: '1G' });
    expect(populateResourceList('cpu=1000m', canonicalQuantity)).toEqual({ cpu: '1' });
    expect(populateResourceList('', canonicalQuantity)).toBeUndefined();
  });
  test('bad lists', () => {
    expect(() => populateResourceList('cpu', canonicalQuantity)).toThrow('Invalid argument syntax cpu, expected <resource>=<value>');
    expect(() => populateResourceList('cpu=abc', canonicalQuantity))
      .toThrow("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

test('merge patches replace lists, drop removed keys and ignore key order', () => {
  const before = { spec: { paused: true, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } }, status: { a: 1 } };
  const after = { spec: { template: { spec: { containers: [{ image: 'y', name: 'a' }] } } }, status: { a: 1 } };
  expect(createMergePatch(before, after)).toEqual({ spec: { paused: null, template: { spec: { containers: [{ image: 'y', name: 'a' }] } } } });
  expect(createMergePatch(before, structuredClone(before))).toEqual({});
  expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
});

test('--record writes the command as kubectl does: arguments, then each flag as --long=value in the order given', () => {
  const program = new Command('mk');
  const set = new Command('set');
  const image = new Command('image').option('--record [bool]').option('-o, --output <format>').option('-n, --namespace <ns>').option('--local');
  program.addCommand(set);
  set.addCommand(image);
  (program as unknown as { rawArgs: string[] }).rawArgs = ['set', 'image', 'deployment', 'web', 'nginx=x', '--record', '-n', 'default', '--local', '-o=name'];
  expect(changeCause(image)).toBe('mk set image deployment web nginx=x --record=true --namespace=default --local=true --output=name');
  (program as unknown as { rawArgs: string[] }).rawArgs = ['set', 'image', 'deploy/web', 'nginx=x', '--record=true', '--', 'a'];
  expect(changeCause(image)).toBe('mk set image deploy/web nginx=x a --record=true');
});
