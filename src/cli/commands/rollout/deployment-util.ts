// The bits of kubectl's util/deployment that the rollout verbs read on the client: a revision is
// the `deployment.kubernetes.io/revision` annotation parsed as strconv.ParseInt would, and an
// object without one is at revision 0.

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** appsv1.DeprecatedRollbackTo. */
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** appsv1.DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** deploymentutil.Revision: the annotation as an int64 (0 when absent), or strconv's error when it is not one. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> | null } }): number | Error {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return v === undefined ? 0 : parseInt64(v);
}

/** strconv.ParseInt(s, 10, 64) with its error text. */
export function parseInt64(s: string): number | Error {
  if (!/^[+-]?\d+$/.test(s)) return new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > INT64_MAX || n < INT64_MIN) return new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}
