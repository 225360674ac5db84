// PodDisruptionBudgets through the built CLI on a manual clock: `kubectl create pdb`, the budget's
// table and describe as the disruption controller leaves them, and `drain` evicting through the
// budget — refused with kubectl's retry line every 5 s until a replacement is ready, then allowed;
// given up at --timeout; bypassed with --disable-eviction.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
const retry = (pod: string) => `error when evicting pods/"${pod}" -n "default" (will retry after 5s): ${REFUSED}\n`;

describe('PodDisruptionBudget and drain on a manual clock', () => {
  const home = new MkHome();
  const podsOn = (node: string) => home.ok('get', 'pods', '-l', 'app=web', '-o',
    `jsonpath={range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{"\\n"}{end}`).split('\n').filter(Boolean).sort();

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=4');
    home.ok('clock', 'advance', '60s');
  });
  afterAll(() => home.dispose());

  test('create pdb: flag checks in kubectl words, then the budget as the controller counts it', () => {
    expect(home.run(['create', 'pdb', 'web-pdb', '--selector=app=web'])).toEqual({
      stdout: '', stderr: 'error: one of min-available or max-unavailable must be specified\n', code: 1 });
    expect(home.run(['create', 'pdb', 'web-pdb', '--selector=app=web', '--min-available=1', '--max-unavailable=1'])).toEqual({
      stdout: '', stderr: 'error: min-available and max-unavailable cannot be both specified\n', code: 1 });
    expect(home.run(['create', 'pdb', 'web-pdb', '--max-unavailable=1'])).toEqual({
      stdout: '', stderr: 'error: a selector must be specified\n', code: 1 });
    // Recorded from kubectl 1.32: equality requirements become matchLabels, the rest matchExpressions.
    expect(home.run(['create', 'pdb', 'x', '--selector=app=web,env in (a,b),!legacy', '--max-unavailable=50%', '--dry-run=client', '-o', 'yaml'])).toEqual({
      stdout: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  creationTimestamp: null\n  name: x\nspec:\n  maxUnavailable: 50%\n'
        + '  selector:\n    matchExpressions:\n    - key: env\n      operator: In\n      values:\n      - a\n      - b\n    - key: legacy\n'
        + '      operator: DoesNotExist\n    matchLabels:\n      app: web\nstatus:\n  currentHealthy: 0\n  desiredHealthy: 0\n'
        + '  disruptionsAllowed: 0\n  expectedPods: 0\n',
      stderr: '', code: 0 });
    expect(home.run(['create', 'pdb', 'x', '--selector=tier!=db', '--min-available=1'])).toEqual({
      stdout: '', stderr: 'error: "!=" is not a valid label selector operator\n', code: 1 });
    expect(home.run(['create', 'poddisruptionbudget', 'web-pdb', '--selector=app=web', '--max-unavailable=1'])).toEqual({
      stdout: 'poddisruptionbudget.policy/web-pdb created\n', stderr: '', code: 0 });
    expect(home.ok('get', 'pdb')).toBe(
      'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n'
      + 'web-pdb   N/A             1                 1                     0s\n');
    expect(home.ok('get', 'pdb', 'web-pdb', '-o', 'jsonpath={.status.expectedPods} {.status.currentHealthy} {.status.desiredHealthy} {.status.conditions[0].reason}'))
      .toBe('4 4 3 SufficientPods');
    expect(home.ok('describe', 'pdb', 'web-pdb')).toBe(
      'Name:             web-pdb\nNamespace:        default\nMax unavailable:  1\nSelector:         app=web\nStatus:\n'
      + '    Allowed disruptions:  1\n    Current:              4\n    Desired:              3\n    Total:                4\n'
      + 'Events:                   <none>\n');
  });

  test('drain: the second pod waits for the budget, retried every 5 s, until the first one\'s replacement is ready', () => {
    const [a, b] = podsOn('mk-worker');
    expect(b).toBeDefined();
    const r = home.run(['drain', 'mk-worker', '--pod-selector', 'app=web', '--grace-period', '5']);
    expect(r.stderr).toBe(retry(b));
    expect(r).toEqual({
      stdout: 'node/mk-worker cordoned\n'
        + `evicting pod default/${a}\nevicting pod default/${b}\n`
        + `pod/${a} evicted\n`
        + `evicting pod default/${b}\n`
        + `pod/${b} evicted\n`
        + 'node/mk-worker drained\n',
      stderr: retry(b), code: 0,
    });
    expect(podsOn('mk-worker')).toEqual([]);
    home.ok('uncordon', 'mk-worker');
  });

  test('drain --timeout: a budget that never allows ends the drain when the time is up', () => {
    home.ok('clock', 'advance', '60s');
    home.ok('delete', 'pdb', 'web-pdb');
    home.ok('create', 'pdb', 'all', '--selector=app=web', '--min-available=100%');
    const all = podsOn('mk-worker2');
    expect(all.length).toBeGreaterThan(0);
    const r = home.run(['drain', 'mk-worker2', '--pod-selector', 'app=web', '--timeout', '12s']);
    const errs = all.map((p) => `error when evicting pods/"${p}" -n "default": global timeout reached: 12s`);
    const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    // Every pod's loop tries at 0 s, 5 s and 10 s, and finds the deadline passed when it wakes at 15 s.
    const round = all.map((p) => `evicting pod default/${p}\n`).join('');
    expect(r).toEqual({
      stdout: 'node/mk-worker2 cordoned\n' + round.repeat(4),
      stderr: all.map(retry).join('').repeat(3)
        + `There are pending pods in node "mk-worker2" when an error occurred: ${agg}\n`
        + all.map((p) => `pod/${p}\n`).join('')
        + `error: unable to drain node "mk-worker2" due to error: ${agg}, continuing command...\n`
        + `There are pending nodes to be drained:\n mk-worker2\nerror: ${agg}\n`,
      code: 1,
    });
  });

  test('drain without --timeout on a manual clock: a refusal nothing can change any more is final', () => {
    const all = podsOn('mk-worker2');
    const r = home.run(['drain', 'mk-worker2', '--pod-selector', 'app=web']);
    const errs = all.map((p) => `error when evicting pods/"${p}" -n "default": ${REFUSED}`);
    const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    // Retried every 5 s while the cluster still has something due within a minute, then given
    // up with the refusal itself.
    const rounds = r.stdout.split('\n').filter((l) => l.startsWith('evicting pod')).length / all.length;
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(r).toEqual({
      stdout: 'node/mk-worker2 already cordoned\n' + all.map((p) => `evicting pod default/${p}\n`).join('').repeat(rounds),
      stderr: all.map(retry).join('').repeat(rounds)
        + `There are pending pods in node "mk-worker2" when an error occurred: ${agg}\n`
        + all.map((p) => `pod/${p}\n`).join('')
        + `error: unable to drain node "mk-worker2" due to error: ${agg}, continuing command...\n`
        + `There are pending nodes to be drained:\n mk-worker2\nerror: ${agg}\n`,
      code: 1,
    });
  });

  test('drain --disable-eviction deletes through the budget', () => {
    const pods = podsOn('mk-worker2');
    const r = home.run(['drain', 'mk-worker2', '--pod-selector', 'app=web', '--disable-eviction', '--grace-period', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('node/mk-worker2 already cordoned\n')).toBe(true);
    expect(r.stdout).not.toContain('evicting');
    expect(r.stdout.split('\n').filter((l) => l.endsWith(' deleted')).sort()).toEqual(pods.map((p) => `pod/${p} deleted`).sort());
    expect(r.stdout.endsWith('node/mk-worker2 drained\n')).toBe(true);
  });
});
