// mk's entry point: parses argv with commander and dispatches to one command module. Only the
// named verb's module is loaded (all of them for help and misuse), and it loads its heavier
// implementation with import() when run.
// Misuse (unknown verbs and flags, missing flag values) is reported in cobra's and pflag's
// words, as kubectl's CheckErr prints them.
import { Command, CommanderError, type Option } from 'commander';
import { reportError } from './errors.js';
import { processIO, type CliIO } from './io.js';
import type { CliContext, GlobalFlags } from './context.js';
import { verbs, type Registration } from './commands/index.js';

/** kubectl accepts `-o=yaml` and `-n=x`; commander wants `-o yaml`. */
export function normalizeArgv(argv: string[]): string[] {
  const out: string[] = [];
  let passthrough = false;
  for (const a of argv) {
    if (passthrough) {
      out.push(a);
      continue;
    }
    if (a === '--') passthrough = true;
    const m = /^-([a-zA-Z])=(.*)$/s.exec(a);
    if (m) out.push(`-${m[1]}`, m[2]);
    else out.push(a);
  }
  return out;
}

/** kubectl's root help groups, with mk's own verbs last. */
const HELP_GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale']],
  ['Cluster Management Commands', ['cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'exec', 'port-forward', 'cp', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'wait']],
  ['Settings Commands', ['label', 'annotate']],
  ['Other Commands', ['api-resources', 'config', 'version']],
  ['mk Commands', ['cluster', 'clock', 'node', 'scheduler', 'curl', 'serve', 'kubeconfig']],
];

function rootHelp(program: Command): string {
  const byName = new Map(program.commands.map((c) => [c.name(), c]));
  let out = 'mk controls an mk cluster: a Kubernetes 1.32 cluster simulated in one process, driven like kubectl.\n\n';
  for (const [title, names] of HELP_GROUPS) {
    const cmds = names.map((n) => byName.get(n)).filter((c): c is Command => !!c);
    if (!cmds.length) continue;
    out += `${title}:\n`;
    for (const c of cmds) out += `  ${c.name().padEnd(15)} ${c.description()}\n`;
    out += '\n';
  }
  out += 'Usage:\n  mk [flags] [options]\n\nUse "mk <command> --help" for more information about a given command.\n';
  return out;
}

export function buildProgram(ctx: CliContext, registrations: Registration[]): Command {
  const program = new Command('mk');
  program
    .description('mk controls an mk Kubernetes cluster, the way kubectl controls a real one.')
    .option('--context <name>', 'The name of the context to use')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .helpCommand(false)
    .showSuggestionAfterError(false)
    // Root flags are read before the verb only; after it, the verb's own copies read them, so
    // errors about them name the verb as kubectl's do.
    .enablePositionalOptions();
  program.configureHelp({ formatHelp: (cmd) => rootHelp(cmd) });
  // Bare `mk` prints the help, as bare kubectl does.
  program.allowExcessArguments(true).action(() => {
    const [unknown] = program.args;
    if (unknown !== undefined) throw new Error(unknownCommandMessage(program, unknown));
    ctx.io.out(rootHelp(program));
  });
  for (const register of registrations) {
    const cmd = register(ctx);
    // Every verb and sub-verb reads the global flags wherever they stand (`create ns x -n foo`).
    for (const c of allCommands(cmd)) {
      if (!c.options.some((o) => o.long === '--context')) c.option('--context <name>', 'The name of the context to use');
      // `config set-context --namespace` is its own flag, not the request's namespace.
      if (cmd.name() !== 'config' && !c.options.some((o) => o.long === '--namespace')) {
        c.option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request');
      }
    }
    cmd.hook('preAction', (_this, action) => {
      const all = action.optsWithGlobals() as GlobalFlags;
      ctx.flags.context = all.context;
      ctx.flags.namespace = all.namespace;
    });
    program.addCommand(cmd);
  }
  for (const cmd of allCommands(program)) {
    // An error remembers the command that raised it: kubectl's usage hint names its path.
    cmd.exitOverride((err) => {
      throw Object.assign(err, { command: cmd });
    }).configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: () => {} });
  }
  return program;
}

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/** cobra's CommandPath: `mk create namespace` (names, never aliases). */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * kubectl's verbs in the order kubectl adds them to its root command, which is the order cobra
 * lists suggestions in; mk's own verbs come last.
 */
