// The kube-system pods a kubeadm/kind 1.32 cluster runs: static control-plane pods (mirror pods
// owned by their Node), CoreDNS and one kube-proxy per node. Specs follow what kubeadm writes.
import type { Pod } from '../api/core/pod/schema.js';
import { KUBERNETES_VERSION, type NodePlan } from './topology.js';

type PodManifest = Omit<Pod, 'status'>;

const hostPathVol = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });
const mount = (name: string, mountPath: string, readOnly?: boolean) =>
  ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });

function staticPod(component: string, node: NodePlan, image: string, command: string[],
  cpu: string, extra: { memory?: string; volumes: { name: string; hostPath: { path: string; type: string } }[];
    mounts: { name: string; mountPath: string; readOnly?: boolean }[]; probePort: number; probeHost: string;
    probePath: string; scheme: string; hash: string; annotations?: Record<string, string> }): PodManifest {
  const probe = (path: string, delay: number | undefined, failure: number) => ({
    failureThreshold: failure,
    httpGet: { host: extra.probeHost, path, port: extra.probePort, scheme: extra.scheme },
    ...(delay !== undefined ? { initialDelaySeconds: delay } : {}),
    periodSeconds: 10,
    timeoutSeconds: 15,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        ...extra.annotations,
        'kubernetes.io/config.hash': extra.hash,
        'kubernetes.io/config.mirror': extra.hash,
        'kubernetes.io/config.seen': '',
        'kubernetes.io/config.source': 'file',
      },
    },
    spec: {
      containers: [{
        command,
        image,
        imagePullPolicy: 'IfNotPresent',
        livenessProbe: probe(extra.probePath, 10, 8),
        name: component,
        resources: { requests: { cpu, ...(extra.memory ? { memory: extra.memory } : {}) } },
        startupProbe: probe(extra.probePath, 10, 24),
        volumeMounts: extra.mounts,
      }],
      hostNetwork: true,
      nodeName: node.name,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      volumes: extra.volumes,
    },
  } as PodManifest;
}

export function controlPlanePods(cp: NodePlan, hashes: () => string): PodManifest[] {
  const ip = cp.ip;
  const certs = [hostPathVol('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
    hostPathVol('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'),
    hostPathVol('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
    hostPathVol('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'),
    hostPathVol('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate')];
  const certMounts = [mount('ca-certs', '/etc/ssl/certs', true), mount('etc-ca-certificates', '/etc/ca-certificates', true),
    mount('k8s-certs', '/etc/kubernetes/pki', true), mount('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true),
    mount('usr-share-ca-certificates', '/usr/share/ca-certificates', true)];
  return [
    staticPod('etcd', cp, 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${ip}:2379`,
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd',
      '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
      `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${cp.name}=https://${ip}:2380`,
      '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, `--name=${cp.name}`,
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'], '100m', {
      memory: '100Mi', probeHost: '127.0.0.1', probePort: 2381, probePath: '/livez', scheme: 'HTTP', hash: hashes(),
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      volumes: [hostPathVol('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPathVol('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
      mounts: [mount('etcd-data', '/var/lib/etcd'), mount('etcd-certs', '/etc/kubernetes/pki/etcd')],
    }),
    staticPod('kube-apiserver', cp, `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, ['kube-apiserver',
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
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'], '250m', {
      probeHost: ip, probePort: 6443, probePath: '/livez', scheme: 'HTTPS', hash: hashes(),
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      volumes: certs, mounts: certMounts,
    }),
    staticPod('kube-controller-manager', cp, `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, ['kube-controller-manager',
      '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--cluster-cidr=10.244.0.0/16', '--cluster-name=kind',
      '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
      '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--root-ca-file=/etc/kubernetes/pki/ca.crt',
      '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/16',
      '--use-service-account-credentials=true'], '200m', {
      probeHost: '127.0.0.1', probePort: 10257, probePath: '/healthz', scheme: 'HTTPS', hash: hashes(),
      volumes: [...certs, hostPathVol('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
        hostPathVol('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
      mounts: [...certMounts, mount('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'),
        mount('kubeconfig', '/etc/kubernetes/controller-manager.conf', true)],
    }),
    staticPod('kube-scheduler', cp, `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, ['kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'], '100m', {
      probeHost: '127.0.0.1', probePort: 10259, probePath: '/livez', scheme: 'HTTPS', hash: hashes(),
      volumes: [hostPathVol('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
      mounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf', true)],
    }),
  ];
}

export function corednsPod(name: string, node: NodePlan): PodManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' },
    },
    spec: {
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            podAffinityTerm: {
              labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
              topologyKey: 'kubernetes.io/hostname',
            },
            weight: 100,
          }],
        },
      },
      containers: [{
        args: ['-conf', '/etc/coredns/Corefile'],
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        imagePullPolicy: 'IfNotPresent',
        livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
        name: 'coredns',
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
        readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
          periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
        resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          readOnlyRootFilesystem: true,
        },
        volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
      }],
      dnsPolicy: 'Default',
      nodeName: node.name,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-cluster-critical',
      priority: 2000000000,
      serviceAccountName: 'coredns',
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
      ],
      volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
    },
  } as PodManifest;
}

export function kubeProxyPod(name: string, node: NodePlan): PodManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { 'controller-revision-hash': '7bb84c4984', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
    },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
          },
        },
      },
      containers: [{
        command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
        env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
        image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        name: 'kube-proxy',
        securityContext: { privileged: true },
        volumeMounts: [
          { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
          { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
          { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
        ],
      }],
      hostNetwork: true,
      nodeName: node.name,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      serviceAccountName: 'kube-proxy',
      tolerations: [{ operator: 'Exists' }],
      volumes: [
        { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
        hostPathVol('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
        hostPathVol('lib-modules', '/lib/modules', ''),
      ],
    },
  } as PodManifest;
}
