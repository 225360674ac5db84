// `mk patch`: strategic (default), merge or json patches, from -p or --patch-file, with
// kubectl's `patched` / `patched (no change)` messages.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { deepEqual } from '../../api/deep-equal.js';
import { qualifiedKind, qualifiedResource } from '../../api/registry.js';
import type { PatchType } from '../../apiserver/api.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { addWriteFlags, printWriteResult, writeFlagsFrom, type WriteFlags } from './write-flags.js';
import { parseResourceArgs } from '../resource-args.js';
import { decodePatch } from '../../apiserver/patch/decode.js';
import { goQuote } from '../../api/field-errors.js';

interface PatchFlags extends WriteFlags {
  patch?: string;
  patchFile?: string;
  type: string;
}

export function patchCommand(ctx: CliContext): Command {
  const cmd = new Command('patch')
    .description('Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch')
    .argument('<args...>', '(-f FILENAME | TYPE NAME)')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .option('--type <type>', 'The type of patch being provided; one of [json merge strategic]', 'strategic');
  addWriteFlags(cmd);
  return cmd.action(async (args: string[], flags: PatchFlags) => {
    if (!['json', 'merge', 'strategic'].includes(flags.type)) {
      throw new RawError(`error: --type must be one of [json merge strategic], not "${flags.type}"`);
    }
    if (flags.patch !== undefined && flags.patchFile) throw new RawError('error: cannot specify --patch and --patch-file together');
    const text = flags.patchFile ? readFileSync(flags.patchFile, 'utf8') : flags.patch;
    if (text === undefined || !text.trim()) throw new RawError('error: must specify --patch or --patch-file containing the contents of the patch');
    // yaml.ToJSON: text that looks like JSON goes to the server as it is, for it to judge.
    const json = /^\s*\{/.test(text);
    let patch: unknown;
    if (!json) {
      try {
        const { parse } = await import('../yaml-text.js');
        patch = parse(text);
      } catch (e) {
        throw new RawError(`error: unable to parse ${goQuote(text)}: yaml: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    const write = writeFlagsFrom(flags);
    const parsed = parseResourceArgs(args, 'patch');
    const [req] = parsed.requests;
    if (parsed.requests.length !== 1 || req.names.length !== 1) {
      throw new UsageError('resource(s) were provided, but no name was specified');
    }
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const resource = qualifiedResource(req.kind);
      const ns = req.kind.namespaced ? target.namespace : undefined;
      const before = cluster.api.get(resource, ns, req.names[0]);
      if (json) patch = decodePatch(flags.type as PatchType, text);
      const after = cluster.api.patch(resource, ns, req.names[0], flags.type as PatchType, patch,
        { dryRun: !!write.dryRun, fieldValidation: write.fieldValidation, fieldManager: 'kubectl-patch' });
      const unchanged = deepEqual(after, before);
      const suffix = write.dryRun === 'server' ? ' (server dry run)' : write.dryRun === 'client' ? ' (dry run)' : '';
      if (flags.output) await printWriteResult(ctx.io, after, flags.output, '');
      else ctx.io.out(`${qualifiedKind(req.kind)}/${req.names[0]} patched${unchanged ? ' (no change)' : ''}${suffix}\n`);
      await settle(cluster);
    } finally {
      cluster.store.close();
    }
  });
}
