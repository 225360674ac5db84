// Helm 3.17 against `mk serve`: a chart from `helm create` installed, listed, upgraded, rolled back,
// tested and uninstalled, with Helm's whole outputs compared where Helm makes them deterministic.
// Masked, and only these: the times Helm itself stamps (LAST DEPLOYED, the UPDATED columns of
// list and history, a test suite's Last Started/Completed) and the order of `status
// --show-resources` sections, which Helm prints in Go map order.
import { gunzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { helmBinary, helmRunner } from './helm.js';
import { servedCluster } from './served.js';

const binary = helmBinary();
if ('missing' in binary) console.warn(`test/compat: skipping the Helm suite: ${binary.missing}`);
const helmPath = 'path' in binary ? binary.path : '';

/** The NOTES of `helm create`'s chart for a ClusterIP service. */
const notes = (release: string) => `NOTES:
1. Get the application URL by running these commands:
  export POD_NAME=$(kubectl get pods --namespace default -l "app.kubernetes.io/name=demo,app.kubernetes.io/instance=${release}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace default $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace default port-forward $POD_NAME 8080:$CONTAINER_PORT
`;

const released = (release: string, revision: number, status = 'deployed') => `NAME: ${release}
LAST DEPLOYED: <time>
NAMESPACE: default
STATUS: ${status}
REVISION: ${revision}
`;

/** Helm's own clock in its outputs: Go's ANSIC layout (fixed width) and time.Time's String(). */
function maskTimes(text: string): string {
  const masked = text
    .replace(/(LAST DEPLOYED|Last Started|Last Completed):( +)\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '$1:$2<time>')
    // Fixed width: the column keeps its width.
    .replace(/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '<ANSIC time>            ');
  // Of varying width (Go drops trailing zeros of the nanoseconds): the column's padding goes too.
  if (!/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC/.test(masked)) return masked;
  return masked.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC */g, '<updated>').replace(/UPDATED +\t/, 'UPDATED\t');
}

/** A hook Job `helm create`'s chart does not have: its command from the values. */
const MIGRATE_HOOK = `apiVersion: batch/v1
kind: Job
metadata:
  name: "{{ .Release.Name }}-migrate"
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox:1.36
        command: ["sh", "-c", {{ .Values.migrate | default "echo migrating; sleep 2" | quote }}]
`;

/** A StatefulSet with a volume claim template, its headless Service, and a DaemonSet. */
const STATEFUL = `apiVersion: v1
kind: Service
metadata:
  name: db
  labels: {app.kubernetes.io/instance: {{ .Release.Name }}}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels: {app.kubernetes.io/instance: {{ .Release.Name }}}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: redis
        image: redis:7.4.2
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {app.kubernetes.io/instance: {{ .Release.Name }}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: [sleep, "3600"]
`;

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const failed = (stderr: string) => ({ stdout: '', stderr, code: 1 });