const SUGGESTION_ORDER = ['create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec',
  'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label',
  'annotate', 'completion', 'alpha', 'config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'];

/** Words a verb is suggested for although they are not close to it (cobra's SuggestFor). */
const SUGGEST_FOR: Record<string, string[]> = { delete: ['rm'], get: ['list', 'ps'], wait: ['list', 'ps'] };

/** cobra's ld: Levenshtein distance, ignoring case. */
function levenshtein(s: string, t: string): number {
  const a = s.toLowerCase();
  const b = t.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      d[i][j] = a[i - 1] === b[j - 1] ? d[i - 1][j - 1] : Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[a.length][b.length];
}

/** cobra's legacyArgs error for the root command, with findSuggestions' block. */
function unknownCommandMessage(program: Command, typed: string): string {
  const known = program.commands.map((c) => c.name());
  const order = [...SUGGESTION_ORDER.filter((n) => known.includes(n)), ...known.filter((n) => !SUGGESTION_ORDER.includes(n))];
  const suggestions: string[] = [];
  for (const name of order) {
    if (levenshtein(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase())) suggestions.push(name);
    for (const alt of SUGGEST_FOR[name] ?? []) if (alt.toLowerCase() === typed.toLowerCase()) suggestions.push(name);
  }
  const block = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((n) => `\t${n}\n`).join('')}` : '';
  return `unknown command "${typed}" for "mk"${block}`;
}

/** Text that is the whole of kubectl's output for a misuse found before parsing. */
class MisuseText extends Error {}

const takesValue = (o: Option | undefined): boolean => !!o && (o.required || o.optional);

/**
 * Finds the verb as cobra's Command.Find does, before any flag is parsed: root flags are
 * skipped, and an unknown flag without `=` swallows the next word as its value. A word that is
 * no verb is an unknown command, unless a flag came first: kubectl then looks for a plugin and
 * refuses flags placed before a plugin's name. Returns undefined for bare `mk`.
 */
function findCommand(program: Command, argv: string[]): Command | undefined {
  const i = verbIndex(program, argv);
  if (i === undefined) return undefined;
  const verb = program.commands.find((c) => c.name() === argv[i] || c.aliases().includes(argv[i]));
  if (verb) return verb;
  if (argv[0].startsWith('-')) throw new MisuseText(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
  throw new Error(unknownCommandMessage(program, argv[i]));
}

/** Where the verb stands in argv, past the root flags before it (see findCommand). */
function verbIndex(program: Command, argv: string[]): number | undefined {
  let i = 0;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const opt = program.options.find((o) => o.long === a.replace(/=.*$/s, ''));
      i += !a.includes('=') && (!opt || takesValue(opt)) ? 2 : 1;
    } else {
      const opt = program.options.find((o) => o.short === a.slice(0, 2));
      i += a.length === 2 && (!opt || takesValue(opt)) ? 2 : 1;
    }
  }
  return i < argv.length ? i : undefined;
}

/** The named verb's registration alone when argv names one; every verb's for help and misuse. */
async function registrationsFor(ctx: CliContext, argv: string[]): Promise<Registration[]> {
  const i = verbIndex(buildProgram(ctx, []), argv);
  const named = i === undefined ? undefined : verbs.find((v) => v.name === argv[i]);
  return Promise.all((named ? [named] : verbs).map((v) => v.load()));
}

/** How pflag names a flag in `invalid argument` errors: `-A, --all-namespaces` or `--watch`. */
function flagName(o: Option): string {
  return o.short && o.long ? `${o.short}, ${o.long}` : (o.long ?? o.short ?? '');
}

/** strconv.ParseBool */
function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/**
 * pflag lets a bool flag take a value (`--all-namespaces=false`, `-A=true`); commander does not.
 * Rewrites those for the verb's bool flags (false is their default, so `=false` drops the flag)
 * and refuses what strconv.ParseBool refuses. `-A=x` arrives here split by normalizeArgv.
 */
function boolFlagValues(verb: Command | undefined, argv: string[], original: string[]): string[] {
  if (!verb) return argv;
  // The subcommand named (`top pod`) first: sibling subcommands may share a flag.
  const commands = [...new Set([...allCommands(namedSubcommand(verb, argv)), ...allCommands(verb)])];
  const boolOption = (flag: string) => {
    for (const c of commands) {
      const o = c.options.find((x) => x.long === flag || x.short === flag);
      if (o) return !takesValue(o) && !o.negate ? { o, c } : undefined;
    }
    return undefined;
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const long = /^(--[^=]+)=(.*)$/s.exec(a);
    const shortEq = /^-[a-zA-Z]$/.test(a) && original.some((o) => o.startsWith(`${a}=`)) && i + 1 < argv.length;
    const flag = long ? long[1] : shortEq ? a : undefined;
    const found = flag ? boolOption(flag) : undefined;
    if (!found) {
      out.push(a);
      continue;
    }
    const raw = long ? long[2] : argv[++i];
    const value = parseGoBool(raw);
    if (value === undefined) {
      throw new MisuseText(`error: invalid argument "${raw}" for "${flagName(found.o)}" flag: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax\nSee '${commandPath(found.c)} --help' for usage.\n`);
    }
    if (value) out.push(found.o.long ?? found.o.short!);
  }
  return out;
}

/** The subcommand `argv` names under `verb` (`top pod`), or `verb` itself. */
function namedSubcommand(verb: Command, argv: string[]): Command {
  let cmd = verb;
  for (const a of argv) {
    const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (sub) cmd = sub;
  }
  return cmd;
}

/** The argv word a short flag came from, as pflag names it (`'z' in -Az`). */
function shortToken(argv: string[], flag: string): string {
  const letter = flag.charAt(1);
  return argv.find((a) => /^-[^-]/.test(a) && a.slice(1).includes(letter)) ?? flag;
}

/** Commander's errors in kubectl's words (pflag's texts, then FlagErrorFunc's usage hint). */
function commanderMessage(e: CommanderError & { command?: Command }, argv: string[]): string {
  const cmd = e.command;
  const see = `See '${cmd ? commandPath(cmd) : 'mk'} --help' for usage.`;
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption': {
      if (quoted.startsWith('--')) return `error: unknown flag: ${quoted.replace(/=.*$/s, '')}\n${see}\n`;
      return `error: unknown shorthand flag: '${quoted.charAt(1)}' in ${shortToken(argv, quoted)}\n${see}\n`;
    }
    case 'commander.optionMissingArgument': {
      const opt = cmd?.options.find((o) => o.flags === quoted);
      const last = argv[argv.length - 1] ?? '';
      if (opt?.short && /^-[^-]/.test(last) && last.endsWith(opt.short.slice(1))) {
        return `error: flag needs an argument: '${opt.short.slice(1)}' in ${last}\n${see}\n`;
      }
      return `error: flag needs an argument: ${opt?.long ?? quoted}\n${see}\n`;
    }
    case 'commander.missingMandatoryOptionValue': {
      const opt = cmd?.options.find((o) => o.flags === quoted);
      return `error: required flag(s) "${(opt?.long ?? quoted).replace(/^--/, '')}" not set\n`;
    }
    default:
      return `error: ${e.message.replace(/^error: /, '')}\n${see}\n`;
  }
}

/** The words commander parses for `argv`: normalized, with pflag's bool values (`--x=false`) resolved. */
export function commanderArgs(program: Command, argv: string[]): string[] {
  const args = normalizeArgv(argv);
  return boolFlagValues(findCommand(program, args), args, argv);
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const ctx: CliContext = { io, flags: {} };
  let args = normalizeArgv(argv);
  const program = buildProgram(ctx, await registrationsFor(ctx, args));
  let verb: Command | undefined;
  try {
    verb = findCommand(program, args);
    args = boolFlagValues(verb, args, argv);
    await program.parseAsync(args, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof MisuseText) {
      io.err(err.message);
      return 1;
    }
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 0;
      // cobra parses every flag with the verb's flag set, so a bad flag before the verb is the verb's.
      const e = err as CommanderError & { command?: Command };
      if (verb && e.command === program) e.command = verb;
      const text = commanderMessage(e, args);
      // kubectl diff's FlagErrorFunc makes flag errors usage errors exiting 2: 1 means differences.
      if (verb?.name() === 'diff') {
        io.err(text.replace(/See '([^']+) --help' for usage\.\n$/, "See '$1 -h' for help and examples\n"));
        return 2;
      }
      io.err(text);
      return 1;
    }
    return reportError(err, io);
  }
}
