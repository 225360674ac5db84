// podcmd.FindOrDefaultContainerByName: which container exec and cp use when none is named, and
// the notice kubectl prints (`Defaulted container "nginx" out of: nginx, waitfordns (init)`, as
// seen from kubectl on a pod with an init container).
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { defaultContainer } from '../../src/cli/default-container.js';

function pod(containers: string[], init: string[] = [], annotations?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { containers: containers.map((name) => ({ name, image: 'busybox' })), ...(init.length ? { initContainers: init.map((name) => ({ name, image: 'busybox' })) } : {}) },
  } as Pod;
}

function pick(p: Pod, quiet = false): [string, string] {
  let said = '';
  const name = defaultContainer(p, quiet, (s) => { said += s; });
  return [name, said];
}

describe('the default container', () => {
  test.each([
    ['one container: no notice', pod(['app']), ['app', '']],
    ['several: the first, said', pod(['a', 'b']), ['a', 'Defaulted container "a" out of: a, b\n']],
    ['init containers are listed after, marked', pod(['nginx'], ['waitfordns']), ['nginx', 'Defaulted container "nginx" out of: nginx, waitfordns (init)\n']],
    ['the annotation picks one, silently', pod(['a', 'b'], [], { 'kubectl.kubernetes.io/default-container': 'b' }), ['b', '']],
    ['an annotation naming no container is ignored', pod(['a', 'b'], [], { 'kubectl.kubernetes.io/default-container': 'zz' }), ['a', 'Defaulted container "a" out of: a, b\n']],
  ] as const)('%s', (_name, p, want) => {
    expect(pick(p)).toEqual(want);
  });

  test('--quiet says nothing', () => {
    expect(pick(pod(['a', 'b']), true)).toEqual(['a', '']);
  });
});
