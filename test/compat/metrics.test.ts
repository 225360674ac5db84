// Real kubectl 1.32 reading mk serve's /metrics and, through the services proxy subresource,
// kube-state-metrics': the request counts are those of the requests kubectl made, with the labels
// kube-apiserver's MonitorRequest gives them, and the proxied bytes are the ones a pod reads.
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedCluster, hasKubectl } from './served.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the metrics compatibility suite');

/** The lines of one family (its HELP and TYPE, then its samples) in a /metrics text. */
function family(text: string, name: string, sample = name): string {
  const lines = text.split('\n');
  const at = lines.indexOf(lines.find((l) => l.startsWith(`# HELP ${name} `))!);
  if (at < 0) return '';
  const out = [lines[at], lines[at + 1]];
  for (let i = at + 2; i < lines.length && !lines[i].startsWith('#') && lines[i] !== ''; i++) {
    if (lines[i].startsWith(sample)) out.push(lines[i]);
  }
  return `${out.join('\n')}\n`;
}

describe.skipIf(!hasKubectl)('kubectl get --raw /metrics against mk serve', () => {
  const served = servedCluster('manual');
  const { kubectl, mk } = served;

  it('counts each request kubectl makes under kube-apiserver\'s labels', () => {
    expect(kubectl('get', 'pods').stderr).toBe('No resources found in default namespace.\n');
    expect(kubectl('get', 'nodes').code).toBe(0);
    expect(kubectl('get', 'pod', 'nope')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    const manifest = join(served.home.dir, 'web.yaml');
    writeFileSync(manifest, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n'
      + '  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: nginx:1.27}]}\n');
    expect(kubectl('create', '-f', manifest, '--dry-run=server').stdout).toBe('deployment.apps/web created (server dry run)\n');
    expect(kubectl('get', '--raw', '/healthz').stdout).toBe('ok');
    const m = kubectl('get', '--raw', '/metrics');
    expect(m.stderr).toBe('');
    expect(family(m.stdout, 'apiserver_request_total')).toBe(`# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.
# TYPE apiserver_request_total counter
apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/healthz",verb="GET",version=""} 1
apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="nodes",scope="cluster",subresource="",verb="LIST",version="v1"} 1
apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"} 1
apiserver_request_total{code="201",component="apiserver",dry_run="All",group="apps",resource="deployments",scope="resource",subresource="",verb="POST",version="v1"} 1
apiserver_request_total{code="404",component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="GET",version="v1"} 1
`);
    // Each of them observed once in the latency histogram, in its 23 upstream buckets plus +Inf.
    const latency = family(m.stdout, 'apiserver_request_duration_seconds', 'apiserver_request_duration_seconds_count');
    expect(latency.split('\n').filter((l) => l.endsWith(' 1')).length).toBe(5);
    expect(m.stdout.split('\n').filter((l) => l.startsWith('apiserver_request_duration_seconds_bucket{') && l.includes('resource="nodes"')).length).toBe(24);
    // The /metrics request itself is the one read-only request in flight.
    expect(family(m.stdout, 'apiserver_current_inflight_requests')).toContain('apiserver_current_inflight_requests{request_kind="readOnly"} 1\n');
    expect(family(m.stdout, 'apiserver_storage_objects', 'apiserver_storage_objects{resource="n')).toBe(`# HELP apiserver_storage_objects [STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.
# TYPE apiserver_storage_objects gauge
apiserver_storage_objects{resource="namespaces"} 5
apiserver_storage_objects{resource="nodes"} 3
`);
  });

  it('labels kubernetes_build_info with the release /version reports', () => {
    const v = JSON.parse(kubectl('version', '-o', 'json').stdout).serverVersion as Record<string, string>;
    expect(family(kubectl('get', '--raw', '/metrics').stdout, 'kubernetes_build_info')).toBe(`# HELP kubernetes_build_info [ALPHA] A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.
# TYPE kubernetes_build_info gauge
kubernetes_build_info{build_date="${v.buildDate}",compiler="${v.compiler}",git_commit="${v.gitCommit}",git_tree_state="${v.gitTreeState}",git_version="${v.gitVersion}",go_version="${v.goVersion}",major="${v.major}",minor="${v.minor}",platform="${v.platform}"} 1
`);
  });

  it('refuses /metrics without the token, as the API', async () => {
    const res = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      request(`${served.url}/metrics`, { rejectUnauthorized: false }, (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve({ code: r.statusCode ?? 0, body }));
      }).on('error', reject).end();
    });
    expect(res.code).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('reaches kube-state-metrics through the services proxy, with the bytes a pod reads from it', () => {
    expect(mk('addons', 'enable', 'kube-state-metrics').stdout).toBe(
      'deployment.apps/kube-state-metrics created\nserviceaccount/kube-state-metrics created\nservice/kube-state-metrics created\n');
    expect(mk('run', 'tmp', '--image=busybox:1.36', '--', 'sleep', '3600').code).toBe(0);
    expect(mk('clock', 'advance', '30s').code).toBe(0);
    const proxied = kubectl('get', '--raw', '/api/v1/namespaces/kube-system/services/kube-state-metrics:http-metrics/proxy/metrics');
    expect(proxied.stderr).toBe('');
    const inPod = mk('exec', 'tmp', '--', 'wget', '-qO-', 'http://kube-state-metrics.kube-system:8080/metrics');
    expect(inPod.code).toBe(0);
    expect(proxied.stdout).toBe(inPod.stdout);
    expect(family(proxied.stdout, 'kube_deployment_spec_replicas')).toBe(`# HELP kube_deployment_spec_replicas [STABLE] Number of desired pods for a deployment.
# TYPE kube_deployment_spec_replicas gauge
kube_deployment_spec_replicas{namespace="kube-system",deployment="coredns"} 2
kube_deployment_spec_replicas{namespace="kube-system",deployment="kube-state-metrics"} 1
kube_deployment_spec_replicas{namespace="local-path-storage",deployment="local-path-provisioner"} 1
`);
    // The port by number is the service port of that number; a port the Service lacks is kube's 503.
    expect(kubectl('get', '--raw', '/api/v1/namespaces/kube-system/services/kube-state-metrics:8081/proxy/readyz').stdout).toBe('OK');
    expect(kubectl('get', '--raw', '/api/v1/namespaces/kube-system/services/kube-state-metrics:9/proxy/metrics')).toMatchObject({
      code: 1, stderr: 'Error from server (ServiceUnavailable): no service port 9 found for service "kube-state-metrics"\n',
    });
    const m = kubectl('get', '--raw', '/metrics').stdout;
    expect(m).toContain('apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="services",scope="resource",subresource="proxy",verb="CONNECT",version="v1"} 2\n');
    expect(m).toContain('apiserver_request_total{code="503",component="apiserver",dry_run="",group="",resource="services",scope="resource",subresource="proxy",verb="CONNECT",version="v1"} 1\n');
  });
});
