// `mk diff -f`: kubectl's diff (cmd/diff/diff.go). Each object of the manifests is written twice,
// as YAML without managedFields: LIVE (as stored, or an empty file when absent) and MERGED (what
// the same apply returns as a server dry run), into two temp dirs; then the diff program compares
// the dirs. Exit codes: 0 no differences, 1 differences, >1 an error of mk's or the program's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { convertToVersion } from '../../api/conversions.js';
import { qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { addSourceToErr, Aggregate, checkErr, ExitError, RawError, UsageError } from '../errors.js';
import { collectFilenames, readSources } from '../flags/filename-flags.js';
import type { Info } from '../manifests.js';
import type { JsonValue } from '../printers/json.js';

interface DiffFlags {
  filename: string[];
  recursive?: boolean;
  serverSide?: boolean;
  forceConflicts?: boolean;
  fieldManager?: string;
  showManagedFields?: boolean;
  selector?: string;
}

export function diffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('Diff the live version against a would-be applied version')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files contains the configuration to diff', collectFilenames, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value1)). Matching objects must satisfy all of the specified label constraints.')
    .option('--show-managed-fields', 'If true, include managed fields in the diff.')
    .argument('[args...]')
    .action(async (args: string[], flags: DiffFlags) => {
      try {
        if (args.length) throw new UsageError(`Unexpected args: [${args.join(' ')}]`, "See 'mk diff -h' for help and examples");
        await runDiff(ctx, flags);
      } catch (e) {
        // cmdutil.CheckDiffErr: kubectl's usual message, one more than its usual exit code, so
        // that 1 keeps meaning "differences found".
        if (e instanceof ExitError) throw e;
        const { text, code } = checkErr(e);
        throw new RawError(text, code + 1);
      }
    });
}

async function runDiff(ctx: CliContext, flags: DiffFlags): Promise<void> {
  if (!flags.filename.length) throw new Error('must specify one of -f and -k');
  if (flags.forceConflicts && !flags.serverSide) throw new Error('--force-conflicts only works with --server-side');
  const fieldManager = flags.fieldManager ?? (flags.serverSide ? 'kubectl' : 'kubectl-client-side-apply');
  const live = mkdtempSync(join(tmpdir(), 'LIVE-'));
  const merged = mkdtempSync(join(tmpdir(), 'MERGED-'));
  try {
    const sources = await readSources(flags.filename, !!flags.recursive, ctx.io);
    const { target, cluster } = await connect(ctx.flags);
    try {
      const { manifestInfos } = await import('../manifests.js');
      // diff's builder has no schema: nothing is validated on the client.
      const { infos, error } = await manifestInfos(sources, {
        validation: 'Ignore', namespace: target.namespace, enforceNamespace: target.explicitNamespace,
      });
      // The selector is parsed before any document is decoded; diff's builder does not continue
      // on errors, so the first decoding error ends the visit.
      const selected = await selectedBy(flags.selector);
      if (error) throw firstError(error);
      if (infos.length) await enableWrites(cluster);
      const { toYAML } = await import('../printers/yaml.js');
      const mergedOf = await merger(cluster, flags, fieldManager);
      for (const info of infos) {
        if (!selected(info.obj.metadata.labels)) continue;
        if (!info.name) throw new Error('resource name may not be empty');
        const [from, to] = cluster.store.transaction(() => {
          const stored = cluster.api.tryGet(qualifiedResource(info.kind), info.kind.namespaced ? info.namespace : undefined, info.name);
          // kubectl reads the live object in the manifest's version; the server converts.
          const asRead = stored && (convertToVersion(stored, info.obj.apiVersion) ?? stored);
          return [asRead, mergedOf(info, asRead, asRead !== stored)] as const;
        });
        for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
        const [a, b] = flags.showManagedFields ? masked(from, to) : masked(withoutManagedFields(from), withoutManagedFields(to));
        const file = fileName(info);
        writeFileSync(join(live, file), a ? toYAML(a as unknown as JsonValue) : '', { mode: 0o700 });
        writeFileSync(join(merged, file), toYAML(b as unknown as JsonValue), { mode: 0o700 });
        if (from?.metadata.deletionTimestamp) {
          ctx.io.err(`Warning: Detected changes to resource ${info.name} which is currently being deleted.\n`);
        }
      }
    } finally {
      cluster.store.close();
    }
    runDiffProgram(ctx, live, merged);
  } finally {
    rmSync(live, { recursive: true, force: true });
    rmSync(merged, { recursive: true, force: true });
  }
}

function firstError(e: Error): Error {
  return e instanceof Aggregate && e.errors.length ? firstError(e.errors[0]) : e;
}

