// PodDisruptionBudget through the API server (pkg/apis/policy/validation and the registry strategy,
// release-1.32) and its printer (printPodDisruptionBudget in printers.go).
import { describe, expect, test } from 'vitest';
import { NOW, failure, manifest, server } from './helpers.js';
import { printPodDisruptionBudget } from '../../src/api/policy/poddisruptionbudget/table.js';
import type { PodDisruptionBudget } from '../../src/api/policy/poddisruptionbudget/schema.js';

const R = 'poddisruptionbudgets.policy';
const pdb = (spec: string, name = 'p') =>
  manifest(`apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${name}}\nspec: ${spec}`);
const invalid = (msg: string, name = 'p') => `Invalid: PodDisruptionBudget.policy "${name}" is invalid: ${msg}`;

describe('PodDisruptionBudget admission', () => {
  test('a created budget has generation 1 and a zeroed status, whatever the request says', () => {
    const api = server();
    const obj = pdb('{minAvailable: 1, selector: {matchLabels: {app: web}}}');
    (obj as Record<string, unknown>).status = { disruptionsAllowed: 5, expectedPods: 7 };
    const stored = api.create(R, obj) as unknown as PodDisruptionBudget;
    expect(stored.metadata.generation).toBe(1);
    expect(stored.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } });
    expect(stored.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });

  test.each([
    ['minAvailable and maxUnavailable both set', '{minAvailable: 1, maxUnavailable: 1, selector: {}}',
      invalid('spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000b4e2a0), '
        + 'Selector:(*v1.LabelSelector)(0xc000b4e2c0), MaxUnavailable:(*intstr.IntOrString)(0xc000b4e2e0), '
        + 'UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set')],
    ['a negative minAvailable', '{minAvailable: -1}', invalid('spec.minAvailable: Invalid value: -1: must be greater than or equal to 0')],
    ['a percent above 100', '{maxUnavailable: "120%"}',
      invalid('spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%')],
    ['a string that is not a percent', '{minAvailable: "half"}',
      invalid('spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: '
        + "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")],
    ['an unknown selector operator', '{minAvailable: 1, selector: {matchExpressions: [{key: app, operator: Near, values: [a]}]}}',
      invalid('spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator')],
    ['an unknown unhealthyPodEvictionPolicy', '{minAvailable: 1, unhealthyPodEvictionPolicy: Sometimes}',
      invalid('spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"')],
  ])('refuses %s', (_name, spec, want) => {
    expect(failure(() => server().create(R, pdb(spec)))).toBe(want);
  });

  test('several spec errors are listed together, in upstream order', () => {
    expect(failure(() => server().create(R, pdb('{minAvailable: "x%", maxUnavailable: -2}')))).toBe(invalid('['
      + 'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000b4e2a0), '
      + 'Selector:(*v1.LabelSelector)(nil), MaxUnavailable:(*intstr.IntOrString)(0xc000b4e2e0), '
      + 'UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set, '
      + 'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x%"}: '
      + "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%'), "
      + 'spec.maxUnavailable: Invalid value: -2: must be greater than or equal to 0]'));
  });

  test('names are path segments, not DNS names', () => {
    const api = server();
    expect(api.create(R, pdb('{minAvailable: 1}', 'My_Budget')).metadata.name).toBe('My_Budget');
    expect(failure(() => api.create(R, pdb('{minAvailable: 1}', '"a%b"')))).toBe(invalid("metadata.name: Invalid value: \"a%b\": may not contain '%'", 'a%b'));
  });

  test('an update keeps the status and bumps the generation on a spec change only', () => {
    const api = server();
    const stored = api.create(R, pdb('{minAvailable: 1}'));
    api.updateStatus(R, { ...stored, status: { disruptionsAllowed: 2, currentHealthy: 3, desiredHealthy: 1, expectedPods: 3 } });
    const fresh = api.get(R, 'default', 'p');
    const relabeled = api.update(R, { ...fresh, metadata: { ...fresh.metadata, labels: { a: 'b' } }, status: {} }) as unknown as PodDisruptionBudget;
    expect(relabeled.metadata.generation).toBe(1);
    expect(relabeled.status?.disruptionsAllowed).toBe(2);
    const changed = api.update(R, { ...relabeled, spec: { minAvailable: '50%' } }) as unknown as PodDisruptionBudget;
    expect(changed.metadata.generation).toBe(2);
    expect(changed.status?.currentHealthy).toBe(3);
  });

  test('unknown fields are refused by strict decoding', () => {
    expect(failure(() => server().create(R, pdb('{minAvailable: 1, minReady: 2}'))))
      .toBe('BadRequest: PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: strict decoding error: unknown field "spec.minReady"');
  });
});

describe('printPodDisruptionBudget', () => {
  const obj = (spec: PodDisruptionBudget['spec'], allowed: number) => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' as const,
    metadata: { name: 'pdb1', namespace: 'ns1', creationTimestamp: new Date(NOW - 10_000).toISOString() },
    spec, status: { disruptionsAllowed: allowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  }) as PodDisruptionBudget;
  // TestPrintPodDisruptionBudget's cases.
  test.each([
    [{ minAvailable: 22, selector: {} }, 5, ['pdb1', '22', 'N/A', 5, '10s']],
    [{ maxUnavailable: 11, selector: {} }, 5, ['pdb2', 'N/A', '11', 5, '10s']],
    [{ minAvailable: '50%' }, 0, ['pdb1', '50%', 'N/A', 0, '10s']],
  ])('%j allowing %i', (spec, allowed, want) => {
    const o = obj(spec, allowed);
    if (want[0] === 'pdb2') o.metadata.name = 'pdb2';
    expect(printPodDisruptionBudget(o, { now: NOW, wide: false })[0].cells).toEqual(want);
  });
});
