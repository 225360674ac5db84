// `mk describe`: kubectl describe's selection (exact name, else every object whose name starts
// with it; a type alone describes them all; -l; -A) and its output, one describer per kind.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource } from '../../api/registry.js';
import { enableSelectors } from '../../cluster/runtime.js';
import { notFoundMessage } from '../not-found.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { enhanceListError, RawError } from '../errors.js';
import { parseResourceArgs } from '../resource-args.js';

interface DescribeFlags {
  selector?: string;
  allNamespaces?: boolean;
  showEvents?: boolean;
  filename: string[];
  recursive?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function describeCommand(ctx: CliContext): Command {
  return new Command('describe')
    .description('Show details of a specific resource or group of resources')
    .argument('[TYPE[.VERSION][.GROUP] [NAME_PREFIX | -l label] | TYPE[.VERSION][.GROUP]/NAME...]')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--show-events [bool]', 'If true, display events related to the described object.', (v) => v !== 'false', true)
    .option('-f, --filename <file>', 'Filename, directory, or URL to files containing the resource to describe', collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .action(async (args: string[], flags: DescribeFlags) => runDescribe(ctx, args, flags));
}

async function runDescribe(ctx: CliContext, args: string[], flags: DescribeFlags): Promise<void> {
  const { target, cluster } = await connect(ctx.flags);
  try {
    if (flags.selector) await enableSelectors(cluster);
    const errors: string[] = [];
    const objects: KubeObject[] = [];
    if (flags.filename.length) {
      const { readSources } = await import('../flags/filename-flags.js');
      const { decodeSources } = await import('../manifests.js');
      const { docs, failures } = decodeSources(await readSources(flags.filename, !!flags.recursive, ctx.io));
      errors.push(...failures.map((f) => f.message));
      for (const d of docs) {
        const ns = d.kind.namespaced ? d.obj.metadata.namespace ?? target.namespace : undefined;
        const obj = cluster.api.tryGet(qualifiedResource(d.kind), ns, d.obj.metadata.name);
        if (obj) objects.push(obj);
        else errors.push(`Error from server (NotFound): ${qualifiedResource(d.kind)} "${d.obj.metadata.name}" not found`);
      }
    } else {
      const parsed = parseResourceArgs(args, 'describe');
      for (const r of parsed.requests) {
        const resource = qualifiedResource(r.kind);
        const namespace = r.kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
        if (!r.names.length) {
          try {
            objects.push(...cluster.api.list(resource, { namespace, labelSelector: flags.selector }));
          } catch (e) {
            throw enhanceListError(e, { labelSelector: flags.selector }, r.kind);
          }
          continue;
        }
        for (const name of r.names) {
          const exact = cluster.api.tryGet(resource, r.kind.namespaced ? target.namespace : undefined, name);
          if (exact) {
            objects.push(exact);
            continue;
          }
          const prefixed = cluster.api.list(resource, { namespace, labelSelector: flags.selector })
            .filter((o) => o.metadata.name.startsWith(name));
          if (prefixed.length) objects.push(...prefixed);
          else errors.push(notFoundMessage(cluster.api, r.kind, target.namespace, name));
        }
      }
      if (!objects.length && !errors.length) {
        const allNamespaced = !flags.allNamespaces && parsed.requests.every((r) => r.kind.namespaced);
        ctx.io.err(allNamespaced ? `No resources found in ${target.namespace} namespace.\n` : 'No resources found\n');
      }
    }
    const { describeObject, NoDescriberError } = await import('../describe/index.js');
    let first = true;
    for (const obj of objects) {
      let text: string;
      try {
        text = describeObject(obj, cluster.api, { now: cluster.now(), showEvents: flags.showEvents !== false });
      } catch (e) {
        if (e instanceof NoDescriberError) throw new RawError(`error: ${e.message}`);
        throw e;
      }
      ctx.io.out(first ? text : `\n\n${text}`);
      first = false;
    }
    for (const e of errors) ctx.io.err(e + '\n');
    if (errors.length) ctx.exitCode = 1;
  } finally {
    cluster.store.close();
  }
}
