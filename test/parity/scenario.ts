// The walk through a fresh kind-like cluster and the seed redis pod, on a manual clock: at each
// checkpoint, the commands whose output kubectl computes on the client (describe, -o yaml/json/
// jsonpath/custom-columns) are compared with what the real kubectl 1.32 prints for mk's own
// objects at that moment (golden/<checkpoint>/<case>.txt, recorded by record.test.ts), and the
// commands whose output a server computes (get tables, logs, delete) are pinned as mk prints them
// (golden/<checkpoint>/<case>.mk.txt, reviewed against a kind v1.32 cluster).

export interface ParityCase {
  name: string;
  /** mk's arguments; the oracle runs kubectl with the same ones. */
  args: string[];
}

export interface Checkpoint {
  name: string;
  /** Commands that bring the cluster to this checkpoint (their output is not compared). */
  setup: string[][];
  /** Client-side outputs: mk must print what kubectl prints for the same objects. */
  kubectl: ParityCase[];
  /** Server-side outputs, pinned as mk prints them; run after the client-side ones. */
  mk: ParityCase[];
}

/** The kinds a describe may look up, dumped for the oracle's fake API server. */
export const DUMP = ['get', 'pods,events,nodes,namespaces,services,serviceaccounts,configmaps,secrets,deployments,replicasets,leases,endpoints,endpointslices', '-A', '-o', 'json'];

const ks = ['-n', 'kube-system'];

