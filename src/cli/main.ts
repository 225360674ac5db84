// mk's entry point: parses argv with commander and dispatches to one command module. Command
// modules register their flags here cheaply and load their implementation with import() when run.
import { Command, CommanderError } from 'commander';
import { RawError, reportError } from './errors.js';
import { processIO, type CliIO } from './io.js';
import type { CliContext, GlobalFlags } from './context.js';
import { commandRegistrations } from './commands/index.js';

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
  ['Basic Commands (Beginner)', ['create', 'run']],
  ['Basic Commands (Intermediate)', ['get', 'edit', 'delete']],
  ['Cluster Management Commands', ['cluster-info']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'events']],
  ['Advanced Commands', ['apply', 'patch']],
  ['Settings Commands', ['label', 'annotate']],
  ['Other Commands', ['api-resources', 'config', 'version']],
  ['mk Commands', ['cluster', 'clock']],
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

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('mk');
  program
    .description('mk controls an mk Kubernetes cluster, the way kubectl controls a real one.')
    .option('--context <name>', 'The name of the context to use')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: () => {} });
  program.configureHelp({ formatHelp: (cmd) => rootHelp(cmd) });
  // Bare `mk` prints the help, as bare kubectl does.
  program.allowExcessArguments(true).action(() => {
    const [unknown] = program.args;
    if (unknown !== undefined) throw new RawError(`error: unknown command "${unknown}" for "mk"\nRun 'mk --help' for usage.`);
    ctx.io.out(rootHelp(program));
  });
  for (const register of commandRegistrations) {
    const cmd = register(ctx);
    cmd.option('--context <name>', 'The name of the context to use');
    if (!cmd.options.some((o) => o.long === '--namespace')) {
      cmd.option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request');
    }
    cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: () => {} });
    cmd.hook('preAction', (_this, action) => {
      const all = action.optsWithGlobals() as GlobalFlags;
      ctx.flags.context = all.context;
      ctx.flags.namespace = all.namespace;
    });
    program.addCommand(cmd);
  }
  return program;
}

/** Commander's errors in kubectl's words. */
function commanderMessage(e: CommanderError, argv: string[]): string {
  const verb = argv.find((a) => !a.startsWith('-')) ?? '';
  const see = verb ? `See 'mk ${verb} --help' for usage.` : "See 'mk --help' for usage.";
  switch (e.code) {
    case 'commander.unknownOption': {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const shown = flag.startsWith('--') ? flag.replace(/=.*/, '') : flag.slice(0, 2);
      const kind = flag.startsWith('--') ? 'flag' : 'shorthand flag';
      return `error: unknown ${kind}: ${flag.startsWith('--') ? shown : `'${shown.slice(1)}' in ${flag}`}\n${see}\n`;
    }
    case 'commander.unknownCommand': {
      const cmd = /'([^']+)'/.exec(e.message)?.[1] ?? verb;
      return `error: unknown command "${cmd}" for "mk"\nRun 'mk --help' for usage.\n`;
    }
    case 'commander.optionMissingArgument': {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const long = flag.split(/[ ,]+/).find((f) => f.startsWith('--'))?.replace(/ <.*$/, '') ?? flag;
      return `error: flag needs an argument: ${long.startsWith('--') ? `--${long.replace(/^--/, '')}` : long}\n${see}\n`;
    }
    default:
      return `error: ${e.message.replace(/^error: /, '')}\n${see}\n`;
  }
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const ctx: CliContext = { io, flags: {} };
  const program = buildProgram(ctx);
  const args = normalizeArgv(argv);
  try {
    await program.parseAsync(args, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 0;
      io.err(commanderMessage(err, args));
      return 1;
    }
    return reportError(err, io);
  }
}
