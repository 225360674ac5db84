// `expose` and `create service` runs recorded from the real kubectl 1.32 (record.test.ts): expose
// against the oracle's fake API server holding fixtures/objects.json, create service with no
// server at all; replayed against mk holding the same objects (services.test.ts). Every run
// ends before a write (--dry-run=client, or an error), so the fake server's read-only API is
// enough and the output has no ages or generated names.
export interface CliCase {
  name: string;
  /** The whole command line after `kubectl` / `mk`. */
  args: string[];
}

const dry = ['--dry-run=client'];

export const exposeCases: CliCase[] = [
  { name: 'seed-004-nodeport', args: ['expose', 'deploy/redis', '--port=6379', '--protocol=TCP', '--target-port=6379',
    '--name=redis-server-nodeport', '--type=NodePort', ...dry, '-o', 'yaml'] },
  { name: 'deployment-ports-from-template', args: ['expose', 'deployment', 'redis', ...dry, '-o', 'yaml'] },
  { name: 'deployment-multi-protocol', args: ['expose', 'deploy', 'multi', ...dry, '-o', 'yaml'] },
  { name: 'replicaset', args: ['expose', 'rs', 'frontend', '--port=80', '--target-port=http', ...dry, '-o', 'yaml'] },
  { name: 'pod-two-ports', args: ['expose', 'pod', 'valid-pod', '--name=frontend', ...dry, '-o', 'yaml'] },
  { name: 'pod-port-flag', args: ['expose', 'pod', 'valid-pod', '--port=444', '--name=frontend', ...dry, '-o', 'yaml'] },
  { name: 'service-second', args: ['expose', 'service', 'nginx', '--port=443', '--target-port=8443', '--name=nginx-https', ...dry, '-o', 'yaml'] },
  { name: 'service-all-ports', args: ['expose', 'svc/nginx', '--name=copy', ...dry, '-o', 'yaml'] },
  { name: 'every-flag', args: ['expose', 'deploy', 'redis', '--port=80', '--protocol=UDP', '--cluster-ip=None', '--external-ip=1.2.3.4',
    '--type=LoadBalancer', '--load-balancer-ip=5.6.7.8', '--session-affinity=ClientIP', '--labels=a=b,c=d', '--selector=x=y',
    '--target-port=http', ...dry, '-o', 'yaml'] },
  { name: 'headless-without-ports', args: ['expose', 'deploy', 'noport', '--cluster-ip=None', ...dry, '-o', 'yaml'] },
  { name: 'namespace-flag', args: ['expose', 'deploy', 'redis', '-n', 'default', ...dry, '-o', 'yaml'] },
  { name: 'long-name-cut', args: ['expose', 'deploy', 'redis', '--name=a-name-that-is-not-cut-because-only-default-names-are-cut-to-63-chars',
    ...dry, '-o', 'name'] },
  { name: 'message', args: ['expose', 'deploy/redis', ...dry] },
  { name: 'two-objects-yaml', args: ['expose', 'deploy/redis', 'svc/nosel', ...dry, '-o', 'yaml'] },
  { name: 'from-file', args: ['expose', '-f', 'test/cli-services/fixtures/deployment-other-ns.yaml', ...dry, '-o', 'yaml'] },
  { name: 'port-out-of-int32', args: ['expose', 'deploy', 'redis', '--port=5000000000', '--target-port=99999999999', ...dry, '-o', 'yaml'] },
  { name: 'overrides-merge', args: ['expose', 'deploy', 'redis', '--overrides={"spec":{"type":"NodePort","externalTrafficPolicy":"Local"},"metadata":{"annotations":{"a":"b"}}}',
    ...dry, '-o', 'yaml'] },
  { name: 'overrides-json', args: ['expose', 'deploy', 'redis', '--override-type=json',
    '--overrides=[{"op":"add","path":"/spec/type","value":"NodePort"},{"op":"replace","path":"/metadata/name","value":"patched"}]', ...dry, '-o', 'yaml'] },
  { name: 'overrides-strategic', args: ['expose', 'deploy', 'redis', '--override-type=strategic',
    '--overrides={"spec":{"ports":[{"port":6379,"name":"redis"}]}}', ...dry, '-o', 'yaml'] },
  { name: 'error-overrides-not-json', args: ['expose', 'deploy', 'redis', '--overrides={bad', ...dry] },
  { name: 'error-override-type', args: ['expose', 'deploy', 'redis', '--override-type=foo', '--overrides={}', ...dry] },
  { name: 'error-override-json-op', args: ['expose', 'deploy', 'redis', '--override-type=json', '--overrides=[{"op":"remove","path":"/spec/nothing"}]', ...dry] },
  { name: 'error-no-port', args: ['expose', 'deploy', 'noport', ...dry] },
  { name: 'error-match-expressions', args: ['expose', 'deploy', 'expr', ...dry] },
  { name: 'error-pod-without-labels', args: ['expose', 'pod', 'bare', ...dry] },
  { name: 'error-daemonset', args: ['expose', 'ds', 'ds', ...dry] },
  { name: 'error-service-without-selector', args: ['expose', 'svc', 'nosel', ...dry] },
  { name: 'error-type-without-name', args: ['expose', 'deploy'] },
  { name: 'error-nothing', args: ['expose'] },
  { name: 'error-not-found', args: ['expose', 'deploy', 'nothere'] },
  { name: 'error-unknown-type', args: ['expose', 'foo/bar'] },
  { name: 'error-session-affinity', args: ['expose', 'deploy', 'redis', '--session-affinity=foo', ...dry] },
  { name: 'error-label-spec', args: ['expose', 'deploy', 'redis', '--labels=a', ...dry] },
  { name: 'error-empty-label-key', args: ['expose', 'deploy', 'redis', '--port=80', '--selector==b', ...dry] },
  { name: 'error-port-syntax', args: ['expose', 'deploy', 'redis', '--port=abc', ...dry] },
  { name: 'error-some-of-three', args: ['expose', 'deploy/nothere', 'ds/ds', 'deploy/redis', ...dry] },
  { name: 'error-file-namespace', args: ['expose', '-f', 'test/cli-services/fixtures/deployment-other-ns.yaml', '-n', 'x', ...dry] },
];

