// DaemonSet defaulting: SetObjectDefaults_DaemonSet of pkg/apis/apps/v1 (release-1.32):
// SetDefaults_DaemonSet, then the pod defaults of the template.
import type { DaemonSet } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10. */
export function setDefaultsDaemonSet(obj: DaemonSet): void {
  const spec = obj.spec;
  // The v1 update strategy is a struct, not a pointer: it is always there once decoded.
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
}

/** SetObjectDefaults_DaemonSet. Mutates and returns the daemon set. */
export function setObjectDefaultsDaemonSet(obj: DaemonSet): DaemonSet {
  setDefaultsDaemonSet(obj);
  setObjectDefaultsPodTemplateSpec(obj.spec.template);
  return obj;
}
