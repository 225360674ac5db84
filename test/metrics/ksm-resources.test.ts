// kube-state-metrics' families of a CronJob that has run once (the next schedule time is the
// schedule's next run after lastScheduleTime, getNextScheduledTime), and of a claim waiting for its
// first consumer with a PodDisruptionBudget beside it.
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

test('a claim of kind\'s standard class waiting for its first consumer, and a PDB over no pods', async () => {
  const h = memoryCluster();
  h.api.create('persistentvolumeclaims', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  } as unknown as KubeObject);
  h.api.create('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  } as unknown as KubeObject);
  await advance(h, '10s');
  const text = kubeStateMetrics((r) => h.api.list(r));
  const lines = (prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix)).join('\n');
  // WaitForFirstConsumer: Pending with no volume; the class defaulted from the default StorageClass.
  expect(lines('kube_persistentvolumeclaim_')).toBe(`\
kube_persistentvolumeclaim_info{namespace="default",persistentvolumeclaim="data",storageclass="standard",volumename="",volumemode="Filesystem"} 1
kube_persistentvolumeclaim_status_phase{namespace="default",persistentvolumeclaim="data",phase="Lost"} 0
kube_persistentvolumeclaim_status_phase{namespace="default",persistentvolumeclaim="data",phase="Bound"} 0
kube_persistentvolumeclaim_status_phase{namespace="default",persistentvolumeclaim="data",phase="Pending"} 1
kube_persistentvolumeclaim_resource_requests_storage_bytes{namespace="default",persistentvolumeclaim="data"} 1.073741824e+09
kube_persistentvolumeclaim_access_mode{namespace="default",persistentvolumeclaim="data",access_mode="ReadWriteOnce"} 1
kube_persistentvolumeclaim_created{namespace="default",persistentvolumeclaim="data"} 1.7356896e+09`);
  expect(lines('kube_poddisruptionbudget_status')).toBe(`\
kube_poddisruptionbudget_status_current_healthy{namespace="default",poddisruptionbudget="web"} 0
kube_poddisruptionbudget_status_desired_healthy{namespace="default",poddisruptionbudget="web"} 1
kube_poddisruptionbudget_status_pod_disruptions_allowed{namespace="default",poddisruptionbudget="web"} 0
kube_poddisruptionbudget_status_expected_pods{namespace="default",poddisruptionbudget="web"} 0
kube_poddisruptionbudget_status_observed_generation{namespace="default",poddisruptionbudget="web"} 1`);
  expect(text).toContain('# HELP kube_poddisruptionbudget_labels Kubernetes labels converted to Prometheus labels.\n');
});

test('Ingresses: the class from the legacy annotation or "_default", each path\'s backend and TLS host', async () => {
  const h = memoryCluster();
  h.api.create('ingresses.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'shop', namespace: 'default', annotations: { 'kubernetes.io/ingress.class': 'legacy' } },
    spec: {
      tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }],
      rules: [{ host: 'shop.example', http: { paths: [
        { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
        { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
      ] } }],
    },
  } as unknown as KubeObject);
  h.api.create('ingresses.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'plain', namespace: 'default' },
    spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
  } as unknown as KubeObject);
  await advance(h, '1s');
  const text = kubeStateMetrics((r) => h.api.list(r));
  const lines = (prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix)).join('\n');
  // A named service port has no number: service_port="0".
  expect([lines('kube_ingress_info'), lines('kube_ingress_path'), lines('kube_ingress_tls')].join('\n')).toBe(`\
kube_ingress_info{namespace="default",ingress="plain",ingressclass="_default"} 1
kube_ingress_info{namespace="default",ingress="shop",ingressclass="legacy"} 1
kube_ingress_path{namespace="default",ingress="shop",host="shop.example",path="/",service_name="web",service_port="80"} 1
kube_ingress_path{namespace="default",ingress="shop",host="shop.example",path="/api",service_name="api",service_port="0"} 1
kube_ingress_tls{namespace="default",ingress="shop",tls_host="shop.example",secret="shop-tls"} 1`);
});
