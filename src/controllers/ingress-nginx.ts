// The ingress-nginx controller's work on the API, done for each running controller pod (a
// container of registry.k8s.io/ingress-nginx/controller): for every Ingress of its class
// (--ingress-class, --controller-class, --watch-ingress-without-class), the `Sync` Event
// "Scheduled for sync" each time its store sees the Ingress change, and status.loadBalancer from
// --publish-status-address (kind's manifest: `localhost`), else the addresses of the controller
// pods' nodes. Its status sync runs once it leads (shortly after start) and then every minute
// (internal/ingress/status: updateInterval), so a new Ingress waits for the next round.
import type { Node } from '../api/core/node/schema.js';
import type { Container, Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { Ingress, IngressLoadBalancerIngress } from '../api/networking/ingress/schema.js';
import type { IngressClass } from '../api/networking/ingressclass/schema.js';
import { objectKey, type KubeObject } from '../api/object.js';
import { ApiError } from '../apiserver/errors.js';
import { parseTime } from '../apiserver/time.js';
import { controllerOptions, INGRESS_CLASS_RESOURCE, INGRESS_RESOURCE, type ControllerFlags } from '../ingress/controller-options.js';
import { catalogEntry, parseImage } from '../kubelet/images.js';
import { servedByController } from '../ingress/route.js';
import type { Controller, ControllerContext } from './controller.js';

const STATUS_UPDATE_INTERVAL_MS = 60_000;
/** From the container's start to holding the leader lease (its log: "successfully acquired lease"). */
const LEADER_AFTER_MS = 1_530;
const ALL = '*';

/** The controller container of a pod and its image's version, when it runs an ingress-nginx controller image. */
function controllerContainer(pod: Pod): { container: Container; version: string } | undefined {
  for (const container of pod.spec.containers) {
    let ref;
    try {
      ref = parseImage(container.image ?? '');
    } catch {
      continue;
    }
    if (catalogEntry(ref.repo)?.personality === 'ingress-nginx') return { container, version: (ref.tag ?? '').replace(/^v/, '') };
  }
  return undefined;
}

/** When the controller container started running, if it runs. */
function runningSince(pod: Pod, name: string): number | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  return parseTime(pod.status?.containerStatuses?.find((s) => s.name === name)?.state?.running?.startedAt ?? undefined);
}

interface Instance {
  pod: Pod;
  flags: ControllerFlags;
  leaderSince: number;
}

/** The running controller instances; the one that started first leads and writes status. */
function instances(ctx: ControllerContext): Instance[] {
  const out: Instance[] = [];
  for (const pod of ctx.api.list<KubeObject>('pods') as unknown as Pod[]) {
    const found = controllerContainer(pod);
    if (!found) continue;
    const since = runningSince(pod, found.container.name);
    if (since === undefined) continue;
    // The kubelet expands the $(VAR) references of the Downward API variables the manifests use.
    const expand = (a: string) => a.replace(/\$\(POD_NAMESPACE\)/g, pod.metadata.namespace ?? 'default').replace(/\$\(POD_NAME\)/g, pod.metadata.name);
    const argv = [...(found.container.command ?? []), ...(found.container.args ?? [])].map(expand);
    out.push({ pod, flags: controllerOptions(argv, found.version), leaderSince: since + LEADER_AFTER_MS });
  }
  return out.sort((a, b) => a.leaderSince - b.leaderSince);
}

export const ingressNginxController: Controller = {
  name: 'ingress-nginx',
  watches: [INGRESS_RESOURCE, INGRESS_CLASS_RESOURCE, 'pods'],
  keysFor(ev) {
    if (ev.resource === INGRESS_RESOURCE) return ev.type === 'DELETED' ? [] : [objectKey(ev.object)];
    if (ev.resource === 'pods') return controllerContainer(ev.object as unknown as Pod) ? [ALL] : [];
    return [ALL];
  },
  reconcile(key, ctx) {
    const running = instances(ctx);
    if (!running.length) {
      // --update-status-on-shutdown: the last instance to stop takes its address off the Ingresses.
      if (key === ALL) for (const ing of ctx.api.list<KubeObject>(INGRESS_RESOURCE) as unknown as Ingress[]) clearStatus(ing, ctx);
      return;
    }
    const classes = ctx.api.list<KubeObject>(INGRESS_CLASS_RESOURCE) as unknown as IngressClass[];
    let ingresses: Ingress[];
    if (key === ALL) {
      ingresses = ctx.api.list<KubeObject>(INGRESS_RESOURCE) as unknown as Ingress[];
    } else {
      const i = key.indexOf('/');
      const ing = ctx.api.tryGet<KubeObject>(INGRESS_RESOURCE, key.slice(0, i), key.slice(i + 1)) as unknown as Ingress | undefined;
      ingresses = ing ? [ing] : [];
    }
    for (const ing of ingresses) syncIngress(ing, running, classes, ctx);
  },
};