describe.skipIf(!helmPath)('Helm against mk serve', () => {
  const served = servedCluster('manual');
  const { kubectl, mk } = served;
  const helm = helmRunner(helmPath, served);
  const masked = (...args: string[]) => {
    const r = helm(...args);
    return { ...r, stdout: maskTimes(r.stdout) };
  };

  beforeAll(() => {
    expect(helm('create', 'demo')).toEqual(ok('Creating demo\n'));
  });

  it('installs the chart: the release, its objects and the Secret that stores it', () => {
    expect(masked('install', 'demo', './demo')).toEqual(ok(released('demo', 1) + notes('demo')));
    expect(masked('list')).toEqual(ok(
      'NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS  \tCHART     \tAPP VERSION\n'
      + 'demo\tdefault  \t1       \t<updated>\tdeployed\tdemo-0.1.0\t1.16.0     \n'));
    expect(masked('status', 'demo')).toEqual(ok(released('demo', 1) + notes('demo')));

    const objects = kubectl('get', 'deploy,svc,pods,sa', '-l', 'app.kubernetes.io/instance=demo');
    expect(objects).toEqual(mk('get', 'deploy,svc,pods,sa', '-l', 'app.kubernetes.io/instance=demo'));
    expect(objects.stdout).toMatch(/^NAME {19}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\ndeployment\.apps\/demo {3}0\/1 {5}1 {12}0 {11}0s\n\nNAME {11}TYPE {8}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {3}AGE\nservice\/demo {3}ClusterIP {3}10\.96\.\d+\.\d+ +<none> {8}80\/TCP {4}0s\n\nNAME +READY {3}STATUS {14}RESTARTS {3}AGE\npod\/demo-[a-z0-9]+-[a-z0-9]{5} {3}0\/1 {5}ContainerCreating {3}0 {10}0s\n\nNAME {18}SECRETS {3}AGE\nserviceaccount\/demo {3}0 {9}0s\n$/);
    expect(kubectl('get', 'deploy', 'demo', '-o', 'jsonpath={.metadata.labels.app\\.kubernetes\\.io/managed-by} {.metadata.annotations}'))
      .toEqual(ok('Helm {"deployment.kubernetes.io/revision":"1","meta.helm.sh/release-name":"demo","meta.helm.sh/release-namespace":"default"}'));

    // The release Secret arrived as protobuf: its labels and its gzipped release decode whole.
    expect(kubectl('get', 'secrets', '-l', 'owner=helm')).toEqual(ok(
      'NAME                         TYPE                 DATA   AGE\nsh.helm.release.v1.demo.v1   helm.sh/release.v1   1      0s\n'));
    const labels = kubectl('get', 'secret', 'sh.helm.release.v1.demo.v1', '-o', 'jsonpath={.metadata.labels}');
    expect(JSON.parse(labels.stdout)).toEqual({ name: 'demo', owner: 'helm', status: 'deployed', version: '1', modifiedAt: expect.stringMatching(/^\d+$/) });
    const data = kubectl('get', 'secret', 'sh.helm.release.v1.demo.v1', '-o', 'jsonpath={.data.release}').stdout;
    const release = JSON.parse(gunzipSync(Buffer.from(Buffer.from(data, 'base64').toString(), 'base64')).toString()) as {
      name: string; version: number; namespace: string; info: { status: string }; manifest: string;
    };
    expect([release.name, release.version, release.namespace, release.info.status]).toEqual(['demo', 1, 'default', 'deployed']);
    expect(helm('get', 'manifest', 'demo')).toEqual(ok(`${release.manifest}\n`));
  });

  it('shows the release resources as server-side tables, as kubectl prints them', () => {
    const r = helm('status', 'demo', '--show-resources');
    expect(r.code).toBe(0);
    const [head, rest] = r.stdout.split('RESOURCES:\n');
    const [resources, tail] = rest.split('\n\n\nNOTES:\n');
    expect(maskTimes(head)).toBe(released('demo', 1));
    expect(`NOTES:\n${tail}`).toBe(notes('demo'));
    const sections = Object.fromEntries(resources.split('\n\n').map((s) => {
      const [title, ...table] = s.split('\n');
      return [title, `${table.join('\n')}\n`];
    }));
    const get = (what: string) => kubectl('get', what, '-l', 'app.kubernetes.io/instance=demo').stdout;
    expect(sections).toEqual({
      '==> v1/Deployment': get('deploy'), '==> v1/Service': get('svc'), '==> v1/ServiceAccount': get('sa'), '==> v1/Pod(related)': get('pods'),
    });
  });

  it('renders with helm template the objects the server holds', () => {
    const rendered = parseAllDocuments(helm('template', 'demo', './demo', '--skip-tests').stdout).map((d) => d.toJS() as {
      kind: string; metadata: { name: string };
    });
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ServiceAccount/demo', 'Service/demo', 'Deployment/demo']);
    for (const object of rendered) {
      const live = JSON.parse(kubectl('get', object.kind, object.metadata.name, '-o', 'json').stdout) as object;
      expect(live).toMatchObject(object);
    }
  });

  it('refuses to install a release name still in use, and objects it does not own', () => {
    expect(helm('install', 'demo', './demo')).toEqual(failed('Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n'));
    const file = join(served.home.dir, 'taken.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: taken\n');
    expect(kubectl('apply', '-f', file)).toEqual(ok('serviceaccount/taken created\n'));
    expect(helm('install', 'taken', './demo', '--set', 'fullnameOverride=taken')).toEqual(failed(
      'Error: INSTALLATION FAILED: Unable to continue with install: ServiceAccount "taken" in namespace "default" exists and cannot be '
      + 'imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": '
      + 'must be set to "Helm"; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "taken"; annotation '
      + 'validation error: missing key "meta.helm.sh/release-namespace": must be set to "default"\n'));
    expect(kubectl('get', 'deploy,svc', '-l', 'app.kubernetes.io/instance=taken')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  it('upgrades with --set by a three-way patch: the deployment scales, revision 2', () => {
    const rs = kubectl('get', 'rs', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name').stdout;
    expect(masked('upgrade', 'demo', './demo', '--set', 'replicaCount=3'))
      .toEqual(ok(`Release "demo" has been upgraded. Happy Helming!\n${released('demo', 2)}${notes('demo')}`));
    expect(kubectl('get', 'deploy', 'demo')).toEqual(ok(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\ndemo   0/3     3            0           0s\n'));
    // Only replicas changed: the same ReplicaSet scales, no new one rolls out.
    expect(kubectl('get', 'rs', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name').stdout).toBe(rs);
    expect(kubectl('get', 'pods', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name').stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(helm('get', 'values', 'demo')).toEqual(ok('USER-SUPPLIED VALUES:\nreplicaCount: 3\n'));
    expect(masked('history', 'demo')).toEqual(ok(
      'REVISION\tUPDATED                 \tSTATUS    \tCHART     \tAPP VERSION\tDESCRIPTION     \n'
      + '1       \t<ANSIC time>            \tsuperseded\tdemo-0.1.0\t1.16.0     \tInstall complete\n'
      + '2       \t<ANSIC time>            \tdeployed  \tdemo-0.1.0\t1.16.0     \tUpgrade complete\n'));
    expect(kubectl('get', 'secrets', '-l', 'owner=helm,name=demo', '-L', 'status,version')).toEqual(ok(
      'NAME                         TYPE                 DATA   AGE   STATUS       VERSION\n'
      + 'sh.helm.release.v1.demo.v1   helm.sh/release.v1   1      0s    superseded   1\n'
      + 'sh.helm.release.v1.demo.v2   helm.sh/release.v1   1      0s    deployed     2\n'));
  });

  it('reports the server\'s refusal of an upgrade, and records the failed revision', () => {
    expect(helm('upgrade', 'demo', './demo', '--reuse-values', '--set', 'service.type=Bogus')).toEqual(failed(
      'Error: UPGRADE FAILED: cannot patch "demo" with kind Service: Service "demo" is invalid: spec.type: Unsupported value: "Bogus": '
      + 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n'));
    expect(kubectl('get', 'svc', 'demo', '-o', 'jsonpath={.spec.type}')).toEqual(ok('ClusterIP'));
    expect(maskTimes(helm('history', 'demo', '-o', 'yaml').stdout).split('\n').filter((l) => /^ *(revision|status):/.test(l)))
      .toEqual(['  revision: 1', '  status: superseded', '  revision: 2', '  status: deployed', '  revision: 3', '  status: failed']);
  });

  it('rolls back to revision 1: one replica again, recorded as revision 4', () => {
    expect(helm('rollback', 'demo', '1')).toEqual(ok('Rollback was a success! Happy Helming!\n'));
    expect(kubectl('get', 'deploy', 'demo', '-o', 'jsonpath={.spec.replicas}')).toEqual(ok('1'));
    expect(masked('history', 'demo', '--max', '2').stdout.split('\n').slice(1).map((l) => l.split('\t').map((c) => c.trim())))
      .toEqual([['3', '<ANSIC time>', 'failed', 'demo-0.1.0', '1.16.0', expect.stringMatching(/^Upgrade "demo" failed: cannot patch/)],
        ['4', '<ANSIC time>', 'deployed', 'demo-0.1.0', '1.16.0', 'Rollback to 1'], ['']]);
    expect(helm('rollback', 'demo', '9')).toEqual(failed('Error: release has no 9 version\n'));
  });

  it('uninstalls: the objects and the release Secrets go, pods after their grace period', () => {
    expect(helm('uninstall', 'demo')).toEqual(ok('release "demo" uninstalled\n'));
    const none = { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 };
    expect(kubectl('get', 'deploy,rs,svc,sa', '-l', 'app.kubernetes.io/instance=demo')).toEqual(none);
    expect(kubectl('get', 'secrets', '-l', 'owner=helm')).toEqual(none);
    // The Deployment went with background propagation: its pods are terminating.
    const pods = kubectl('get', 'pods', '-l', 'app.kubernetes.io/instance=demo', '-o', 'jsonpath={range .items[*]}{.metadata.deletionTimestamp}{"\\n"}{end}');
    expect(pods.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(pods.stdout.split('\n').filter(Boolean).every((t) => /^\d{4}-/.test(t))).toBe(true);
    expect(mk('clock', 'advance', '1m').code).toBe(0);
    expect(kubectl('get', 'pods', '-l', 'app.kubernetes.io/instance=demo')).toEqual(none);
    expect(helm('list', '-a')).toEqual(ok('NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n'));
  });

  it('upgrade --install creates a release and its namespace, which uninstall leaves', () => {
    const r = masked('upgrade', '--install', 'web', './demo', '-n', 'team', '--create-namespace');
    expect(r).toEqual(ok(`Release "web" does not exist. Installing it now.\n${released('web', 1).replace('default', 'team')}`
      + notes('web').replaceAll('--namespace default', '--namespace team')));
    expect(kubectl('get', 'ns', 'team')).toEqual(mk('get', 'ns', 'team'));
    expect(kubectl('get', 'ns', 'team', '-o', 'jsonpath={.status.phase}')).toEqual(ok('Active'));
    expect(kubectl('get', 'deploy', '-n', 'team', '-o', 'name')).toEqual(ok('deployment.apps/web-demo\n'));
    expect(masked('list', '-n', 'team')).toEqual(ok(
      'NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS  \tCHART     \tAPP VERSION\n'
      + 'web \tteam     \t1       \t<updated>\tdeployed\tdemo-0.1.0\t1.16.0     \n'));
    expect(helm('uninstall', 'web', '-n', 'team')).toEqual(ok('release "web" uninstalled\n'));
    expect(kubectl('get', 'deploy,svc,sa', '-n', 'team', '-l', 'app.kubernetes.io/instance=web'))
      .toEqual({ stdout: '', stderr: 'No resources found in team namespace.\n', code: 0 });
    expect(kubectl('get', 'ns', 'team', '-o', 'name')).toEqual(ok('namespace/team\n'));
  });

  it('says so for releases that do not exist', () => {
    expect(helm('status', 'demo')).toEqual(failed('Error: release: not found\n'));
    expect(helm('uninstall', 'demo')).toEqual(failed('Error: uninstall: Release not loaded: demo: release: not found\n'));
    expect(helm('history', 'demo')).toEqual(failed('Error: release: not found\n'));
  });
});

describe.skipIf(!helmPath)('Helm against mk serve on a realtime cluster', { timeout: 180_000 }, () => {
  const served = servedCluster('realtime');
  const { kubectl } = served;
  const helm = helmRunner(helmPath, served);
  const ready = () => kubectl('get', 'deploy', 'web-demo', '-o', 'jsonpath={.status.readyReplicas}/{.spec.replicas}').stdout;

  beforeAll(() => {
    expect(helm('create', 'demo').code).toBe(0);
  });

  it('install --wait returns once the pods are Ready', () => {
    const r = helm('install', 'web', './demo', '--wait', '--timeout', '2m');
    expect({ ...r, stdout: maskTimes(r.stdout) }).toEqual(ok(released('web', 1) + notes('web')));
    expect(ready()).toBe('1/1');
  });

  it('helm test runs the chart\'s test pod to success', () => {
    const r = helm('test', 'web', '--timeout', '2m');
    expect({ ...r, stdout: maskTimes(r.stdout) }).toEqual(ok(`${released('web', 1)}TEST SUITE:     web-demo-test-connection
Last Started:   <time>
Last Completed: <time>
Phase:          Succeeded
${notes('web')}`));
  });

  it('upgrade --wait returns once the rollout to a new image has its replicas Ready', () => {
    expect(helm('upgrade', 'web', './demo', '--wait', '--timeout', '2m', '--set', 'replicaCount=3', '--set', 'image.tag=1.27.3').code).toBe(0);
    expect(ready()).toBe('3/3');
    const sets = kubectl('get', 'rs', '-l', 'app.kubernetes.io/instance=web', '--sort-by=.metadata.creationTimestamp', '-o',
      'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image} {.spec.replicas} {.status.readyReplicas}{"\\n"}{end}');
    // The new ReplicaSet is the one Helm waited for; the old one's scale-down may still be under way.
    expect(sets.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['nginx:1.16.0', 'nginx:1.27.3']);
    expect(sets.stdout).toContain('nginx:1.27.3 3 3\n');
  });

  it('an atomic upgrade the server refuses rolls back', () => {
    const r = helm('upgrade', 'web', './demo', '--atomic', '--timeout', '2m', '--set', 'service.type=Bogus');
    expect(r).toEqual(failed('Error: UPGRADE FAILED: release web failed, and has been rolled back due to atomic being set: '
      + 'cannot patch "web-demo" with kind Service: Service "web-demo" is invalid: spec.type: Unsupported value: "Bogus": '
      + 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n'));
    expect(maskTimes(helm('history', 'web').stdout).split('\n').slice(1).map((l) => l.split('\t').map((c) => c.trim())[2])).toEqual(
      ['superseded', 'superseded', 'failed', 'deployed', undefined]);
    expect(ready()).toBe('3/3');
  });

  it('runs a pre-install hook Job to completion before the release objects, and fails the upgrade when it fails', () => {
    expect(helm('create', 'hooked').code).toBe(0);
    writeFileSync(join(served.home.dir, 'hooked/templates/migrate-job.yaml'), MIGRATE_HOOK);
    expect(helm('install', 'hk', './hooked', '--timeout', '2m').code).toBe(0);
    expect(kubectl('get', 'job', 'hk-migrate', '-o', 'jsonpath={.status.succeeded}')).toEqual(ok('1'));
    expect(kubectl('logs', 'job/hk-migrate')).toEqual(ok('migrating\n'));
    const completed = kubectl('get', 'job', 'hk-migrate', '-o', 'jsonpath={.status.completionTime}').stdout;
    const created = kubectl('get', 'deploy', 'hk-hooked', '-o', 'jsonpath={.metadata.creationTimestamp}').stdout;
    expect(completed <= created).toBe(true);
    expect(helm('upgrade', 'hk', './hooked', '--timeout', '2m', '--set', 'migrate=exit 3')).toEqual(failed(
      'Error: UPGRADE FAILED: pre-upgrade hooks failed: 1 error occurred:\n\t* job hk-migrate failed: BackoffLimitExceeded\n\n\n'));
    const history = JSON.parse(helm('history', 'hk', '-o', 'json').stdout) as { revision: number; status: string; description: string }[];
    expect(history.map(({ revision, status, description }) => ({ revision, status, description }))).toEqual([
      { revision: 1, status: 'deployed', description: 'Install complete' },
      { revision: 2, status: 'failed', description: 'Upgrade "hk" failed: pre-upgrade hooks failed: 1 error occurred:\n\t* job hk-migrate failed: BackoffLimitExceeded\n\n' },
    ]);
  });

  it('install --wait waits for a StatefulSet and a DaemonSet; uninstall leaves the claims of its volume templates', () => {
    const dir = join(served.home.dir, 'stateful');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: stateful\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates/workloads.yaml'), STATEFUL);
    expect(helm('install', 'st', './stateful', '--wait', '--timeout', '2m').code).toBe(0);
    expect(kubectl('get', 'sts', 'db', '-o', 'jsonpath={.status.readyReplicas}/{.spec.replicas}')).toEqual(ok('2/2'));
    expect(kubectl('get', 'ds', 'agent', '-o', 'jsonpath={.status.numberReady}/{.status.desiredNumberScheduled}')).toEqual(ok('2/2'));
    expect(kubectl('get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}'))
      .toEqual(ok('data-db-0 Bound\ndata-db-1 Bound\n'));
    expect(helm('uninstall', 'st', '--wait', '--timeout', '2m')).toEqual(ok('release "st" uninstalled\n'));
    expect(kubectl('get', 'sts,ds,svc', '-l', 'app.kubernetes.io/instance=st'))
      .toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(kubectl('get', 'pvc', '-o', 'name')).toEqual(ok('persistentvolumeclaim/data-db-0\npersistentvolumeclaim/data-db-1\n'));
  });

  it('uninstall --wait with foreground cascading returns once the objects and their pods are gone', () => {
    expect(helm('uninstall', 'web', '--cascade', 'foreground', '--wait', '--timeout', '2m')).toEqual(ok('release "web" uninstalled\n'));
    // The Deployment goes only after its ReplicaSet, which goes only after its pods.
    expect(kubectl('get', 'deploy,rs,svc,sa', '-l', 'app.kubernetes.io/instance=web'))
      .toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    // Only the test hook's pod stays: Helm deletes hooks only by their delete policy.
    expect(kubectl('get', 'pods', '-l', 'app.kubernetes.io/instance=web', '-o', 'name')).toEqual(ok('pod/web-demo-test-connection\n'));
  });
});
