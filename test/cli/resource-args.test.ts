// kubectl's ResourceTypeOrNameArgs, resolved against mk's kinds.
import { describe, expect, test } from 'vitest';
import { RawError, UsageError } from '../../src/cli/errors.js';
import { parseResourceArgs } from '../../src/cli/resource-args.js';

const shape = (args: string[]) => {
  const p = parseResourceArgs(args, 'get');
  return { multiple: p.multipleKinds, requests: p.requests.map((r) => [r.kind.resource, ...r.names]) };
};

describe('resource arguments', () => {
  test('a type alone lists every object of it', () => {
    expect(shape(['po'])).toEqual({ multiple: false, requests: [['pods']] });
  });
  test('type then names', () => {
    expect(shape(['pods', 'a', 'b'])).toEqual({ multiple: false, requests: [['pods', 'a', 'b']] });
  });
  test('comma-separated types are several kinds, each with the names', () => {
    expect(shape(['po,svc', 'x'])).toEqual({ multiple: true, requests: [['pods', 'x'], ['services', 'x']] });
  });
  test('type/name pairs group by kind in first-seen order', () => {
    expect(shape(['pod/a', 'node/n', 'pod/b'])).toEqual({ multiple: true, requests: [['pods', 'a', 'b'], ['nodes', 'n']] });
  });
  test('two names of one kind are one kind', () => {
    expect(shape(['pod/a', 'po/b'])).toEqual({ multiple: false, requests: [['pods', 'a', 'b']] });
  });
  test('all expands to the "all" category, in discovery order', () => {
    expect(shape(['all'])).toEqual({ multiple: true, requests: [['pods'], ['services'], ['daemonsets'], ['deployments'], ['replicasets'], ['statefulsets'], ['horizontalpodautoscalers'], ['cronjobs'], ['jobs']] });
  });
  test('singular, plural, short and Kind spellings resolve alike', () => {
    for (const t of ['pod', 'pods', 'po', 'Pod', 'pods.v1.', 'no', 'ns', 'cm', 'sa', 'ev', 'svc', 'deploy', 'deployments.apps', 'deployment.v1.apps', 'rs', 'replicaset', 'sts', 'statefulset']) {
      expect(() => parseResourceArgs([t], 'get')).not.toThrow();
    }
  });
  test('an unknown type is the server not having it', () => {
    expect(() => parseResourceArgs(['foo'], 'get')).toThrow(new RawError('error: the server doesn\'t have a resource type "foo"'));
  });
  test('mixing a bare type with type/name is misuse', () => {
    expect(() => parseResourceArgs(['pod/a', 'b'], 'get')).toThrow(UsageError);
  });
});
