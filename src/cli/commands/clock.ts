// `mk clock show|advance`: the cluster's virtual clock. Advancing runs the cluster through every
// timer due in between, so `mk clock advance 10m` is ten minutes of cluster life in milliseconds.
import { Command } from 'commander';
import { formatGoDuration, parseGoDuration } from '../../api/go-duration.js';
import { parseGoRFC3339 } from '../../api/go-rfc3339.js';
import { formatTime } from '../../apiserver/time.js';
import { settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { UsageError } from '../errors.js';

/** An instant for --to: RFC 3339 (fractional seconds kept to the millisecond), or the wall clock's now. */
function instant(text: string): number {
  if (text === 'now') return Date.now();
  try {
    return parseGoRFC3339(text);
  } catch (err) {
    throw new UsageError(`invalid time "${text}": ${(err as Error).message}`);
  }
}

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
    .argument('[duration]', 'how far to move')
    .option('--to <time>', "move to this instant instead (RFC 3339, or 'now' for the wall clock)")
    .action(async (text: string | undefined, flags: { to?: string }) => {
      if ((text === undefined) === (flags.to === undefined)) throw new UsageError('give either a duration or --to, not both');
      const { cluster } = await connect(ctx.flags);
      try {
        let ms: number;
        if (text !== undefined) {
          const parsed = parseGoDuration(text);
          if (parsed === undefined) throw new UsageError(`invalid duration "${text}": time: invalid duration "${text}"`);
          if (parsed < 0) throw new UsageError(`invalid duration "${text}": the clock only moves forward`);
          ms = parsed;
        } else {
          const to = instant(flags.to!);
          ms = to - cluster.clock.target();
          // A test bringing virtual now to the wall clock needs its exact instant, not a rounded one.
          if (ms < 0) throw new UsageError(`cannot move the clock back to ${formatTime(to)}: it stands at ${formatTime(cluster.clock.target())}`);
        }
        cluster.store.transaction(() => cluster.clock.advance(ms));
        await settle(cluster);
        ctx.io.out(`Clock advanced by ${formatGoDuration(ms)} to ${formatTime(cluster.now())}\n`);
      } finally {
        cluster.store.close();
      }
    }));
  return cmd;
}
