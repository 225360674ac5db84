// The apps/v1 workload kinds through the admission chain: decoding, SetObjectDefaults_*, the
// registry strategies of pkg/registry/apps/{deployment,replicaset}/strategy.go (release-1.32) and
// validation. index.ts registers them; this module only describes them.
import type { ZodType } from 'zod';
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import { isDNS1123Label } from '../../api/validation.js';
import { LabelSelector } from '../../api/meta/schema.js';
import { Deployment as DeploymentSchema, DeploymentSpec, type Deployment } from '../../api/apps/deployment/schema.js';
import { ReplicaSet as ReplicaSetSchema, ReplicaSetSpec, type ReplicaSet } from '../../api/apps/replicaset/schema.js';
import { setObjectDefaultsDeployment } from '../../api/apps/deployment/defaults.js';
import { setObjectDefaultsReplicaSet } from '../../api/apps/replicaset/defaults.js';
import { validateDeployment, validateDeploymentUpdate } from '../../api/apps/deployment/validate.js';
import { validateReplicaSet, validateReplicaSetUpdate } from '../../api/apps/replicaset/validate.js';
import { DaemonSet as DaemonSetSchema, DaemonSetSpec, type DaemonSet } from '../../api/apps/daemonset/schema.js';
import { ControllerRevision as ControllerRevisionSchema, type ControllerRevision } from '../../api/apps/controllerrevision/schema.js';
import { setObjectDefaultsDaemonSet } from '../../api/apps/daemonset/defaults.js';
import { validateDaemonSet, validateDaemonSetUpdate } from '../../api/apps/daemonset/validate.js';
import { StatefulSet as StatefulSetSchema, StatefulSetSpec, type StatefulSet } from '../../api/apps/statefulset/schema.js';
import { setObjectDefaultsStatefulSet } from '../../api/apps/statefulset/defaults.js';
import { validateStatefulSet, validateStatefulSetUpdate } from '../../api/apps/statefulset/validate.js';
import { FieldPath, required, type ErrorList } from '../../api/field-errors.js';
import { nameIsDNSSubdomain, validateImmutableField, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation.js';
import { deepEqual } from '../../api/semantic-equal.js';
import { getWarningsForPodTemplate } from './pod-warnings.js';
import { dropDisabledTemplateFields } from './strategy.js';

// spec.selector is a pointer in Go: an absent selector decodes as nil and validation reports
// "Required value", where zod's required field would have been filled with an empty selector.
const deploymentDecodeSchema: ZodType = DeploymentSchema.extend({ spec: DeploymentSpec.extend({ selector: LabelSelector.optional() }) });
const daemonSetDecodeSchema: ZodType = DaemonSetSchema.extend({ spec: DaemonSetSpec.extend({ selector: LabelSelector.optional() }) });
const statefulSetDecodeSchema: ZodType = StatefulSetSchema.extend({ spec: StatefulSetSpec.extend({ selector: LabelSelector.optional() }) });
const replicaSetDecodeSchema: ZodType = ReplicaSetSchema.extend({ spec: ReplicaSetSpec.extend({ selector: LabelSelector.optional() }) });

/**
 * The stored spec with its keys in one canonical order. The server bumps metadata.generation when
 * the stored and updated specs serialize differently; decoding and defaulting leave keys in
 * different orders, so without this an update that changes only metadata would look like a
 * spec change.
 */
export function canonicalizeSpec(o: KubeObject): void {
  o.spec = sortKeys(o.spec);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** PrepareForUpdate: an update of the main resource cannot set status. */
function keepOldStatus(o: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete o.status;
  else o.status = structuredClone(old.status);
}

const asDeployment = (o: KubeObject) => o as unknown as Deployment;
const asReplicaSet = (o: KubeObject) => o as unknown as ReplicaSet;

/** WarningsOnCreate of both strategies: a name that is not a DNS label, then the template's warnings. */
export function workloadWarningsOnCreate(name: string, template: ReplicaSet['spec']['template'], templatePath = 'spec.template'): string[] {
  const msgs = isDNS1123Label(name);
  const warnings = msgs.length
    ? [`metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`]
    : [];
  return template ? [...warnings, ...getWarningsForPodTemplate(templatePath, template)] : warnings;
}

export const deploymentAdmission: KindAdmission = {
  qualifiedKind: 'Deployment.apps',
  schema: deploymentDecodeSchema,
  defaults: (o) => { setObjectDefaultsDeployment(asDeployment(o)); },
  prepareForCreate(o) {
    const d = asDeployment(o);
    d.status = {};
    dropDisabledTemplateFields(d.spec.template);
  },
  prepareForUpdate(o, old) {
    const d = asDeployment(o);
    keepOldStatus(o, old);
    dropDisabledTemplateFields(d.spec.template);
  },
  validateCreate: (o) => validateDeployment(asDeployment(o)),
  validateUpdate: (o, old) => validateDeploymentUpdate(asDeployment(o), asDeployment(old)),
  encode: canonicalizeSpec,
  warningsOnCreate: (o) => workloadWarningsOnCreate(o.metadata.name, asDeployment(o).spec.template),
};

export const replicaSetAdmission: KindAdmission = {
  qualifiedKind: 'ReplicaSet.apps',
  schema: replicaSetDecodeSchema,
  defaults: (o) => { setObjectDefaultsReplicaSet(asReplicaSet(o)); },
  prepareForCreate(o) {
    const rs = asReplicaSet(o);
    // ReplicaSetStatus.replicas has no omitempty: an empty status still says 0.
    rs.status = { replicas: 0 };
    if (rs.spec.template) dropDisabledTemplateFields(rs.spec.template);
  },
  prepareForUpdate(o, old) {
    const rs = asReplicaSet(o);
    keepOldStatus(o, old);
    if (rs.spec.template) dropDisabledTemplateFields(rs.spec.template);
  },
  validateCreate: (o) => validateReplicaSet(asReplicaSet(o)),
  validateUpdate: (o, old) => validateReplicaSetUpdate(asReplicaSet(o), asReplicaSet(old)),
  encode: canonicalizeSpec,
  warningsOnCreate: (o) => workloadWarningsOnCreate(o.metadata.name, asReplicaSet(o).spec.template),
};

const asDaemonSet = (o: KubeObject) => o as unknown as DaemonSet;

/**
 * apps/v1 keeps the internal spec.templateGeneration in this annotation (the v1 conversion
 * writes it back on every read); the DaemonSet controller labels pods with it.
 */
export const DeprecatedTemplateGeneration = 'deprecated.daemonset.template.generation';

function templateGeneration(ds: DaemonSet): number {
  const v = ds.metadata.annotations?.[DeprecatedTemplateGeneration];
  const n = v !== undefined && /^-?\d+$/.test(v) ? parseInt(v, 10) : 0;
  return Number.isFinite(n) ? n : 0;
}

function setTemplateGeneration(ds: DaemonSet, generation: number): void {
  ds.metadata.annotations = { ...ds.metadata.annotations, [DeprecatedTemplateGeneration]: String(generation) };
}

export const daemonSetAdmission: KindAdmission = {
  qualifiedKind: 'DaemonSet.apps',
  schema: daemonSetDecodeSchema,
  defaults: (o) => { setObjectDefaultsDaemonSet(asDaemonSet(o)); },
  prepareForCreate(o) {
    const ds = asDaemonSet(o);
    // Every DaemonSetStatus count lacks omitempty: an empty status still says 0.
    ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    if (templateGeneration(ds) < 1) setTemplateGeneration(ds, 1);
    dropDisabledTemplateFields(ds.spec.template);
  },
  prepareForUpdate(o, old) {
    const ds = asDaemonSet(o);
    const prev = asDaemonSet(old);
    keepOldStatus(o, old);
    dropDisabledTemplateFields(ds.spec.template);
    // An update cannot set the template generation; a new template is the next one.
    const generation = templateGeneration(prev) + (deepEqual(ds.spec.template, prev.spec.template) ? 0 : 1);
    setTemplateGeneration(ds, generation);
  },
  validateCreate: (o) => validateDaemonSet(asDaemonSet(o)),
  validateUpdate: (o, old) => validateDaemonSetUpdate(asDaemonSet(o), asDaemonSet(old)),
  encode: canonicalizeSpec,
  warningsOnCreate: (o) => workloadWarningsOnCreate(o.metadata.name, asDaemonSet(o).spec.template),
};

const asStatefulSet = (o: KubeObject) => o as unknown as StatefulSet;

/** dropStatefulSetDisabledFields: maxUnavailable is alpha (MaxUnavailableStatefulSet) in 1.32 and dropped unless in use. */
function dropStatefulSetDisabledFields(sts: StatefulSet, old?: StatefulSet): void {
  if (old?.spec.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined) return;
  delete sts.spec.updateStrategy?.rollingUpdate?.maxUnavailable;
}

export const statefulSetAdmission: KindAdmission = {
  qualifiedKind: 'StatefulSet.apps',
  schema: statefulSetDecodeSchema,
  defaults: (o) => { setObjectDefaultsStatefulSet(asStatefulSet(o)); },
  prepareForCreate(o) {
    const sts = asStatefulSet(o);
    // StatefulSetStatus.replicas and availableReplicas lack omitempty: an empty status still says 0.
    sts.status = { availableReplicas: 0, replicas: 0 };
    dropStatefulSetDisabledFields(sts);
    dropDisabledTemplateFields(sts.spec.template);
  },
  prepareForUpdate(o, old) {
    const sts = asStatefulSet(o);
    keepOldStatus(o, old);
    dropStatefulSetDisabledFields(sts, asStatefulSet(old));
    dropDisabledTemplateFields(sts.spec.template);
  },
  validateCreate: (o) => validateStatefulSet(asStatefulSet(o)),
  validateUpdate: (o, old) => validateStatefulSetUpdate(asStatefulSet(o), asStatefulSet(old)),
  encode: canonicalizeSpec,
  // The name is validated as a DNS label: only the template can warn.
  warningsOnCreate: (o) => getWarningsForPodTemplate('spec.template', asStatefulSet(o).spec.template),
};

const asRevision = (o: KubeObject) => o as unknown as ControllerRevision;

/** ValidateControllerRevision (pkg/apis/apps/validation). */
function validateControllerRevision(r: ControllerRevision): ErrorList {
  const errs = validateObjectMeta(r.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  if (r.data === undefined) errs.push(required(FieldPath.of('data')));
  errs.push(...validateNonnegativeField(r.revision, FieldPath.of('revision')));
  return errs;
}

export const controllerRevisionAdmission: KindAdmission = {
  qualifiedKind: 'ControllerRevision.apps',
  schema: ControllerRevisionSchema,
  validateCreate: (o) => validateControllerRevision(asRevision(o)),
  validateUpdate(o, old) {
    const r = asRevision(o);
    const errs = validateObjectMetaUpdate(r.metadata, old.metadata, FieldPath.of('metadata'));
    errs.push(...validateControllerRevision(r));
    errs.push(...validateImmutableField(r.data ?? null, asRevision(old).data ?? null, FieldPath.of('data')));
    return errs;
  },
};