export const checkpoints: Checkpoint[] = [
  {
    name: 'fresh',
    // Half a second on, so no age shown is about to tick over (the boot replay's times fall on
    // whole seconds and just after them).
    setup: [['cluster', 'create', '--clock', 'manual'], ['clock', 'advance', '500ms']],
    kubectl: [
      { name: 'describe-node-control-plane', args: ['describe', 'node', 'mk-control-plane'] },
      { name: 'describe-node-worker', args: ['describe', 'node', 'mk-worker'] },
      { name: 'describe-node-worker2', args: ['describe', 'node', 'mk-worker2'] },
      { name: 'describe-pod-coredns', args: ['describe', 'pod', ...ks, '-l', 'k8s-app=kube-dns'] },
      { name: 'describe-pod-etcd', args: ['describe', 'pod', ...ks, 'etcd-mk-control-plane'] },
      { name: 'describe-pod-kube-apiserver', args: ['describe', 'pod', ...ks, 'kube-apiserver-mk-control-plane'] },
      { name: 'describe-pod-kube-scheduler', args: ['describe', 'pod', ...ks, 'kube-scheduler-mk-control-plane'] },
      { name: 'describe-pod-kube-proxy', args: ['describe', 'pod', ...ks, '-l', 'k8s-app=kube-proxy'] },
      { name: 'describe-pod-kindnet', args: ['describe', 'pod', ...ks, '-l', 'app=kindnet'] },
      { name: 'describe-pod-local-path-provisioner', args: ['describe', 'pod', '-n', 'local-path-storage'] },
      { name: 'describe-ns-default', args: ['describe', 'ns', 'default'] },
      { name: 'describe-ns-kube-system', args: ['describe', 'ns', 'kube-system'] },
      { name: 'describe-svc-kubernetes', args: ['describe', 'svc', 'kubernetes'] },
      { name: 'describe-svc-kube-dns', args: ['describe', 'svc', ...ks, 'kube-dns'] },
      { name: 'describe-ep-kubernetes', args: ['describe', 'endpoints', 'kubernetes'] },
      { name: 'describe-ep-kube-dns', args: ['describe', 'endpoints', ...ks, 'kube-dns'] },
      { name: 'describe-endpointslice-kubernetes', args: ['describe', 'endpointslice', 'kubernetes'] },
      { name: 'describe-endpointslice-kube-dns', args: ['describe', 'endpointslices', ...ks, '-l', 'kubernetes.io/service-name=kube-dns'] },
      { name: 'get-ep-kube-dns-yaml', args: ['get', 'endpoints', ...ks, 'kube-dns', '-o', 'yaml'] },
      { name: 'describe-sa-default', args: ['describe', 'sa', 'default'] },
      { name: 'describe-cm-kube-root-ca', args: ['describe', 'cm', 'kube-root-ca.crt'] },
      { name: 'get-node-worker-yaml', args: ['get', 'node', 'mk-worker', '-o', 'yaml'] },
      { name: 'get-pod-etcd-yaml', args: ['get', 'pod', ...ks, 'etcd-mk-control-plane', '-o', 'yaml'] },
      { name: 'get-pod-coredns-json', args: ['get', 'pod', ...ks, '-l', 'k8s-app=kube-dns', '-o', 'json'] },
      { name: 'get-pod-kube-proxy-yaml', args: ['get', 'pod', ...ks, '-l', 'k8s-app=kube-proxy', '-o', 'yaml'] },
      { name: 'get-events-yaml', args: ['get', 'events', '-A', '-o', 'yaml'] },
      { name: 'get-pods-custom-columns', args: ['get', 'pods', '-A', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP,QOS:.status.qosClass'] },
      { name: 'describe-lease-kube-scheduler', args: ['describe', 'lease', ...ks, 'kube-scheduler'] },
      { name: 'get-leases-yaml', args: ['get', 'leases', '-A', '-o', 'yaml'] },
    ],
    mk: [
      { name: 'get-nodes-wide', args: ['get', 'nodes', '-o', 'wide'] },
      { name: 'get-pods-wide', args: ['get', 'pods', '-A', '-o', 'wide'] },
      { name: 'get-ns', args: ['get', 'ns'] },
      { name: 'get-svc', args: ['get', 'svc', '-A'] },
      { name: 'get-ep', args: ['get', 'endpoints', '-A'] },
      { name: 'get-endpointslices', args: ['get', 'endpointslices', '-A'] },
      { name: 'get-sa', args: ['get', 'sa', '-A'] },
      { name: 'get-cm', args: ['get', 'cm', '-A'] },
      { name: 'get-secrets', args: ['get', 'secrets', '-A'] },
      { name: 'get-deploy-rs', args: ['get', 'deploy,rs', '-A', '-o', 'wide'] },
      { name: 'get-pc', args: ['get', 'pc'] },
      { name: 'get-leases', args: ['get', 'leases', '-A'] },
      { name: 'get-events', args: ['get', 'events', '-A'] },
    ],
  },
  {
    name: 'redis-running',
    setup: [['apply', '-f', 'examples/redis-pod.yaml'], ['clock', 'advance', '30s']],
    kubectl: [
      { name: 'describe-pod-redis', args: ['describe', 'pod', 'redis'] },
      { name: 'get-pod-redis-yaml', args: ['get', 'pod', 'redis', '-o', 'yaml'] },
      { name: 'get-pod-redis-json', args: ['get', 'pod', 'redis', '-o', 'json'] },
      { name: 'get-pod-redis-ip', args: ['get', 'pod', 'redis', '-o', 'jsonpath={.status.podIP}'] },
      { name: 'describe-node-worker2', args: ['describe', 'node', 'mk-worker2'] },
    ],
    mk: [
      { name: 'get-pods-wide', args: ['get', 'pods', '-o', 'wide'] },
      { name: 'get-events', args: ['get', 'events'] },
      { name: 'logs-redis', args: ['logs', 'redis'] },
    ],
  },
  {
    name: 'redis-deleted',
    setup: [],
    kubectl: [],
    mk: [
      { name: 'delete-pod-redis', args: ['delete', 'pod', 'redis'] },
      { name: 'get-events', args: ['get', 'events'] },
      { name: 'get-pods', args: ['get', 'pods'] },
    ],
  },
  {
    name: 'bad-image',
    setup: [['apply', '-f', 'examples/bad-image.yaml'], ['clock', 'advance', '10m']],
    kubectl: [
      { name: 'describe-pod-redis-bad', args: ['describe', 'pod', 'redis-bad'] },
      { name: 'get-pod-redis-bad-yaml', args: ['get', 'pod', 'redis-bad', '-o', 'yaml'] },
      { name: 'describe-node-worker', args: ['describe', 'node', 'mk-worker'] },
    ],
    mk: [
      { name: 'get-pods', args: ['get', 'pods'] },
      { name: 'get-events', args: ['get', 'events'] },
      { name: 'get-events-all', args: ['get', 'events', '-A'] },
    ],
  },
  {
    // The troubleshooting walk: each broken pod as it stands ten minutes after it was applied.
    name: 'troubleshooting',
    setup: [
      ['delete', 'pod', 'redis-bad'],
      ['apply', '-f', 'examples/crash-loop.yaml'],
      ['apply', '-f', 'examples/liveness-exec.yaml'],
      ['apply', '-f', 'examples/missing-config-key.yaml'],
      ['apply', '-f', 'examples/memory-demo-2.yaml'],
      ['apply', '-f', 'examples/pi-pod.yaml'],
      // Half a second past the ten minutes, so no age shown is about to tick over.
      ['clock', 'advance', '10m500ms'],
    ],
    kubectl: [
      { name: 'describe-pod-crash-loop', args: ['describe', 'pod', 'crash-loop'] },
      { name: 'describe-pod-liveness-exec', args: ['describe', 'pod', 'liveness-exec'] },
      { name: 'describe-pod-config-demo', args: ['describe', 'pod', 'config-demo'] },
      { name: 'describe-pod-memory-demo-2', args: ['describe', 'pod', 'memory-demo-2'] },
      { name: 'describe-pod-pi', args: ['describe', 'pod', 'pi'] },
      { name: 'get-pod-memory-demo-2-yaml', args: ['get', 'pod', 'memory-demo-2', '-o', 'yaml'] },
    ],
    mk: [
      { name: 'get-pods', args: ['get', 'pods'] },
      { name: 'logs-crash-loop-previous', args: ['logs', 'crash-loop', '--previous'] },
      { name: 'logs-pi', args: ['logs', 'pi'] },
      { name: 'get-events', args: ['get', 'events', '--sort-by=.lastTimestamp'] },
    ],
  },
  {
    // The worker's kubelet stops: its Lease keeps its last renewal, and 40 s after that the node
    // lifecycle controller marks the node Unknown.
    name: 'worker-stopped',
    setup: [['node', 'stop', 'mk-worker'], ['clock', 'advance', '2m']],
    kubectl: [
      { name: 'describe-node-worker', args: ['describe', 'node', 'mk-worker'] },
      { name: 'get-lease-worker-yaml', args: ['get', 'lease', '-n', 'kube-node-lease', 'mk-worker', '-o', 'yaml'] },
    ],
    mk: [
      { name: 'get-nodes', args: ['get', 'nodes'] },
    ],
  },
];
