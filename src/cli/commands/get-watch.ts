// `mk get -w`: after the initial listing, one row per change to a watched object, aligned with
// the columns already printed (kubectl's tabwriter remembers widths across flushes). On a
// realtime cluster it polls and catches up like any command; on a manual clock it moves virtual
// time from timer to timer and stops once the watched objects have been quiet for a while.
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource } from '../../api/registry.js';
import { tableHandlers } from '../../api/tables.js';
import { generateTable, type TableHandler } from '../../api/table.js';
import { settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { decorateTable, newTabWriter, writeTable, type PrintOptions } from '../printers/table.js';
import type { ResourceRequest } from '../resource-args.js';
import type { GetFlags } from './get.js';

const POLL_MS = 500;
/** Manual clock: stop after this much virtual time without a change to a watched object. */
const MANUAL_IDLE_MS = 5 * 60 * 1000;

export async function watchGet(ctx: CliContext, cluster: ClusterHandle, target: Target,
  requests: ResourceRequest[], flags: GetFlags): Promise<void> {
  const [request] = requests;
  if (requests.length !== 1) throw new Error('watch is only supported on individual resources and resource collections, but 2 resources were found');
  const resource = qualifiedResource(request.kind);
  const namespace = request.kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
  const names = new Set(request.names);
  const handler = tableHandlers[request.kind.kind as keyof typeof tableHandlers] as TableHandler<KubeObject>;
  const wide = flags.output === 'wide';
  const opts: PrintOptions = {
    noHeaders: true, withNamespace: !!flags.allNamespaces && request.kind.namespaced,
    showLabels: flags.showLabels, columnLabels: flags.labelColumns, wide,
  };
  const w = newTabWriter();
  // Prime the remembered widths with the listing just printed, so updates line up beneath it.
  const initial = cluster.api.list(resource, { namespace }).filter((o) => !names.size || names.has(o.metadata.name));
  if (!flags.watchOnly) {
    writeTable(decorateTable(generateTable(handler, initial, { now: cluster.now(), wide }), { ...opts, noHeaders: false }), w, { ...opts, noHeaders: false });
    w.flush();
    w.take();
  }
  let revision = cluster.store.revision();
  const manual = cluster.clock.mode === 'manual';
  let lastChange = cluster.now();
  let headerPending = !!flags.watchOnly;
  for (;;) {
    if (manual) {
      const next = cluster.store.nextTimer();
      if (!next || next.due - lastChange > MANUAL_IDLE_MS) return;
      cluster.store.transaction(() => cluster.clock.advance(Math.max(0, next.due - cluster.clock.target())));
    } else {
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    await settle(cluster);
    const changes = cluster.store.changes(revision, [resource]);
    revision = cluster.store.revision();
    for (const ev of changes) {
      const o = ev.object;
      if (namespace && o.metadata.namespace !== namespace) continue;
      if (names.size && !names.has(o.metadata.name)) continue;
      lastChange = cluster.now();
      const table = generateTable(handler, [o], { now: cluster.now(), wide });
      const rowOpts = { ...opts, noHeaders: !headerPending };
      writeTable(decorateTable(table, rowOpts), w, rowOpts);
      headerPending = false;
      w.flush();
      ctx.io.out(w.take());
    }
  }
}
