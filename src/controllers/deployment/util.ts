// pkg/controller/deployment/util/deployment_util.go (release-1.32), with the ReplicaSet helpers of
// pkg/controller/controller_utils.go the deployment controller uses. Upstream's names are kept so
// the two can be read side by side. Pure functions: nothing here writes.
import type { Deployment, DeploymentCondition } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { PodTemplateSpec } from '../../api/core/pod/schema.js';
import { formatTime, parseTime } from '../../apiserver/time.js';
import { spewTemplate } from './hash.js';

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
/** apps.DefaultDeploymentUniqueLabelKey. */
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';
/** apps.DeprecatedRollbackTo: how the rollbackTo field of extensions/v1beta1 survives in apps/v1. */
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';
const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

// Reasons of the Progressing condition.
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
// Reasons of the Available condition.
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

/** math.MaxInt32: "no deadline" and "keep every revision". */
const MAX_INT32 = 2147483647;

// --- status as the Go struct holds it ----------------------------------------------------------

/**
 * apps.DeploymentStatus with Go's zero values filled in, so comparisons are reflect.DeepEqual's;
 * toStoredStatus drops them again as `omitempty` does.
 */
export interface DeploymentStatusValue {
  observedGeneration: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  conditions: DeploymentCondition[];
  collisionCount?: number;
}

export function statusOf(d: Deployment): DeploymentStatusValue {
  const s = d.status ?? {};
  return {
    observedGeneration: s.observedGeneration ?? 0,
    replicas: s.replicas ?? 0,
    updatedReplicas: s.updatedReplicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    availableReplicas: s.availableReplicas ?? 0,
    unavailableReplicas: s.unavailableReplicas ?? 0,
    conditions: (s.conditions ?? []).map((c) => ({ ...c })),
    ...(s.collisionCount !== undefined ? { collisionCount: s.collisionCount } : {}),
  };
}

export function toStoredStatus(s: DeploymentStatusValue): NonNullable<Deployment['status']> {
  return {
    ...(s.observedGeneration ? { observedGeneration: s.observedGeneration } : {}),
    ...(s.replicas ? { replicas: s.replicas } : {}),
    ...(s.updatedReplicas ? { updatedReplicas: s.updatedReplicas } : {}),
    ...(s.readyReplicas ? { readyReplicas: s.readyReplicas } : {}),
    ...(s.availableReplicas ? { availableReplicas: s.availableReplicas } : {}),
    ...(s.unavailableReplicas ? { unavailableReplicas: s.unavailableReplicas } : {}),
    ...(s.conditions.length ? { conditions: s.conditions.map((c) => ({ ...c })) } : {}),
    ...(s.collisionCount !== undefined ? { collisionCount: s.collisionCount } : {}),
  };
}

export function statusEqual(a: DeploymentStatusValue, b: DeploymentStatusValue): boolean {
  return JSON.stringify(toStoredStatus(a)) === JSON.stringify(toStoredStatus(b));
}

// --- conditions ------------------------------------------------------------------------------

/** NewDeploymentCondition: both times are now. Fields in the order the API serialises them. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = formatTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: { conditions?: DeploymentCondition[] }, type: string): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: replaces the condition of that type, unless status and reason are the
 * same; keeps lastTransitionTime when only the reason changes. The replaced one moves to the end.
 */
export function setDeploymentCondition(status: DeploymentStatusValue, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...status.conditions.filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatusValue, type: string): void {
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** ReplicaSetToDeploymentCondition: a ReplicaSet's failure promoted to its deployment. */
export function replicaSetToDeploymentCondition(cond: NonNullable<NonNullable<ReplicaSet['status']>['conditions']>[number]): DeploymentCondition {
  return {
    type: cond.type, status: cond.status, lastUpdateTime: cond.lastTransitionTime,
    lastTransitionTime: cond.lastTransitionTime, reason: cond.reason, message: cond.message,
  };
}

// --- revisions and annotations -----------------------------------------------------------------

/** SetDeploymentRevision: true when the deployment's revision annotation changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[RevisionAnnotation] === revision) return false;
  annotations[RevisionAnnotation] = revision;
  return true;
}

/** strconv.ParseInt(s, 10, 64): undefined where Go returns an error. */
function parseInt64(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) && s.replace(/^[+-]/, '').length <= 19 ? Number(s) : undefined;
}

