// `mk label`: add, change or remove labels, with kubectl's --overwrite rule and its
// labeled / unlabeled / not labeled messages (label.go's updateDataChangeMsg).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { mapCommand } from './map-updates.js';

export function labelCommand(ctx: CliContext): Command {
  return mapCommand(ctx, {
    verb: 'label', field: 'labels', what: 'label',
    description: 'Update the labels on a resource',
    message: (changed, removedOnly) => (!changed ? 'not labeled' : removedOnly ? 'unlabeled' : 'labeled'),
  });
}
