// The configuration objects of a fresh kind v0.27 cluster: the ConfigMaps kubeadm and the API
// server write, kind's storage ConfigMap, the bootstrap token Secret, and the ServiceAccounts the
// controller-manager's controllers create for themselves (--use-service-account-credentials).
import { createHmac } from 'node:crypto';
import type { KubeObject } from '../api/object.js';
import { formatTime } from '../apiserver/time.js';
import { ROOT_CA_PEM } from '../controllers/serviceaccount.js';
import { DNS_SERVICE_IP, KUBERNETES_VERSION, POD_CIDR } from './topology.js';

const configMap = (namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  data,
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** kind's well-known bootstrap token (abcdef.0123456789abcdef). */
const TOKEN_ID = 'abcdef';
const TOKEN_SECRET = '0123456789abcdef';

/** The bootstrap signer's HS256 signature of cluster-info's kubeconfig, payload detached. */
function detachedJWS(payload: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', kid: TOKEN_ID }));
  const sig = createHmac('sha256', TOKEN_SECRET).update(`${header}.${b64url(payload)}`).digest();
  return `${header}..${b64url(sig)}`;
}

/** What the API server writes as it starts. */
export function apiServerConfigMaps(now: number): KubeObject[] {
  return [
    configMap('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': ROOT_CA_PEM,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': ROOT_CA_PEM,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    configMap('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', {
      since: formatTime(now).slice(0, 10),
    }),
  ];
}

/** kubeadm's upload-config and bootstrap-token phases. */
export function kubeadmConfigObjects(cluster: string, controlPlaneEndpoint: string, now: number): KubeObject[] {
  const kubeconfig = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(ROOT_CA_PEM)}
    server: https://${controlPlaneEndpoint}
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;
  return [
    configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: `apiServer:
  certSANs:
  - localhost
  - 127.0.0.1
  extraArgs:
  - name: runtime-config
    value: ""
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: ${cluster}
controlPlaneEndpoint: ${controlPlaneEndpoint}
controllerManager:
  extraArgs:
  - name: enable-hostpath-provisioner
    value: "true"
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: cluster.local
  podSubnet: ${POD_CIDR}
  serviceSubnet: 10.96.0.0/16
proxy: {}
scheduler: {}
` }),
    configMap('kube-system', 'kubelet-config', { kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
cgroupRoot: /kubelet
clusterDNS:
- ${DNS_SERVICE_IP}
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionHard:
  imagefs.available: 0%
  nodefs.available: 0%
  nodefs.inodesFree: 0%
evictionPressureTransitionPeriod: 0s
failSwapOn: false
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageGCHighThresholdPercent: 100
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
` }),
    configMap('kube-public', 'cluster-info', {
      [`jws-kubeconfig-${TOKEN_ID}`]: detachedJWS(kubeconfig),
      kubeconfig,
    }),
    {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name: `bootstrap-token-${TOKEN_ID}`, namespace: 'kube-system' },
      type: 'bootstrap.kubernetes.io/token',
      data: {
        'auth-extra-groups': b64('system:bootstrappers:kubeadm:default-node-token'),
        expiration: b64(formatTime(now + 24 * 3600 * 1000)),
        'token-id': b64(TOKEN_ID),
        'token-secret': b64(TOKEN_SECRET),
        'usage-bootstrap-authentication': b64('true'),
        'usage-bootstrap-signing': b64('true'),
      },
    },
  ];
}

/** kubeadm's CoreDNS addon: its ServiceAccount and Corefile. */
export function corednsConfigObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
    configMap('kube-system', 'coredns', { Corefile: `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
` }),
  ];
}

/** kubeadm's kube-proxy addon, with the KubeProxyConfiguration kind passes (iptables mode). */
export function kubeProxyConfigObjects(controlPlaneEndpoint: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    configMap('kube-system', 'kube-proxy', {
      'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${POD_CIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: 0
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 1s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: iptables
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`,
      'kubeconfig.conf': `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${controlPlaneEndpoint}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`,
    }, { app: 'kube-proxy' }),
  ];
}

/** kind's CNI: kindnet's ServiceAccount (its RBAC objects are not served by mk). */
export function kindnetConfigObjects(): KubeObject[] {
  return [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kindnet', namespace: 'kube-system' } }];
}

/** kind's default storage: the local-path-storage namespace, its ServiceAccount and ConfigMap. */
export function localPathStorageObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-path-storage' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'local-path-provisioner-service-account', namespace: 'local-path-storage' } },
    configMap('local-path-storage', 'local-path-config', {
      'config.json': `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/var/local-path-provisioner"]
        }
        ]
}`,
      'helperPod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  containers:
  - name: helper-pod
    image: docker.io/kindest/local-path-helper:v20241212-8ac705d0
    imagePullPolicy: IfNotPresent`,
      setup: `#!/bin/sh
set -eu
mkdir -m 0777 -p "$VOL_DIR"`,
      teardown: `#!/bin/sh
set -eu
rm -rf "$VOL_DIR"`,
    }),
  ];
}

/** kind's default StorageClass, applied with kubectl from the node image's default-storage.yaml. */
export function standardStorageClass(): KubeObject {
  const annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
  const spec = { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };
  const applied = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { annotations, name: 'standard' }, ...spec };
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n`, ...annotations } },
    ...spec,
  };
}

/**
 * The ServiceAccounts kube-controller-manager 1.32 creates in kube-system for the controllers it
 * runs by default (plus bootstrapsigner and tokencleaner, which kubeadm enables), in the order the
 * controllers start.
 */
export const CONTROLLER_SERVICE_ACCOUNTS: readonly string[] = [
  'service-account-controller', 'token-cleaner', 'bootstrap-signer', 'root-ca-cert-publisher',
  'node-controller', 'legacy-service-account-token-cleaner', 'endpoint-controller', 'endpointslice-controller',
  'endpointslicemirroring-controller', 'replication-controller', 'pod-garbage-collector', 'resourcequota-controller',
  'namespace-controller', 'generic-garbage-collector', 'daemon-set-controller', 'job-controller',
  'deployment-controller', 'replicaset-controller', 'horizontal-pod-autoscaler', 'disruption-controller',
  'statefulset-controller', 'cronjob-controller', 'certificate-controller', 'ttl-controller',
  'persistent-volume-binder', 'attachdetach-controller', 'clusterrole-aggregation-controller',
  'pvc-protection-controller', 'pv-protection-controller', 'ttl-after-finished-controller', 'expand-controller',
  'ephemeral-volume-controller', 'validatingadmissionpolicy-status-controller',
];
