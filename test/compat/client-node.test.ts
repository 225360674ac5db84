// @kubernetes/client-node against `mk serve`: the kubeconfig mk writes (CA and bearer token), typed
// list and create calls, and a Watch that sees a Deployment's rollout as the API server streams it.
import { AppsV1Api, CoreV1Api, KubeConfig, Watch, type V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { servedCluster } from './served.js';

const deployment = (image: string): V1Deployment => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
  },
});

interface Seen { type: string; name: string; generation: number; revision?: string; image: string; observedGeneration?: number; resourceVersion: string }

describe('@kubernetes/client-node against mk serve', () => {
  const served = servedCluster('realtime');
  const clients = () => {
    const kc = new KubeConfig();
    kc.loadFromFile(served.kubeconfig);
    return { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
  };

  it('lists nodes and pods and creates a ConfigMap with the kubeconfig mk wrote', async () => {
    const { core } = clients();
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
    const pods = await core.listPodForAllNamespaces();
    expect(pods.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).join('\n') + '\n')
      .toBe(served.mk('get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}').stdout);
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' }, data: { mode: 'fast' } } });
    expect(created).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast' } });
    expect(served.mk('get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}').stdout).toBe('fast');
    const listed = await core.listNamespacedConfigMap({ namespace: 'default', fieldSelector: 'metadata.name=settings' });
    expect(listed.items.map((c) => c.metadata?.uid)).toEqual([created.metadata?.uid]);
    // A duplicate is the API server's 409 AlreadyExists, which client-node raises as an ApiException.
    await expect(core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' } } }))
      .rejects.toMatchObject({ code: 409 });
  });

  it('watches a rollout: created, rolled out, its image changed and rolled out again, deleted', async () => {
    const { kc, apps } = clients();
    const start = (await apps.listNamespacedDeployment({ namespace: 'default' })).metadata?.resourceVersion;
    const seen: Seen[] = [];
    let ended: unknown = 'open';
    let deleted!: () => void;
    const gone = new Promise<void>((r) => (deleted = r));
    const abort = await new Watch(kc).watch('/apis/apps/v1/namespaces/default/deployments', { resourceVersion: start, fieldSelector: 'metadata.name=web' },
      (type, d: V1Deployment) => {
        seen.push({
          type, name: d.metadata!.name!, generation: d.metadata!.generation!, revision: d.metadata!.annotations?.['deployment.kubernetes.io/revision'], image: d.spec!.template.spec!.containers[0].image!,
          observedGeneration: d.status?.observedGeneration, resourceVersion: d.metadata!.resourceVersion!,
        });
        if (type === 'DELETED') deleted();
      },
      (err) => (ended = err));

    const rolledOut = async (generation: number) => {
      for (;;) {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
        const s = d.status ?? {};
        if (s.observedGeneration === generation && s.updatedReplicas === 2 && s.availableReplicas === 2 && s.replicas === 2) return d;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const created = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('nginx:1.27') });
    expect(created.metadata?.generation).toBe(1);
    const first = await rolledOut(1);
    first.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    const replaced = await apps.replaceNamespacedDeployment({ name: 'web', namespace: 'default', body: first });
    expect(replaced.metadata?.generation).toBe(2);
    await rolledOut(2);
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'default' });
    await gone;
    // The stream stayed open through the whole rollout: no error, no early end.
    expect(ended).toBe('open');
    abort.abort();

    // Every write is one event, in resourceVersion order.
    const versions = seen.map((e) => Number(e.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    // The create is ADDED before the controller has looked at it; the controller's status writes
    // and the image change are MODIFIED; the delete is the last event, of the object as it was.
    expect(seen[0]).toEqual({ type: 'ADDED', name: 'web', generation: 1, revision: undefined, image: 'nginx:1.27', observedGeneration: undefined, resourceVersion: created.metadata?.resourceVersion });
    expect(seen.at(-1)).toMatchObject({ type: 'DELETED', name: 'web', generation: 2, image: 'nginx:1.26', observedGeneration: 2 });
    expect(seen.slice(1, -1).every((e) => e.type === 'MODIFIED')).toBe(true);
    // Collapsed to (type, generation, revision annotation, image, observedGeneration), the steps of
    // the Deployment controller's sync: on a new ReplicaSet it first writes the revision annotation
    // (with the Progressing condition) through UpdateStatus, and only then the status with
    // observedGeneration; the replica counts in between vary with the pods' pace.
    const steps = seen.map((e) => `${e.type} ${e.generation} ${e.revision ?? '-'} ${e.image} ${e.observedGeneration ?? '-'}`)
      .filter((s, i, all) => s !== all[i - 1]);
    expect(steps).toEqual([
      'ADDED 1 - nginx:1.27 -',
      'MODIFIED 1 1 nginx:1.27 -',
      'MODIFIED 1 1 nginx:1.27 1',
      'MODIFIED 2 1 nginx:1.26 1',
      'MODIFIED 2 2 nginx:1.26 1',
      'MODIFIED 2 2 nginx:1.26 2',
      'DELETED 2 2 nginx:1.26 2',
    ]);
    expect(seen.find((e) => e.resourceVersion === replaced.metadata?.resourceVersion)).toMatchObject({ type: 'MODIFIED', generation: 2, observedGeneration: 1 });
  });
});