/** Revision: 0 without the annotation, undefined when it does not parse. */
export function revision(rs: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = rs.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return parseInt64(v);
}

/** MaxRevision: the highest revision among the ReplicaSets; unparsable ones are skipped. */
export function maxRevision(allRSs: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of allRSs) {
    if (!rs) continue;
    const v = revision(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision (the one before the current). */
export function lastRevision(allRSs: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of allRSs) {
    if (!rs) continue;
    const v = revision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

const annotationsToSkip = new Set([LastAppliedConfigAnnotation, RevisionAnnotation, RevisionHistoryAnnotation,
  DesiredReplicasAnnotation, MaxReplicasAnnotation, DeprecatedRollbackTo]);

/** skipCopyAnnotation. */
export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

/** copyDeploymentAnnotationsToReplicaSet: all but the skipped ones (kubernetes.io/change-cause among them). */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the deployment's annotations, raises the revision to
 * newRevision (recording the revisions it served before in revision-history, within
 * revHistoryLimitInChars), and for a ReplicaSet about to be created sets the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, newRS: ReplicaSet, newRevision: string, exists: boolean,
  revHistoryLimitInChars: number): boolean {
  let annotationChanged = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const annotations = (newRS.metadata.annotations ??= {});
  const oldRevision = annotations[RevisionAnnotation];
  const ok = oldRevision !== undefined;
  let oldRevisionInt = parseInt64(oldRevision ?? '');
  if (oldRevisionInt === undefined) {
    if (oldRevision) return false;
    oldRevisionInt = 0;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[RevisionAnnotation] = newRevision;
    annotationChanged = true;
  }
  // A ReplicaSet that had a revision and gets a newer one is being rolled back to: keep the old
  // revisions it served for history.
  if (ok && oldRevisionInt < newRevisionInt) {
    const history = annotations[RevisionHistoryAnnotation] ?? '';
    let oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) {
      annotations[RevisionHistoryAnnotation] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        annotations[RevisionHistoryAnnotation] = oldRevisions.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(newRS, replicasOf(d), replicasOf(d) + maxSurge(d))) annotationChanged = true;
  return annotationChanged;
}

/** SetDeploymentAnnotationsTo: on rollback, the deployment takes the ReplicaSet's annotations. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

/** getIntFromAnnotation: strconv.Atoi of the annotation, undefined when absent or invalid. */
function getIntFromAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined) return undefined;
  const n = parseInt64(v);
  // int32(intValue): Go truncates silently.
  return n === undefined ? undefined : n | 0;
}

export const getDesiredReplicasAnnotation = (rs: ReplicaSet): number | undefined => getIntFromAnnotation(rs, DesiredReplicasAnnotation);
const getMaxReplicasAnnotation = (rs: ReplicaSet): number | undefined => getIntFromAnnotation(rs, MaxReplicasAnnotation);

/** SetReplicasAnnotations: true when either annotation changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  let updated = false;
  const annotations = (rs.metadata.annotations ??= {});
  if (annotations[DesiredReplicasAnnotation] !== String(desiredReplicas)) {
    annotations[DesiredReplicasAnnotation] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MaxReplicasAnnotation] !== String(maxReplicas)) {
    annotations[MaxReplicasAnnotation] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = rs.metadata.annotations;
  if (!annotations) return true;
  return annotations[DesiredReplicasAnnotation] !== String(desiredReplicas) || annotations[MaxReplicasAnnotation] !== String(maxReplicas);
}

// --- sizes -------------------------------------------------------------------------------------

/** *(d.Spec.Replicas): defaulting makes it 1 when unset. */
export const replicasOf = (o: { spec: { replicas?: number } }): number => o.spec.replicas ?? 1;

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded up or down; an error
 * (thrown) for anything else, as validation would have refused.
 */
export function getScaledValueFromIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const s = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${s}": invalid syntax`);
  const value = Number(s);
  return roundUp ? Math.ceil((value * total) / 100) : Math.floor((value * total) / 100);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both resolving to zero (validation
 * refuses two explicit zeros, rounding can still get there) makes maxUnavailable 1.
 */
