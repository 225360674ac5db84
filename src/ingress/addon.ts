// The ingress addon: what a kind user installs with ingress-nginx's kind provider manifest
// (deploy/static/provider/kind/deploy.yaml, controller v1.12.1), on a cluster whose control-plane
// node carries `ingress-ready=true` (kind's ingress cluster config). The controller runs on that
// node with hostPorts 80/443, reports `localhost` as every Ingress's address
// (--publish-status-address) and also serves Ingresses without a class.
//
// Left out of the manifest: RBAC objects and the admission webhook (ValidatingWebhookConfiguration,
// the certgen Jobs and the `ingress-nginx-admission` Secret they make), kinds this API server does
// not serve; with them go the controller's --validating-webhook* flags and the certificate volume.
import type { KubeObject } from '../api/object.js';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_VERSION = '1.12.1';
export const INGRESS_READY_LABEL = 'ingress-ready';

const selectorLabels = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};
const labels = { ...selectorLabels, 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': INGRESS_NGINX_VERSION };
const ns = INGRESS_NGINX_NAMESPACE;

const probe = (failureThreshold: number) => ({
  failureThreshold, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
  initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1,
});

/** The manifest's objects, in the order `kubectl apply -f deploy.yaml` creates them. */
export function ingressNginxObjects(): KubeObject[] {
  const objs: Record<string, unknown>[] = [
    {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }, name: ns },
    },
    {
      apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: true,
      metadata: { labels, name: 'ingress-nginx', namespace: ns },
    },
    {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { labels, name: 'ingress-nginx-controller', namespace: ns },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { labels, name: 'ingress-nginx-controller', namespace: ns },
      spec: {
        ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
        selector: selectorLabels, type: 'NodePort',
      },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { labels, name: 'ingress-nginx-controller-admission', namespace: ns },
      spec: {
        ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }],
        selector: selectorLabels, type: 'ClusterIP',
      },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { labels, name: 'ingress-nginx-controller', namespace: ns },
      spec: {
        minReadySeconds: 0, revisionHistoryLimit: 10,
        selector: { matchLabels: selectorLabels },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              args: [
                '/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
                '--watch-ingress-without-class=true', '--enable-metrics=false', '--publish-status-address=localhost',
              ],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              image: `registry.k8s.io/ingress-nginx/controller:v${INGRESS_NGINX_VERSION}`,
              imagePullPolicy: 'IfNotPresent',
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: probe(5),
              name: 'controller',
              ports: [
                { containerPort: 80, hostPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, hostPort: 443, name: 'https', protocol: 'TCP' },
                { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
              ],
              readinessProbe: probe(3),
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: false, runAsGroup: 82, runAsNonRoot: true, runAsUser: 101,
                seccompProfile: { type: 'RuntimeDefault' },
              },
            }],
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { [INGRESS_READY_LABEL]: 'true', 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 0,
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
      metadata: { labels, name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
  ];
  return objs as unknown as KubeObject[];
}
