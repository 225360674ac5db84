// The service controller of a cloud provider (k8s.io/cloud-provider controllers/service, release-1.32)
// with the load balancers cloud-provider-kind makes on kind's docker network: one per LoadBalancer
// Service, reached at the next free address of 172.18.0.0/16 after the gateway and the nodes (or at
// spec.loadBalancerIP), reported as status.loadBalancer.ingress [{ip, ipMode: Proxy}] once its
// container is up. Off unless the cluster has the load-balancer pool enabled: without a cloud
// provider a LoadBalancer Service stays <pending> and nothing records any event for it.
//
// Upstream keeps the Services it synced in memory (serviceCache) and compares each update with the
// previous one (needsUpdate); here both live in the store's metadata, one record per Service.
import type { Node } from '../api/core/node/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Store } from '../store/store.js';
import type { Controller, ControllerContext } from './controller.js';

const NAME = 'service-lb';
const COMPONENT = 'service-controller';
/** servicehelper.LoadBalancerCleanupFinalizer. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** The store metadata that turns the simulated cloud provider on. */
export const LOAD_BALANCER_META = 'cloud-provider/load-balancer';
const RECORDS_META = 'service-lb/records';
/** kind's docker network, and its gateway. */
const POOL = { base: ((172 << 24) | (18 << 16)) >>> 0, size: 1 << 16, cidr: '172.18.0.0/16' };
/** How long a new load balancer's container takes to start (an envoy container on the kind network). */
export const PROVISION_MS = 2000;
/** Nodes carrying this label take no load-balancer traffic (kind's control plane has it). */
const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

interface LbRecord {
  uid: string;
  /** The Service as last synced, for the events of a load balancer deleted after its Service. */
  service: KubeObject;
  /** What needsUpdate compares, as JSON. */
  fingerprint: string;
  ip?: string;
  phase: 'ensuring' | 'ensured' | 'failed';
  readyAt?: number;
}

type Records = Record<string, LbRecord>;

export function loadBalancerEnabled(store: Store): boolean {
  return store.getMeta(LOAD_BALANCER_META) === 'enabled';
}

export function setLoadBalancerEnabled(store: Store, enabled: boolean): void {
  store.setMeta(LOAD_BALANCER_META, enabled ? 'enabled' : undefined);
}

export const serviceLoadBalancerController: Controller = {
  name: NAME,
  watches: ['services'],
  keysFor(ev) {
    return [`${ev.object.metadata.namespace ?? ''}/${ev.object.metadata.name}`];
  },
  reconcile(key, ctx) {
    if (!loadBalancerEnabled(ctx.store)) return;
    const [namespace, name] = key.split('/');
    const records = loadRecords(ctx.store);
    const svc = ctx.api.tryGet<Service & KubeObject>('services', namespace, name);
    let rec: LbRecord | undefined = records[key];
    if (rec && (!svc || rec.uid !== svc.metadata.uid)) {
      // processServiceDeletion, or a Service deleted and created again under the same name.
      deleteLoadBalancer(rec.service, ctx);
      delete records[key];
      rec = undefined;
    }
    if (svc) syncLoadBalancer(svc, rec, records, key, ctx);
    saveRecords(ctx.store, records);
  },
};

const wantsLoadBalancer = (svc: Service) => svc.spec?.type === 'LoadBalancer' && svc.spec.loadBalancerClass === undefined;
const hasFinalizer = (svc: Service) => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);
/** needsCleanup: the finalizer is there but the Service is going away or no longer a LoadBalancer. */
const needsCleanup = (svc: Service) => hasFinalizer(svc) && (!!svc.metadata.deletionTimestamp || svc.spec?.type !== 'LoadBalancer');

/** The attributes whose change makes needsUpdate true. */
function fingerprint(svc: Service): string {
  const s = svc.spec ?? {};
  return JSON.stringify([s.type, s.loadBalancerClass, s.loadBalancerSourceRanges, s.ports, s.sessionAffinity, s.sessionAffinityConfig,
    s.loadBalancerIP, s.externalIPs, svc.metadata.annotations, s.externalTrafficPolicy, s.healthCheckNodePort, (s.ipFamilies ?? []).length]);
}

