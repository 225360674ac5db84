// The admission chain of a write, in kube-apiserver's order:
//   decode (strict field validation, Go's decoding errors) → defaulting → mutating admission
//   plugins (ServiceAccount, Priority, DefaultTolerationSeconds) → registry strategy
//   (PrepareForCreate / PrepareForUpdate) → validation → encoding.
// It returns the object to store, or throws the ApiError the API server would send: 400
// BadRequest for a body that does not decode, 403 Forbidden from a plugin, 422 Invalid with
// field errors. Kinds without a registered KindAdmission skip decoding, defaulting and validation
// and only meet the contributed plugins.
import type { ZodType } from 'zod';
import type { KubeObject } from '../../api/object.js';
import type { Admission } from '../server.js';
import { badRequest, invalid as invalidStatus, type ApiError } from '../errors.js';
import { type ErrorList, dedupe, errorBody } from '../../api/field-errors.js';
import { strictDecodingMessage, valueAt, zodIssuesToFieldErrors, zodUnknownFields } from '../../api/validation.js';
import { isDNS1123Label } from '../../api/validation.js';
import { DecodeError, goDecode } from './decode.js';
import type { AdmissionContext } from './context.js';
import { admitServiceAccount } from './service-account.js';
import { allocateServiceAddresses } from './service-alloc.js';
import { admitPriorityClass, admitPriorityCreate, admitPriorityUpdate, priorityClassAdmission } from './priority.js';
import { admitDefaultTolerationSeconds } from './default-toleration-seconds.js';
import { getWarningsForPod } from './pod-warnings.js';
import {
  beforeUpdateMetadata, convertDeprecatedServiceAccount, namespacePrepareForCreate, namespacePrepareForUpdate,
  podPrepareForCreate, podPrepareForUpdate, servicePrepareForCreate, servicePrepareForUpdate,
} from './strategy.js';

import { Pod as PodSchema, type Pod } from '../../api/core/pod/schema.js';
import { Namespace as NamespaceSchema, type Namespace } from '../../api/core/namespace/schema.js';
import { Node as NodeSchema, type Node } from '../../api/core/node/schema.js';
import { ConfigMap as ConfigMapSchema, type ConfigMap } from '../../api/core/configmap/schema.js';
import { Secret as SecretSchema, type Secret } from '../../api/core/secret/schema.js';
import { ServiceAccount as ServiceAccountSchema, type ServiceAccount } from '../../api/core/serviceaccount/schema.js';
import { Event as EventSchema, type Event } from '../../api/core/event/schema.js';
import { Service as ServiceSchema, type Service } from '../../api/core/service/schema.js';
import { setObjectDefaultsPod } from '../../api/core/pod/defaults.js';
import { validatePodCreate, validatePodUpdate } from '../../api/core/pod/validate.js';
import { setObjectDefaultsNamespace } from '../../api/core/namespace/defaults.js';
import { validateNamespace, validateNamespaceUpdate } from '../../api/core/namespace/validate.js';
import { setObjectDefaultsNode } from '../../api/core/node/defaults.js';
import { validateNode, validateNodeUpdate } from '../../api/core/node/validate.js';
import { setObjectDefaultsConfigMap } from '../../api/core/configmap/defaults.js';
import { validateConfigMap, validateConfigMapUpdate } from '../../api/core/configmap/validate.js';
import { setObjectDefaultsSecret } from '../../api/core/secret/defaults.js';
import { validateSecret, validateSecretUpdate } from '../../api/core/secret/validate.js';
import { setObjectDefaultsServiceAccount } from '../../api/core/serviceaccount/defaults.js';
import { validateServiceAccount, validateServiceAccountUpdate } from '../../api/core/serviceaccount/validate.js';
import { setObjectDefaultsEvent } from '../../api/core/event/defaults.js';
import { validateEventCreate, validateEventUpdate } from '../../api/core/event/validate.js';
import { setObjectDefaultsService } from '../../api/core/service/defaults.js';
import { validateService, validateServiceUpdate } from '../../api/core/service/validate.js';
import { controllerRevisionAdmission, daemonSetAdmission, deploymentAdmission, replicaSetAdmission, statefulSetAdmission } from './apps.js';
import { cronJobAdmission, jobAdmission } from './batch.js';
import { limitRangeAdmission, limitRangerMutate, limitRangerValidate } from './limit-ranger.js';
import { admitResourceQuota, resourceQuotaAdmission } from './resource-quota.js';
import { leaseAdmission } from './coordination.js';
import { podDisruptionBudgetAdmission } from './pod-disruption-budget.js';
import * as storage from './storage.js';
import { endpointSliceAdmission, endpointsAdmission } from './endpoints.js';
import { admitDefaultIngressClass, ingressAdmission, ingressClassAdmission } from './networking.js';
import { horizontalPodAutoscalerAdmission } from './autoscaling.js';

