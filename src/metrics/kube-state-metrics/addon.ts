// The kube-state-metrics addon: kube-state-metrics v2.14.0's examples/standard manifests, as
// `kubectl apply -f examples/standard/` creates them (files in name order). Left out: the
// ClusterRole and ClusterRoleBinding, kinds this API server does not serve (it authorizes every
// authenticated client), so the ServiceAccount needs no grant to list what it reports on.
import type { KubeObject } from '../../api/object.js';

export const KSM_VERSION = '2.14.0';
export const KSM_NAMESPACE = 'kube-system';
export const KSM_NAME = 'kube-state-metrics';

const labels = {
  'app.kubernetes.io/component': 'exporter',
  'app.kubernetes.io/name': KSM_NAME,
  'app.kubernetes.io/version': KSM_VERSION,
};

const probe = (path: string, port: string) => ({ httpGet: { path, port }, initialDelaySeconds: 5, timeoutSeconds: 5 });

export function kubeStateMetricsObjects(): KubeObject[] {
  const objs: Record<string, unknown>[] = [
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { labels, name: KSM_NAME, namespace: KSM_NAMESPACE },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': KSM_NAME } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: true,
            containers: [{
              image: `registry.k8s.io/kube-state-metrics/kube-state-metrics:v${KSM_VERSION}`,
              livenessProbe: probe('/livez', 'http-metrics'),
              name: KSM_NAME,
              ports: [{ containerPort: 8080, name: 'http-metrics' }, { containerPort: 8081, name: 'telemetry' }],
              readinessProbe: probe('/readyz', 'telemetry'),
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true,
                runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' },
              },
            }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: KSM_NAME,
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false,
      metadata: { labels, name: KSM_NAME, namespace: KSM_NAMESPACE },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { labels, name: KSM_NAME, namespace: KSM_NAMESPACE },
      spec: {
        clusterIP: 'None',
        ports: [
          { name: 'http-metrics', port: 8080, targetPort: 'http-metrics' },
          { name: 'telemetry', port: 8081, targetPort: 'telemetry' },
        ],
        selector: { 'app.kubernetes.io/name': KSM_NAME },
      },
    },
  ];
  return objs as unknown as KubeObject[];
}
