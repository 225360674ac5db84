// The API semantics real clients lean on, against `mk serve`: aggregated discovery read by
// kubectl 1.32 (api-resources, api-versions, `get all`), metrics.k8s.io read by `kubectl top`,
// autoscaling/v1 served by conversion, and, through @kubernetes/client-node, watch bookmarks and
// chunked lists that continue on a consistent snapshot. kubectl and mk must print the same bytes.
import { CoreV1Api, KubeConfig, makeInformer, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedCluster } from './served.js';

describe('API semantics against mk serve', () => {
  const served = servedCluster('manual');
  const { kubectl, mk } = served;
  const same = (...args: string[]) => expect(kubectl(...args)).toEqual(mk(...args));

  it('serves aggregated discovery: kubectl api-resources and api-versions print what mk prints', () => {
    const discovery = kubectl('api-resources', '-v=8');
    expect(discovery.stderr).toContain('Content-Type: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    for (const flags of [[], ['-o', 'wide'], ['-o', 'name'], ['--sort-by=name'], ['--sort-by=kind'], ['--namespaced=true'],
      ['--namespaced=false'], ['--api-group=apps'], ['--api-group='], ['--api-group=metrics.k8s.io'], ['--verbs=get,list'],
      ['--verbs=create', '-o', 'wide'], ['--categories=all'], ['--no-headers'], ['--cached']]) {
      same('api-resources', ...flags);
    }
    same('api-versions');
    expect(kubectl('api-versions').stdout).toContain('autoscaling/v1\nautoscaling/v2\n');
    expect(kubectl('api-resources', '--api-group=metrics.k8s.io').stdout).toBe(
      'NAME    SHORTNAMES   APIVERSION               NAMESPACED   KIND\n'
      + 'nodes                metrics.k8s.io/v1beta1   false        NodeMetrics\n'
      + 'pods                 metrics.k8s.io/v1beta1   true         PodMetrics\n');
  });

  it('expands the all category from discovery as mk does', () => {
    expect(mk('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code).toBe(0);
    expect(mk('expose', 'deployment', 'web', '--port=80').code).toBe(0);
    expect(mk('clock', 'advance', '2m').code).toBe(0);
    same('get', 'all');
    same('get', 'all', '-A', '-o', 'wide');
    same('get', 'all', '-o', 'name');
  });

  it('serves metrics.k8s.io as metrics-server does: kubectl top prints what mk top prints', () => {
    const pod = mk('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    for (const args of [['pods'], ['pods', '-A'], ['pods', '-A', '--containers'], ['pods', '-A', '--sort-by=cpu'],
      ['pods', '-A', '--sort-by=memory'], ['pods', '-l', 'app=web'], ['pods', '--sum'], ['pods', '-n', 'kube-system', '--no-headers'],
      ['pods', pod, '--containers'], ['nodes'], ['nodes', '--sort-by=memory'], ['nodes', '--no-headers'], ['nodes', 'mk-worker'],
      ['nodes', '-l', 'node-role.kubernetes.io/control-plane'], ['pods', 'missing']]) {
      same('top', ...args);
    }
    expect(kubectl('top', 'nodes').stdout).toMatch(/^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +\nmk-control-plane /);
  });

  it('answers kubectl get --raw on the metrics and autoscaling/v1 paths', () => {
    const nodes = JSON.parse(kubectl('get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes').stdout) as {
      kind: string; apiVersion: string; items: { metadata: { name: string }; window: string; timestamp: string; usage: { cpu: string; memory: string } }[];
    };
    expect([nodes.kind, nodes.apiVersion]).toEqual(['NodeMetricsList', 'metrics.k8s.io/v1beta1']);
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
    // metrics-server --metric-resolution=15s: the window, and one scrape on the resolution's ticks.
    for (const n of nodes.items) {
      expect(n.window).toBe('15s');
      expect(Date.parse(n.timestamp) % 15_000).toBe(0);
      expect(n.timestamp).toBe(nodes.items[0].timestamp);
    }
    const pod = mk('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const metrics = JSON.parse(kubectl('get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${pod}`).stdout) as {
      kind: string; metadata: { name: string; namespace: string }; containers: { name: string }[];
    };
    expect(metrics).toMatchObject({ kind: 'PodMetrics', metadata: { name: pod, namespace: 'default' } });
    expect(metrics.containers.map((c) => c.name)).toEqual(['nginx']);
    expect(kubectl('get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/missing')).toEqual({
      stdout: '', code: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    // metrics-server's own Table: kubectl get prints its columns.
    const table = kubectl('get', 'nodes.metrics.k8s.io');
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME +CPU +MEMORY +WINDOW$/);
    expect(table.stdout.split('\n').slice(1, -1).map((l) => l.split(/ +/))).toEqual(nodes.items.map((n) => [n.metadata.name, n.usage.cpu, n.usage.memory, '15s']));
    for (const args of [['nodes.metrics.k8s.io'], ['nodemetrics', 'mk-worker', '-o', 'yaml'], ['podmetrics', '-A'], ['podmetrics', '-o', 'wide'],
      ['pods.metrics.k8s.io', '-n', 'kube-system', '-o', 'name'], ['podmetrics', '-l', 'app=web', '-o', 'json'], ['podmetrics', 'missing']]) {
      same('get', ...args);
    }
    const groups = JSON.parse(kubectl('get', '--raw', '/apis').stdout) as { kind: string; groups: { name: string }[] };
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.at(-1)!.name).toBe('metrics.k8s.io');
  });

  it('serves autoscaling/v1 by converting the stored v2 object, its other metrics in annotations', () => {
    expect(mk('autoscale', 'deployment', 'web', '--max=5', '--cpu-percent=50').code).toBe(0);
    expect(mk('patch', 'hpa', 'web', '--type=json', '-p',
      '[{"op":"add","path":"/spec/metrics/-","value":{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"100Mi"}}}}]').code).toBe(0);
    expect(mk('clock', 'advance', '30s').code).toBe(0);
    for (const format of ['yaml', 'json']) {
      same('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', format);
      // kubectl's shortcut expander drops the version of a short name: hpa.v1.autoscaling reads v2.
      same('get', 'hpa.v1.autoscaling', 'web', '-o', format);
    }
    // Tables print from the stored object whatever the version asked for.
    same('get', 'horizontalpodautoscalers.v1.autoscaling');
    same('get', 'horizontalpodautoscalers.v1.autoscaling', '-o', 'wide');
    expect(kubectl('get', 'horizontalpodautoscalers.v1.autoscaling').stdout).toBe(kubectl('get', 'hpa').stdout);
    const v1 = kubectl('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'yaml').stdout;
    expect(v1).toContain('apiVersion: autoscaling/v1\n');
    expect(v1).toContain('  targetCPUUtilizationPercentage: 50\n');
    expect(v1).toContain(`    autoscaling.alpha.kubernetes.io/metrics: '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]'\n`);
    expect(kubectl('get', 'hpa.v1.autoscaling', 'web', '-o', 'yaml').stdout).toContain('apiVersion: autoscaling/v2\n');
    const raw = JSON.parse(kubectl('get', '--raw', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers').stdout) as {
      kind: string; apiVersion: string; items: { spec: { targetCPUUtilizationPercentage: number } }[];
    };
    expect([raw.kind, raw.apiVersion, raw.items[0].spec.targetCPUUtilizationPercentage]).toEqual(['HorizontalPodAutoscalerList', 'autoscaling/v1', 50]);
    // A v1 client's read-modify-write keeps what v1 cannot say.
    const hpa = JSON.parse(kubectl('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'json').stdout) as { spec: { targetCPUUtilizationPercentage: number } };
    hpa.spec.targetCPUUtilizationPercentage = 60;
    const replaced = join(served.home.dir, 'hpa-v1.json');
    writeFileSync(replaced, JSON.stringify(hpa));
    expect(kubectl('replace', '-f', replaced)).toEqual({ stdout: 'horizontalpodautoscaler.autoscaling/web replaced\n', stderr: '', code: 0 });
    expect(mk('get', 'hpa', 'web', '-o', 'jsonpath={range .spec.metrics[*]}{.resource.name}={.resource.target.averageUtilization}{.resource.target.averageValue} {end}').stdout)
      .toBe('memory=100Mi cpu=60 ');
  });

  const clients = () => {
    const kc = new KubeConfig();
    kc.loadFromFile(served.kubeconfig);
    return { kc, core: kc.makeApiClient(CoreV1Api) };
  };

  it('sends a client-node watch its initial events, the bookmark ending them, and a bookmark before the deadline', async () => {
    const { kc, core } = clients();
    const pods = (await core.listNamespacedPod({ namespace: 'default' })).items.map((p) => p.metadata!.name!);
    const seen: string[] = [];
    const done = new Promise<unknown>((resolve) => {
      void new Watch(kc).watch('/api/v1/namespaces/default/pods',
        { allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', timeoutSeconds: 3 },
        (type, obj: { metadata: { name?: string; resourceVersion: string; annotations?: Record<string, string> } }) => {
          seen.push(type === 'BOOKMARK' ? `BOOKMARK ${JSON.stringify(obj.metadata.annotations ?? {})}` : `${type} ${obj.metadata.name}`);
        }, resolve);
    });
    await done;
    expect(seen).toEqual([...pods.map((p) => `ADDED ${p}`), 'BOOKMARK {"k8s.io/initial-events-end":"true"}', 'BOOKMARK {}']);
  });

  it('feeds a client-node informer: its list, then the watch from the list\'s resourceVersion', async () => {
    const { kc, core } = clients();
    const informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const added: string[] = [];
    let seen!: () => void;
    const sawNew = new Promise<void>((r) => (seen = r));
    informer.on('add', (cm: V1ConfigMap) => {
      added.push(cm.metadata!.name!);
      if (cm.metadata!.name === 'from-mk') seen();
    });
    await informer.start();
    expect(added).toEqual(['kube-root-ca.crt']);
    expect(mk('create', 'configmap', 'from-mk', '--from-literal=k=v').code).toBe(0);
    await sawNew;
    await informer.stop();
    expect(added).toEqual(['kube-root-ca.crt', 'from-mk']);
    expect(mk('delete', 'configmap', 'from-mk').code).toBe(0);
  });

  it('continues a client-node chunked list on the first page\'s snapshot', async () => {
    const { core } = clients();
    for (const n of ['p1', 'p2', 'p3', 'p4']) expect(mk('create', 'configmap', n, '--from-literal=k=v').code).toBe(0);
    const first = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2 });
    const name = (c: V1ConfigMap) => c.metadata!.name!;
    expect(first.items.map(name)).toEqual(['kube-root-ca.crt', 'p1']);
    expect(first.metadata?.remainingItemCount).toBe(3);
    expect(mk('delete', 'configmap', 'p3').code).toBe(0);
    expect(mk('create', 'configmap', 'p25', '--from-literal=k=v').code).toBe(0);
    const second = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2, _continue: first.metadata!._continue });
    expect(second.items.map(name)).toEqual(['p2', 'p3']);
    const third = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2, _continue: second.metadata!._continue });
    expect(third.items.map(name)).toEqual(['p4']);
    expect(third.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    // The same list read afresh is the present.
    expect((await core.listNamespacedConfigMap({ namespace: 'default' })).items.map(name)).toEqual(['kube-root-ca.crt', 'p1', 'p2', 'p25', 'p4']);
    // kubectl pages the same way: --chunk-size does not change what it prints.
    expect(kubectl('get', 'configmaps', '--chunk-size=1')).toEqual(mk('get', 'configmaps'));
  });

  it('answers 410 Expired to a continue token whose revision the store has compacted, and Gone to such a watch', async () => {
    const { core } = clients();
    const first = JSON.parse(kubectl('get', '--raw', '/api/v1/namespaces/default/configmaps?limit=1').stdout) as { metadata: { continue: string; resourceVersion: string } };
    // More writes than the store keeps history for (10,000 revisions).
    const many = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: 11_200 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bulk-${i}` } })) };
    const file = join(served.home.dir, 'many.json');
    writeFileSync(file, JSON.stringify(many));
    expect(mk('create', '-f', file).code).toBe(0);
    expect(kubectl('get', '--raw', `/api/v1/namespaces/default/configmaps?limit=1&continue=${first.metadata.continue}`)).toEqual({
      stdout: '', code: 1,
      stderr: 'Error from server (Expired): The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.\n',
    });
    await expect(core.listNamespacedConfigMap({ namespace: 'default', limit: 1, _continue: first.metadata.continue })).rejects.toMatchObject({ code: 410 });
    expect(kubectl('get', '--raw', `/api/v1/namespaces/default/configmaps?limit=1&resourceVersion=${first.metadata.resourceVersion}&resourceVersionMatch=Exact`)).toEqual({
      stdout: '', code: 1, stderr: 'Error from server (Gone): The resourceVersion for the provided list is too old.\n' });
    const watch = kubectl('get', '--raw', `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    const event = JSON.parse(watch.stdout) as { type: string; object: { reason: string; code: number } };
    expect([event.type, event.object.reason, event.object.code]).toEqual(['ERROR', 'Gone', 410]);
  });
});
