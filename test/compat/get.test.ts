// kubectl get against mk serve on a realistic cluster (myblog and MySQL, saythx, the pi Job, a
// CronJob, a StatefulSet with claims, Services, an Ingress, an autoscaler), every output format
// compared byte for byte with mk get on the same cluster. The cluster runs on a manual clock, so
// server-side ages are the same for both without masking.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRONJOB, MYBLOG, PI_JOB, saythx, statefulSet } from './scenario.js';
import { servedCluster, hasKubectl } from './served.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the kubectl get compatibility suite');

/** Each case: the arguments both tools get. */
const TABLES: string[][] = [
  ['get', 'all', '-A'], ['get', 'all'], ['get', 'all', '-n', 'work', '-o', 'wide'], ['get', 'all', '-o', 'name', '-n', 'myblog'],
  ['get', 'all', '--show-labels', '-n', 'work'], ['get', 'all', '-A', '-l', 'app=myblog'],
  ['get', 'deploy,svc', '-A'], ['get', 'deploy,svc', '-n', 'myblog', '-o', 'wide'], ['get', 'deploy,svc,pods', '-n', 'myblog', '--show-labels'],
  ['get', 'po,deploy', '-n', 'myblog', '--no-headers'], ['get', 'deploy/myblog', 'svc/myblog', '-n', 'myblog'],
  ['get', 'deploy', 'myblog', 'mysql', '-n', 'myblog', '-o', 'wide'],
  ['get', 'pods', '-A', '-o', 'wide'], ['get', 'pods', '-n', 'myblog', '--show-labels'], ['get', 'pods', '-A', '-L', 'app', '-L', 'tier'],
  ['get', 'pods', '-A', '--sort-by=.metadata.name'], ['get', 'pods', '-A', '--sort-by=.status.startTime'],
  ['get', 'pods', '-A', '--sort-by={.metadata.creationTimestamp}'], ['get', 'pods', '-A', '--no-headers'],
  ['get', 'deploy', '-A', '--sort-by=.spec.replicas'], ['get', 'rs', '-A', '-L', 'app', '--no-headers'],
  ['get', 'svc', '-A', '-o', 'wide'], ['get', 'ing', '-A', '-o', 'wide'], ['get', 'pvc', '-A', '-o', 'wide'], ['get', 'pv', '-o', 'wide'],
  ['get', 'hpa', '-A', '-o', 'wide'], ['get', 'cj', '-o', 'wide'], ['get', 'jobs', '-o', 'wide'], ['get', 'sts', '-o', 'wide'],
  ['get', 'cm', '-A'], ['get', 'secrets', '-A'], ['get', 'sa', '-A'], ['get', 'ns', '--show-labels'], ['get', 'nodes', '-o', 'wide'],
  ['get', 'nodes', '-L', 'kubernetes.io/hostname'], ['get', 'ep', '-A'], ['get', 'endpointslices', '-A'], ['get', 'ds', '-A', '-o', 'wide'],
  ['get', 'ingressclass'], ['get', 'storageclass'], ['get', 'priorityclass'], ['get', 'leases', '-A'],
  ['get', 'events', '-A'], ['get', 'events', '-n', 'myblog', '--sort-by=.lastTimestamp'], ['get', 'ev', '-n', 'work', '-o', 'wide'],
  ['get', 'events', '-A', '--field-selector', 'type=Warning'],
];

const SELECTORS: string[][] = [
  ['get', 'pods', '-n', 'myblog', '-l', 'app=myblog'], ['get', 'pods', '-A', '-l', 'app in (myblog,mysql)'], ['get', 'pods', '-A', '-l', '!app'],
  ['get', 'pods', '-A', '--field-selector=status.phase=Succeeded'],
  ['get', 'pods', '-A', '--field-selector=status.phase!=Running,metadata.namespace=default'],
  ['get', 'pods', '-A', '--field-selector', 'spec.nodeName=mk-worker,status.phase=Running', '-o', 'wide'],
  ['get', 'pods', '-A', '-l', 'app=nope'], ['get', 'pods', '-l', 'app=nope'], ['get', 'pods', '-n', 'nope'],
  ['get', 'pods', '--all-namespaces=true', '-l', 'app=mysql', '-o', 'wide'],
];