function syncIngress(ing: Ingress, running: Instance[], classes: IngressClass[], ctx: ControllerContext): void {
  if (ing.metadata.deletionTimestamp) return;
  const now = ctx.now();
  let served = false;
  for (const inst of running) {
    if (!servedByController(ing, classes, inst.flags)) continue;
    served = true;
    // Each instance's store sees every change of the Ingress once.
    const seenKey = `ingress-nginx/synced/${inst.pod.metadata.uid}/${ing.metadata.uid}`;
    if (ctx.store.getMeta(seenKey) !== ing.metadata.resourceVersion) {
      ctx.recorder.event(ing as unknown as KubeObject, 'Normal', 'Sync', 'Scheduled for sync', { component: 'nginx-ingress-controller' });
      ctx.store.setMeta(seenKey, ing.metadata.resourceVersion);
    }
  }
  if (!served) return;
  const leader = running.find((inst) => servedByController(ing, classes, inst.flags))!;
  const desired = statusAddresses(leader, running, ctx);
  const current = ing.status?.loadBalancer?.ingress ?? [];
  if (sameAddresses(current, desired)) return;
  const rounds = Math.max(0, Math.ceil((now - leader.leaderSince) / STATUS_UPDATE_INTERVAL_MS));
  const due = leader.leaderSince + rounds * STATUS_UPDATE_INTERVAL_MS;
  if (due > now) {
    ctx.requeueAt(due, objectKey(ing as unknown as KubeObject));
    return;
  }
  writeStatus(ing, desired, ctx);
  ctx.store.setMeta(statusKey(ing), 'set');
}

const statusKey = (ing: Ingress) => `ingress-nginx/status/${ing.metadata.uid}`;

function writeStatus(ing: Ingress, addresses: IngressLoadBalancerIngress[], ctx: ControllerContext): void {
  try {
    ctx.api.updateStatus(INGRESS_RESOURCE, { ...ing, status: { ...ing.status, loadBalancer: addresses.length ? { ingress: addresses } : {} } } as unknown as KubeObject);
  } catch (e) {
    if (e instanceof ApiError && (e.status.code === 404 || e.status.code === 409)) return;
    throw e;
  }
}

/** Removes the address this controller wrote, once no instance of it runs. */
function clearStatus(ing: Ingress, ctx: ControllerContext): void {
  if (ctx.store.getMeta(statusKey(ing)) !== 'set') return;
  ctx.store.setMeta(statusKey(ing), undefined);
  if (ing.status?.loadBalancer?.ingress?.length) writeStatus(ing, [], ctx);
}

/** --publish-status-address (IPs as ip, names as hostname), else the controller pods' node addresses. */
function statusAddresses(leader: Instance, running: Instance[], ctx: ControllerContext): IngressLoadBalancerIngress[] {
  const { publishStatusAddress: published, publishService } = leader.flags;
  let addrs: string[];
  if (published) {
    addrs = published.split(',').map((a) => a.trim()).filter(Boolean);
  } else if (publishService) {
    // The published Service's load-balancer addresses and external IPs (none for a NodePort Service).
    const [namespace, name] = publishService.split('/');
    const svc = ctx.api.tryGet<KubeObject>('services', namespace, name ?? '') as unknown as Service | undefined;
    addrs = [...(svc?.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || ''), ...(svc?.spec?.externalIPs ?? [])].filter(Boolean);
  } else {
    addrs = running.map((inst) => {
      const node = ctx.api.tryGet<KubeObject>('nodes', undefined, inst.pod.spec.nodeName ?? '') as unknown as Node | undefined;
      return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    }).filter(Boolean);
  }
  const isIP = (a: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a) || a.includes(':');
  // standardizeLoadBalancerIngresses: de-duplicated and sorted by address.
  return [...new Set(addrs)].sort().map((a) => (isIP(a) ? { ip: a } : { hostname: a }));
}

function sameAddresses(a: IngressLoadBalancerIngress[], b: IngressLoadBalancerIngress[]): boolean {
  const key = (l: IngressLoadBalancerIngress[]) => JSON.stringify(l.map((x) => [x.ip ?? '', x.hostname ?? '']));
  return key(a) === key(b);
}
