// `mk rollout undo [--to-revision=N]`: kubectl 1.32's rollout_undo.go with the client-side
// DeploymentRollbacker of polymorphichelpers/rollback.go: find the ReplicaSet holding the
// revision, and patch its pod template (without pod-template-hash) and annotations back into
// the Deployment. The controller then reuses that ReplicaSet under a new revision number.
import { Command } from 'commander';
import type { Deployment } from '../../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../api/apps/replicaset/schema.js';
import type { PodTemplateSpec } from '../../../api/core/pod/schema.js';
import { ApiError } from '../../../apiserver/errors.js';
import { enableWrites, settle, type ClusterHandle } from '../../../cluster/runtime.js';
import type { CliContext } from '../../context.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { printWriteResult, writeFlagsFrom } from '../write-flags.js';
import { intFlag, jsonEqual, withDryRun, type Info } from '../workload-targets.js';
import { addRolloutFlags, requireResources, rolloutTargets, type RolloutFlags } from './common.js';
import {
  DEPRECATED_ROLLBACK_TO, DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION, MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, revisionOf,
} from './deployment-util.js';

interface UndoFlags extends RolloutFlags {
  toRevision?: string;
  dryRun?: string;
}

export function undoCommand(ctx: CliContext): Command {
  const cmd = new Command('undo')
    .description('Undo a previous rollout')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.');
  addRolloutFlags(cmd);
  return cmd.action(async (args: string[], flags: UndoFlags) => {
    const toRevision = intFlag(flags.toRevision, '--to-revision', 0, 'rollout undo');
    const { dryRun } = writeFlagsFrom({ dryRun: flags.dryRun });
    requireResources(args, flags);
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const { ordered } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs: Error[] = [];
      for (const info of ordered) {
        if (info instanceof Error) {
          allErrs.push(info);
          continue;
        }
        try {
          const result = await rollback(cluster, info, toRevision, dryRun);
          await printWriteResult(ctx.io, info.obj, flags.output, withDryRun(result, dryRun));
        } catch (e) {
          // Programming errors surface; kubectl's own errors are reported with the others.
          if (!(e instanceof Error) || e instanceof TypeError) throw e;
          allErrs.push(e);
        }
      }
      await settle(cluster);
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}

/** annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO,
]);

const revisionNotFound = (r: number) => new Error(`unable to find specified revision ${r} in history`);

/** RollbackerFor(kind).Rollback: the operation to print ("rolled back", "skipped rollback (...)", or the template for a client dry run). */
async function rollback(cluster: ClusterHandle, info: Info, toRevision: number, dryRun: 'client' | 'server' | undefined): Promise<string> {
  const { hasRevisionHistory } = await import('./revision-history.js');
  if (hasRevisionHistory(info.kind.group, info.kind.kind)) return rollbackRevision(cluster, info, toRevision, dryRun);
  if (info.kind.kind !== 'Deployment' || info.kind.group !== 'apps') {
    throw new Error(`no rollbacker has been implemented for "${info.kind.kind}.${info.kind.group}"`);
  }
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const d = cluster.api.tryGet(info.resource, info.namespace, info.name) as unknown as Deployment | undefined;
  if (!d) throw new Error(`failed to retrieve Deployment ${info.name}: deployments.apps "${info.name}" not found`);
  const { getAllReplicaSets } = await import('../../describe/deployment.js');
  const { allOld, newRS } = getAllReplicaSets(d, cluster.api);
  const rs = deploymentRevision(d, newRS ? [...allOld, newRS] : allOld, toRevision);
  if (dryRun === 'client') {
    const { describeRevision } = await import('./history-view.js');
    return describeRevision(rs.spec.template as PodTemplateSpec);
  }
  if (d.spec.paused) {
    throw new Error("you cannot rollback a paused deployment; resume it first with 'mk rollout resume' and try again");
  }
  if (equalIgnoreHash(rs.spec.template as PodTemplateSpec, d.spec.template as PodTemplateSpec)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const template = structuredClone(rs.spec.template as PodTemplateSpec);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    cluster.api.patch(info.resource, info.namespace, info.name, 'json', patch, { dryRun: dryRun === 'server', fieldManager: 'kubectl' });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new Error(`failed restoring revision ${toRevision}: ${e.status.message}`);
  }
  return 'rolled back';
}

/** DaemonSetRollbacker / StatefulSetRollbacker.Rollback: the revision's patch sent back to the object. */
async function rollbackRevision(cluster: ClusterHandle, info: Info, toRevision: number, dryRun: 'client' | 'server' | undefined): Promise<string> {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const { revisionHistory, revisionMatches, findHistory, revisionTemplate } = await import('./revision-history.js');
  const { parent, history } = revisionHistory(cluster.api, info.kind.kind, info.namespace, info.name);
  if (toRevision === 0 && history.length <= 1) throw new Error('no last revision to roll back to');
  const to = findHistory(toRevision, history);
  if (!to) throw revisionNotFound(toRevision);
  if (dryRun === 'client') {
    const { describeRevision } = await import('./history-view.js');
    return describeRevision(revisionTemplate(to));
  }
  if (revisionMatches(parent, to)) return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    cluster.api.patch(info.resource, info.namespace, info.name, 'strategic', to.data, { dryRun: dryRun === 'server', fieldManager: 'kubectl' });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new Error(`failed restoring revision ${toRevision}: ${e.status.message}`);
  }
  return 'rolled back';
}

/** deploymentRevision: the ReplicaSet with the revision, or for 0 the one before the latest. */
export function deploymentRevision(d: Deployment, all: ReplicaSet[], toRevision: number): ReplicaSet {
  let latest: ReplicaSet | undefined;
  let latestRevision = -1;
  let previous: ReplicaSet | undefined;
  let previousRevision = -1;
  for (const rs of all) {
    const v = revisionOf(rs);
    if (v instanceof Error) continue;
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous) throw new Error(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/**
 * equalIgnoreHash with apiequality.Semantic.DeepEqual: templates equal once pod-template-hash is
 * dropped from both, an empty map or list counting as an absent one.
 */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const strip = (t: PodTemplateSpec) => {
    const c = structuredClone(t);
    if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH];
    return dropEmpty(c);
  };
  return jsonEqual(strip(a), strip(b));
}

function dropEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(dropEmpty) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = dropEmpty(x);
      if (y !== undefined && y !== null) out[k] = y;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}