const OBJECTS: string[][] = [
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'yaml'], ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'json'],
  ['get', 'svc', 'myblog', '-n', 'myblog', '-o', 'yaml'], ['get', 'ing', 'myblog', '-n', 'myblog', '-o', 'yaml'],
  ['get', 'pvc', 'mysql-data', '-n', 'myblog', '-o', 'yaml'], ['get', 'hpa', 'myblog', '-n', 'myblog', '-o', 'yaml'],
  ['get', 'cj', 'hello', '-o', 'yaml'], ['get', 'job', 'pi', '-o', 'yaml'], ['get', 'sts', 'web', '-o', 'yaml'],
  ['get', 'secret', 'myblog', '-n', 'myblog', '-o', 'yaml'], ['get', 'cm', 'myblog', '-n', 'myblog', '-o', 'json'],
  ['get', 'node', 'mk-worker', '-o', 'yaml'], ['get', 'ns', 'myblog', '-o', 'yaml'], ['get', 'svc', 'kubernetes', '-o', 'yaml'],
  ['get', 'pods', '-A', '-o', 'yaml', '--sort-by=.metadata.name', '-l', 'app=myblog'],
  ['get', 'deploy,svc', '-n', 'myblog', '-o', 'json'], ['get', 'deploy,svc', '-n', 'myblog', '-o', 'yaml'],
  ['get', 'deploy,svc', '-n', 'myblog', '-o', 'name'], ['get', 'pods', '-n', 'myblog', '-o', 'name'], ['get', 'deploy', '-A', '-o', 'name'],
];

const JSONPATH: string[][] = [
  ['{.items[*].metadata.name}'],
  ['{range .items[*]}{.metadata.namespace}{"\\t"}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'],
  ['{.items[?(@.metadata.labels.app=="myblog")].metadata.name}', '-n', 'myblog'],
  ['{.items[?(@.status.phase!="Running")].metadata.name}'],
  ['{.items[-1:].metadata.name}', '-n', 'myblog'], ['{.items[0:2].metadata.name}', '-n', 'myblog'],
  ['{.items[0].metadata.labels}', '-n', 'myblog'],
].map(([template, ...rest]) => ['get', 'pods', ...(rest.length ? rest : ['-A']), '-o', `jsonpath=${template}`]);

