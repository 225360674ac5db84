// pkg/controller/deployment/rollback.go (release-1.32). kubectl 1.32 rolls back on the client
// (it copies a ReplicaSet's template into the deployment); this is the server-side path kept for
// the deprecated rollbackTo of extensions/v1beta1 and apps/v1beta1, which apps/v1 carries as the
// deprecated.deployment.rollback.to annotation.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import { event, updateDeployment, type Dc } from './deployment.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';
import {
  DefaultDeploymentUniqueLabelKey, DeprecatedRollbackTo, equalIgnoreHash, lastRevision, revision, RollbackDone,
  RollbackRevisionNotFound, RollbackTemplateUnchanged, setDeploymentAnnotationsTo,
} from './util.js';

/** getRollbackTo: the revision asked for, or undefined when the annotation is absent or not a number. */
export function getRollbackTo(d: Deployment): { revision: number } | undefined {
  const v = d.metadata.annotations?.[DeprecatedRollbackTo];
  if (!v || !/^[+-]?\d+$/.test(v)) return undefined;
  return { revision: Number(v) };
}

/** rollback: to the asked revision (0: the one before the current), then clears the request. */
export function rollback(dc: Dc, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, newRS];
  const rollbackTo = getRollbackTo(d)!;
  if (rollbackTo.revision === 0) {
    rollbackTo.revision = lastRevision(allRSs);
    if (rollbackTo.revision === 0) {
      event(dc, d, 'Warning', RollbackRevisionNotFound, 'Unable to find last revision.');
      updateDeploymentAndClearRollbackTo(dc, d);
      return;
    }
  }
  for (const rs of allRSs) {
    if (!rs) continue;
    const v = revision(rs);
    if (v === undefined) continue;
    if (v === rollbackTo.revision) {
      // The revision counter moves on at the next sync, when this template becomes the new one.
      if (rollbackToTemplate(dc, d, rs)) event(dc, d, 'Normal', RollbackDone, `Rolled back deployment "${d.metadata.name}" to revision ${rollbackTo.revision}`);
      return;
    }
  }
  event(dc, d, 'Warning', RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/**
 * rollbackToTemplate: the deployment takes the ReplicaSet's template (without its hash label) and
 * annotations, so the change-cause of that revision comes back with it.
 */
function rollbackToTemplate(dc: Dc, d: Deployment, rs: ReplicaSet): boolean {
  let performedRollback = false;
  if (!equalIgnoreHash(d.spec.template, rs.spec.template)) {
    const template = structuredClone(rs.spec.template!);
    if (template.metadata?.labels) {
      const labels = { ...template.metadata.labels };
      delete labels[DefaultDeploymentUniqueLabelKey];
      template.metadata = { ...template.metadata, labels };
    }
    d.spec.template = template;
    setDeploymentAnnotationsTo(d, rs);
    performedRollback = true;
  } else {
    event(dc, d, 'Warning', RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performedRollback;
}

/** updateDeploymentAndClearRollbackTo. */
function updateDeploymentAndClearRollbackTo(dc: Dc, d: Deployment): void {
  if (d.metadata.annotations) delete d.metadata.annotations[DeprecatedRollbackTo];
  updateDeployment(dc, d);
}
