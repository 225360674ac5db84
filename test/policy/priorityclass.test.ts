// PriorityClass through the API server (pkg/apis/scheduling validation, the Priority admission
// plugin, release-1.32) and its printer (printers_test.go TestPrintPriorityClass).
import { describe, expect, test } from 'vitest';
import { NOW, failure, manifest, server } from './helpers.js';
import { printPriorityClass } from '../../src/api/scheduling/priorityclass/table.js';
import type { PriorityClass } from '../../src/api/scheduling/priorityclass/schema.js';
import { systemPriorityClassObjects } from '../../src/api/scheduling/priorityclass/system.js';

const pc = (name: string, value: number, extra = '') =>
  manifest(`apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: ${name}}\nvalue: ${value}\n${extra}`);

describe('PriorityClass admission', () => {
  test('defaults preemptionPolicy to PreemptLowerPriority', () => {
    const api = server();
    const stored = api.create('priorityclasses.scheduling.k8s.io', pc('high', 1000)) as unknown as PriorityClass;
    expect(stored.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  test.each([
    ['a user value above 1e9', pc('huge', 1000000001),
      'Invalid: PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ['the system- prefix', pc('system-foo', 10),
      "Invalid: PriorityClass.scheduling.k8s.io \"system-foo\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"],
    ['a system class with the wrong value', pc('system-node-critical', 10),
      "Invalid: PriorityClass.scheduling.k8s.io \"system-node-critical\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"],
    ['an unknown preemptionPolicy', pc('p', 1, 'preemptionPolicy: Sometimes'),
      'Invalid: PriorityClass.scheduling.k8s.io "p" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"'],
  ])('refuses %s', (_name, obj, want) => {
    expect(failure(() => server().create('priorityclasses.scheduling.k8s.io', obj))).toBe(want);
  });

  test('the system classes themselves are valid', () => {
    const api = server();
    for (const o of systemPriorityClassObjects()) api.create('priorityclasses.scheduling.k8s.io', o);
    expect(api.list('priorityclasses.scheduling.k8s.io').map((o) => o.metadata.name)).toEqual(['system-cluster-critical', 'system-node-critical']);
  });

  test('only one globalDefault', () => {
    const api = server();
    api.create('priorityclasses.scheduling.k8s.io', pc('first', 10, 'globalDefault: true'));
    expect(failure(() => api.create('priorityclasses.scheduling.k8s.io', pc('second', 20, 'globalDefault: true'))))
      .toBe('Forbidden: priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist');
  });

  test('value is immutable', () => {
    const api = server();
    const stored = api.create('priorityclasses.scheduling.k8s.io', pc('p', 10));
    expect(failure(() => api.update('priorityclasses.scheduling.k8s.io', { ...stored, value: 11 })))
      .toBe('Invalid: PriorityClass.scheduling.k8s.io "p" is invalid: value: Forbidden: may not be changed in an update.');
  });

  // pkg/registry/scheduling/priorityclass/storage: REST.Delete refuses the system classes before
  // looking them up; other classes, and updates that keep value and preemptionPolicy, go through.
  test('the system classes cannot be deleted', () => {
    const api = server();
    for (const o of systemPriorityClassObjects()) api.create('priorityclasses.scheduling.k8s.io', o);
    api.create('priorityclasses.scheduling.k8s.io', pc('mine', 10));
    for (const name of ['system-node-critical', 'system-cluster-critical']) {
      for (const dryRun of [false, true]) {
        expect(failure(() => api.delete('priorityclasses.scheduling.k8s.io', undefined, name, { dryRun })))
          .toBe(`Forbidden: priorityclasses.scheduling.k8s.io "${name}" is forbidden: this is a system priority class and cannot be deleted`);
      }
    }
    expect(api.delete('priorityclasses.scheduling.k8s.io', undefined, 'mine')).toBeUndefined();
    expect(failure(() => api.delete('priorityclasses.scheduling.k8s.io', undefined, 'system-foo')))
      .toBe('NotFound: priorityclasses.scheduling.k8s.io "system-foo" not found');
    expect(api.list('priorityclasses.scheduling.k8s.io').map((o) => o.metadata.name)).toEqual(['system-cluster-critical', 'system-node-critical']);
    const stored = api.get('priorityclasses.scheduling.k8s.io', undefined, 'system-node-critical');
    const relabeled = api.update('priorityclasses.scheduling.k8s.io', { ...stored, metadata: { ...stored.metadata, labels: { team: 'a' } } });
    expect(relabeled.metadata.labels).toEqual({ team: 'a' });
    expect(failure(() => api.update('priorityclasses.scheduling.k8s.io', { ...relabeled, value: 1 })))
      .toBe('Invalid: PriorityClass.scheduling.k8s.io "system-node-critical" is invalid: value: Forbidden: may not be changed in an update.');
  });

  test('a pod naming an unknown class is refused; a known one gets its value', () => {
    const api = server();
    api.create('priorityclasses.scheduling.k8s.io', pc('high', 1000));
    const pod = (cls: string) => manifest(`apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: default}\nspec: {priorityClassName: ${cls}, containers: [{name: c, image: nginx}]}`);
    expect(failure(() => api.create('pods', pod('foo')))).toBe('Forbidden: pods "x" is forbidden: no PriorityClass with name foo was found');
    expect((api.create('pods', pod('high')) as unknown as { spec: { priority: number } }).spec.priority).toBe(1000);
  });
});

describe('printPriorityClass', () => {
  // TestPrintPriorityClass
  test.each([
    [{ metadata: { name: 'pc1', creationTimestamp: new Date(NOW - 1e6).toISOString() }, value: 1 }, ['pc1', 1, false, '16m', 'PreemptLowerPriority']],
    [{ metadata: { name: 'pc2', creationTimestamp: new Date(NOW - 5 * 365 * 86400e3).toISOString() }, value: 1000000000, globalDefault: true, preemptionPolicy: 'Never' },
      ['pc2', 1000000000, true, '5y', 'Never']],
  ])('%#', (obj, cells) => {
    const rows = printPriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', ...obj } as PriorityClass, { now: NOW, wide: false });
    expect(rows[0].cells).toEqual(cells);
  });
});