export type { AdmissionContext } from './context.js';

/** How one kind goes through the chain. Every step is optional. */
export interface KindAdmission<T extends KubeObject = KubeObject> {
  /** The kind as errors name it: `Pod`, `Deployment.apps`. */
  qualifiedKind: string;
  schema?: ZodType;
  /** The schema of a body in another served version (converted by `defaults`). */
  schemaFor?(apiVersion: string): ZodType;
  /** The v1 → internal conversion and SetObjectDefaults_<Kind>. */
  defaults?(obj: T): void;
  /** Mutating admission plugins, in the API server's plugin order. */
  mutateCreate?(obj: T, ctx: AdmissionContext): void;
  mutateUpdate?(obj: T, old: T, ctx: AdmissionContext): void;
  /** The registry strategy; errors returned here are reported before validation runs. */
  prepareForCreate?(obj: T, ctx: AdmissionContext): ErrorList | void;
  prepareForUpdate?(obj: T, old: T, ctx: AdmissionContext): ErrorList | void;
  validateCreate?(obj: T): ErrorList;
  validateUpdate?(obj: T, old: T): ErrorList;
  /** The internal → v1 conversion of the stored object (fields v1 repeats or renames). */
  encode?(obj: T): void;
  /** Warnings the strategy returns on create (`kubectl` prints them as `Warning: ...`). */
  warningsOnCreate?(obj: T): string[];
}

const kinds = new Map<string, KindAdmission>();

/**
 * An admission step another part of the server contributes (cluster IP and node port allocation,
 * quota). It runs for the listed kinds, or every kind, and throws an ApiError to refuse.
 */
