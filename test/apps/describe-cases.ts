// The clusters the Deployment and ReplicaSet describe golden files were recorded from (see
// test/apps/record.test.ts). Objects are what a 1.32 cluster holds after the deployment and
// replicaset controllers have run: owner references, pod-template-hash labels, revision
// annotations, conditions and the controllers' Events. Timestamps are relative to `now`.
import type { KubeObject } from '../../src/api/object.js';
import type { DescribeCase } from '../fixtures/describe/cases.js';

function ts(now: number, secondsAgo: number): string {
  return new Date(Math.floor(now / 1000) * 1000 - secondsAgo * 1000).toISOString().replace('.000Z', 'Z');
}

const NS = 'default';
let seq = 0;

function event(now: number, involved: { kind: string; name: string; uid: string; apiVersion: string }, e: {
  type?: string; reason: string; message: string; component: string; first: number; last?: number; count?: number;
}): KubeObject {
  seq++;
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${involved.name}.${(0x17f3a0000000 + seq).toString(16)}`, namespace: NS, uid: `ev-apps-${seq}`, creationTimestamp: ts(now, e.first) },
    involvedObject: { ...involved, namespace: NS, resourceVersion: String(1000 + seq) },
    reason: e.reason, message: e.message, source: { component: e.component },
    firstTimestamp: ts(now, e.first), lastTimestamp: ts(now, e.last ?? e.first), count: e.count ?? 1,
    type: e.type ?? 'Normal', eventTime: null, reportingComponent: e.component, reportingInstance: '',
  };
}

/** The template `kubectl create deployment web --image=nginx:1.27` stores, with extra fields as given. */
function template(labels: Record<string, string>, spec: Record<string, unknown> = {}, extraMeta: Record<string, unknown> = {}) {
  return {
    metadata: { creationTimestamp: null, labels, ...extraMeta },
    spec: {
      containers: [{
        image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', name: 'nginx', resources: {},
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
      terminationGracePeriodSeconds: 30,
      ...spec,
    },
  };
}

function deployment(now: number, d: {
  name: string; uid: string; age: number; replicas: number; labels?: Record<string, string>; annotations?: Record<string, string>;
  selector: Record<string, unknown>; template: ReturnType<typeof template>; strategy?: Record<string, unknown>; minReadySeconds?: number;
  status?: Record<string, unknown>;
}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: d.name, namespace: NS, uid: d.uid, resourceVersion: '2000', generation: 2, creationTimestamp: ts(now, d.age),
      ...(d.labels ? { labels: d.labels } : {}), annotations: { 'deployment.kubernetes.io/revision': '1', ...d.annotations },
    },
    spec: {
      progressDeadlineSeconds: 600, replicas: d.replicas, revisionHistoryLimit: 10, selector: d.selector,
      strategy: d.strategy ?? { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: d.template, ...(d.minReadySeconds ? { minReadySeconds: d.minReadySeconds } : {}),
    },
    status: d.status ?? {},
  };
}

function replicaSet(now: number, r: {
  name: string; uid: string; age: number; replicas: number; current: number; ready?: number; labels: Record<string, string>;
  owner?: { name: string; uid: string }; revision?: string; maxReplicas?: number; selector: Record<string, unknown>;
  template: ReturnType<typeof template>; conditions?: unknown[];
}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: r.name, namespace: NS, uid: r.uid, resourceVersion: '2100', generation: 1, creationTimestamp: ts(now, r.age), labels: r.labels,
      ...(r.owner ? {
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(r.replicas),
          'deployment.kubernetes.io/max-replicas': String(r.maxReplicas ?? r.replicas),
          'deployment.kubernetes.io/revision': r.revision ?? '1',
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: r.owner.name, uid: r.owner.uid, controller: true, blockOwnerDeletion: true }],
      } : {}),
    },
    spec: { replicas: r.replicas, selector: r.selector, template: r.template },
    status: {
      replicas: r.current, fullyLabeledReplicas: r.current, observedGeneration: 1,
      ...(r.ready ? { readyReplicas: r.ready, availableReplicas: r.ready } : {}),
      ...(r.conditions ? { conditions: r.conditions } : {}),
    },
  };
}

function pod(now: number, p: { name: string; labels: Record<string, string>; phase: string; age: number; owner?: { kind: string; name: string; uid: string } }): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: p.name, namespace: NS, uid: `uid-${p.name}`, creationTimestamp: ts(now, p.age), labels: p.labels,
      ...(p.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...p.owner, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], nodeName: 'mk-worker' },
    status: { phase: p.phase },
  };
}

function condition(now: number, type: string, status: string, reason: string, message: string, age: number) {
  return { type, status, lastUpdateTime: ts(now, age), lastTransitionTime: ts(now, age), reason, message };
}


function statefulSet(now: number, d: {
  name: string; uid: string; age: number; replicas: number; labels?: Record<string, string>; annotations?: Record<string, string>;
  selector: Record<string, unknown>; template: ReturnType<typeof template>; updateStrategy: Record<string, unknown>;
  podManagementPolicy?: string; serviceName?: string; volumeClaimTemplates?: unknown[]; status: Record<string, unknown>;
}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: {
      name: d.name, namespace: NS, uid: d.uid, resourceVersion: '2400', generation: 1, creationTimestamp: ts(now, d.age),
      ...(d.labels ? { labels: d.labels } : {}), ...(d.annotations ? { annotations: d.annotations } : {}),
    },
    spec: {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: d.podManagementPolicy ?? 'OrderedReady', replicas: d.replicas, revisionHistoryLimit: 10,
      selector: d.selector, serviceName: d.serviceName ?? 'nginx', template: d.template, updateStrategy: d.updateStrategy,
      ...(d.volumeClaimTemplates ? { volumeClaimTemplates: d.volumeClaimTemplates } : {}),
    },
    status: d.status,
  };
}

/** A volumeClaimTemplates entry as the API server stores it. */
function claimTemplate(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { creationTimestamp: null, name, ...meta },
    spec: { volumeMode: 'Filesystem', ...spec },
    status: { phase: 'Pending' },
  };
}

export const appsDescribeCases: DescribeCase[] = [
  {
    name: 'deployment-available',
    target: { resource: 'deployments.apps', apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'web' },
    build(now) {
      const dep = { kind: 'Deployment', name: 'web', uid: 'd-web', apiVersion: 'apps/v1' };
      const hash = '7d4b9c8f5d';
      const labels = { app: 'web' };
      return [
        deployment(now, {
          name: 'web', uid: 'd-web', age: 300, replicas: 3, labels, selector: { matchLabels: labels }, template: template(labels),
          status: {
            observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3,
            conditions: [
              condition(now, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', 280),
              condition(now, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`, 290),
            ],
          },
        }),
        replicaSet(now, {
          name: `web-${hash}`, uid: 'rs-web-new', age: 300, replicas: 3, current: 3, ready: 3, labels: { ...labels, 'pod-template-hash': hash },
          owner: dep, selector: { matchLabels: { ...labels, 'pod-template-hash': hash } }, template: template({ ...labels, 'pod-template-hash': hash }),
        }),
        event(now, dep, { reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${hash} from 0 to 3`, component: 'deployment-controller', first: 300 }),
      ];
    },
  },
  {
    name: 'deployment-rolling',
    target: { resource: 'deployments.apps', apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'api' },
    build(now) {
      const dep = { kind: 'Deployment', name: 'api', uid: 'd-api', apiVersion: 'apps/v1' };
      const labels = { app: 'api', tier: 'backend' };
      const oldT = template({ ...labels });
      const newT = template({ ...labels }, {
        containers: [{
          image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent', name: 'nginx', resources: {},
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        }],
      });
      const withHash = (t: ReturnType<typeof template>, h: string) => ({ ...t, metadata: { ...t.metadata, labels: { ...labels, 'pod-template-hash': h } } });
      return [
        deployment(now, {
          name: 'api', uid: 'd-api', age: 4000, replicas: 4, labels, annotations: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'kubectl set image deployment/api nginx=nginx:1.28' },
          selector: { matchLabels: labels }, template: newT, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }, type: 'RollingUpdate' },
          minReadySeconds: 5,
          status: {
            observedGeneration: 3, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 1,
            conditions: [
              condition(now, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', 3900),
              condition(now, 'Progressing', 'True', 'ReplicaSetUpdated', 'ReplicaSet "api-5c8d7f9b6" is progressing.', 20),
            ],
          },
        }),
        replicaSet(now, {
          name: 'api-6f7c9d8b4', uid: 'rs-api-1', age: 4000, replicas: 0, current: 0, labels: { ...labels, 'pod-template-hash': '6f7c9d8b4' },
          owner: dep, selector: { matchLabels: { ...labels, 'pod-template-hash': '6f7c9d8b4' } },
          template: withHash(template({ ...labels }, { containers: [{ image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }] }), '6f7c9d8b4'),
          revision: '1', maxReplicas: 5,
        }),
        replicaSet(now, {
          name: 'api-78b5c6d9f', uid: 'rs-api-2', age: 2000, replicas: 3, current: 3, ready: 3, labels: { ...labels, 'pod-template-hash': '78b5c6d9f' },
          owner: dep, selector: { matchLabels: { ...labels, 'pod-template-hash': '78b5c6d9f' } }, template: withHash(oldT, '78b5c6d9f'), revision: '2', maxReplicas: 5,
        }),
        replicaSet(now, {
          name: 'api-5c8d7f9b6', uid: 'rs-api-3', age: 30, replicas: 2, current: 2, ready: 1, labels: { ...labels, 'pod-template-hash': '5c8d7f9b6' },
          owner: dep, selector: { matchLabels: { ...labels, 'pod-template-hash': '5c8d7f9b6' } }, template: withHash(newT, '5c8d7f9b6'), revision: '3', maxReplicas: 5,
        }),
        // Same labels, not controlled by this Deployment: not listed.
        replicaSet(now, {
          name: 'api-orphan', uid: 'rs-api-orphan', age: 100, replicas: 1, current: 1, labels: { ...labels },
          selector: { matchLabels: labels }, template: oldT,
        }),
        event(now, dep, { reason: 'ScalingReplicaSet', message: 'Scaled up replica set api-78b5c6d9f from 0 to 4', component: 'deployment-controller', first: 2000 }),
        event(now, dep, { reason: 'ScalingReplicaSet', message: 'Scaled up replica set api-5c8d7f9b6 from 0 to 1', component: 'deployment-controller', first: 30 }),
        event(now, dep, { reason: 'ScalingReplicaSet', message: 'Scaled down replica set api-78b5c6d9f from 4 to 3', component: 'deployment-controller', first: 25 }),
        event(now, dep, { reason: 'ScalingReplicaSet', message: 'Scaled up replica set api-5c8d7f9b6 from 1 to 2', component: 'deployment-controller', first: 10 }),
      ];
    },
  },
  {
    name: 'deployment-recreate-template',
    target: { resource: 'deployments.apps', apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'db' },
    showEvents: true,
    build(now) {
      const labels = { app: 'db' };
      const t = template(labels, {
        serviceAccountName: 'db', serviceAccount: 'db', priorityClassName: 'high',
        nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
        initContainers: [{
          name: 'init-perms', image: 'busybox:1.36', command: ['sh', '-c', 'chown -R 999 /var/lib/mysql'], imagePullPolicy: 'IfNotPresent',
          resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
        }],
        containers: [{
          name: 'mysql', image: 'mysql:8.0', imagePullPolicy: 'IfNotPresent', args: ['--default-authentication-plugin=mysql_native_password'],
          ports: [{ containerPort: 3306, name: 'mysql', protocol: 'TCP' }],
          env: [{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'password' } } }, { name: 'MYSQL_DATABASE', value: 'blog' }],
          resources: { limits: { memory: '1Gi', cpu: '1' }, requests: { memory: '512Mi', cpu: '250m' } },
          livenessProbe: { exec: { command: ['mysqladmin', 'ping'] }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 3 },
          readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }, { name: 'config', mountPath: '/etc/mysql/conf.d', readOnly: true }],
        }],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'db-data' } },
          { name: 'config', configMap: { name: 'db-config', defaultMode: 420 } },
        ],
      }, { annotations: { 'prometheus.io/scrape': 'true' } });
      return [
        deployment(now, {
          name: 'db', uid: 'd-db', age: 45, replicas: 1, labels, selector: { matchLabels: labels }, template: t,
          strategy: { type: 'Recreate' }, minReadySeconds: 10,
        }),
      ];
    },
  },
  {
    name: 'deployment-expressions-no-replicasets',
    target: { resource: 'deployments.apps', apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'canary' },
    showEvents: false,
    build(now) {
      const labels = { app: 'shop', track: 'canary' };
      return [
        deployment(now, {
          name: 'canary', uid: 'd-canary', age: 90000, replicas: 0, labels,
          selector: { matchLabels: { app: 'shop' }, matchExpressions: [{ key: 'track', operator: 'In', values: ['stable', 'canary'] }, { key: 'legacy', operator: 'DoesNotExist' }] },
          template: template(labels), status: { observedGeneration: 2 },
        }),
      ];
    },
  },
  {
    name: 'replicaset-owned',
    target: { resource: 'replicasets.apps', apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: NS, name: 'web-7d4b9c8f5d' },
    build(now) {
      const hash = '7d4b9c8f5d';
      const labels = { app: 'web', 'pod-template-hash': hash };
      const rsRef = { kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-web', apiVersion: 'apps/v1' };
      return [
        replicaSet(now, {
          name: `web-${hash}`, uid: 'rs-web', age: 600, replicas: 4, current: 4, ready: 2, labels, owner: { name: 'web', uid: 'd-web' },
          selector: { matchLabels: labels }, template: template(labels), maxReplicas: 5,
        }),
        pod(now, { name: `web-${hash}-x8fp9`, labels, phase: 'Running', age: 600, owner: { kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-web' } }),
        pod(now, { name: `web-${hash}-kcmzk`, labels, phase: 'Running', age: 600, owner: { kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-web' } }),
        pod(now, { name: `web-${hash}-lmtxn`, labels, phase: 'Pending', age: 20, owner: { kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-web' } }),
        pod(now, { name: `web-${hash}-wp9gr`, labels, phase: 'Failed', age: 300, owner: { kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-web' } }),
        // Matches the selector but has no controller, or another one: not counted.
        pod(now, { name: 'web-stray', labels, phase: 'Running', age: 50 }),
        pod(now, { name: 'web-other', labels, phase: 'Running', age: 50, owner: { kind: 'ReplicaSet', name: 'web-other', uid: 'rs-other' } }),
        event(now, rsRef, { reason: 'SuccessfulCreate', message: `Created pod: web-${hash}-x8fp9`, component: 'replicaset-controller', first: 600 }),
        event(now, rsRef, { reason: 'SuccessfulCreate', message: `Created pod: web-${hash}-kcmzk`, component: 'replicaset-controller', first: 600 }),
        event(now, rsRef, { reason: 'SuccessfulCreate', message: `Created pod: web-${hash}-lmtxn`, component: 'replicaset-controller', first: 20 }),
      ];
    },
  },
  {
    name: 'replicaset-bare',
    target: { resource: 'replicasets.apps', apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: NS, name: 'frontend' },
    build(now) {
      const labels = { tier: 'frontend' };
      const rs = replicaSet(now, {
        name: 'frontend', uid: 'rs-frontend', age: 7200, replicas: 3, current: 0, labels: { app: 'guestbook', tier: 'frontend' },
        selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] },
        template: template(labels, { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }] }),
        conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: ts(now, 7100), reason: 'FailedCreate', message: 'pods "frontend-" is forbidden: exceeded quota: compute-resources' }],
      });
      const ref = { kind: 'ReplicaSet', name: 'frontend', uid: 'rs-frontend', apiVersion: 'apps/v1' };
      return [
        rs,
        event(now, ref, {
          type: 'Warning', reason: 'FailedCreate', component: 'replicaset-controller', first: 7100, last: 60, count: 23,
          message: 'Error creating: pods "frontend-8xk2p" is forbidden: exceeded quota: compute-resources, requested: pods=1, used: pods=10, limited: pods=10',
        }),
      ];
    },
  },
  {
    name: 'daemonset-rolling',
    target: { resource: 'daemonsets.apps', apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: NS, name: 'fluentd' },
    build(now) {
      const labels = { app: 'fluentd' };
      const ref = { kind: 'DaemonSet', name: 'fluentd', uid: 'ds-fluentd', apiVersion: 'apps/v1' };
      const owner = { kind: 'DaemonSet', name: 'fluentd', uid: 'ds-fluentd' };
      return [
        {
          apiVersion: 'apps/v1', kind: 'DaemonSet',
          metadata: {
            name: 'fluentd', namespace: NS, uid: 'ds-fluentd', resourceVersion: '2300', generation: 2, creationTimestamp: ts(now, 900),
            labels: { 'k8s-app': 'fluentd-logging' }, annotations: { 'deprecated.daemonset.template.generation': '2' },
          },
          spec: {
            selector: { matchLabels: labels },
            template: template(labels, {
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
            }),
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
            revisionHistoryLimit: 10,
          },
          status: {
            currentNumberScheduled: 3, desiredNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2,
            numberUnavailable: 1, observedGeneration: 2, updatedNumberScheduled: 1,
          },
        },
        pod(now, { name: 'fluentd-7xq2b', labels, phase: 'Running', age: 900, owner }),
        pod(now, { name: 'fluentd-k4w9z', labels, phase: 'Running', age: 900, owner }),
        pod(now, { name: 'fluentd-p6v8m', labels, phase: 'Pending', age: 5, owner }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'Created pod: fluentd-7xq2b', component: 'daemonset-controller', first: 900 }),
        event(now, ref, { reason: 'SuccessfulDelete', message: 'Deleted pod: fluentd-2bm5c', component: 'daemonset-controller', first: 40 }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'Created pod: fluentd-p6v8m', component: 'daemonset-controller', first: 5 }),
      ];
    },
  },
  {
    name: 'statefulset-web',
    target: { resource: 'statefulsets.apps', apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: NS, name: 'web' },
    build(now) {
      const labels = { app: 'nginx' };
      const ref = { kind: 'StatefulSet', name: 'web', uid: 'sts-web', apiVersion: 'apps/v1' };
      const owner = { kind: 'StatefulSet', name: 'web', uid: 'sts-web' };
      const t = template(labels, {
        containers: [{
          image: 'registry.k8s.io/nginx-slim:0.24', imagePullPolicy: 'IfNotPresent', name: 'nginx', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
          resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: 'www' }],
        }],
        terminationGracePeriodSeconds: 10,
      });
      return [
        statefulSet(now, {
          name: 'web', uid: 'sts-web', age: 120, replicas: 3, selector: { matchLabels: labels }, template: t,
          updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
          volumeClaimTemplates: [claimTemplate('www', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } })],
          status: {
            availableReplicas: 2, collisionCount: 0, currentReplicas: 3, currentRevision: 'web-7757fc6447', observedGeneration: 1,
            readyReplicas: 2, replicas: 3, updateRevision: 'web-7757fc6447', updatedReplicas: 3,
          },
        }),
        pod(now, { name: 'web-0', labels, phase: 'Running', age: 120, owner }),
        pod(now, { name: 'web-1', labels, phase: 'Running', age: 100, owner }),
        pod(now, { name: 'web-2', labels, phase: 'Pending', age: 80, owner }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'create Claim www-web-0 Pod web-0 in StatefulSet web success', component: 'statefulset-controller', first: 120 }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful', component: 'statefulset-controller', first: 120 }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'create Claim www-web-1 Pod web-1 in StatefulSet web success', component: 'statefulset-controller', first: 100 }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'create Pod web-1 in StatefulSet web successful', component: 'statefulset-controller', first: 100 }),
        event(now, ref, { reason: 'SuccessfulCreate', message: 'create Pod web-2 in StatefulSet web successful', component: 'statefulset-controller', first: 80 }),
      ];
    },
  },
  {
    name: 'statefulset-ondelete-parallel',
    target: { resource: 'statefulsets.apps', apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: NS, name: 'cache' },
    build(now) {
      const labels = { app: 'cache', tier: 'backend' };
      const ref = { kind: 'StatefulSet', name: 'cache', uid: 'sts-cache', apiVersion: 'apps/v1' };
      return [
        statefulSet(now, {
          name: 'cache', uid: 'sts-cache', age: 7200, replicas: 2, labels: { team: 'storage' }, annotations: { 'kubernetes.io/change-cause': 'initial' },
          podManagementPolicy: 'Parallel', serviceName: 'cache',
          selector: { matchLabels: { app: 'cache' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
          template: template(labels), updateStrategy: { type: 'OnDelete' },
          status: { availableReplicas: 0, replicas: 0, observedGeneration: 1, collisionCount: 0 },
        }),
        event(now, ref, { type: 'Warning', reason: 'FailedCreate', message: 'create Pod cache-0 in StatefulSet cache failed error: pods "cache-0" is forbidden: exceeded quota: compute', component: 'statefulset-controller', first: 7000, last: 20, count: 12 }),
      ];
    },
  },
  {
    name: 'statefulset-partition-claims',
    target: { resource: 'statefulsets.apps', apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: NS, name: 'db' },
    build(now) {
      const labels = { app: 'db' };
      const owner = { kind: 'StatefulSet', name: 'db', uid: 'sts-db' };
      return [
        statefulSet(now, {
          name: 'db', uid: 'sts-db', age: 90000, replicas: 4, selector: { matchLabels: labels }, template: template(labels), serviceName: 'db',
          updateStrategy: { rollingUpdate: { partition: 2, maxUnavailable: '50%' }, type: 'RollingUpdate' },
          volumeClaimTemplates: [
            claimTemplate('data', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
              { labels: { backup: 'daily', app: 'db' } }),
            claimTemplate('logs', { accessModes: ['ReadWriteOnce'], resources: {} },
              { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }),
          ],
          status: {
            availableReplicas: 4, collisionCount: 0, currentReplicas: 2, currentRevision: 'db-5d8f7c6b9', observedGeneration: 1,
            readyReplicas: 4, replicas: 4, updateRevision: 'db-6b9c8d7f5', updatedReplicas: 2,
          },
        }),
        ...[0, 1, 2, 3].map((i) => pod(now, { name: `db-${i}`, labels, phase: 'Running', age: 90000 - i * 30, owner })),
      ];
    },
  },
];
