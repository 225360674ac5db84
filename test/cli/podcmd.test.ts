// kubectl's podcmd: which container a pod command uses, and the notice when it chose one.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { allContainerNames, findContainerByName, findOrDefaultContainerByName } from '../../src/cli/podcmd.js';

const pod = (annotation?: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...(annotation ? { annotations: { 'kubectl.kubernetes.io/default-container': annotation } } : {}) },
  spec: {
    initContainers: [{ name: 'setup', image: 'busybox' }],
    containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }],
    ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
  },
} as Pod);

describe('podcmd', () => {
  test('AllContainerNames: containers, then ephemeral, then init ones', () => {
    expect(allContainerNames(pod())).toBe('a, b, debug (ephem), setup (init)');
  });

  test('FindContainerByName gives the field path prefix --prefix reads the name from', () => {
    expect(findContainerByName(pod(), 'b')?.fieldPath).toBe('spec.containers{b}');
    expect(findContainerByName(pod(), 'setup')?.fieldPath).toBe('spec.initContainers{setup}');
    expect(findContainerByName(pod(), 'debug')?.fieldPath).toBe('spec.ephemeralContainers{debug}');
    expect(findContainerByName(pod(), 'zz')).toBeUndefined();
  });

  test('FindOrDefaultContainerByName: named, annotated, else the first with a notice', () => {
    const notices: string[] = [];
    const warn = (t: string) => notices.push(t);
    expect(findOrDefaultContainerByName(pod(), 'b', false, warn)).toBe('b');
    expect(() => findOrDefaultContainerByName(pod(), 'zz', false, warn)).toThrow('container zz not found in pod p');
    expect(findOrDefaultContainerByName(pod('b'), undefined, false, warn)).toBe('b');
    expect(notices).toEqual([]);
    expect(findOrDefaultContainerByName(pod('zz'), undefined, false, warn)).toBe('a');
    expect(findOrDefaultContainerByName(pod(), undefined, true, warn)).toBe('a');
    expect(notices).toEqual(['Defaulted container "a" out of: a, b, debug (ephem), setup (init)\n']);
  });
});
