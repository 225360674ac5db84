// ReplicaSet defaulting: SetObjectDefaults_ReplicaSet of pkg/apis/apps/v1 (release-1.32).
import type { ReplicaSet } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';

/** SetDefaults_ReplicaSet: replicas 1. */
export function setDefaultsReplicaSet(obj: ReplicaSet): void {
  obj.spec.replicas ??= 1;
}

/** SetObjectDefaults_ReplicaSet. Mutates and returns the replica set. */
export function setObjectDefaultsReplicaSet(obj: ReplicaSet): ReplicaSet {
  setDefaultsReplicaSet(obj);
  // The v1 template is a struct, not a pointer: a ReplicaSet without one still has an empty template.
  obj.spec.template ??= { spec: { containers: [] } };
  setObjectDefaultsPodTemplateSpec(obj.spec.template);
  return obj;
}
