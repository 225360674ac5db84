// Flags every writing verb shares (--dry-run, --validate, -o name).
import type { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { kindInfo, qualifiedKind } from '../../api/registry.js';
import { UsageError } from '../errors.js';

export interface WriteFlags {
  dryRun?: string;
  validate?: string;
  output?: string;
}

export interface WriteOptionsResolved {
  dryRun?: 'client' | 'server';
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
}

export function addWriteFlags(cmd: Command): Command {
  return cmd
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it.')
    .option('--validate [mode]', "Must be one of: strict (or true), warn, ignore (or false).", 'strict')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).');
}

export function writeFlagsFrom(flags: WriteFlags): WriteOptionsResolved {
  let dryRun: WriteOptionsResolved['dryRun'];
  const d = flags.dryRun as string | boolean | undefined;
  if (d === true || d === 'client') dryRun = 'client';
  else if (d === 'server') dryRun = 'server';
  else if (d !== undefined && d !== 'none' && d !== false) {
    throw new UsageError(`Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
  }
  const v = String(flags.validate ?? 'strict').toLowerCase();
  const fieldValidation = v === 'strict' || v === 'true' ? 'Strict' : v === 'warn' ? 'Warn' : v === 'ignore' || v === 'false' ? 'Ignore' : undefined;
  if (!fieldValidation) throw new UsageError(`invalid - validate option "${flags.validate}"; must be one of: strict (or true), warn, ignore (or false)`);
  return { dryRun, fieldValidation };
}

/** What a write prints: `pod/x created`, or the object through -o (name, yaml, json, jsonpath...). */
export async function printWriteResult(io: { out(s: string): void }, obj: KubeObject, output: string | undefined, verb: string): Promise<void> {
  const kind = kindInfo(obj.kind);
  const ref = `${kind ? qualifiedKind(kind) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
  if (!output) {
    io.out(`${ref} ${verb}\n`);
    return;
  }
  const { printObjects } = await import('../flags/print-flags.js');
  io.out(await printObjects(output, [obj], { single: true, io }));
}
