// The request path of kube-apiserver over a Store: resolve the kind, check the namespace, admit
// (decode → default → mutate → validate), stamp server-owned metadata, persist. Graceful deletion
// and finalizers live here too; what happens after a deletionTimestamp is set is up to the
// controllers (kubelet, namespace controller).
import type { KubeObject } from '../api/object.js';
import { apiVersionOf, kindInfo, qualifiedResource, type KindInfo } from '../api/registry.js';
import { builtinKinds } from '../api/registry.js';
import type { Rand } from '../sim/rand.js';
import type { Store } from '../store/store.js';
import type { Api, DeleteOptions, ListFilter, PatchType, WriteOptions } from './api.js';
import { ApiError, badRequest, conflict, forbidden, invalid, notFound } from './errors.js';
import { formatTime, parseTime } from './time.js';
import { deepEqual } from '../api/deep-equal.js';
import { updatePodCondition } from '../api/core/pod/conditions.js';
import type { Pod } from '../api/core/pod/schema.js';
import { deleteRefusal } from './delete-guards.js';
import { convertToVersion } from '../api/conversions.js';

/** Admission as the server runs it; loaded lazily because decoding pulls in zod. */
export interface Admission {
  admitCreate(kind: string, obj: KubeObject, ctx: AdmissionContext): KubeObject;
  admitUpdate(kind: string, obj: KubeObject, old: KubeObject, ctx: AdmissionContext): KubeObject;
}

export interface AdmissionContext {
  now: number;
  rand: Rand;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  /** Warnings to show the user (kubectl prints them as `Warning: ...`). */
  warnings: string[];
  /** The write is a patch: decoding errors drop the `cannot be handled as a Pod` prefix. */
  patch?: boolean;
  /** On a create: the new object's UID, drawn on first use (FillObjectMetaSystemFields runs before the strategy). */
  uid?: () => string;
  /**
   * Called with the decoded, defaulted object before mutating admission and the strategy: where
   * the field manager records the write's ownership, as upstream's handlers do.
   */
  afterDefaults?: (obj: KubeObject) => void;
}

/** The field manager (./managed-fields), loaded with the other write-path parts. */
export interface FieldManager {
  recordUpdate(live: KubeObject | undefined, next: KubeObject, manager: string, scope: FieldManagerScope): void;
  applyConfiguration(live: KubeObject | undefined, config: Record<string, unknown>, manager: string, force: boolean,
    scope: FieldManagerScope): { object: KubeObject; changed: boolean };
}

/** Which write this is: the subresource decides which fields it may own (the strategy's reset fields). */
export interface FieldManagerScope {
  apiVersion: string;
  kind: string;
  subresource: '' | 'status' | 'scale';
  hasStatus: boolean;
  now: number;
}

/** Applies a patch document to an object; pure functions in ./patch/. */
export type Patcher = (type: PatchType, current: KubeObject, patch: unknown) => KubeObject;

export interface ApiServerDeps {
  store: Store;
  now(): number;
  rand: Rand;
  admission?: Admission;
  patcher?: Patcher;
  fieldManager?: FieldManager;
  /** Label/field selector matching; loaded with the selector parser. */
  selectors?: Selectors;
  /**
   * Per kind, how a stored object reads at `now` when part of it is computed rather than written
   * (a Node's heartbeat times). Applied to every get and list.
   */
  views?: Partial<Record<string, (obj: KubeObject, now: number) => KubeObject>>;
}

/** Compiles label/field selectors once per list; a bad selector is a 400 even when nothing matches. */
export interface Selectors {
  compile(kind: string, filter: Pick<ListFilter, 'labelSelector' | 'fieldSelector'>): (obj: KubeObject) => boolean;
}

/** Kinds whose strategy tracks metadata.generation (bumped on spec changes). */
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'CustomResourceDefinition', 'NetworkPolicy', 'Ingress']);

