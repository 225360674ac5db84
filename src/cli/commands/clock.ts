// `mk clock show|advance`: the cluster's virtual clock. Advancing runs the cluster through every
// timer due in between, so `mk clock advance 10m` is ten minutes of cluster life in milliseconds.
import { Command } from 'commander';
import { formatGoDuration, parseGoDuration } from '../../api/go-duration.js';
import { formatTime } from '../../apiserver/time.js';
import { settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { UsageError } from '../errors.js';

export function clockCommand(ctx: CliContext): Command {
  const cmd = new Command('clock').description("Show or move the cluster's virtual clock");
  cmd.addCommand(new Command('show')
    .description('Print the clock mode and the current virtual time')
    .action(async () => {
      const { cluster } = await connect(ctx.flags);
      ctx.io.out(`Mode: ${cluster.clock.mode}\nNow:  ${formatTime(cluster.now())}\n`);
      cluster.store.close();
    }));
  cmd.addCommand(new Command('advance')
    .description('Move virtual time forward (Go duration: 30s, 5m, 1h30m) and run the cluster up to it')
    .argument('<duration>', 'how far to move')
    .action(async (text: string) => {
      const ms = parseGoDuration(text);
      if (ms === undefined) throw new UsageError(`invalid duration "${text}": time: invalid duration "${text}"`);
      if (ms < 0) throw new UsageError(`invalid duration "${text}": the clock only moves forward`);
      const { cluster } = await connect(ctx.flags);
      cluster.store.transaction(() => cluster.clock.advance(ms));
      await settle(cluster);
      ctx.io.out(`Clock advanced by ${formatGoDuration(ms)} to ${formatTime(cluster.now())}\n`);
      cluster.store.close();
    }));
  return cmd;
}
