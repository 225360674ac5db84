// `mk edit`: the object as YAML in $KUBE_EDITOR / $EDITOR (vi), then the difference sent as a
// merge patch; kubectl's comment header, cancel message and `edited` result.
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepEqual } from '../../api/deep-equal.js';
import { qualifiedKind, qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { apiErrorMessage, RawError, UsageError } from '../errors.js';
import { parseResourceArgs } from '../resource-args.js';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export function editCommand(ctx: CliContext): Command {
  return new Command('edit')
    .description('Edit a resource on the server')
    .argument('<args...>', '(RESOURCE/NAME | -f FILENAME)')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml).')
    .action(async (args: string[], flags: { output?: string }) => {
      const parsed = parseResourceArgs(args, 'edit');
      const [req] = parsed.requests;
      if (parsed.requests.length !== 1 || req.names.length !== 1) throw new UsageError('edit supports exactly one resource/name at a time in mk');
      const { target, cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        const resource = qualifiedResource(req.kind);
        const ns = req.kind.namespaced ? target.namespace : undefined;
        const original = cluster.api.get(resource, ns, req.names[0]);
        const { printObjects } = await import('../flags/print-flags.js');
        const format = flags.output === 'json' ? 'json' : 'yaml';
        const body = await printObjects(format, [original], { single: true });
        const dir = mkdtempSync(join(tmpdir(), 'mk-edit-'));
        const file = join(dir, `${req.kind.resource}-${req.names[0]}.${format}`);
        writeFileSync(file, HEADER + body);
        const editor = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
        const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
        if (r.status !== 0) throw new RawError(`error: there was a problem with the editor "${editor}"`);
        const edited = readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n');
        if (!edited.trim()) {
          ctx.io.err('Edit cancelled, saved file was empty.\n');
          return;
        }
        const { parse } = await import('../yaml-text.js');
        const obj = parse(edited) as Record<string, unknown>;
        // The editor showed the object without managedFields (kubectl edit's default), so that is what the edit is compared with.
        const { omitManagedFields } = await import('../printers/json.js');
        const shown = omitManagedFields(original as never);
        if (deepEqual(obj, shown)) {
          ctx.io.err('Edit cancelled, no changes made.\n');
          return;
        }
        const { createMergePatch } = await import('../../apiserver/patch/merge.js');
        const patch = createMergePatch(shown as never, obj as never);
        try {
          cluster.api.patch(resource, ns, req.names[0], 'merge', patch, { fieldManager: 'kubectl-edit' });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          const copy = join(dir, 'saved.yaml');
          writeFileSync(copy, edited);
          ctx.io.err(`${apiErrorMessage(e)}\nA copy of your changes has been stored to "${copy}"\nerror: Edit cancelled, no valid changes were saved.\n`);
          ctx.exitCode = 1;
          return;
        }
        ctx.io.out(`${qualifiedKind(req.kind)}/${req.names[0]} edited\n`);
        await settle(cluster);
      } finally {
        cluster.store.close();
      }
    });
}
