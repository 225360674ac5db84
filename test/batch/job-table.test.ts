// printJob of pkg/printers/internalversion/printers.go (v1.32), after TestPrintJob: the STATUS
// column's order of precedence, COMPLETIONS with and without spec.completions, DURATION from
// startTime to completionTime or now.
import { describe, expect, test } from 'vitest';
import type { Job } from '../../src/api/batch/job/schema.js';
import { printJob } from '../../src/api/batch/job/table.js';
import { generateTable } from '../../src/api/table.js';
import { tableHandlerFor } from '../../src/api/tables.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

function job(spec: Partial<Job['spec']>, status: Job['status'] = {}, meta: Partial<Job['metadata']> = {}): Job {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'job1', creationTimestamp: new Date(NOW + 1900).toISOString(), ...meta },
    spec: {
      template: { spec: { containers: [{ name: 'fake-job-container1', image: 'fake-job-image' }, { name: 'fake-job-container2', image: 'fake-job-image' }] } },
      selector: { matchLabels: { 'job-label': 'job-lable-value' } },
      ...spec,
    },
    status,
  };
}

const cells = (j: Job, wide = false) => printJob(j, { now: NOW, wide })[0].cells;
const cond = (type: string) => ({ conditions: [{ type, status: 'True' }] });

describe('printJob (TestPrintJob)', () => {
  test('completions set, one succeeded, not started', () => {
    expect(cells(job({ completions: 2 }, { succeeded: 1 }))).toEqual(['job1', 'Running', '1/2', '', '0s']);
  });

  test('wide adds containers, images and the selector', () => {
    expect(cells(job({ completions: 2 }, { succeeded: 1 }), true)).toEqual(['job1', 'Running', '1/2', '', '0s',
      'fake-job-container1,fake-job-container2', 'fake-job-image,fake-job-image', 'job-label=job-lable-value']);
  });

  test('no completions: n/1, or n/1 of parallelism when parallel', () => {
    expect(cells(job({}, {}, { creationTimestamp: ago(3e11) }))).toEqual(['job1', 'Running', '0/1', '', '9y']);
    expect(cells(job({ parallelism: 3 }, { succeeded: 0 }))[2]).toBe('0/1 of 3');
  });

  test('duration: start to completion when complete, start to now while running', () => {
    expect(cells(job({ completions: 1 }, { startTime: ago(10 * MIN), completionTime: ago(10 * MIN - 10_000), succeeded: 1, ...cond('Complete') })))
      .toEqual(['job1', 'Complete', '1/1', '10s', '0s']);
    expect(cells(job({}, { startTime: ago(20 * MIN) }))[3]).toBe('20m');
  });

  test('status: Complete, Failed, Terminating, Suspended, FailureTarget, else Running', () => {
    expect(cells(job({}, cond('Failed')))[1]).toBe('Failed');
    expect(cells(job({}, cond('Suspended')))[1]).toBe('Suspended');
    expect(cells(job({}, cond('FailureTarget')))[1]).toBe('FailureTarget');
    expect(cells(job({}, cond('FailureTarget'), { deletionTimestamp: ago(0) }))[1]).toBe('Terminating');
    expect(cells(job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] }, { deletionTimestamp: ago(0) }))[1]).toBe('Failed');
    expect(cells(job({}, { conditions: [{ type: 'Complete', status: 'False' }] }))[1]).toBe('Running');
  });

  test('the registry prints jobs with these columns', () => {
    const t = generateTable(tableHandlerFor('Job'), [job({ completions: 1 })], { now: NOW, wide: true });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
  });
});
