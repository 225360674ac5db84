// `mk get`: kubectl get's flags and steps — resolve TYPE/NAME args, fetch (lists or named
// objects, continuing past NotFound), then print tables through the server-side row printers
// or hand the objects to the generic printers (-o yaml|json|name|jsonpath|custom-columns).
import { Command, Option } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { apiVersionOf, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { tableHandlers } from '../../api/tables.js';
import {
  generateTable, metadataRows, tableColumns, type PartialObjectMetadata, type Table, type TableHandler, type TableRow,
} from '../../api/table.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableSelectors, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { connect } from '../context.js';
import { apiErrorMessage, enhanceListError, UsageError } from '../errors.js';
import { printGet, type GetResult } from '../printers/table.js';
import { notFoundMessage } from '../not-found.js';
import { parseResourceArgs, type ResourceRequest } from '../resource-args.js';
import { isMetricsResource } from '../../apiserver/discovery.js';
import type { MetricsReader } from '../metrics-get.js';

export interface GetFlags {
  output?: string;
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
  showLabels?: boolean;
  labelColumns: string[];
  sortBy?: string;
  noHeaders?: boolean;
  watch?: boolean;
  watchOnly?: boolean;
  showKind?: boolean;
  ignoreNotFound?: boolean;
  showManagedFields?: boolean;
  /** Ends a watch after this long (kubectl's --request-timeout closes the watch request). */
  requestTimeout?: string;
  outputWatchEvents?: boolean;
  /** --template. */
  template?: string;
  /** --allow-missing-template-keys as typed (a pflag bool, true by default). */
  allowMissingTemplateKeys?: string | boolean;
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').filter(Boolean)];

export function getCommand(ctx: CliContext): Command {
  return new Command('get')
    .description('Display one or many resources')
    .argument('[TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...]')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.")
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.")
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--show-labels', 'When printing, show all labels as the last column.')
    .addOption(new Option('-L, --label-columns <labels>', 'Accepts a comma separated list of labels that are going to be presented as columns.').argParser(collect).default([]))
    .option('--sort-by <jsonpath>', 'If non-empty, sort list types using this field specification.')
    .option('--no-headers', 'When using the default or custom-column output format, don\'t print headers.')
    .option('-w, --watch', 'After listing/getting the requested object, watch for changes.')
    .option('--watch-only', 'Watch for changes to the requested object(s), without listing/getting first.')
    .option('--output-watch-events', 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.')
    .option('--show-kind', 'If present, list the resource type for the requested object(s).')
    .option('--ignore-not-found', 'If set to true, suppresses NotFound error for specific objects that do not exist.')
    .option('--template <string>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].')
    .option('--allow-missing-template-keys [bool]', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.')
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once.')
    .option('--request-timeout <duration>', 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.', '0')
    .action(async (args: string[], flags: GetFlags & { headers?: boolean }) => {
      // commander turns --no-headers into headers=false
      flags.noHeaders = flags.headers === false;
      if (flags.template && !flags.output) flags.output = 'go-template';
      if (typeof flags.allowMissingTemplateKeys === 'string') {
        const { boolFlag } = await import('./workload-targets.js');
        flags.allowMissingTemplateKeys = boolFlag(flags.allowMissingTemplateKeys, '--allow-missing-template-keys', true, 'get');
      }
      await runGet(ctx, args, flags);
    });
}

interface Fetched {
  request: ResourceRequest;
  objects: KubeObject[];
  /** A list printed as a table is turned into rows as it is read; its objects are not kept. */
  table?: Table<PartialObjectMetadata>;
  /** A list (no names given): prints as a list even with one item. */
  isList: boolean;
}

export async function runGet(ctx: CliContext, args: string[], flags: GetFlags): Promise<void> {
  const parsed = parseResourceArgs(args, 'get');
  const format = flags.output ?? '';
  const hasNames = parsed.requests.some((r) => r.names.length > 0);
  if (hasNames && (flags.selector || flags.fieldSelector)) {
    throw new UsageError('name cannot be provided when a selector is specified');
  }
  const { target, cluster } = await connect(ctx.flags);
  try {
    if (flags.selector || flags.fieldSelector) await enableSelectors(cluster);
    if (flags.watch || flags.watchOnly) {
      const { watchGet } = await import('./get-watch.js');
      await watchGet(ctx, cluster, target, parsed, flags);
      return;
    }
    const errors: string[] = [];
    // --sort-by sorts rows by their objects, so only an unsorted table can drop them early.
    const rowsOnly = (format === '' || format === 'wide') && !flags.sortBy;
    // What prints whole objects is loaded before they are read: compiling it with a long list on
    // the heap would have the garbage collector copy the list about. print() finds it loaded.
    if (!rowsOnly) await (format === '' || format === 'wide' ? import('../printers/sort.js') : import('../flags/print-flags.js'));
    const metrics = parsed.requests.some((r) => isMetricsResource(r.kind)) ? await (await import('../metrics-get.js')).metricsReader(cluster) : undefined;
    const fetched = fetchAll(cluster, target, parsed.requests, flags, errors, rowsOnly ? { now: cluster.now(), wide: format === 'wide' } : undefined, metrics);
    // kubectl prefixes names with their kind when what it got back spans kinds: lists count, named
    // objects only when found.
    const gotKinds = new Set(fetched.filter((f) => f.isList || f.objects.length > 0).map((f) => qualifiedResource(f.request.kind)));
    await print(ctx, target, fetched, flags, parsed.multipleKinds && gotKinds.size > 1, cluster.now(), errors.length > 0, metrics);
    for (const e of errors) ctx.io.err(e + '\n');
    if (errors.length) ctx.exitCode = 1;
  } finally {
    cluster.store.close();
  }
}

function fetchAll(cluster: ClusterHandle, target: Target, requests: ResourceRequest[], flags: GetFlags, errors: string[],
  rowsOnly?: { now: number; wide: boolean }, metrics?: MetricsReader): Fetched[] {
  const out: Fetched[] = [];
  for (const request of requests) {
    const { kind } = request;
    const namespace = kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
    if (metrics && isMetricsResource(kind)) {
      out.push(fetchMetrics(metrics, request, namespace ?? target.namespace, namespace, flags, errors));
      continue;
    }
    if (request.names.length === 0) {
      const filter = { namespace, labelSelector: flags.selector, fieldSelector: flags.fieldSelector };
      try {
        if (rowsOnly) {
          const handler = handlerFor(kind);
          const rows: TableRow<PartialObjectMetadata>[] = [];
          cluster.api.scan(resourceOf(kind), filter, (obj) => {
            for (const row of metadataRows(handler, obj, rowsOnly)) rows.push(row);
          });
          out.push({ request, objects: [], isList: true, table: { columnDefinitions: tableColumns(handler, rowsOnly.wide), rows } });
        } else {
          out.push({ request, objects: cluster.api.list(resourceOf(kind), filter), isList: true });
        }
      } catch (e) {
        throw enhanceListError(e, { labelSelector: flags.selector, fieldSelector: flags.fieldSelector }, kind);
      }
      continue;
    }
    const objects: KubeObject[] = [];
    for (const name of request.names) {
      const obj = cluster.api.tryGet(resourceOf(kind), kind.namespaced ? target.namespace : undefined, name);
      if (obj) objects.push(obj);
      else if (!flags.ignoreNotFound) {
        errors.push(notFoundMessage(cluster.api, kind, target.namespace, name));
      }
    }
    out.push({ request, objects, isList: false });
  }
  return out;
}

/** The metrics.k8s.io views: listed or got from metrics-server, a missing one its NotFound. */
function fetchMetrics(metrics: MetricsReader, request: ResourceRequest, namespace: string, listNamespace: string | undefined,
  flags: GetFlags, errors: string[]): Fetched {
  const { kind } = request;
  if (request.names.length === 0) {
    return { request, objects: metrics.list(kind, { namespace: listNamespace, labelSelector: flags.selector, fieldSelector: flags.fieldSelector }), isList: true };
  }
  const objects: KubeObject[] = [];
  for (const name of request.names) {
    try {
      objects.push(metrics.get(kind, namespace, name));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status.code !== 404) throw e;
      if (!flags.ignoreNotFound) errors.push(apiErrorMessage(e));
    }
  }
  return { request, objects, isList: false };
}

function handlerFor(kind: KindInfo): TableHandler<KubeObject> {
  return tableHandlers[kind.kind as keyof typeof tableHandlers] as TableHandler<KubeObject>;
}

export function resourceOf(kind: KindInfo): string {
  return qualifiedResource(kind);
}

async function print(ctx: CliContext, target: Target, fetched: Fetched[], flags: GetFlags, multipleKinds: boolean,
  now: number, hadErrors: boolean, metrics?: MetricsReader): Promise<void> {
  const format = flags.output ?? '';
  if (format === '' || format === 'wide') {
    const results: GetResult[] = [];
    const sortTableRows = flags.sortBy ? (await import('../printers/sort.js')).sortTableRows : undefined;
    for (const f of fetched) {
      if (!f.isList && !f.objects.length) continue;
      let table: Table | undefined = f.table;
      if (!table) {
        const full = metrics && isMetricsResource(f.request.kind) ? metrics.table(f.request.kind, f.objects)
          : generateTable(handlerFor(f.request.kind), f.objects, { now, wide: format === 'wide' });
        if (sortTableRows && flags.sortBy) {
          try {
            full.rows = sortTableRows(full.rows, (row) => row.object, flags.sortBy, { now: new Date(now) });
          } catch (e) {
            // Several kinds are sorted before printing and the error stops kubectl; one kind's
            // table is sorted by its printer, whose error kubectl ignores, printing nothing.
            if (fetched.length > 1) throw e;
            full.rows = [];
          }
        }
        table = full;
      }
      results.push({
        kind: f.request.kind.group ? `${f.request.kind.kind}.${f.request.kind.group}` : f.request.kind.kind,
        resource: resourceOf(f.request.kind),
        namespaced: f.request.kind.namespaced,
        table,
      });
    }
    const text = printGet(results, {
      noHeaders: flags.noHeaders,
      allNamespaces: flags.allNamespaces,
      showLabels: flags.showLabels,
      columnLabels: flags.labelColumns,
      showKind: flags.showKind || multipleKinds,
      wide: format === 'wide',
    });
    ctx.io.out(text);
    // kubectl says so only when it printed nothing, hit no error and was not told to ignore NotFound.
    if (!text && !hadErrors && !flags.ignoreNotFound) noResources(ctx, target, fetched, flags);
    return;
  }
  const { printObjects } = await import('../flags/print-flags.js');
  const { convertToVersion } = await import('../../api/conversions.js');
  const objects = fetched.flatMap((f) => f.objects.map((o) => convertToVersion(o, apiVersionOf(f.request.kind)) ?? o));
  const single = fetched.length === 1 && !fetched[0].isList && fetched[0].request.names.length === 1;
  const text = await printObjects(format, objects, {
    single, sortBy: flags.sortBy, noHeaders: flags.noHeaders, showManagedFields: flags.showManagedFields, io: ctx.io,
    template: flags.template, allowMissingTemplateKeys: flags.allowMissingTemplateKeys !== false,
  });
  ctx.io.out(text);
}

function noResources(ctx: CliContext, target: Target, fetched: Fetched[], flags: GetFlags): void {
  const allNamespaced = !flags.allNamespaces && fetched.every((f) => f.request.kind.namespaced);
  ctx.io.err(allNamespaced ? `No resources found in ${target.namespace} namespace.\n` : 'No resources found\n');
}
