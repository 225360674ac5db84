// `mk annotate`: add, change or remove annotations, with kubectl's --overwrite rule.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { mapCommand } from './map-updates.js';

export function annotateCommand(ctx: CliContext): Command {
  return mapCommand(ctx, {
    verb: 'annotate', field: 'annotations', what: 'annotation',
    description: 'Update the annotations on a resource',
    message: () => 'annotated',
  });
}
