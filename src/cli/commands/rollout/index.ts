// `mk rollout SUBCOMMAND`: kubectl 1.32's cmd/rollout, one file per subcommand.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { ExitError, RawError } from '../../errors.js';
import { historyCommand } from './history.js';
import { pauseCommand, resumeCommand } from './pause.js';
import { restartCommand } from './restart.js';
import { statusCommand } from './status.js';
import { undoCommand } from './undo.js';

export function rolloutCommand(ctx: CliContext): Command {
  const rollout = new Command('rollout')
    .description('Manage the rollout of a resource')
    .usage('SUBCOMMAND [options]');
  for (const sub of [historyCommand, pauseCommand, restartCommand, resumeCommand, statusCommand, undoCommand]) {
    rollout.addCommand(sub(ctx));
  }
  // cmdutil.DefaultSubCommandRun: bare, the help and exit 1; with an unknown subcommand, an error.
  return rollout.allowExcessArguments(true).action(() => {
    if (rollout.args.length) throw new RawError(`error: unknown command "${rollout.args[0]}"\nSee 'mk rollout -h' for help and examples`);
    ctx.io.out(rollout.helpInformation());
    throw new ExitError(1);
  });
}
