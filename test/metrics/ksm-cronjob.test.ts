// kube_cronjob_* for a CronJob that has run once: the next schedule time is the schedule's next
// run after lastScheduleTime (getNextScheduledTime), the history limits as defaulted.
import { expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { kubeStateMetrics } from '../../src/metrics/kube-state-metrics/metrics.js';
import { advance, memoryCluster } from '../sim/harness.js';

test('a */5 CronJob seven minutes after its creation at 00:00', async () => {
  const h = memoryCluster();
  h.api.create('cronjobs.batch', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['date'] }] } } } } },
  } as unknown as KubeObject);
  await advance(h, '7m');
  const rv = h.api.get('cronjobs.batch', 'default', 'hello').metadata.resourceVersion;
  const text = kubeStateMetrics((r) => h.api.list(r));
  const cronjob = text.slice(text.indexOf('# HELP kube_cronjob_'), text.indexOf('# HELP kube_daemonset_'));
  // Created 2025-01-01T00:00:00Z (1735689600), scheduled at 00:05:00, next at 00:10:00.
  expect(cronjob.split('\n').filter((l) => !l.startsWith('#')).join('\n')).toBe(`\
kube_cronjob_info{namespace="default",cronjob="hello",schedule="*/5 * * * *",concurrency_policy="Allow"} 1
kube_cronjob_created{namespace="default",cronjob="hello"} 1.7356896e+09
kube_cronjob_status_active{namespace="default",cronjob="hello"} 0
kube_cronjob_status_last_schedule_time{namespace="default",cronjob="hello"} 1.7356899e+09
kube_cronjob_status_last_successful_time{namespace="default",cronjob="hello"} 1.735689901e+09
kube_cronjob_spec_suspend{namespace="default",cronjob="hello"} 0
kube_cronjob_next_schedule_time{namespace="default",cronjob="hello"} 1.7356902e+09
kube_cronjob_metadata_resource_version{namespace="default",cronjob="hello"} ${rv}
kube_cronjob_spec_successful_job_history_limit{namespace="default",cronjob="hello"} 3
kube_cronjob_spec_failed_job_history_limit{namespace="default",cronjob="hello"} 1
`);
});