const OTHER_FORMATS: string[][] = [
  ['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}'],
  ['get', 'deploy', '-n', 'myblog', '-o', "jsonpath={.items[*]['metadata.name', 'spec.replicas']}"],
  // Recursive descent visits a map's keys in Go's random order: only where one key holds matches
  // (a Deployment's images, not a Pod's spec and status) is kubectl's output fixed.
  ['get', 'deploy', '-n', 'myblog', '-o', 'jsonpath={..image}'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'jsonpath={.spec}'], ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'jsonpath={.nope}'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'jsonpath={.spec.replicas'], ['get', 'secret', 'myblog', '-n', 'myblog', '-o', 'jsonpath={.data}'],
  ['get', 'deploy,svc', '-n', 'myblog', '-o', 'jsonpath={.items[*].kind}'],
  ['get', 'pods', '-A', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image'],
  ['get', 'pods', '-A', '-o', 'custom-columns=NAME:.metadata.name,PORTS:.spec.containers[*].ports[*].containerPort'],
  ['get', 'deploy', '-A', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,REPLICAS:.spec.replicas,MISSING:.nope', '--sort-by=.spec.replicas'],
  ['get', 'deploy', '-A', '-o', 'custom-columns=NAME:.metadata.name', '--no-headers'], ['get', 'deploy', '-A', '-o', 'custom-columns=NAME'],
  ['get', 'deploy', '-A', '-o', 'custom-columns='],
  ['get', 'events', '-n', 'myblog', '--field-selector', 'involvedObject.kind=Pod', '-o', 'custom-columns=REASON:.reason,OBJ:.involvedObject.name'],
];

const GO_TEMPLATES: string[][] = [
  ['get', 'pods', '-A', '-o', 'go-template={{range .items}}{{.metadata.namespace}}/{{.metadata.name}} {{.status.phase}}{{"\\n"}}{{end}}'],
  ['get', 'deploy', '-n', 'myblog', '-o', 'go-template={{range .items}}{{.metadata.name}}:{{.spec.replicas}}:{{range .spec.template.spec.containers}} {{.image}}{{end}}{{"\\n"}}{{end}}'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'go-template={{if gt .spec.replicas 1}}many{{else}}one{{end}} {{len .spec.template.spec.containers}} {{index .metadata.labels "app"}}'],
  ['get', 'secret', 'myblog', '-n', 'myblog', '-o', 'go-template={{range $k, $v := .data}}{{$k}}={{$v | base64decode}};{{end}}'],
  ['get', 'nodes', '-o', 'go-template={{range .items}}{{.metadata.name}}{{range .status.addresses}}{{if eq .type "InternalIP"}} {{.address}}{{end}}{{end}}{{"\\n"}}{{end}}'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'go-template={{.nope}}'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'go-template={{.nope}}', '--allow-missing-template-keys=false'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-o', 'go-template={{.metadata.name'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '--template={{printf "%s has %v" .metadata.name .spec.replicas}}'],
];

const ERRORS: string[][] = [
  ['get', 'pod', 'nope'], ['get', 'pods', 'nope', '-n', 'myblog'], ['get', 'foo'], ['get', 'deploy', 'myblog'],
  ['get', 'deploy/myblog', 'svc/nope', '-n', 'myblog'], ['get', 'deploy', '-n', 'nope', 'nope'], ['get', 'deploy/x', 'svc/y', '-n', 'nope'],
  ['get', 'pod', 'x', '--ignore-not-found', '-n', 'nope'], ['describe', 'pod', 'x', '-n', 'nope'],
  ['get', 'deploy', '-A', '--sort-by=.nope'], ['get', 'deploy,svc', '-n', 'myblog', '--sort-by=.nope'],
  ['get', 'deploy', '-n', 'myblog', '--sort-by=.nope', '-o', 'name'],
  ['get', 'deploy,svc', '-n', 'myblog', '-w'], ['get', 'deploy/myblog', 'svc/myblog', '-n', 'myblog', '-w'],
];

/** Watches bounded by --request-timeout; the watched objects are quiet, so both see only the listing. */
const WATCHES: string[][] = [
  ['get', 'deploy', '-n', 'myblog', '-w', '--output-watch-events'], ['get', 'deploy', '-n', 'myblog', '-w', '--output-watch-events', '-o', 'json'],
  ['get', 'deploy', '-n', 'myblog', '-w', '--output-watch-events', '-o', 'yaml'], ['get', 'deploy', '-n', 'myblog', '-w', '--output-watch-events', '-o', 'name'],
  ['get', 'deploy', 'myblog', '-n', 'myblog', '-w', '--output-watch-events'], ['get', 'deploy', '-n', 'myblog', '-w', '-o', 'name'],
  ['get', 'pods', '-n', 'myblog', '-w', '--output-watch-events', '-o', 'wide', '--show-labels', '--no-headers'],
  ['get', 'deploy/myblog', 'deploy/mysql', '-n', 'myblog', '-w'],
].map((args) => [...args, '--request-timeout=1s']);

describe.skipIf(!hasKubectl)('kubectl get against mk serve on a realistic cluster', () => {
  const { home, kubectl, mk } = servedCluster('manual');
  const same = (args: string[]) => {
    const k = kubectl(...args);
    expect({ args, ...mk(...args) }).toEqual({ args, ...k });
    return k;
  };

  beforeAll(() => {
    expect(mk('addons', 'enable', 'ingress').code).toBe(0);
    const manifests: Record<string, string> = { myblog: MYBLOG, saythx: saythx(), pi: PI_JOB, cron: CRONJOB, sts: statefulSet() };
    for (const [name, text] of Object.entries(manifests)) {
      const file = join(home.dir, `${name}.yaml`);
      writeFileSync(file, text);
      const applied = kubectl('apply', '-f', file);
      expect(applied.stderr).toBe('');
    }
    // Everything started, the pi Job done, the autoscaler settled; the CronJob has just fired.
    expect(mk('clock', 'advance', '10m').code).toBe(0);
  });

  it('prints tables: several kinds, get all, -A, -o wide, --show-labels, -L, --sort-by, --no-headers, events', () => {
    for (const args of TABLES) same(args);
    expect(kubectl('get', 'pods', '-A').stdout.split('\n').length).toBeGreaterThan(25);
  }, 180_000);

  it('filters by label and field selectors', () => {
    for (const args of SELECTORS) same(args);
  }, 180_000);

  it('prints objects as yaml, json and names', () => {
    for (const args of OBJECTS) same(args);
  }, 180_000);

  it('prints jsonpath (ranges, filters, slices, recursive descent), custom columns and go-templates', () => {
    for (const args of [...JSONPATH, ...OTHER_FORMATS, ...GO_TEMPLATES]) same(args);
    expect(kubectl(...JSONPATH[2]).stdout).toMatch(/^myblog-\w+-\w+( myblog-\w+-\w+)*$/);
  }, 180_000);

  it('reports what is missing, ambiguous or unsortable with kubectl\'s words and exit codes', () => {
    for (const args of ERRORS) same(args);
    expect(kubectl('get', 'deploy', '-n', 'nope', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): namespaces "nope" not found\n', code: 1 });
  }, 180_000);

  it('watches, with and without --output-watch-events', () => {
    for (const args of WATCHES) same(args);
    expect(kubectl(...WATCHES[0]).stdout).toMatch(/^EVENT {6}NAME {5}READY/);
  }, 180_000);
});
