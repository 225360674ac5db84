// kubectl describe and kubectl events against mk serve, compared byte for byte with mk's own
// output. kubectl computes their ages on its wall clock, so the manual-clock cluster is started
// half an hour before the wall clock's now and its virtual now brought to the wall clock before
// each comparison (wall-clock.ts): the ages are compared as printed, never masked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRONJOB, MYBLOG, PI_JOB, saythx, statefulSet } from './scenario.js';
import { servedCluster, hasKubectl } from './served.js';
import { minuteBefore, moveClockTo, WallClock } from './wall-clock.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the kubectl describe compatibility suite');

describe.skipIf(!hasKubectl)('kubectl describe and events against mk serve, ages on the wall clock', () => {
  const { home, kubectl, mk } = servedCluster('manual');
  const clock = new WallClock(mk);
  const same = (args: string[]) => clock.compare(() => {
    const k = kubectl(...args);
    expect({ args, ...mk(...args) }).toEqual({ args, ...k });
    return k;
  });
  /**
   * describe secret and configmap print their Data by ranging over a Go map, in an order that
   * changes from run to run: the entries are compared in a fixed order, everything else as is.
   */
  const sameData = (args: string[]) => clock.compare(() => {
    const entries = (text: string) => {
      const [head, data] = text.split('\nData\n====\n');
      const items = data.split(/\n(?=\S[^\n]*:(?:\n----\n|\s))/);
      return `${head}\nData\n====\n${items.map((i) => i.replace(/\n*$/, '')).sort().join('\n')}`;
    };
    const k = kubectl(...args);
    const m = mk(...args);
    expect({ args, ...m, stdout: entries(m.stdout) }).toEqual({ args, ...k, stdout: entries(k.stdout) });
    expect(k.stdout.split('\n').sort()).toEqual(m.stdout.split('\n').sort());
  });
  const name = (args: string[]) => mk(...args, '-o', 'name').stdout.trim().split('\n')[0];

  beforeAll(() => {
    // Events expire after an hour: the scenario starts half an hour ago.
    moveClockTo(mk, minuteBefore(30 * 60_000));
    expect(mk('addons', 'enable', 'ingress').code).toBe(0);
    const manifests: Record<string, string> = { myblog: MYBLOG, saythx: saythx(), pi: PI_JOB, cron: CRONJOB, sts: statefulSet() };
    for (const [file, text] of Object.entries(manifests)) {
      writeFileSync(join(home.dir, `${file}.yaml`), text);
      expect(kubectl('apply', '-f', join(home.dir, `${file}.yaml`)).stderr).toBe('');
    }
    // Two runs of the CronJob, then it is suspended so that no event stays young.
    expect(mk('clock', 'advance', '150s').code).toBe(0);
    expect(kubectl('patch', 'cj', 'hello', '-p', '{"spec":{"suspend":true}}').stdout).toBe('cronjob.batch/hello patched\n');
    expect(mk('clock', 'advance', '10m').code).toBe(0);
  }, 120_000);

  it('describes workloads: pods, deployments, replica sets, stateful sets, jobs and cron jobs', () => {
    const myblogPod = name(['get', 'pods', '-n', 'myblog', '-l', 'app=myblog']);
    const piPod = name(['get', 'pods', '-l', 'job-name=pi']);
    const cronJob = name(['get', 'jobs', '-l', 'batch.kubernetes.io/controller-uid', '--sort-by=.metadata.name']);
    for (const args of [
      ['describe', myblogPod, '-n', 'myblog'], ['describe', piPod], ['describe', 'pods', '-n', 'work'],
      ['describe', 'deploy', 'myblog', '-n', 'myblog'], ['describe', 'deploy', '-n', 'work'], ['describe', 'rs', '-n', 'myblog'],
      ['describe', 'sts', 'web'], ['describe', 'job', 'pi'], ['describe', cronJob], ['describe', 'cj', 'hello'],
    ]) same(args);
    // The ages are there to compare: describe printed them.
    expect(same(['describe', 'job', 'pi']).stdout).toMatch(/Normal {2}SuccessfulCreate {2}\d+m +job-controller {2}Created pod: pi-/);
  }, 300_000);

  it('describes services, ingresses, claims, autoscalers, config, nodes and namespaces', () => {
    for (const args of [
      ['describe', 'svc', 'myblog', '-n', 'myblog'], ['describe', 'svc', '-n', 'work'], ['describe', 'ing', 'myblog', '-n', 'myblog'],
      ['describe', 'pvc', '-n', 'myblog'], ['describe', 'pvc'], ['describe', 'pv'], ['describe', 'hpa', 'myblog', '-n', 'myblog'],
      ['describe', 'ns', 'myblog'],
      ['describe', 'node', 'mk-worker'], ['describe', 'node', 'mk-control-plane'], ['describe', 'sa', 'default'], ['describe', 'ep', '-n', 'myblog'],
    ]) same(args);
    sameData(['describe', 'cm', 'myblog', '-n', 'myblog']);
    sameData(['describe', 'secret', 'myblog', '-n', 'myblog']);
  }, 300_000);

  it('lists events with kubectl events, sorted as kubectl sorts them', () => {
    for (const args of [
      ['events', '-A'], ['events', '-n', 'myblog'], ['events', '-n', 'work'], ['events', '-A', '--types=Warning'],
      ['events', '-n', 'myblog', '--for', 'deploy/myblog'], ['events', '-n', 'nope'],
      ['events', '-n', 'work', '-o', 'json'], ['events', '-A', '-o', 'yaml'], ['events', '-n', 'work', '-o', 'name'],
      ['events', '-n', 'work', '-o', 'jsonpath={.kind} {.items[0].kind} {.items[0].eventTime} {.metadata}'], ['events', '-n', 'work', '-o', 'wide'],
      ['events', '-n', 'nope', '-o', 'yaml'],
    ]) same(args);
  }, 300_000);
});