/** The builder's LabelSelectorParam: only the manifests' objects whose labels match. */
async function selectedBy(selector: string | undefined): Promise<(labels: Record<string, string> | undefined) => boolean> {
  const s = selector?.trim();
  if (!s) return () => true;
  const { parseLabelSelector, labelSelectorMatches } = await import('../../apiserver/selectors.js');
  let parsed;
  try {
    parsed = parseLabelSelector(s);
  } catch (e) {
    throw new Error(`the provided selector ${JSON.stringify(selector)} is not valid: ${(e as Error).message}`);
  }
  return (labels) => labelSelectorMatches(parsed, labels);
}

type Cluster = Awaited<ReturnType<typeof connect>>['cluster'];

/** InfoObject.Merged: the object as the apply would leave it, from a dry run on the server. */
async function merger(cluster: Cluster, flags: DiffFlags, fieldManager: string): Promise<(info: Info, live: KubeObject | undefined, converted: boolean) => KubeObject> {
  const { computeApplyPatch, LAST_APPLIED } = await import('../../apiserver/apply.js');
  const opts = { dryRun: true, fieldManager };
  return (info, live, converted) => {
    const resource = qualifiedResource(info.kind);
    const ns = info.kind.namespaced ? info.namespace : undefined;
    if (flags.serverSide) {
      return cluster.api.patch(resource, ns, info.name, 'apply', structuredClone(info.obj), { ...opts, force: !!flags.forceConflicts });
    }
    if (!live) return cluster.api.create(resource, structuredClone(info.obj), opts);
    const { patch, changed, patchType } = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], info.obj, live, info.kind.kind, false);
    // The patcher returns the live object for an empty patch, without asking the server.
    if (!changed) return live;
    // Not forced, the patch carries the resourceVersion read: a change in between conflicts.
    const metadata = { ...(patch.metadata as object | undefined), resourceVersion: live.metadata.resourceVersion };
    try {
      return cluster.api.patch(resource, ns, info.name, patchType, { ...patch, metadata }, {
        ...opts, ...(converted ? { asVersion: info.obj.apiVersion } : {}),
      });
    } catch (e) {
      if (e instanceof ApiError) throw addSourceToErr('patching', info.source, e);
      throw e;
    }
  };
}

function withoutManagedFields<T extends KubeObject | undefined>(o: T): T {
  if (!o) return o;
  const { managedFields: _omitted, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** Masker: a v1 Secret's data values become `***`, with a before/after suffix where they differ. */
function masked(from: KubeObject | undefined, to: KubeObject): [KubeObject | undefined, KubeObject] {
  if (to.apiVersion !== 'v1' || to.kind !== 'Secret') return [from, to];
  const data = (o: KubeObject | undefined) => (o as { data?: Record<string, string> } | undefined)?.data;
  const f = data(from) && { ...data(from) };
  const t = data(to) && { ...data(to) };
  for (const k of Object.keys(f ?? {})) {
    if (t && Object.hasOwn(t, k)) {
      if (f![k] !== t[k]) {
        f![k] = '*** (before)';
        t[k] = '*** (after)';
        continue;
      }
      t[k] = '***';
    }
    f![k] = '***';
  }
  for (const k of Object.keys(t ?? {})) if (!f || !Object.hasOwn(f, k)) t![k] = '***';
  return [from && f ? { ...from, data: f } as KubeObject : from, t ? { ...to, data: t } as KubeObject : to];
}

/** InfoObject.Name: `[group.]version.Kind.namespace.name`. */
function fileName(info: Info): string {
  const { group, version, kind } = info.kind;
  return `${group ? `${group}.` : ''}${version}.${kind}.${info.namespace}.${info.name}`;
}

/**
 * DiffProgram.Run: KUBECTL_EXTERNAL_DIFF split at spaces (only arguments of letters, digits, `-`
 * and `=` are kept, after the two dirs), else `diff -u -N`. Its exit status 1 (or death by a
 * signal) is passed on silently; any other failure is kubectl's error (utils/exec unwraps the
 * lookup's error to its cause).
 */
function runDiffProgram(ctx: CliContext, from: string, to: string): void {
  const env = process.env.KUBECTL_EXTERNAL_DIFF;
  let program = 'diff';
  let args = ['-u', '-N', from, to];
  if (env) {
    const words = env.split(' ');
    program = words[0];
    args = [from, to, ...words.slice(1).filter((w) => /^[a-zA-Z0-9-=]+$/.test(w))];
  }
  const r = spawnSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (r.stdout?.length) ctx.io.out(r.stdout.toString());
  if (r.stderr?.length) ctx.io.err(r.stderr.toString());
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT'
      ? (program.includes('/') ? `fork/exec ${program}: no such file or directory` : 'executable file not found in $PATH')
      : r.error.message;
    throw new Error(`failed to run ${JSON.stringify(program)}: ${why}`);
  }
  if (r.signal || r.status === 1) throw new ExitError(1);
  if (r.status !== 0) throw new Error(`failed to run ${JSON.stringify(program)}: exit status ${r.status}`);
}