export interface AdmissionPlugin {
  name: string;
  /**
   * `mutating`: after the built-in mutating plugins. `allocating`: after the registry strategy
   * (a Service has its IP families by then), before validation. `validating`: after validation.
   */
  phase: 'mutating' | 'allocating' | 'validating';
  kinds?: readonly string[];
  admit(op: 'create' | 'update', obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void;
}

const plugins: AdmissionPlugin[] = [];

/** Adds a plugin at the end of its phase; registering a name again replaces the earlier one. */
export function registerAdmissionPlugin(plugin: AdmissionPlugin): void {
  const i = plugins.findIndex((p) => p.name === plugin.name);
  if (i >= 0) plugins[i] = plugin;
  else plugins.push(plugin);
}

function runPlugins(phase: AdmissionPlugin['phase'], kind: string, op: 'create' | 'update', obj: KubeObject,
  old: KubeObject | undefined, ctx: AdmissionContext): void {
  for (const p of plugins) if (p.phase === phase && (!p.kinds || p.kinds.includes(kind))) p.admit(op, obj, old, ctx);
}

/** Adds or replaces a kind's admission; the other API groups register theirs the same way. */
export function registerKindAdmission<T extends KubeObject>(kind: string, a: KindAdmission<T>): void {
  kinds.set(kind, a as unknown as KindAdmission);
}

const asPod = (o: KubeObject) => o as unknown as Pod;

registerKindAdmission<KubeObject>('Pod', {
  qualifiedKind: 'Pod',
  schema: PodSchema,
  defaults(o) {
    const pod = asPod(o);
    convertDeprecatedServiceAccount(pod.spec, 'in');
    setObjectDefaultsPod(pod);
  },
  mutateCreate(o, ctx) {
    admitServiceAccount(asPod(o), ctx);
    admitPriorityCreate(asPod(o), ctx);
    admitDefaultTolerationSeconds(asPod(o));
  },
  mutateUpdate(o, old) {
    admitPriorityUpdate(asPod(o), asPod(old));
    admitDefaultTolerationSeconds(asPod(o));
  },
  prepareForCreate: (o) => podPrepareForCreate(asPod(o)),
  prepareForUpdate(o, old) {
    const pod = asPod(o);
    const prev = asPod(old);
    podPrepareForUpdate(pod, prev);
    // The scheduler binds by updating spec.nodeName (upstream routes that through pods/binding,
    // which allows exactly this transition).
    if (!prev.spec.nodeName && pod.spec.nodeName) prev.spec.nodeName = pod.spec.nodeName;
  },
  validateCreate: (o) => validatePodCreate(asPod(o)),
  validateUpdate: (o, old) => validatePodUpdate(asPod(o), asPod(old)),
  encode: (o) => convertDeprecatedServiceAccount(asPod(o).spec, 'out'),
  warningsOnCreate(o) {
    const msgs = isDNS1123Label(o.metadata.name);
    const warnings = msgs.length
      ? [`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`]
      : [];
    return [...warnings, ...getWarningsForPod(asPod(o).spec, o.metadata)];
  },
});

registerKindAdmission<Namespace>('Namespace', {
  qualifiedKind: 'Namespace',
  schema: NamespaceSchema,
  defaults: setObjectDefaultsNamespace,
  prepareForCreate: namespacePrepareForCreate,
  prepareForUpdate: namespacePrepareForUpdate,
  validateCreate: validateNamespace,
  validateUpdate: validateNamespaceUpdate,
});

registerKindAdmission<Node>('Node', {
  qualifiedKind: 'Node',
  schema: NodeSchema,
  defaults: setObjectDefaultsNode,
  prepareForUpdate(o, old) {
    if (old.status === undefined) delete o.status;
    else o.status = structuredClone(old.status);
  },
  validateCreate: validateNode,
  validateUpdate: validateNodeUpdate,
});

registerKindAdmission<ConfigMap>('ConfigMap', {
  qualifiedKind: 'ConfigMap',
  schema: ConfigMapSchema,
  defaults: setObjectDefaultsConfigMap,
  validateCreate: validateConfigMap,
  validateUpdate: validateConfigMapUpdate,
});

registerKindAdmission<Secret>('Secret', {
  qualifiedKind: 'Secret',
  schema: SecretSchema,
  defaults: setObjectDefaultsSecret,
  validateCreate: validateSecret,
  validateUpdate: validateSecretUpdate,
});

registerKindAdmission<ServiceAccount>('ServiceAccount', {
  qualifiedKind: 'ServiceAccount',
  schema: ServiceAccountSchema,
  defaults: setObjectDefaultsServiceAccount,
  validateCreate: validateServiceAccount,
  validateUpdate: validateServiceAccountUpdate,
});

registerKindAdmission<Event>('Event', {
  qualifiedKind: 'Event',
  schema: EventSchema,
  defaults: setObjectDefaultsEvent,
  validateCreate: validateEventCreate,
  validateUpdate: validateEventUpdate,
});

registerKindAdmission<Service>('Service', {
  qualifiedKind: 'Service',
  schema: ServiceSchema,
  defaults: setObjectDefaultsService,
  prepareForCreate: servicePrepareForCreate,
  prepareForUpdate: servicePrepareForUpdate,
  validateCreate: validateService,
  validateUpdate: validateServiceUpdate,
});

registerKindAdmission('Deployment', deploymentAdmission);
registerKindAdmission('ReplicaSet', replicaSetAdmission);
registerKindAdmission('DaemonSet', daemonSetAdmission);
registerKindAdmission('StatefulSet', statefulSetAdmission);
registerKindAdmission('ControllerRevision', controllerRevisionAdmission);
registerKindAdmission('Job', jobAdmission);
registerKindAdmission('CronJob', cronJobAdmission);
registerKindAdmission('PriorityClass', priorityClassAdmission);
registerKindAdmission('LimitRange', limitRangeAdmission);
registerKindAdmission('Lease', leaseAdmission);
registerAdmissionPlugin({ name: 'ServiceAddresses', phase: 'allocating', kinds: ['Service'], admit: allocateServiceAddresses });
registerAdmissionPlugin({ name: 'LimitRanger', phase: 'mutating', kinds: ['Pod'], admit: (op, o, _old, ctx) => { if (op === 'create') limitRangerMutate(asPod(o), ctx); } });
registerAdmissionPlugin({ name: 'LimitRanger/validate', phase: 'validating', kinds: ['Pod'], admit: (op, o, _old, ctx) => { if (op === 'create') limitRangerValidate(asPod(o), ctx); } });
registerKindAdmission('ResourceQuota', resourceQuotaAdmission);
registerKindAdmission('PodDisruptionBudget', podDisruptionBudgetAdmission);
registerKindAdmission('Endpoints', endpointsAdmission);
registerKindAdmission('EndpointSlice', endpointSliceAdmission);
registerKindAdmission('PersistentVolume', storage.persistentVolumeAdmission);
registerKindAdmission('PersistentVolumeClaim', storage.persistentVolumeClaimAdmission);
registerKindAdmission('StorageClass', storage.storageClassAdmission);
for (const p of [storage.defaultStorageClassPlugin, storage.storageObjectInUseProtectionPlugin, storage.persistentVolumeClaimResizePlugin]) registerAdmissionPlugin(p);
registerKindAdmission('Ingress', ingressAdmission);
registerKindAdmission('IngressClass', ingressClassAdmission);
registerAdmissionPlugin({ name: 'DefaultIngressClass', phase: 'mutating', kinds: ['Ingress'], admit: (op, o, _old, ctx) => admitDefaultIngressClass(op, o, ctx) });
registerKindAdmission('HorizontalPodAutoscaler', horizontalPodAutoscalerAdmission);
// ResourceQuota is the last validating plugin; its evaluators count creates only in 1.32.
registerAdmissionPlugin({ name: 'ResourceQuota', phase: 'validating', admit: (op, o, _old, ctx) => { if (op === 'create') admitResourceQuota(o.kind, o, ctx); } });
registerAdmissionPlugin({ name: 'Priority', phase: 'validating', kinds: ['PriorityClass'], admit: (op, o, _old, ctx) => admitPriorityClass(op, o, ctx) });

// ---- the chain --------------------------------------------------------------------------------------

/** The 422 for failed validation: `Pod "x" is invalid: spec.containers[0].image: Required value`. */
export function invalidError(qualifiedKind: string, name: string, errs: ErrorList): ApiError {
  return invalidStatus(qualifiedKind, name, dedupe(errs).map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })));
}

