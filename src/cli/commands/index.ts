// Every verb mk has, in `mk --help` order. Each module only declares flags; work is loaded on run.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { annotateCommand } from './annotate.js';
import { apiResourcesCommand } from './api-resources.js';
import { applyCommand } from './apply.js';
import { clockCommand } from './clock.js';
import { clusterCommand } from './cluster.js';
import { clusterInfoCommand } from './cluster-info.js';
import { configCommand } from './config.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { describeCommand } from './describe.js';
import { editCommand } from './edit.js';
import { eventsCommand } from './events.js';
import { getCommand } from './get.js';
import { labelCommand } from './label.js';
import { logsCommand } from './logs.js';
import { patchCommand } from './patch.js';
import { rolloutCommand } from './rollout/index.js';
import { runCommand } from './run.js';
import { scaleCommand } from './scale.js';
import { setCommand } from './set.js';
import { versionCommand } from './version.js';
import { waitCommand } from './wait.js';

export const commandRegistrations: ((ctx: CliContext) => Command)[] = [
  createCommand,
  runCommand,
  setCommand,
  getCommand,
  editCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  applyCommand,
  patchCommand,
  waitCommand,
  labelCommand,
  annotateCommand,
  describeCommand,
  logsCommand,
  eventsCommand,
  clusterInfoCommand,
  apiResourcesCommand,
  configCommand,
  versionCommand,
  clusterCommand,
  clockCommand,
];
