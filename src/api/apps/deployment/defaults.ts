// Deployment defaulting: SetObjectDefaults_Deployment of pkg/apis/apps/v1 (release-1.32):
// SetDefaults_Deployment, then the pod defaults of the template.
import type { Deployment } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';

/** SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
export function setDefaultsDeployment(obj: Deployment): void {
  const spec = obj.spec;
  spec.replicas ??= 1;
  // The v1 strategy is a struct, not a pointer: it is always there once decoded.
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
}

/** SetObjectDefaults_Deployment. Mutates and returns the deployment. */
export function setObjectDefaultsDeployment(obj: Deployment): Deployment {
  setDefaultsDeployment(obj);
  setObjectDefaultsPodTemplateSpec(obj.spec.template);
  return obj;
}
