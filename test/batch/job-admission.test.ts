// A Job through the API server's create path: SetDefaults_Job, the strategy's generated selector
// and labels, and ValidateJob's messages (pkg/apis/batch, release-1.32).
import { describe, expect, test } from 'vitest';
import type { Job } from '../../src/api/batch/job/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { Bench } from '../controllers/replicaset-harness.js';

function create(spec: Record<string, unknown>, name = 'x'): Job {
  const b = new Bench();
  return b.api.create<KubeObject>('jobs.batch', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: { template: { spec: { containers: [{ name: 'x', image: 'busybox' }], restartPolicy: 'Never' } }, ...spec },
  } as unknown as KubeObject) as unknown as Job;
}

function createError(spec: Record<string, unknown>, name = 'x'): string {
  try {
    create(spec, name);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('created');
}

describe('Job defaults and the generated selector', () => {
  test('what `kubectl create job x --image=busybox` becomes', () => {
    const job = create({});
    const uid = job.metadata.uid!;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'x', 'controller-uid': uid, 'job-name': 'x' };
    expect(job.metadata.labels).toEqual(labels);
    expect(job.metadata.generation).toBe(1);
    const { template, ...rest } = job.spec;
    expect(rest).toEqual({
      backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, suspend: false,
    });
    expect(template.metadata?.labels).toEqual(labels);
    expect(job.status).toEqual({});
  });

  test('parallelism alone leaves completions unset; a pod failure policy defaults podReplacementPolicy to Failed', () => {
    expect(create({ parallelism: 3 }).spec.completions).toBeUndefined();
    const withPolicy = create({ podFailurePolicy: { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
    expect(withPolicy.spec.podReplacementPolicy).toBe('Failed');
    expect(withPolicy.spec.podFailurePolicy?.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
  });

  test('a job with its own labels keeps them', () => {
    const b = new Bench();
    const job = b.api.create<KubeObject>('jobs.batch', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', labels: { app: 'a' } },
      spec: { template: { spec: { containers: [{ name: 'x', image: 'busybox' }], restartPolicy: 'OnFailure' } } },
    } as unknown as KubeObject);
    expect(job.metadata.labels).toEqual({ app: 'a' });
  });
});

describe('ValidateJob', () => {
  test('restartPolicy must be OnFailure or Never', () => {
    expect(createError({ template: { spec: { containers: [{ name: 'x', image: 'busybox' }] } } }))
      .toBe('Job.batch "x" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  test('negative counts', () => {
    expect(createError({ parallelism: -1, backoffLimit: -2 })).toBe(
      'Job.batch "x" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, '
      + 'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0]');
  });

  test('Indexed needs completions; completionMode must be known', () => {
    expect(createError({ completionMode: 'Indexed', parallelism: 2 }))
      .toBe('Job.batch "x" is invalid: spec.completions: Required value: when completion mode is Indexed');
    expect(createError({ completionMode: 'Sometimes' }))
      .toBe('Job.batch "x" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"');
  });

  test('a selector the user wrote is not the generated one', () => {
    expect(createError({ selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'x', image: 'busybox' }], restartPolicy: 'Never' } } }))
      .toMatch(/^Job\.batch "x" is invalid: spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"a", "batch\.kubernetes\.io\/controller-uid":"[-0-9a-f]+"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: `selector` not auto-generated$/);
  });
});