export function resolveFenceposts(maxSurgeValue: number | string | undefined, maxUnavailableValue: number | string | undefined,
  desired: number): [surge: number, unavailable: number] {
  const surge = getScaledValueFromIntOrPercent(maxSurgeValue ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailableValue ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** MaxUnavailable: 0 for Recreate or zero replicas; never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const [, unavailable] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  return unavailable > replicasOf(d) ? replicasOf(d) : unavailable;
}

/** MinAvailable. */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return replicasOf(d) - maxUnavailable(d);
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

/** math.Round as integer.RoundToInt32 uses it: halves away from zero. */
function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * GetProportion: how many replicas this ReplicaSet gains (or loses) when the deployment is scaled
 * in the middle of a rollout: its share of the new size, bounded by what is left to hand out.
 */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, deploymentReplicasToAdd: number, deploymentReplicasAdded: number): number {
  if (!rs || replicasOf(rs) === 0 || deploymentReplicasToAdd === 0 || deploymentReplicasToAdd === deploymentReplicasAdded) return 0;
  const rsFraction = getReplicaSetFraction(rs, d);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  if (deploymentReplicasToAdd > 0) return Math.min(rsFraction, allowed);
  return Math.max(rsFraction, allowed);
}

/** getReplicaSetFraction: the ReplicaSet's size scaled by new/old deployment size (max-replicas annotation). */
function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  // Without the annotation, the current deployment size: not exact when other ReplicaSets carry
  // other values, but the min/max in getProportion keep the total within bounds.
  const annotatedReplicas = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  // Upstream divides by zero here (an annotation someone set to 0); no share is the sane reading.
  if (annotatedReplicas === 0) return 0;
  // int32 multiplication, then float64 division.
  const newRSsize = Math.imul(replicasOf(rs), deploymentReplicas) / annotatedReplicas;
  return roundHalfAwayFromZero(newRSsize) - replicasOf(rs);
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function getReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let total = 0;
  for (const rs of rss) if (rs) total += replicasOf(rs);
  return total;
}

/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let total = 0;
  for (const rs of rss) if (rs) total += rs.status?.replicas ?? 0;
  return total;
}

/** GetReadyReplicaCountForReplicaSets. */
export function getReadyReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let total = 0;
  for (const rs of rss) if (rs) total += rs.status?.readyReplicas ?? 0;
  return total;
}

/** GetAvailableReplicaCountForReplicaSets. */
export function getAvailableReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let total = 0;
  for (const rs of rss) if (rs) total += rs.status?.availableReplicas ?? 0;
  return total;
}

// --- finding the new and old ReplicaSets --------------------------------------------------------

function withoutHashLabel(t: PodTemplateSpec | undefined): unknown {
  const labels = t?.metadata?.labels;
  if (!labels || !(DefaultDeploymentUniqueLabelKey in labels)) return t ?? {};
  const rest = { ...labels };
  delete rest[DefaultDeploymentUniqueLabelKey];
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/**
 * A template as the Go value the controller holds, apart from the pod-template-hash label: the
 * same JSON is the same value; different JSON may still be (an empty list and an absent one both
 * decode to nil), which the spew rendering settles.
 */
class TemplateKey {
  private readonly json: string;
  private rendered?: string;
  constructor(private readonly template: unknown) {
    this.json = JSON.stringify(template);
  }
  equals(other: TemplateKey): boolean {
    if (this.json === other.json) return true;
    return this.render() === other.render();
  }
  private render(): string {
    return (this.rendered ??= spewTemplate(this.template));
  }
}

/** EqualIgnoreHash: the templates are semantically equal apart from the pod-template-hash label. */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  return new TemplateKey(withoutHashLabel(t1)).equals(new TemplateKey(withoutHashLabel(t2)));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const want = new TemplateKey(withoutHashLabel(d.spec.template));
  return sortReplicaSets(rsList, replicaSetsByCreationTimestamp)
    .find((rs) => want.equals(new TemplateKey(withoutHashLabel(rs.spec.template))));
}

/** FindOldReplicaSets: [old ones with replicas, all old ones]. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const required: ReplicaSet[] = [];
  const all: ReplicaSet[] = [];
  // In creation order: upstream's FindNewReplicaSet sorted the same slice in place just before.
  for (const rs of sortReplicaSets(rsList, replicaSetsByCreationTimestamp)) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    all.push(rs);
    if (replicasOf(rs) !== 0) required.push(rs);
  }
  return [required, all];
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = sortReplicaSets(oldRSs, (a, b) => replicaSetsByCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sortedOld, newRS]);
  switch (active.length) {
    case 0:
      return newRS ?? sortedOld[0];
    case 1:
      return active[0];
    default:
      return undefined;
  }
}

/** controller.FilterActiveReplicaSets: those with replicas. */
export function filterActiveReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0);
}

