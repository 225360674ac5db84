// `mk api-versions`: every group version the server serves, as kubectl's apiversions.go prints them
// (GroupVersions of the server's groups, sorted as strings, one a line).
import { Command } from 'commander';
import { servedGroupVersions } from '../../apiserver/discovery.js';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';

export function apiVersionsCommand(ctx: CliContext): Command {
  return new Command('api-versions')
    .description('Print the supported API versions on the server, in the form of "group/version"')
    .allowExcessArguments(true)
    .action((_opts, cmd: Command) => {
      if (cmd.args.length) throw new RawError(`error: unexpected arguments: [${cmd.args.join(' ')}]\nSee 'mk api-versions -h' for help and examples`);
      const versions = servedGroupVersions().map((gv) => (gv.group ? `${gv.group}/${gv.version}` : gv.version));
      versions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      ctx.io.out(versions.map((v) => `${v}\n`).join(''));
    });
}