/** Kinds with a /status subresource: a main-resource update cannot change status. */
const STATUS_SUBRESOURCE = new Set(['Pod', 'Node', 'Namespace', 'Service', 'Deployment', 'ReplicaSet',
  'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PersistentVolume', 'PersistentVolumeClaim', 'Ingress']);

const resourceToKind = new Map<string, KindInfo>(
  (builtinKinds as readonly KindInfo[]).map((k) => [k.group ? `${k.resource}.${k.group}` : k.resource, k]),
);

export function kindOfResource(resource: string): KindInfo {
  const k = resourceToKind.get(resource);
  if (!k) throw notFound('resource', resource);
  return k;
}

export class ApiServer implements Api {
  /** Warnings produced by the last write (kubectl prints `Warning: ...` on stderr). */
  warnings: string[] = [];
  constructor(private readonly deps: ApiServerDeps) {}

  /** Plugs in the lazily loaded parts (admission, patching, selectors). */
  configure(parts: Partial<Pick<ApiServerDeps, 'admission' | 'patcher' | 'selectors' | 'fieldManager'>>): void {
    Object.assign(this.deps, parts);
  }

  get store(): Store {
    return this.deps.store;
  }

  /** A stored object as reads show it (its kind's view applied): for changes taken from the store's watch. */
  asRead<T extends KubeObject>(obj: T): T {
    const view = this.deps.views?.[obj.kind];
    return view ? view(obj, this.deps.now()) as T : obj;
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    const obj = this.tryGet<T>(resource, namespace, name);
    if (!obj) throw notFound(qualifiedResource(kindOfResource(resource)), name);
    return obj;
  }

  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const k = kindOfResource(resource);
    const obj = this.deps.store.get(resource, k.namespaced ? namespace : undefined, name);
    const view = this.deps.views?.[k.kind];
    return (obj && view ? view(obj, this.deps.now()) : obj) as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string, filter: ListFilter = {}): T[] {
    const k = kindOfResource(resource);
    const stored = this.deps.store.list(resource, { namespace: k.namespaced ? filter.namespace : undefined, contains: filter.contains, revision: filter.revision }).items;
    const view = this.deps.views?.[k.kind];
    const now = view ? this.deps.now() : 0;
    const items = view ? stored.map((o) => view(o, now)) : stored;
    if (!filter.labelSelector && !filter.fieldSelector) return items as T[];
    const sel = this.deps.selectors;
    if (!sel) throw new Error('selectors not loaded');
    const matches = sel.compile(k.kind, filter);
    return items.filter(matches) as T[];
  }

  /** list(), one object at a time (Store.scan): views and selectors apply as objects arrive. */
  scan<T extends KubeObject = KubeObject>(resource: string, filter: ListFilter, fn: (obj: T) => void): void {
    const k = kindOfResource(resource);
    const view = this.deps.views?.[k.kind];
    const now = view ? this.deps.now() : 0;
    let matches: ((obj: KubeObject) => boolean) | undefined;
    if (filter.labelSelector || filter.fieldSelector) {
      const sel = this.deps.selectors;
      if (!sel) throw new Error('selectors not loaded');
      matches = sel.compile(k.kind, filter);
    }
    this.deps.store.scan(resource, { namespace: k.namespaced ? filter.namespace : undefined, contains: filter.contains }, (stored) => {
      const obj = view ? view(stored, now) : stored;
      if (!matches || matches(obj)) fn(obj as T);
    });
  }

  create<T extends KubeObject>(resource: string, input: T, opts: WriteOptions = {}): T {
    const k = kindOfResource(resource);
    return this.deps.store.transaction(() => {
      let obj = structuredClone(input) as KubeObject;
      obj.apiVersion = input.apiVersion;
      obj.kind = k.kind;
      const meta = obj.metadata;
      if (k.namespaced) {
        meta.namespace ??= 'default';
        this.checkNamespaceAcceptsCreate(k, meta.namespace, meta.name ?? meta.generateName ?? '');
      } else {
        delete meta.namespace;
      }
      // names.SimpleNameGenerator: the base is cut so that base + 5 random characters fit 63.
      if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, 58) + this.deps.rand.string(5, 'bcdfghjklmnpqrstvwxz2456789');
      // A strategy that needs the UID (a Job's generated selector) draws it during admission.
      let uid: string | undefined;
      obj = this.admitCreate(k, obj, opts, () => (uid ??= this.deps.rand.uid()), this.recorder(k, undefined, opts));
      const now = this.deps.now();
      const m = obj.metadata;
      m.uid = uid ?? this.deps.rand.uid();
      m.creationTimestamp = formatTime(now);
      delete m.resourceVersion;
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
      if (GENERATION_KINDS.has(k.kind)) m.generation = 1;
      else delete m.generation;
      if (opts.dryRun) return obj as T;
      return this.deps.store.create(resource, obj) as T;
    });
  }

  update<T extends KubeObject>(resource: string, input: T, opts: WriteOptions = {}): T {
    const k = kindOfResource(resource);
    return this.deps.store.transaction(() => {
      const ns = k.namespaced ? input.metadata.namespace ?? 'default' : undefined;
      const old = this.get(resource, ns, input.metadata.name);
      const rv = input.metadata.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedResource(k), input.metadata.name);
      let obj = structuredClone(input) as KubeObject;
      obj.kind = k.kind;
      if (k.namespaced) obj.metadata.namespace = ns;
      obj = this.admitUpdate(k, obj, old, opts, false, this.recorder(k, old, opts));
      return this.persistUpdate(resource, k, obj, old, opts.dryRun) as T;
    });
  }

  /** The hook that records a write in managedFields, when the writer is named. */
  private recorder(k: KindInfo, old: KubeObject | undefined, opts: WriteOptions, subresource: FieldManagerScope['subresource'] = opts.subresource ?? ''):
    ((obj: KubeObject) => void) | undefined {
    const fm = this.deps.fieldManager;
    const manager = opts.fieldManager;
    if (!fm || !manager) return undefined;
    return (obj) => fm.recordUpdate(old, obj, manager, this.fieldManagerScope(k, obj.apiVersion, subresource));
  }

  private fieldManagerScope(k: KindInfo, apiVersion: string | undefined, subresource: FieldManagerScope['subresource']): FieldManagerScope {
    return { apiVersion: apiVersion || apiVersionOf(k), kind: k.kind, subresource, hasStatus: STATUS_SUBRESOURCE.has(k.kind), now: this.deps.now() };
  }

  updateStatus<T extends KubeObject>(resource: string, input: T, opts: Pick<WriteOptions, 'fieldManager'> = {}): T {
    const k = kindOfResource(resource);
    return this.deps.store.transaction(() => {
      const old = this.get(resource, input.metadata.namespace, input.metadata.name);
      const rv = input.metadata.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedResource(k), input.metadata.name);
      const obj = { ...structuredClone(old), status: structuredClone(input.status) } as KubeObject;
      if (input.status === undefined) delete obj.status;
      // The status strategies keep the old spec but let annotations through: that is how the
      // Deployment controller records revisions without bumping the generation.
      if (input.metadata.annotations !== undefined) obj.metadata.annotations = structuredClone(input.metadata.annotations);
      else delete obj.metadata.annotations;
      this.recorder(k, old, opts, 'status')?.(obj);
      if (deepEqual(obj, old)) return old as T;
      return this.deps.store.update(resource, obj) as T;
    });
  }

  /** BindingREST (pkg/registry/core/pod/storage): setPodNodeAndMetadata's checks, then one write. */
  bind(namespace: string, name: string, node: string, uid?: string): KubeObject {
    return this.deps.store.transaction(() => {
      const old = this.get<Pod>('pods', namespace, name);
      const refuse = (why: string) => conflict('pods/binding', name, why);
      if (uid && old.metadata.uid !== uid) {
        // The storage layer's precondition, reported on the pod itself.
        throw conflict('pods', name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid ?? ''}`);
      }
      if (old.metadata.deletionTimestamp) throw refuse(`pod ${name} is being deleted, cannot be assigned to a host`);
      if (old.spec.nodeName) throw refuse(`pod ${name} is already assigned to node "${old.spec.nodeName}"`);
      if (old.spec.schedulingGates?.length) throw refuse(`pod ${name} has non-empty .spec.schedulingGates`);
      const obj = structuredClone(old);
      obj.spec.nodeName = node;
      const conditions = updatePodCondition(obj.status?.conditions, { type: 'PodScheduled', status: 'True' }, this.deps.now());
      if (conditions) obj.status = { ...obj.status, conditions };
      return this.deps.store.update('pods', obj as unknown as KubeObject);
    });
  }

  patch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string,
    type: PatchType, patch: unknown, opts: WriteOptions = {}): T {
    const k = kindOfResource(resource);
    if (type === 'apply') return this.apply(resource, namespace, name, patch, opts);
    const patcher = this.deps.patcher;
    if (!patcher) throw new Error('patcher not loaded');
    return this.deps.store.transaction(() => {
      const old = this.get(resource, k.namespaced ? namespace : undefined, name);
      const base = (opts.asVersion && convertToVersion(old, opts.asVersion)) || old;
      let obj = patcher(type, structuredClone(base), patch);
      // A patch cannot rename or move an object.
      if (obj.metadata?.name !== undefined && obj.metadata.name !== name) {
        throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
      }
      obj.metadata = { ...obj.metadata, name, namespace: old.metadata.namespace };
      if (!k.namespaced) delete obj.metadata.namespace;
      const rv = obj.metadata.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedResource(k), name);
      obj = this.admitUpdate(k, obj, old, opts, true, this.recorder(k, old, opts));
      return this.persistUpdate(resource, k, obj, old, opts.dryRun) as T;
    });
  }

  /**
   * Server-side apply: the configuration merged into the object by the field manager (which
   * refuses conflicts with other managers unless forced), then admitted as an update, or as a
   * create when the object does not exist.
   */
  private apply<T extends KubeObject>(resource: string, namespace: string | undefined, name: string, config: unknown,
    opts: WriteOptions): T {
    const k = kindOfResource(resource);
    const fm = this.deps.fieldManager;
    if (!fm) throw new Error('field manager not loaded');
    if (!opts.fieldManager) {
      throw invalid('PatchOptions.meta.k8s.io', '', [{ field: 'fieldManager', message: 'Required value: is required for apply patch' }]);
    }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) throw badRequest('error decoding YAML: object expected');
    const cfg = config as Record<string, unknown> & { metadata?: { name?: string; namespace?: string } };
    const ns = k.namespaced ? namespace : undefined;
    if (cfg.metadata?.name !== undefined && cfg.metadata.name !== name) {
      throw badRequest(`the name of the object (${cfg.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (k.namespaced && cfg.metadata?.namespace && ns && cfg.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    return this.deps.store.transaction(() => {
      const old = this.tryGet(resource, ns, name);
      const scope = this.fieldManagerScope(k, String(cfg.apiVersion ?? ''), '');
      scope.apiVersion = opts.asVersion ?? apiVersionOf(k);
      const { object } = fm.applyConfiguration(old, cfg, opts.fieldManager!, !!opts.force, scope);
      object.metadata = { ...object.metadata, name, ...(ns ? { namespace: ns } : {}) };
      if (!old) return this.create(resource, object as T, { ...opts, fieldManager: undefined });
      let obj = this.admitUpdate(k, object, old, opts, true);
      obj = this.persistUpdate(resource, k, obj, old, opts.dryRun);
      return obj as T;
    });
  }

  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | undefined {
    const k = kindOfResource(resource);
    return this.deps.store.transaction(() => {
      const ns = k.namespaced ? namespace : undefined;
      const refused = deleteRefusal(k, name);
      if (refused) throw refused;
      const old = this.get(resource, ns, name);
      if (opts.resourceVersion && opts.resourceVersion !== old.metadata.resourceVersion) {
        throw conflict(qualifiedResource(k), name);
      }
      const grace = this.gracePeriod(k, old, opts.gracePeriodSeconds);
      const om = old.metadata;
      // A second delete can only shorten a grace period under way, as the registry's BeforeDelete
      // does; while one is pending the propagation finalizers cannot change either.
      if (om.deletionTimestamp && (om.deletionGracePeriodSeconds ?? 0) > 0 && grace >= (om.deletionGracePeriodSeconds ?? 0)) {
        return old;
      }
      const obj = structuredClone(old);
      const m = obj.metadata;
      const gcFinalizers = deletionFinalizersForGarbageCollection(k, om.finalizers ?? [], opts.propagationPolicy);
      if (gcFinalizers) {
        if (gcFinalizers.length) m.finalizers = gcFinalizers;
        else delete m.finalizers;
      }
      if (grace === 0 && finalizersOf(k, obj).length === 0) {
        if (opts.dryRun) return old;
        this.deps.store.delete(resource, ns, name);
        return undefined;
      }
      const now = this.deps.now();
      if (grace > 0) {
        m.deletionTimestamp = formatTime(now + grace * 1000);
        m.deletionGracePeriodSeconds = grace;
      } else {
        // markAsDeleting: an object without graceful deletion waits for its finalizers from now.
        const current = parseTime(om.deletionTimestamp);
        if (current === undefined || current > now) m.deletionTimestamp = formatTime(now);
        m.deletionGracePeriodSeconds = 0;
      }
      if (!om.deletionTimestamp && m.generation) m.generation += 1;
      if (k.kind === 'Namespace') {
        obj.status = { ...(obj.status as object), phase: 'Terminating' };
      }
      if (JSON.stringify(obj) === JSON.stringify(old)) return old;
      if (opts.dryRun) return obj;
      return this.deps.store.update(resource, obj);
    });
  }

  /** Finishes a delete held by finalizers once the last one is removed (the registry does this on update). */
  private persistUpdate(resource: string, k: KindInfo, obj: KubeObject, old: KubeObject, dryRun?: boolean): KubeObject {
    const m = obj.metadata;
    const om = old.metadata;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    m.deletionTimestamp = om.deletionTimestamp;
    m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    if (!m.deletionTimestamp) delete m.deletionTimestamp;
    if (m.deletionGracePeriodSeconds === undefined) delete m.deletionGracePeriodSeconds;
    if (STATUS_SUBRESOURCE.has(k.kind)) {
      if (old.status === undefined) delete obj.status;
      else obj.status = structuredClone(old.status);
    }
    if (GENERATION_KINDS.has(k.kind)) {
      m.generation = om.generation ?? 1;
      // The strategies' PrepareForUpdate: a spec change is a new generation; for Deployments an
      // annotation change is too (it once carried rollback requests).
      const annotationsCount = k.kind === 'Deployment' && !deepEqual(m.annotations ?? {}, om.annotations ?? {});
      if (!deepEqual(obj.spec, old.spec) || annotationsCount) m.generation += 1;
    } else {
      delete m.generation;
    }
    m.resourceVersion = om.resourceVersion;
    // As the registry's GuaranteedUpdate: an update that changes nothing is not written.
    if (deepEqual(obj, old)) return old;
    if (dryRun) return obj;
    // The last finalizer gone from an object whose deletion waits for nothing else: it goes now.
    if (m.deletionTimestamp && finalizersOf(k, obj).length === 0 && !m.deletionGracePeriodSeconds) {
      this.deps.store.delete(resource, m.namespace, m.name);
      return obj;
    }
    return this.deps.store.update(resource, obj);
  }

  private gracePeriod(k: KindInfo, obj: KubeObject, requested: number | undefined): number {
    if (k.kind === 'Namespace') return 0;
    if (k.kind !== 'Pod') return 0;
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const status = obj.status as { phase?: string } | undefined;
    // An unscheduled or finished pod has nothing to stop: the registry deletes it at once.
    if (!spec.nodeName) return 0;
    if (status?.phase === 'Succeeded' || status?.phase === 'Failed') return 0;
    const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, grace);
  }

  /** The NamespaceLifecycle admission plugin. */
  private checkNamespaceAcceptsCreate(k: KindInfo, ns: string, name: string): void {
    const nsObj = this.deps.store.get('namespaces', undefined, ns);
    if (!nsObj) throw notFound('namespaces', ns);
    if (nsObj.metadata.deletionTimestamp) {
      const err = forbidden(`${qualifiedResource(k)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
      // Controllers recognise this refusal by its cause and stay quiet about it.
      err.status.details = { name, kind: k.resource, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }] };
      throw err;
    }
  }

  private admissionContext(opts: WriteOptions, patch = false): AdmissionContext {
    this.warnings = [];
    return { now: this.deps.now(), rand: this.deps.rand, fieldValidation: opts.fieldValidation ?? 'Strict', warnings: this.warnings, patch };
  }

  private admitCreate(k: KindInfo, obj: KubeObject, opts: WriteOptions, uid: () => string,
    afterDefaults?: (obj: KubeObject) => void): KubeObject {
    const adm = this.deps.admission;
    if (!adm) {
      afterDefaults?.(obj);
      return obj;
    }
    if (!obj.metadata.name) throw invalid(k.kind, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    return adm.admitCreate(k.kind, obj, { ...this.admissionContext(opts), uid, afterDefaults });
  }

  private admitUpdate(k: KindInfo, obj: KubeObject, old: KubeObject, opts: WriteOptions, patch = false,
    afterDefaults?: (obj: KubeObject) => void): KubeObject {
    const adm = this.deps.admission;
    if (!adm) {
      afterDefaults?.(obj);
      return obj;
    }
    return adm.admitUpdate(k.kind, obj, old, { ...this.admissionContext(opts, patch), afterDefaults });
  }
}

/** Finalizers the garbage collector acts on: keep dependents (`orphan`) or delete them first (`foregroundDeletion`). */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/**
 * Kinds whose DefaultGarbageCollectionPolicy is OrphanDependents in the version mk serves (batch/v1
 * Job and v1 ReplicationController keep their pre-GC behaviour); all others delete dependents.
 */
const ORPHAN_BY_DEFAULT = new Set(['Job', 'ReplicationController']);

/**
 * deletionFinalizersForGarbageCollection: the finalizers after a delete with this propagation
 * policy, or undefined when they stay as they are. An explicit policy wins over the finalizers
 * already present, which win over the kind's default.
 */
function deletionFinalizersForGarbageCollection(k: KindInfo, current: string[],
  policy: DeleteOptions['propagationPolicy']): string[] | undefined {
  const fromFinalizers = (yes: string, no: string): boolean | undefined => {
    for (const f of current) {
      if (f === yes) return true;
      if (f === no) return false;
    }
    return undefined;
  };
  const orphan = policy ? policy === 'Orphan'
    : fromFinalizers(FINALIZER_ORPHAN, FINALIZER_FOREGROUND) ?? ORPHAN_BY_DEFAULT.has(k.kind);
  const foreground = policy ? policy === 'Foreground' : fromFinalizers(FINALIZER_FOREGROUND, FINALIZER_ORPHAN) ?? false;
  const next = current.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND);
  if (orphan) next.push(FINALIZER_ORPHAN);
  if (foreground) next.push(FINALIZER_FOREGROUND);
  const same = new Set(next).size === new Set(current).size && next.every((f) => current.includes(f));
  return same ? undefined : next;
}

function finalizersOf(k: KindInfo, obj: KubeObject): string[] {
  const meta = obj.metadata.finalizers ?? [];
  if (k.kind === 'Namespace') {
    const spec = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    return [...meta, ...spec];
  }
  return meta;
}

export { ApiError, kindInfo };
