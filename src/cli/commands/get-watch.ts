// `mk get -w` / `--watch-only`: kubectl get's watch(). The initial listing (a table, or each
// object on its own for -o yaml|json|name|...), then one row per change to a watched object, all
// through one tabwriter that remembers column widths, so later rows line up under the header and
// a wider cell widens its column from then on. Headers come as the HumanReadablePrinter gives
// them: with the first row printed, whether that is in the listing or the first change.
// Label and field selectors filter changes as the API server's watch does: an object that stops
// matching is printed once more, as it was when it last matched.
//
// How long it runs:
// - realtime cluster: until interrupted (SIGINT/SIGTERM/SIGHUP exit 1, as kubectl's interrupt
//   handler does) or until --request-timeout, catching the cluster up every POLL_MS. It holds
//   the cluster's lease meanwhile, so other commands leave the reconciling to it.
// - manual clock: virtual time moves only when someone moves it, so the watch moves it itself,
//   from timer to timer, as long as the watched objects keep changing. It stops once they have
//   been quiet for MANUAL_QUIET_MS of virtual time (the next timer is further off than that from
//   the last change), or MANUAL_MAX_MS after it started (a crash loop never goes quiet), and no
//   other process has written anything for MANUAL_GRACE_MS of wall time. With --request-timeout it
//   instead runs to exactly that much virtual time after it started. Either way it ends with
//   exit 0, as a watch closed by the server does.
import type { KubeObject } from '../../api/object.js';
import { parseGoDuration } from '../../api/go-duration.js';
import { qualifiedResource, type KindInfo } from '../../api/registry.js';
import { generateTable, type Table, type TableHandler } from '../../api/table.js';
import { tableHandlers } from '../../api/tables.js';
import { ApiError, notFound } from '../../apiserver/errors.js';
import { holdLease, releaseLease, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { WatchEvent } from '../../store/store.js';
import type { JsonValue } from '../printers/json.js';
import type { CliContext, Target } from '../context.js';
import { RawError } from '../errors.js';
import { decorateTable, newTabWriter, writeTable, type PrintOptions } from '../printers/table.js';
import type { ParsedArgs } from '../resource-args.js';
import type { GetFlags } from './get.js';
import { moveClockTo, otherWriters } from '../wait.js';

/** Realtime: how often the watch catches the cluster up and looks for changes. */
export const POLL_MS = 200;
/** Manual clock: virtual time without a change to a watched object after which the watch stops moving time. */
export const MANUAL_QUIET_MS = 2 * 60 * 1000;
/** Manual clock: the most virtual time a watch moves through unless --request-timeout asks for more. */
export const MANUAL_MAX_MS = 60 * 60 * 1000;
/** Manual clock: wall time to wait for other processes' writes once nothing is due. */
export const MANUAL_GRACE_MS = 3_000;

export interface WatchTiming {
  pollMs: number;
  graceMs: number;
  /** Waits `ms` of wall time, or less when woken (an interrupt). */
  sleep?(ms: number): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export async function watchGet(ctx: CliContext, cluster: ClusterHandle, target: Target, parsed: ParsedArgs,
  flags: GetFlags & { requestTimeout?: string }, timing: WatchTiming = { pollMs: POLL_MS, graceMs: MANUAL_GRACE_MS }): Promise<void> {
  // The resource builder's SingleResourceType refusal.
  if (parsed.multipleKinds) throw new RawError('error: you may only specify a single resource type');
  const timeoutMs = requestTimeout(flags.requestTimeout);
  const { kind } = parsed.requests[0];
  const names = new Set(parsed.requests.flatMap((r) => r.names));
  const resource = qualifiedResource(kind);
  const namespace = kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
  const matches = await selectorFor(kind, flags);

  const printer = await watchPrinter(ctx, kind, flags);
  // The listing and the revision it reflects, read together so no change falls between them.
  const { initial, revision: listed } = cluster.store.transaction(() => {
    let objs: KubeObject[];
    if (names.size) {
      objs = [];
      for (const name of names) {
        const o = cluster.api.tryGet(resource, namespace ?? (kind.namespaced ? target.namespace : undefined), name);
        if (!o) throw notFound(resource, name);
        objs.push(o);
      }
    } else {
      objs = cluster.api.list(resource, { namespace }).filter(matches);
    }
    return { initial: objs, revision: cluster.store.revision() };
  });
  if (!flags.watchOnly) ctx.io.out(await printer.listing(initial, cluster.now()));
  // Result.Watch watches one source: several names were several, found out after the listing.
  if (names.size > 1) throw new RawError('error: you may only watch a single resource or type of resource at a time');

  const matching = new Map<string, KubeObject>(initial.map((o) => [keyOf(o), o]));
  let revision = listed;
  /** Prints the changes since the last look; returns whether any concerned a watched object. */
  const drain = async (): Promise<boolean> => {
    const changes = changesSince(cluster, resource, revision, matching, namespace);
    revision = Math.max(revision, changes.at(-1)?.revision ?? revision);
    let seen = false;
    for (const ev of changes) {
      const shown = visible(ev, matching, { namespace, names, matches });
      if (!shown) continue;
      seen = true;
      ctx.io.out(await printer.change(shown.object, shown.type, cluster.now()));
    }
    return seen;
  };

  let interrupted = false;
  let wake: (() => void) | undefined;
  const onSignal = () => {
    interrupted = true;
    wake?.();
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    if (interrupted) return resolve();
    wake = resolve;
    const done = () => {
      wake = undefined;
      resolve();
    };
    if (timing.sleep) void timing.sleep(ms).then(done);
    else setTimeout(done, ms);
  });
  for (const s of SIGNALS) process.on(s, onSignal);
  holdLease(cluster);
  try {
    const start = cluster.now();
    const manual = cluster.clock.mode === 'manual';
    if (!manual) {
      const deadline = timeoutMs ? performance.now() + timeoutMs : Infinity;
      while (!interrupted && performance.now() < deadline) {
        await sleep(Math.min(timing.pollMs, Math.max(0, deadline - performance.now())));
        await settle(cluster);
        await drain();
      }
    } else {
      let lastChange = start;
      const deadline = timeoutMs ? start + timeoutMs : undefined;
      while (!interrupted) {
        if (await drain()) lastChange = cluster.now();
        const next = cluster.store.nextTimer();
        const limit = deadline ?? Math.min(lastChange + MANUAL_QUIET_MS, start + MANUAL_MAX_MS);
        if (next && next.due <= limit && cluster.clock.clusterMode === 'manual') {
          moveClockTo(cluster, next.due);
          await settle(cluster);
          continue;
        }
        if (deadline !== undefined) {
          if (cluster.clock.clusterMode === 'manual') moveClockTo(cluster, deadline);
          await settle(cluster);
          await drain();
          break;
        }
        // Quiet: only another process can bring news now. Give it a moment.
        if (!(await otherWriters(cluster, timing.graceMs, sleep, () => interrupted))) break;
      }
    }
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    releaseLease(cluster);
  }
  if (interrupted) ctx.exitCode = 1;
}

/** --request-timeout: a Go duration, or a bare number of seconds; 0 means none. */
function requestTimeout(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseGoDuration(text);
  if (ms === undefined || ms < 0) {
    throw new RawError(`error: invalid argument "${text}" for "--request-timeout" flag: time: invalid duration "${text}"`);
  }
  return ms;
}

/**
 * The stored changes to `resource` after `revision`. When the watch fell behind the store's
 * compaction window it relists, as a reflector does after 410 Gone, and makes up the changes from
 * what it knew: objects whose version moved, and the ones that are gone.
 */
function changesSince(cluster: ClusterHandle, resource: string, revision: number, known: Map<string, KubeObject>,
  namespace: string | undefined): WatchEvent[] {
  try {
    return cluster.store.changes(revision, [resource]).map((ev) => ({ ...ev, object: cluster.api.asRead(ev.object) }));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status.code !== 410) throw err;
  }
  const relisted = cluster.store.list(resource, { namespace });
  const now = relisted.revision;
  const items = relisted.items.map((o) => cluster.api.asRead(o));
  const out: WatchEvent[] = [];
  const live = new Set<string>();
  for (const o of items) {
    live.add(keyOf(o));
    const was = known.get(keyOf(o));
    if (!was || was.metadata.resourceVersion !== o.metadata.resourceVersion) {
      out.push({ type: was ? 'MODIFIED' : 'ADDED', revision: now, resource, object: o });
    }
  }
  for (const [key, o] of known) if (!live.has(key)) out.push({ type: 'DELETED', revision: now, resource, object: o });
  return out;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/**
 * The object a watch with these filters delivers for one stored change, if any: the new state
 * while it matches, and once more the last matching state when it stops matching or goes away.
 */
export function visible(ev: WatchEvent, matching: Map<string, KubeObject>,
  filter: { namespace?: string; names: Set<string>; matches(o: KubeObject): boolean }): { object: KubeObject; type: WatchEventType } | undefined {
  const o = ev.object;
  if (filter.namespace !== undefined && o.metadata.namespace !== filter.namespace) return undefined;
  if (filter.names.size && !filter.names.has(o.metadata.name)) return undefined;
  const key = keyOf(o);
  const was = matching.get(key);
  if (ev.type !== 'DELETED' && filter.matches(o)) {
    matching.set(key, o);
    // The API server's filtered watch: an object that starts matching arrives as ADDED.
    return { object: o, type: was ? 'MODIFIED' : 'ADDED' };
  }
  if (!was) return undefined;
  matching.delete(key);
  return { object: ev.type === 'DELETED' ? o : was, type: 'DELETED' };
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

async function selectorFor(kind: KindInfo, flags: GetFlags): Promise<(o: KubeObject) => boolean> {
  if (!flags.selector && !flags.fieldSelector) return () => true;
  const { selectors } = await import('../../apiserver/selectors.js');
  return selectors.compile(kind.kind, { labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
}

interface WatchPrinter {
  listing(objs: KubeObject[], now: number): Promise<string>;
  change(obj: KubeObject, type: WatchEventType, now: number): Promise<string>;
}

/** printers' formatEventType: the EVENT column of --output-watch-events, padded to one width. */
function formatEventType(type: WatchEventType): string {
  return type.padEnd(8);
}

async function watchPrinter(ctx: CliContext, kind: KindInfo, flags: GetFlags): Promise<WatchPrinter> {
  const format = flags.output ?? '';
  if (format === '' || format === 'wide') return tablePrinter(kind, flags, format === 'wide');
  const [{ printObjects }, { marshalJSON, quoteJSON }] = await Promise.all([import('../flags/print-flags.js'), import('../printers/json.js')]);
  let printed = 0;
  const one = async (o: KubeObject, type: WatchEventType) => {
    // --output-watch-events prints each change as the metav1.WatchEvent holding it: JSON on one
    // line in the struct's field order; the name printer names the object inside.
    if (flags.outputWatchEvents && format === 'json') return `{"type":${quoteJSON(type)},"object":${marshalJSON(o as unknown as JsonValue)}}\n`;
    const printable = (flags.outputWatchEvents && format !== 'name' ? { type, object: o } : o) as KubeObject;
    const text = await printObjects(format, [printable], {
      single: true, noHeaders: flags.noHeaders, io: ctx.io, template: flags.template, allowMissingTemplateKeys: flags.allowMissingTemplateKeys !== false,
    });
    // The YAML printer separates the documents it prints.
    return format === 'yaml' && printed++ > 0 ? `---\n${text}` : text;
  };
  return {
    async listing(objs) {
      let out = '';
      for (const o of objs) out += await one(o, 'ADDED');
      return out;
    },
    change: one,
  };
}

/** The HumanReadablePrinter and tabwriter of one watch: header once, widths remembered throughout. */
function tablePrinter(kind: KindInfo, flags: GetFlags, wide: boolean): WatchPrinter {
  const handler = tableHandlers[kind.kind as keyof typeof tableHandlers] as TableHandler<KubeObject>;
  const options: PrintOptions = {
    noHeaders: flags.noHeaders,
    withNamespace: !!flags.allNamespaces && kind.namespaced,
    showLabels: flags.showLabels,
    columnLabels: flags.labelColumns,
    withKind: flags.showKind ? (kind.group ? `${kind.kind}.${kind.group}` : kind.kind) : undefined,
    wide,
  };
  const w = newTabWriter();
  // Every table of one watch has the same columns: the header goes with the first row printed.
  let printedHeaders = false;
  const print = (table: Table, type: WatchEventType): string => {
    const local = printedHeaders ? { ...options, noHeaders: true } : options;
    if (table.rows.length > 0) printedHeaders = true;
    let decorated = decorateTable(table, local);
    if (flags.outputWatchEvents) {
      decorated = {
        columnDefinitions: [{ name: 'Event', type: 'string', format: '', description: '', priority: 0 }, ...decorated.columnDefinitions],
        rows: decorated.rows.map((row) => ({ ...row, cells: [formatEventType(type), ...row.cells] })),
      };
    }
    writeTable(decorated, w, local);
    w.flush();
    return w.take();
  };
  return {
    async listing(objs, now) {
      const table = generateTable(handler, objs, { now, wide });
      if (flags.sortBy && table.rows.length > 1) {
        const { sortTableRows } = await import('../printers/sort.js');
        table.rows = sortTableRows(table.rows, (row) => row.object, flags.sortBy, { now: new Date(now) });
      }
      return print(table, 'ADDED');
    },
    async change(obj, type, now) {
      return print(generateTable(handler, [obj], { now, wide }), type);
    },
  };
}
