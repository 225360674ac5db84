// The workloads of a fresh kind v0.27 (Kubernetes v1.32.2) cluster, as their manifests write
// them: kubeadm's static control-plane pods (mirror pods owned by their Node), kubeadm's CoreDNS
// Deployment, kind's local-path-provisioner Deployment, and kubeadm's kube-proxy and kind's
// kindnet DaemonSets (the workload controllers make their pods).
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { KINDNETD_IMAGE, LOCAL_PATH_HELPER_IMAGE, LOCAL_PATH_PROVISIONER_IMAGE } from '../kubelet/images.js';
import { KUBERNETES_VERSION, POD_CIDR, type NodePlan } from './topology.js';

type PodManifest = Omit<Pod, 'status'>;

interface HostPathVolume { name: string; hostPath: { path: string; type: string } }
interface Mount { name: string; mountPath: string; readOnly?: boolean }

const hostPathVol = (name: string, path: string, type: string): HostPathVolume => ({ name, hostPath: { path, type } });
const mount = (name: string, mountPath: string, readOnly?: boolean): Mount =>
  ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });

// -- static pods (kubeadm's cmd/kubeadm/app/phases/{controlplane,etcd}) ----------------------------

interface HttpEndpoint { host: string; port: number; scheme: 'HTTP' | 'HTTPS' }

/** staticpodutil.createHTTPProbe with the timings of LivenessProbe/ReadinessProbe/StartupProbe. */
function httpProbe(ep: HttpEndpoint, path: string, t: { delay: number; timeout: number; failure: number; period: number }) {
  return {
    failureThreshold: t.failure,
    httpGet: { host: ep.host, path, port: ep.port, scheme: ep.scheme },
    ...(t.delay ? { initialDelaySeconds: t.delay } : {}),
    periodSeconds: t.period,
    timeoutSeconds: t.timeout,
  };
}
const liveness = (ep: HttpEndpoint, path: string) => httpProbe(ep, path, { delay: 10, timeout: 15, failure: 8, period: 10 });
const readiness = (ep: HttpEndpoint, path: string) => httpProbe(ep, path, { delay: 0, timeout: 15, failure: 3, period: 1 });
/** The control-plane health check timeout (4m) over a 10s period: 24 failures. */
const startup = (ep: HttpEndpoint, path: string) => httpProbe(ep, path, { delay: 10, timeout: 15, failure: 24, period: 10 });

interface StaticPodSpec {
  component: string;
  image: string;
  command: string[];
  requests: Record<string, string>;
  probes: { liveness: object; readiness?: object; startup: object };
  volumes: HostPathVolume[];
  mounts: Mount[];
  annotations?: Record<string, string>;
}

/**
 * staticpodutil.ComponentPod as the kubelet mirrors it: the kubelet adds the config annotations
 * (hash = the static pod's uid, seen = when it read the file, source = file) and the NoExecute
 * toleration every file-sourced pod gets.
 */