/**
 * Decodes a request body as the API server does. Returns the decoded object; unknown fields are
 * rejected, reported as warnings, or dropped according to ctx.fieldValidation.
 */
export function decodeRequest(kind: string, input: KubeObject, ctx: AdmissionContext, schema?: ZodType,
  opts: { ignoreUnknownStatusFields?: boolean } = {}): KubeObject {
  const apiVersion = typeof input.apiVersion === 'string' ? input.apiVersion : '';
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const fail = (msg: string) => badRequest(ctx.patch ? msg : `${kind} in version "${version}" cannot be handled as a ${kind}: ${msg}`);
  let object: Record<string, unknown> = input as Record<string, unknown>;
  let unknown: string[] = [];
  try {
    const decoded = goDecode(apiVersion, kind, input);
    if (decoded) ({ object, unknownFields: unknown } = decoded);
  } catch (e) {
    if (e instanceof DecodeError) throw fail(e.message);
    throw e;
  }
  if (schema) {
    let parsed = schema.safeParse(object);
    // Go decodes an absent field as its zero value and leaves "Required value" to validation;
    // zod's required fields get the same zero values here so validation reports them all.
    for (let round = 0; !parsed.success && round < 8; round++) {
      const missing = parsed.error.issues.filter((i) => i.code === 'invalid_type' && valueAt(object, i.path) === undefined);
      if (missing.length === 0) break;
      for (const i of missing) setPath(object, i.path, zeroFor(i.code === 'invalid_type' ? i.expected : ''));
      parsed = schema.safeParse(object);
    }
    if (!parsed.success) {
      const rest = zodIssuesToFieldErrors(parsed.error.issues, object);
      if (rest.length) throw invalidError(kind, input.metadata?.name ?? '', rest);
      for (const f of zodUnknownFields(parsed.error.issues)) {
        if (!unknown.includes(f)) unknown.push(f);
        deletePath(object, f);
      }
      if (unknown.length === 0 || ctx.fieldValidation !== 'Strict') object = schema.parse(object) as Record<string, unknown>;
    } else {
      object = parsed.data as Record<string, unknown>;
    }
  }
  // An update keeps the stored status whatever the body says, so status fields this version does
  // not know (written by a component that knows a newer API) are dropped, not refused.
  if (opts.ignoreUnknownStatusFields) unknown = unknown.filter((f) => !f.startsWith('status.'));
  if (unknown.length) {
    if (ctx.fieldValidation === 'Strict') throw fail(strictDecodingMessage(unknown));
    if (ctx.fieldValidation === 'Warn') for (const f of unknown) ctx.warnings.push(`unknown field "${f}"`);
  }
  return object as unknown as KubeObject;
}