/** syncLoadBalancerIfNeeded. */
function syncLoadBalancer(svc: Service & KubeObject, rec: LbRecord | undefined, records: Records, key: string, ctx: ControllerContext): void {
  if (!wantsLoadBalancer(svc) || needsCleanup(svc)) {
    // Only a Service that had a load balancer, or still has its finalizer, is synced here.
    if (!rec && !needsCleanup(svc)) return;
    if (rec?.ip) deleteLoadBalancerEvents(svc, ctx, 'DeletingLoadBalancer');
    let current: KubeObject | undefined = svc;
    if (hasFinalizer(svc)) {
      current = ctx.api.patch('services', svc.metadata.namespace, svc.metadata.name, 'merge',
        { metadata: { finalizers: withoutFinalizer(svc.metadata.finalizers) } });
    }
    deleteLoadBalancerEvents(svc, ctx, 'DeletedLoadBalancer');
    const stillThere = current && ctx.api.tryGet<Service & KubeObject>('services', svc.metadata.namespace, svc.metadata.name);
    if (stillThere && (stillThere.status?.loadBalancer?.ingress ?? []).length > 0) {
      ctx.api.updateStatus('services', { ...stillThere, status: { ...stillThere.status, loadBalancer: {} } });
    }
    delete records[key];
    return;
  }
  const fp = fingerprint(svc);
  if (rec && rec.fingerprint === fp) {
    if (rec.phase === 'ensuring' && rec.readyAt !== undefined) {
      if (ctx.now() < rec.readyAt) return;
      finishEnsure(svc, rec, ctx);
    }
    return;
  }
  ctx.recorder.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', { component: COMPONENT });
  let current: Service & KubeObject = svc;
  if (!hasFinalizer(svc)) {
    current = ctx.api.patch('services', svc.metadata.namespace, svc.metadata.name, 'merge',
      { metadata: { finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } });
  }
  const nodes = ctx.api.list<Node & KubeObject>('nodes').filter(stableNode);
  if (nodes.length === 0) {
    ctx.recorder.event(current, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer', { component: COMPONENT });
  }
  const wanted = current.spec?.loadBalancerIP || undefined;
  const keepIP = rec?.ip !== undefined && (wanted === undefined || wanted === rec.ip) && rec.phase !== 'failed';
  const ip = keepIP ? rec!.ip! : allocate(wanted, records, key, ctx);
  const next: LbRecord = { uid: current.metadata.uid ?? '', service: current, fingerprint: fingerprint(current), phase: 'ensuring' };
  if (ip instanceof Error) {
    ctx.recorder.event(current, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${ip.message}`,
      { component: COMPONENT });
    records[key] = { ...next, phase: 'failed' };
    return;
  }
  next.ip = ip;
  records[key] = next;
  if (keepIP && rec?.phase === 'ensured') {
    // The load balancer's container is already running: it is only reconfigured.
    finishEnsure(current, next, ctx);
    return;
  }
  next.readyAt = ctx.now() + PROVISION_MS;
  ctx.requeueAt(next.readyAt, key);
}

/** The container is up: EnsuredLoadBalancer, and its address into the Service's status. */
function finishEnsure(svc: Service & KubeObject, rec: LbRecord, ctx: ControllerContext): void {
  ctx.recorder.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', { component: COMPONENT });
  rec.phase = 'ensured';
  delete rec.readyAt;
  const ingress = [{ ip: rec.ip!, ipMode: 'Proxy' }];
  const current = svc.status?.loadBalancer?.ingress ?? [];
  if (current.length === 1 && current[0].ip === rec.ip && current[0].ipMode === 'Proxy' && !current[0].hostname) return;
  ctx.api.updateStatus('services', { ...svc, status: { ...svc.status, loadBalancer: { ingress } } });
}

/** processLoadBalancerDelete: the load balancer of a Service that is gone (or was replaced). */
function deleteLoadBalancer(svc: KubeObject, ctx: ControllerContext): void {
  if (!wantsLoadBalancer(svc as Service)) return;
  deleteLoadBalancerEvents(svc, ctx, 'DeletingLoadBalancer');
  deleteLoadBalancerEvents(svc, ctx, 'DeletedLoadBalancer');
}

function deleteLoadBalancerEvents(svc: KubeObject, ctx: ControllerContext, reason: 'DeletingLoadBalancer' | 'DeletedLoadBalancer'): void {
  ctx.recorder.event(svc, 'Normal', reason, reason === 'DeletingLoadBalancer' ? 'Deleting load balancer' : 'Deleted load balancer',
    { component: COMPONENT });
}

function withoutFinalizer(finalizers: string[] | undefined): string[] | null {
  const rest = (finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
  return rest.length ? rest : null;
}

/** stableNodeSetPredicates: nodes not excluded from load balancers (readiness is left to the load balancer's health checks). */
function stableNode(node: Node & KubeObject): boolean {
  return node.metadata.labels?.[EXCLUDE_LABEL] === undefined && !node.metadata.deletionTimestamp;
}

const ipString = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => ((n << 8) | Number(p)) >>> 0, 0);
}

/**
 * The load balancer container's address on the kind network: the one asked for, if it is in the
 * network and free, else the lowest free one, as docker's IPAM hands them out.
 */
function allocate(wanted: string | undefined, records: Records, key: string, ctx: ControllerContext): string | Error {
  const taken = new Set<number>([POOL.base, POOL.base + 1]);
  for (const node of ctx.api.list<Node & KubeObject>('nodes')) {
    for (const a of node.status?.addresses ?? []) {
      const n = a.type === 'InternalIP' ? ipNumber(a.address) : undefined;
      if (n !== undefined) taken.add(n);
    }
  }
  for (const [k, r] of Object.entries(records)) {
    const n = k !== key && r.ip ? ipNumber(r.ip) : undefined;
    if (n !== undefined) taken.add(n);
  }
  if (wanted !== undefined) {
    const n = ipNumber(wanted);
    if (n === undefined || n < POOL.base || n >= POOL.base + POOL.size - 1) {
      return new Error(`requested address ${wanted} is not in the load-balancer network ${POOL.cidr}`);
    }
    if (taken.has(n)) return new Error(`requested address ${wanted} is already in use`);
    return wanted;
  }
  for (let n = POOL.base + 2; n < POOL.base + POOL.size - 1; n++) if (!taken.has(n)) return ipString(n);
  return new Error(`no free address left in the load-balancer network ${POOL.cidr}`);
}

/** The kind-network addresses the load balancers' containers hold (a new node's container cannot have them). */
export function loadBalancerAddresses(store: Store): Set<string> {
  return new Set(Object.values(loadRecords(store)).map((r) => r.ip).filter((ip): ip is string => ip !== undefined));
}

function loadRecords(store: Store): Records {
  const raw = store.getMeta(RECORDS_META);
  return raw ? JSON.parse(raw) as Records : {};
}

function saveRecords(store: Store, records: Records): void {
  store.setMeta(RECORDS_META, Object.keys(records).length ? JSON.stringify(records) : undefined);
}
