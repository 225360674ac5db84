// `mk rollout history`: kubectl 1.32's rollout_history.go with polymorphichelpers/history.go. A
// Deployment's revisions are its ReplicaSets' revision annotations; the table lists them with
// their change-cause, --revision=N describes that revision's pod template, and -o prints the
// ReplicaSets themselves.
import { Command } from 'commander';
import type { Deployment } from '../../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../api/apps/replicaset/schema.js';
import type { PodTemplateSpec } from '../../../api/core/pod/schema.js';
import type { KubeObject } from '../../../api/object.js';
import type { Api } from '../../../apiserver/api.js';
import type { CliContext } from '../../context.js';
import type { CliIO } from '../../io.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { printWriteResult } from '../write-flags.js';
import { intFlag, type Info } from '../workload-targets.js';
import { addRolloutFlags, requireResources, rolloutTargets, type RolloutFlags } from './common.js';
import { CHANGE_CAUSE_ANNOTATION, revisionOf } from './deployment-util.js';

interface HistoryFlags extends RolloutFlags {
  revision?: string;
}

export function historyCommand(ctx: CliContext): Command {
  const cmd = new Command('history')
    .description('View rollout history')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('--revision <n>', 'See the details, including podTemplate of the revision specified');
  addRolloutFlags(cmd);
  return cmd.action(async (args: string[], flags: HistoryFlags) => {
    const revision = intFlag(flags.revision, '--revision', 0, 'rollout history');
    requireResources(args, flags);
    if (revision < 0) throw new Error(`revision must be a positive integer: ${revision}`);
    const { target, cluster } = await connect(ctx.flags);
    try {
      const { ordered } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs = await printHistory(ctx.io, cluster.api, ordered, revision, flags.output);
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}

type Client = Pick<Api, 'get' | 'tryGet' | 'list'>;

/** The Visit loop: each object's history printed, each failure returned in the order met. */
export async function printHistory(io: CliIO, client: Client, ordered: (Info | Error)[], revision: number, output: string | undefined): Promise<Error[]> {
  const allErrs: Error[] = [];
  let printed = 0;
  for (const info of ordered) {
    if (info instanceof Error) {
      allErrs.push(info);
      continue;
    }
    try {
      if (output) {
        // With -o, the revisions themselves (the ReplicaSets), oldest first, through one printer.
        const { printObjects } = await import('../../flags/print-flags.js');
        for (const rs of await revisionObjects(client, info, revision)) {
          const text = await printObjects(output, [rs], { single: true, io });
          io.out(output === 'yaml' && printed++ > 0 ? `---\n${text}` : text);
        }
        continue;
      }
      const history = await viewHistory(client, info, revision);
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      await printWriteResult(io, info.obj, undefined, `${withRevision}\n${history}`);
    } catch (e) {
      if (!(e instanceof Error) || e instanceof TypeError) throw e;
      allErrs.push(e);
    }
  }
  return allErrs;
}

/** The Deployment's ReplicaSets that carry a revision, by revision (a later one wins a tie, as in a Go map). */
async function replicaSetsByRevision(client: Client, info: Info): Promise<Map<number, ReplicaSet>> {
  const { group, kind } = info.kind;
  if (kind !== 'Deployment' || group !== 'apps') throw new Error(`no history viewer has been implemented for "${kind}.${group}"`);
  const d = client.tryGet(info.resource, info.namespace, info.name) as unknown as Deployment | undefined;
  if (!d) throw new Error(`failed to retrieve deployment ${info.name}: deployments.apps "${info.name}" not found`);
  const { getAllReplicaSets } = await import('../../describe/deployment.js');
  const { allOld, newRS } = getAllReplicaSets(d, client);
  const out = new Map<number, ReplicaSet>();
  for (const rs of newRS ? [...allOld, newRS] : allOld) {
    const v = revisionOf(rs);
    if (!(v instanceof Error)) out.set(v, rs);
  }
  return out;
}

/** DaemonSets and StatefulSets keep their history in ControllerRevisions. */
const isRevisioned = (info: Info) => info.kind.group === 'apps' && (info.kind.kind === 'DaemonSet' || info.kind.kind === 'StatefulSet');

/**
 * HistoryViewer.GetHistory, as -o prints it: a Deployment's ReplicaSets, or the object as each
 * revision left it; one revision, or all of them oldest first.
 */
async function revisionObjects(client: Client, info: Info, revision: number): Promise<KubeObject[]> {
  let byRevision: Map<number, unknown>;
  if (isRevisioned(info)) {
    const { applyRevision, revisionHistory } = await import('./revision-history.js');
    const { parent, history } = revisionHistory(client, info.kind.kind, info.namespace, info.name);
    byRevision = new Map(history.map((h) => [h.revision, applyRevision(parent, h)]));
  } else {
    byRevision = await replicaSetsByRevision(client, info);
  }
  if (revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) throw new Error('unable to find the specified revision');
    return [rs as unknown as KubeObject];
  }
  return [...byRevision.keys()].sort((a, b) => a - b).map((r) => byRevision.get(r) as unknown as KubeObject);
}

/** HistoryViewerFor(kind).ViewHistory: the text that follows the object's name. */
export async function viewHistory(client: Client, info: Info, revision: number): Promise<string> {
  const { describeRevision, historyTable } = await import('./history-view.js');
  const templates = isRevisioned(info)
    // printHistory shows one revision's template as the revision holds it, without its change-cause.
    ? (await import('./revision-history.js')).revisionTemplates(client, info.kind.kind, info.namespace, info.name, revision === 0)
    : await deploymentTemplates(client, info);
  if (templates.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const template = templates.get(revision);
    if (!template) throw new Error('unable to find the specified revision');
    return describeRevision(template);
  }
  return historyTable(templates);
}

/** A Deployment's revisions: each ReplicaSet's template with its change-cause. */
async function deploymentTemplates(client: Client, info: Info): Promise<Map<number, PodTemplateSpec>> {
  const byRevision = await replicaSetsByRevision(client, info);
  const templates = new Map<number, PodTemplateSpec>();
  for (const [v, rs] of byRevision) {
    const template = structuredClone(rs.spec.template ?? { spec: { containers: [] } }) as PodTemplateSpec;
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '';
    template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations } };
    if (changeCause) template.metadata.annotations![CHANGE_CAUSE_ANNOTATION] = changeCause;
    templates.set(v, template);
  }
  return templates;
}