function zeroFor(expected: string): unknown {
  switch (expected) {
    case 'string': return '';
    case 'number': case 'int': return 0;
    case 'boolean': return false;
    case 'array': return [];
    default: return {};
  }
}

function setPath(obj: Record<string, unknown>, path: readonly PropertyKey[], value: unknown): void {
  let cur: unknown = obj;
  for (const p of path.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  if (typeof cur === 'object' && cur !== null) (cur as Record<PropertyKey, unknown>)[path[path.length - 1]] = value;
}

/** Removes `a.b[0].c` from an object (a field zod found and the Go table did not). */
function deletePath(obj: Record<string, unknown>, path: string): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return;
    cur = (cur as Record<string, unknown>)[p];
  }
  if (typeof cur === 'object' && cur !== null) delete (cur as Record<string, unknown>)[parts[parts.length - 1]];
}

function throwIfInvalid(a: KindAdmission, obj: KubeObject, errs: ErrorList | void): void {
  if (errs && errs.length) throw invalidError(a.qualifiedKind, obj.metadata.name, errs);
}

/** Admission of a create. Returns the object to store. */
export function admitCreate(kind: string, input: KubeObject, ctx: AdmissionContext): KubeObject {
  const a = kinds.get(kind) ?? { qualifiedKind: kind };
  const obj = kinds.has(kind) ? decodeRequest(kind, input, ctx, a.schemaFor?.(input.apiVersion) ?? a.schema) : input;
  a.defaults?.(obj);
  ctx.afterDefaults?.(obj);
  a.mutateCreate?.(obj, ctx);
  runPlugins('mutating', kind, 'create', obj, undefined, ctx);
  throwIfInvalid(a, obj, a.prepareForCreate?.(obj, ctx));
  runPlugins('allocating', kind, 'create', obj, undefined, ctx);
  throwIfInvalid(a, obj, a.validateCreate?.(obj));
  runPlugins('validating', kind, 'create', obj, undefined, ctx);
  a.encode?.(obj);
  for (const w of a.warningsOnCreate?.(obj) ?? []) ctx.warnings.push(w);
  return obj;
}

/** Admission of an update (PUT, or a patch already applied to the stored object). */
export function admitUpdate(kind: string, input: KubeObject, old: KubeObject, ctx: AdmissionContext): KubeObject {
  const a = kinds.get(kind) ?? { qualifiedKind: kind };
  const obj = kinds.has(kind) ? decodeRequest(kind, input, ctx, a.schemaFor?.(input.apiVersion) ?? a.schema, { ignoreUnknownStatusFields: true }) : input;
  // The stored object is compared in its decoded form, as upstream compares internal objects.
  const prev = structuredClone(old);
  a.defaults?.(prev);
  if (kinds.has(kind)) beforeUpdateMetadata(obj, prev);
  a.defaults?.(obj);
  ctx.afterDefaults?.(obj);
  a.mutateUpdate?.(obj, prev, ctx);
  runPlugins('mutating', kind, 'update', obj, prev, ctx);
  throwIfInvalid(a, obj, a.prepareForUpdate?.(obj, prev, ctx));
  runPlugins('allocating', kind, 'update', obj, prev, ctx);
  throwIfInvalid(a, obj, a.validateUpdate?.(obj, prev));
  runPlugins('validating', kind, 'update', obj, prev, ctx);
  a.encode?.(obj);
  return obj;
}

/** Read access the ServiceAccount and Priority plugins use; see AdmissionContext. */
export type AdmissionLookup = Pick<AdmissionContext, 'get' | 'list'>;

/**
 * The chain as the server's Admission interface. With a lookup, pods are checked against stored
 * service accounts and priority classes; a lookup that throws (a resource the server does not
 * serve) counts as "not found".
 */
export function createAdmission(lookup: AdmissionLookup = {}): Admission {
  const { get, list } = lookup;
  const extra: AdmissionLookup = {
    get: get && ((r, ns, n) => { try { return get(r, ns, n); } catch { return undefined; } }),
    list: list && ((r) => { try { return list(r); } catch { return []; } }),
  };
  return {
    admitCreate: (kind, obj, ctx) => admitCreate(kind, obj, { ...ctx, ...extra }),
    admitUpdate: (kind, obj, old, ctx) => admitUpdate(kind, obj, old, { ...ctx, ...extra }),
  };
}

/** The chain without lookups: every service account exists, no PriorityClass is a default. */
export const admission: Admission = createAdmission();
