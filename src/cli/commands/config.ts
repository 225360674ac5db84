// `mk config get-contexts|current-context|use-context|set-context`: kubectl config's verbs over
// mk's contexts file.
import { Command } from 'commander';
import { readConfig, writeConfig } from '../../cluster/home.js';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';
import { newTabWriter } from '../printers/table.js';

export function configCommand(ctx: CliContext): Command {
  const cmd = new Command('config').description('Modify contexts (the kubeconfig of mk clusters)');
  cmd.addCommand(new Command('get-contexts')
    .description('Describe one or many contexts')
    .argument('[name]')
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .option('--no-headers', "When using the default or custom-column output format, don't print headers.")
    .action((name: string | undefined, opts: { output?: string; headers?: boolean }) => {
      const cfg = readConfig();
      let names = Object.keys(cfg.contexts).sort();
      if (name) {
        if (!cfg.contexts[name]) throw new RawError(`error: context ${name} not found`);
        names = [name];
      }
      if (opts.output === 'name') {
        for (const n of names) ctx.io.out(`${n}\n`);
        return;
      }
      if (opts.output) throw new RawError(`error: output must be one of '' or 'name'`);
      const w = newTabWriter();
      if (opts.headers !== false) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
      for (const n of names) {
        const c = cfg.contexts[n];
        w.write(`${cfg.currentContext === n ? '*' : ''}\t${n}\t${`mk-${c.cluster}`}\t${c.user}\t${c.namespace ?? ''}\n`);
      }
      w.flush();
      ctx.io.out(w.take());
    }));
  cmd.addCommand(new Command('current-context')
    .description('Display the current-context')
    .action(() => {
      const cfg = readConfig();
      if (!cfg.currentContext) throw new RawError('error: current-context is not set');
      ctx.io.out(`${cfg.currentContext}\n`);
    }));
  cmd.addCommand(new Command('use-context')
    .alias('use')
    .description('Set the current-context')
    .argument('<name>')
    .action((name: string) => {
      const cfg = readConfig();
      if (!cfg.contexts[name]) throw new RawError(`error: no context exists with the name: "${name}"`);
      cfg.currentContext = name;
      writeConfig(cfg);
      ctx.io.out(`Switched to context "${name}".\n`);
    }));
  cmd.addCommand(new Command('set-context')
    .description('Set a context entry (only its namespace can be changed)')
    .argument('[name]')
    .option('--current', 'Modify the current context')
    .option('--namespace <namespace>', 'namespace for the context entry')
    .action((name: string | undefined, opts: { current?: boolean; namespace?: string }) => {
      const cfg = readConfig();
      if (opts.current && name) throw new RawError('error: you cannot specify both a context name and --current');
      const target = opts.current ? cfg.currentContext : name;
      if (!target) throw new RawError(opts.current ? 'error: no current context is set' : 'error: you must specify a non-empty context name or --current');
      const entry = cfg.contexts[target];
      if (!entry) throw new RawError(`error: cannot create context "${target}": mk contexts are created with \`mk cluster create\``);
      if (opts.namespace !== undefined) entry.namespace = opts.namespace || undefined;
      writeConfig(cfg);
      ctx.io.out(`Context "${target}" modified.\n`);
    }));
  return cmd;
}
