// Every verb mk has, in `mk --help` order. Each module only declares flags; work is loaded on run.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { clockCommand } from './clock.js';
import { clusterCommand } from './cluster.js';
import { clusterInfoCommand } from './cluster-info.js';
import { configCommand } from './config.js';
import { getCommand } from './get.js';
import { versionCommand } from './version.js';

export const commandRegistrations: ((ctx: CliContext) => Command)[] = [
  getCommand,
  clusterInfoCommand,
  configCommand,
  clusterCommand,
  clockCommand,
  versionCommand,
];
