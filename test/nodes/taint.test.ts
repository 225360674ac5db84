// kubectl taint's pieces, as taintutils has them: which word a change earns (tainted, untainted,
// modified), the order of the resulting taints, and the specs it refuses.
import { describe, expect, it } from 'vitest';
import type { Node, Taint } from '../../src/api/core/node/schema.js';
import { checkIfTaintsAlreadyExists, parseTaints, reorganizeTaints } from '../../src/cli/commands/taint.js';

const nodeWith = (taints: Taint[]) => ({ metadata: { name: 'n' }, spec: { taints } }) as unknown as Node;
const t = (key: string, effect: string, value?: string): Taint => ({ key, effect, ...(value ? { value } : {}) });

describe('reorganizeTaints', () => {
  it.each([
    { name: 'adding to none taints', old: [], add: [t('a', 'NoSchedule')], remove: [], overwrite: false,
      want: { operation: 'tainted', taints: [t('a', 'NoSchedule')], errors: [] } },
    { name: 'new taints come before the old ones they leave', old: [t('a', 'NoSchedule')], add: [t('b', 'NoExecute')], remove: [], overwrite: false,
      want: { operation: 'tainted', taints: [t('b', 'NoExecute'), t('a', 'NoSchedule')], errors: [] } },
    { name: 'removing by key removes every effect', old: [t('a', 'NoSchedule'), t('a', 'NoExecute'), t('b', 'NoSchedule')], add: [], remove: [{ key: 'a' } as Taint], overwrite: false,
      want: { operation: 'untainted', taints: [t('b', 'NoSchedule')], errors: [] } },
    { name: 'removing by key and effect keeps the other effect', old: [t('a', 'NoSchedule'), t('a', 'NoExecute')], add: [], remove: [t('a', 'NoExecute')], overwrite: false,
      want: { operation: 'untainted', taints: [t('a', 'NoSchedule')], errors: [] } },
    { name: 'removing a missing taint is an error', old: [], add: [], remove: [t('a', 'NoSchedule')], overwrite: false,
      want: { operation: 'untainted', taints: [], errors: ['taint "a:NoSchedule" not found'] } },
    { name: 'overwriting a value is a modification', old: [t('a', 'NoSchedule', 'x')], add: [t('a', 'NoSchedule', 'y')], remove: [], overwrite: true,
      want: { operation: 'modified', taints: [t('a', 'NoSchedule', 'y')], errors: [] } },
  ])('$name', ({ old, add, remove, overwrite, want }) => {
    expect(reorganizeTaints(nodeWith(old), overwrite, add, remove)).toEqual(want);
  });
});

describe('parseTaints', () => {
  it('reads additions and removals', () => {
    expect(parseTaints(['a=b:NoSchedule', 'c:NoExecute', 'd-', 'e:PreferNoSchedule-'])).toEqual({
      add: [t('a', 'NoSchedule', 'b'), t('c', 'NoExecute')],
      remove: [{ key: 'd' }, t('e', 'PreferNoSchedule')],
    });
  });
  it.each([
    ['a=b', 'error: invalid taint spec: a=b'],
    ['a=b:Sometimes', 'error: invalid taint effect: Sometimes, unsupported taint effect'],
    ['a=b=c:NoSchedule', 'error: invalid taint spec: a=b=c:NoSchedule'],
  ])('refuses %s', (spec, message) => {
    expect(() => parseTaints([spec])).toThrow(message);
  });
});

it('checkIfTaintsAlreadyExists names the keys that have the same effect already', () => {
  expect(checkIfTaintsAlreadyExists([t('a', 'NoSchedule'), t('b', 'NoExecute')], [t('a', 'NoSchedule'), t('b', 'NoSchedule')])).toBe('a');
});