function staticPod(node: NodePlan, s: StaticPodSpec, config: { hash: string; seen: string }): PodManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${s.component}-${node.name}`,
      namespace: 'kube-system',
      labels: { component: s.component, tier: 'control-plane' },
      annotations: {
        ...s.annotations,
        'kubernetes.io/config.hash': config.hash,
        'kubernetes.io/config.mirror': config.hash,
        'kubernetes.io/config.seen': config.seen,
        'kubernetes.io/config.source': 'file',
      },
    },
    spec: {
      containers: [{
        command: s.command,
        image: s.image,
        imagePullPolicy: 'IfNotPresent',
        livenessProbe: s.probes.liveness,
        name: s.component,
        ...(s.probes.readiness ? { readinessProbe: s.probes.readiness } : {}),
        resources: { requests: s.requests },
        startupProbe: s.probes.startup,
        volumeMounts: s.mounts,
      }],
      hostNetwork: true,
      nodeName: node.name,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      volumes: s.volumes,
    },
  } as PodManifest;
}

/** The four control-plane static pods, in the order kubeadm writes their manifests. */
export function controlPlanePods(cp: NodePlan, cluster: string, config: (component: string) => { hash: string; seen: string }): PodManifest[] {
  const ip = cp.ip;
  const local = (port: number, scheme: 'HTTP' | 'HTTPS'): HttpEndpoint => ({ host: '127.0.0.1', port, scheme });
  const certs = [hostPathVol('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
    hostPathVol('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'),
    hostPathVol('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
    hostPathVol('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'),
    hostPathVol('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate')];
  const certMounts = [mount('ca-certs', '/etc/ssl/certs', true), mount('etc-ca-certificates', '/etc/ca-certificates', true),
    mount('k8s-certs', '/etc/kubernetes/pki', true), mount('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true),
    mount('usr-share-ca-certificates', '/usr/share/ca-certificates', true)];
  const etcd = local(2381, 'HTTP');
  const apiserver: HttpEndpoint = { host: ip, port: 6443, scheme: 'HTTPS' };
  const kcm = local(10257, 'HTTPS');
  const scheduler = local(10259, 'HTTPS');
  const specs: StaticPodSpec[] = [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.16-0',
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${cp.name}=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, `--name=${cp.name}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
      requests: { cpu: '100m', memory: '100Mi' },
      probes: { liveness: liveness(etcd, '/livez'), readiness: readiness(etcd, '/readyz'), startup: startup(etcd, '/readyz') },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      volumes: [hostPathVol('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPathVol('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
      mounts: [mount('etcd-data', '/var/lib/etcd'), mount('etcd-certs', '/etc/kubernetes/pki/etcd')],
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      command: ['kube-apiserver',
        `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt', '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User', '--runtime-config=', '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/16',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
      requests: { cpu: '250m' },
      probes: { liveness: liveness(apiserver, '/livez'), readiness: readiness(apiserver, '/readyz'), startup: startup(apiserver, '/livez') },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      volumes: certs, mounts: certMounts,
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
      command: ['kube-controller-manager',
        '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', `--cluster-cidr=${POD_CIDR}`, `--cluster-name=${cluster}`,
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/16',
        '--use-service-account-credentials=true'],
      requests: { cpu: '200m' },
      probes: { liveness: liveness(kcm, '/healthz'), startup: startup(kcm, '/healthz') },
      volumes: [...certs, hostPathVol('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
        hostPathVol('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
      mounts: [...certMounts, mount('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'),
        mount('kubeconfig', '/etc/kubernetes/controller-manager.conf', true)],
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
      command: ['kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      requests: { cpu: '100m' },
      probes: { liveness: liveness(scheduler, '/livez'), readiness: readiness(scheduler, '/readyz'), startup: startup(scheduler, '/livez') },
      volumes: [hostPathVol('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
      mounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf', true)],
    },
  ];
  return specs.map((s) => staticPod(cp, s, config(s.component)));
}

// -- workloads the controllers run ------------------------------------------------------------

/** kubeadm's CoreDNS Deployment (cmd/kubeadm/app/phases/addons/dns, 1.32), two replicas. */
export function corednsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{
                weight: 100,
                podAffinityTerm: {
                  labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                  topologyKey: 'kubernetes.io/hostname',
                },
              }],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [{
            name: 'coredns',
            image: 'registry.k8s.io/coredns/coredns:v1.11.3',
            imagePullPolicy: 'IfNotPresent',
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            args: ['-conf', '/etc/coredns/Corefile'],
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
            ports: [
              { containerPort: 53, name: 'dns', protocol: 'UDP' },
              { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
              { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
            ],
            livenessProbe: {
              httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5,
            },
            readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
          }],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

/** kubeadm's kube-proxy DaemonSet (cmd/kubeadm/app/phases/addons/proxy/manifests.go, 1.32). */
export function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          containers: [{
            name: 'kube-proxy',
            image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
            imagePullPolicy: 'IfNotPresent',
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            securityContext: { privileged: true },
            volumeMounts: [
              { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
              { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
              { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
            ],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          }],
          hostNetwork: true,
          serviceAccountName: 'kube-proxy',
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  };
}

/** kind's kindnet DaemonSet, its CNI (the node image's default CNI manifest, v0.27). */
export function kindnetDaemonSet(controlPlaneEndpoint: string): KubeObject {
  const labels = { tier: 'node', app: 'kindnet', 'k8s-app': 'kindnet' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kindnet', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: { app: 'kindnet' } },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          serviceAccountName: 'kindnet',
          containers: [{
            name: 'kindnet-cni',
            image: KINDNETD_IMAGE,
            env: [
              { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              { name: 'POD_SUBNET', value: POD_CIDR },
              { name: 'CONTROL_PLANE_ENDPOINT', value: controlPlaneEndpoint },
            ],
            volumeMounts: [
              { name: 'cni-cfg', mountPath: '/etc/cni/net.d' },
              { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
              { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
            ],
            resources: { requests: { cpu: '100m', memory: '50Mi' }, limits: { cpu: '100m', memory: '50Mi' } },
            securityContext: { privileged: false, capabilities: { add: ['NET_RAW', 'NET_ADMIN'] } },
          }],
          volumes: [
            { name: 'cni-cfg', hostPath: { path: '/etc/cni/net.d' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
        },
      },
    },
  };
}

/** kind's local-path-provisioner Deployment (its default StorageClass's provisioner). */
export function localPathProvisionerDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'local-path-provisioner' } },
      template: {
        metadata: { labels: { app: 'local-path-provisioner' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/master', operator: 'Equal', effect: 'NoSchedule' },
          ],
          serviceAccountName: 'local-path-provisioner-service-account',
          containers: [{
            name: 'local-path-provisioner',
            image: LOCAL_PATH_PROVISIONER_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            command: ['local-path-provisioner', '--debug', 'start', '--helper-image', LOCAL_PATH_HELPER_IMAGE,
              '--config', '/etc/config/config.json'],
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
            env: [
              { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' },
            ],
          }],
          volumes: [{ name: 'config-volume', configMap: { name: 'local-path-config' } }],
        },
      },
    },
  };
}