export const createServiceCases: CliCase[] = [
  { name: 'clusterip', args: ['create', 'service', 'clusterip', 'my-cs', '--tcp=5678:8080', ...dry, '-o', 'yaml'] },
  { name: 'clusterip-headless', args: ['create', 'service', 'clusterip', 'my-cs', '--clusterip=None', ...dry, '-o', 'yaml'] },
  { name: 'clusterip-address', args: ['create', 'svc', 'clusterip', 'x', '--tcp=1', '--clusterip=10.96.5.5', ...dry, '-o', 'yaml'] },
  { name: 'nodeport', args: ['create', 'service', 'nodeport', 'my-ns', '--tcp=5678:8080,80', '--node-port=30001', ...dry, '-o', 'yaml'] },
  { name: 'loadbalancer-named-target', args: ['create', 'service', 'loadbalancer', 'lb', '--tcp=80:http', '--tcp=443', ...dry, '-o', 'yaml'] },
  { name: 'externalname', args: ['create', 'service', 'externalname', 'ext', '--external-name', 'bar.com', ...dry, '-o', 'yaml'] },
  { name: 'externalname-ports', args: ['create', 'service', 'externalname', 'ext', '--external-name', 'bar.com', '--tcp=80', ...dry, '-o', 'yaml'] },
  { name: 'three-fields', args: ['create', 'service', 'clusterip', 'x', '--tcp=80:1:2', ...dry, '-o', 'yaml'] },
  { name: 'namespace', args: ['create', 'service', 'nodeport', 'x', '--tcp=80', '-n', 'team-a', ...dry, '-o', 'yaml'] },
  { name: 'message', args: ['create', 'service', 'clusterip', 'x', '--tcp=80', ...dry] },
  { name: 'error-no-ports', args: ['create', 'service', 'clusterip', 'my-cs', ...dry] },
  { name: 'error-empty-tcp', args: ['create', 'service', 'nodeport', 'x', '--tcp=', ...dry] },
  { name: 'error-external-name', args: ['create', 'service', 'externalname', 'ext', '--external-name', 'Bar_com', ...dry] },
  { name: 'error-two-names', args: ['create', 'service', 'clusterip', 'a', 'b', '--tcp=1', ...dry] },
  { name: 'error-no-name', args: ['create', 'service', 'clusterip', '--tcp=1', ...dry] },
  { name: 'error-port-syntax', args: ['create', 'service', 'clusterip', 'x', '--tcp=abc', ...dry] },
  { name: 'error-port-range', args: ['create', 'service', 'clusterip', 'x', '--tcp=70000', ...dry] },
  { name: 'error-negative-port', args: ['create', 'service', 'clusterip', 'x', '--tcp=-1', ...dry] },
  { name: 'error-target-range', args: ['create', 'service', 'clusterip', 'x', '--tcp=80:70000', ...dry] },
  { name: 'error-target-name', args: ['create', 'service', 'clusterip', 'x', '--tcp=80:Bad_Name', ...dry] },
  { name: 'error-target-empty', args: ['create', 'service', 'clusterip', 'x', '--tcp=1:', ...dry] },
];
