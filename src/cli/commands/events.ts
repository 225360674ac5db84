// `mk events`: kubectl events' listing — sorted by when each event was last seen, `Kind/name`
// objects, `(xN over T)` intervals — with --for, --types, -A and -w.
import { Command } from 'commander';
import type { Event } from '../../api/core/event/schema.js';
import { humanDuration, parseTimestamp } from '../../api/duration.js';
import { parseMicroTime } from '../../api/coordination/lease/renewal.js';
import { resolveResource } from '../../api/registry.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { newTabWriter } from '../printers/table.js';

interface EventsFlags {
  allNamespaces?: boolean;
  for?: string;
  types: string[];
  headers?: boolean;
  output?: string;
  watch?: boolean;
}

const list = (v: string, prev: string[]) => [...prev, ...v.split(',').filter(Boolean)];

export function eventsCommand(ctx: CliContext): Command {
  return new Command('events')
    .description('List events')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--for <kind/name>', 'Filter events to only those pertaining to the specified resource.')
    .option('--types <types>', 'Output only events of given types.', list, [])
    .option('--no-headers', "When using the default output format, don't print headers.")
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('-w, --watch', 'After listing the requested events, watch for more events.')
    .action(async (flags: EventsFlags) => runEvents(ctx, flags));
}

function since(ts: string | null | undefined, now: number): string {
  const t = parseTimestamp(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** getInterval from kubectl's event_printer.go. */
export function eventInterval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/**
 * kubectl events' eventTime(): when an event was last seen, in microseconds, since MicroTimes
 * that tie at the millisecond must still sort apart.
 */
function lastSeen(e: Event): number {
  const ts = e.series ? e.series.lastObservedTime : parseTimestamp(e.lastTimestamp) !== undefined ? e.lastTimestamp : e.eventTime;
  const t = parseTimestamp(ts) === undefined ? undefined : parseMicroTime(ts ?? undefined);
  return t ? t.ms * 1000 + t.micros : 0;
}

/** The output formats kubectl events' print flags accept. */
const PRINTERS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

const escapeCell = (s: string) => {
  const i = s.search(/[\f\n\r]/);
  return i >= 0 ? `${s.slice(0, i)}...` : s;
};

async function runEvents(ctx: CliContext, flags: EventsFlags): Promise<void> {
  if (flags.watch) throw new RawError('error: mk events --watch is not supported yet; use mk get events -w');
  const types = flags.types.map((t) => t[0]?.toUpperCase() + t.slice(1).toLowerCase());
  for (const t of types) {
    if (t !== 'Normal' && t !== 'Warning') throw new RawError(`error: valid --types are Normal or Warning`);
  }
  let forKind: string | undefined;
  let forName: string | undefined;
  if (flags.for) {
    const [type, name] = flags.for.includes('/') ? flags.for.split('/', 2) : ['pod', flags.for];
    const k = resolveResource(type);
    if (!k) throw new RawError(`error: the server doesn't have a resource type "${type}"`);
    forKind = k.kind;
    forName = name;
  }
  if (flags.output !== undefined && !PRINTERS.includes(flags.output.split('=')[0])) {
    throw new RawError(`error: unable to match a printer suitable for the output format "${flags.output}", allowed formats are: ${PRINTERS.join(',')}`);
  }
  const { target, cluster } = await connect(ctx.flags);
  try {
    let events = cluster.api.list<Event>('events', { namespace: flags.allNamespaces ? undefined : target.namespace });
    if (forKind) events = events.filter((e) => e.involvedObject.kind === forKind && e.involvedObject.name === forName);
    if (types.length) events = events.filter((e) => types.includes(e.type ?? ''));
    // sort.Sort(SortableEvents): Go's unstable sort, whose order of ties only its own algorithm gives.
    if (events.length) {
      const { goSort } = await import('../printers/go-sort.js');
      events = goSort([...events], (a, b) => lastSeen(a) < lastSeen(b));
    }
    if (!events.length) {
      ctx.io.err(flags.allNamespaces ? 'No events found.\n' : `No events found in ${target.namespace} namespace.\n`);
      return;
    }
    if (flags.output) {
      const [{ printObjects }, { marshalStructJSON, typedEventList }] = await Promise.all([
        import('../flags/print-flags.js'), import('../printers/typed-event.js')]);
      const list = typedEventList(events);
      // The name printer finds no names in the typed list kubectl events hands it.
      if (flags.output === 'json') ctx.io.out(marshalStructJSON(list));
      else if (flags.output !== 'name') ctx.io.out(await printObjects(flags.output, [list as never], { single: true }));
      return;
    }
    const now = cluster.now();
    const w = newTabWriter();
    if (flags.headers !== false) w.write(`${flags.allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
    for (const e of events) {
      w.write(`${flags.allNamespaces ? `${e.metadata.namespace}\t` : ''}${eventInterval(e, now)}\t${escapeCell(e.type ?? '')}\t${escapeCell(e.reason ?? '')}\t`
        + `${escapeCell(e.involvedObject.kind ?? '')}/${escapeCell(e.involvedObject.name ?? '')}\t${escapeCell((e.message ?? '').trim())}\n`);
    }
    w.flush();
    ctx.io.out(w.take());
  } finally {
    cluster.store.close();
  }
}
