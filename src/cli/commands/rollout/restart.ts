// `mk rollout restart`: kubectl 1.32's rollout_restart.go with objectrestarter.go — a
// `kubectl.kubernetes.io/restartedAt` annotation on the pod template, stamped with the cluster's
// current time, makes the controller roll every pod.
import type { Command } from 'commander';
import type { KubeObject } from '../../../api/object.js';
import type { CliContext } from '../../context.js';
import { objectPatchCommand } from './patch-command.js';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export function restartCommand(ctx: CliContext): Command {
  return objectPatchCommand(ctx, {
    verb: 'restart',
    description: 'Restart a resource',
    done: 'restarted',
    // One stamp for the whole run, the cluster's time when it starts.
    change(cluster) {
      const stamp = rfc3339(cluster.now());
      return (obj) => restart(obj, stamp);
    },
  });
}

/** defaultObjectRestarter. */
export function restart(obj: KubeObject, stamp: string): void {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const restartable = (obj.kind === 'Deployment' && ['apps', 'extensions'].includes(group))
    || (obj.kind === 'DaemonSet' && ['apps', 'extensions'].includes(group))
    || (obj.kind === 'StatefulSet' && group === 'apps');
  if (!restartable) throw new Error('restarting is not supported');
  const spec = obj.spec as { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } };
  if (obj.kind === 'Deployment' && spec.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  meta.annotations = { ...meta.annotations, [RESTARTED_AT_ANNOTATION]: stamp };
}

/** Go's time.Format(time.RFC3339) in the local time zone: `2025-01-01T00:00:00Z` or `...+01:00`. */
export function rfc3339(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const offset = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offset * 60_000);
  const base = local.toISOString().slice(0, 19);
  if (offset === 0) return `${base}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
