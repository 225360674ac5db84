// `mk api-resources`: the discovery table of the kinds this cluster serves, in kubectl's layout
// (group, then resource name; `-o wide` adds VERBS and CATEGORIES).
import { Command } from 'commander';
import { apiVersionOf } from '../../api/registry.js';
import { servedGroupVersions } from '../../apiserver/discovery.js';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';
import { newTabWriter } from '../printers/table.js';

interface Flags {
  output?: string;
  namespaced?: string;
  apiGroup?: string;
  verbs: string[];
  categories: string[];
  sortBy?: string;
  headers?: boolean;
}

const list = (v: string, prev: string[]) => [...prev, ...v.split(',').filter(Boolean)];

export function apiResourcesCommand(ctx: CliContext): Command {
  return new Command('api-resources')
    .description('Print the supported API resources on the server')
    .option('-o, --output <format>', 'Output format. One of: (wide, name).')
    .option('--namespaced <bool>', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.')
    .option('--api-group <group>', 'Limit to resources in the specified API group.')
    .option('--verbs <verbs>', 'Limit to resources that support the specified verbs.', list, [])
    .option('--categories <categories>', 'Limit to resources that belong to the specified categories.', list, [])
    .option('--sort-by <field>', "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
    .option('--no-headers', "When using the default or custom-column output format, don't print headers (default print headers).")
    .option('--cached', 'Use the cached list of resources if available.')
    .action(async (flags: Flags) => {
      if (flags.output && !['wide', 'name'].includes(flags.output)) {
        throw new RawError(`error: --output ${flags.output} is not available`);
      }
      if (flags.sortBy && !['name', 'kind'].includes(flags.sortBy)) {
        throw new RawError(`error: --sort-by accepts only name or kind`);
      }
      // ServerPreferredResources: the preferred version of each group, core first, groups in priority order.
      const preferred = new Set<string>();
      let kinds = servedGroupVersions().filter((gv) => !preferred.has(gv.group) && preferred.add(gv.group)).flatMap((gv) => gv.resources);
      if (flags.namespaced !== undefined) kinds = kinds.filter((k) => String(k.namespaced) === flags.namespaced);
      if (flags.apiGroup !== undefined) kinds = kinds.filter((k) => k.group === flags.apiGroup);
      if (flags.verbs.length) kinds = kinds.filter((k) => flags.verbs.every((v) => k.verbs.includes(v)));
      if (flags.categories.length) kinds = kinds.filter((k) => flags.categories.every((c) => k.categories?.includes(c)));
      // kubectl's sortableResource: by group (or the --sort-by field), then name, byte-wise and stable.
      const field = flags.sortBy === 'name' ? 'resource' : flags.sortBy === 'kind' ? 'kind' : 'group';
      kinds.sort((a, b) => compare(a[field], b[field]) || compare(a.resource, b.resource));
      if (flags.output === 'name') {
        for (const k of kinds) ctx.io.out(`${k.group ? `${k.resource}.${k.group}` : k.resource}\n`);
        return;
      }
      const wide = flags.output === 'wide';
      const w = newTabWriter();
      if (flags.headers !== false) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`);
      for (const k of kinds) {
        const cols = [k.resource, k.shortNames.join(','), apiVersionOf(k), String(k.namespaced), k.kind];
        if (wide) cols.push(k.verbs.join(','), (k.categories ?? []).join(','));
        w.write(cols.join('\t') + '\n');
      }
      w.flush();
      ctx.io.out(w.take());
    });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