// --- progress ----------------------------------------------------------------------------------

/** DeploymentComplete: all replicas updated and available, nothing old left, generation observed. */
export function deploymentComplete(d: Deployment, newStatus: DeploymentStatusValue): boolean {
  const replicas = replicasOf(d);
  return newStatus.updatedReplicas === replicas && newStatus.replicas === replicas
    && newStatus.availableReplicas === replicas && newStatus.observedGeneration >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
export function deploymentProgressing(d: Deployment, newStatus: DeploymentStatusValue): boolean {
  const oldStatus = statusOf(d);
  const oldStatusOldReplicas = oldStatus.replicas - oldStatus.updatedReplicas;
  const newStatusOldReplicas = newStatus.replicas - newStatus.updatedReplicas;
  return newStatus.updatedReplicas > oldStatus.updatedReplicas || newStatusOldReplicas < oldStatusOldReplicas
    || newStatus.readyReplicas > oldStatus.readyReplicas || newStatus.availableReplicas > oldStatus.availableReplicas;
}

/**
 * DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds
 * ago (or already says so). A completed rollout never times out.
 */
export function deploymentTimedOut(d: Deployment, newStatus: DeploymentStatusValue, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(newStatus, 'Progressing');
  if (!condition) return false;
  if (condition.reason === NewRSAvailableReason) return false;
  if (condition.reason === TimedOutReason) return true;
  const from = parseTime(condition.lastUpdateTime) ?? 0;
  return from + d.spec.progressDeadlineSeconds! * 1000 < now;
}

/**
 * NewRSNewReplicas: the new ReplicaSet's next size. RollingUpdate grows it up to replicas+maxSurge
 * pods in total, never past the desired replicas; Recreate goes straight to the desired replicas.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const type = d.spec.strategy?.type ?? 'RollingUpdate';
  switch (type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true);
      const currentPodCount = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicasOf(d) + surge;
      if (currentPodCount >= maxTotalPods) return replicasOf(newRS);
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicasOf(d) - replicasOf(newRS));
      return replicasOf(newRS) + scaleUpCount;
    }
    case 'Recreate':
      return replicasOf(d);
    default:
      throw new Error(`deployment type ${type} isn't supported`);
  }
}

/** IsSaturated: the new ReplicaSet owns, and has available, all the desired replicas. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = parseInt64(rs.metadata.annotations?.[DesiredReplicasAnnotation] ?? '');
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  return d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32;
}

/** HasRevisionHistoryLimit: set and not MaxInt32. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  return d.spec.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32;
}

// --- orderings ---------------------------------------------------------------------------------

type Less = (a: ReplicaSet, b: ReplicaSet) => boolean;

const created = (rs: ReplicaSet): number => parseTime(rs.metadata.creationTimestamp) ?? 0;

/** controller.ReplicaSetsByCreationTimestamp: older first, then by name. */
export const replicaSetsByCreationTimestamp: Less = (a, b) =>
  created(a) === created(b) ? a.metadata.name < b.metadata.name : created(a) < created(b);

/** controller.ReplicaSetsBySizeOlder: larger first, then older. */
export const replicaSetsBySizeOlder: Less = (a, b) =>
  replicasOf(a) === replicasOf(b) ? replicaSetsByCreationTimestamp(a, b) : replicasOf(a) > replicasOf(b);

/** controller.ReplicaSetsBySizeNewer: larger first, then newer. */
export const replicaSetsBySizeNewer: Less = (a, b) =>
  replicasOf(a) === replicasOf(b) ? replicaSetsByCreationTimestamp(b, a) : replicasOf(a) > replicasOf(b);

/** ReplicaSetsByRevision: lower revision first; creation time when either does not parse or they tie. */
export const replicaSetsByRevision: Less = (a, b) => {
  const r1 = revision(a);
  const r2 = revision(b);
  if (r1 === undefined || r2 === undefined || r1 === r2) return replicaSetsByCreationTimestamp(a, b);
  return r1 < r2;
};

/**
 * sort.Sort with one of the orderings above. Each is total except on identical keys, where Go's
 * insertion sort (up to 12 elements, the size of any real history) keeps the given order, as this
 * stable sort does.
 */
export function sortReplicaSets(rss: readonly ReplicaSet[], less: Less): ReplicaSet[] {
  return [...rss].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}
