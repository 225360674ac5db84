// Every verb mk has, in `mk --help` order, each with the module that declares its flags. A command
// loads only its own verb's module, so what one verb imports never slows another's start; help and
// misuse (which list or suggest verbs) load them all.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export type Registration = (ctx: CliContext) => Command;

export interface Verb {
  /** The command's name, as its module gives it to `new Command()`. */
  name: string;
  load(): Promise<Registration>;
}

export const verbs: Verb[] = [
  { name: 'create', load: async () => (await import('./create.js')).createCommand },
  { name: 'expose', load: async () => (await import('./expose.js')).exposeCommand },
  { name: 'run', load: async () => (await import('./run.js')).runCommand },
  { name: 'set', load: async () => (await import('./set.js')).setCommand },
  { name: 'explain', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'get', load: async () => (await import('./get.js')).getCommand },
  { name: 'edit', load: async () => (await import('./edit.js')).editCommand },
  { name: 'delete', load: async () => (await import('./delete.js')).deleteCommand },
  { name: 'rollout', load: async () => (await import('./rollout/index.js')).rolloutCommand },
  { name: 'scale', load: async () => (await import('./scale.js')).scaleCommand },
  { name: 'autoscale', load: async () => (await import('./autoscale.js')).autoscaleCommand },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'apply', load: async () => (await import('./apply.js')).applyCommand },
  { name: 'patch', load: async () => (await import('./patch.js')).patchCommand },
  { name: 'wait', load: async () => (await import('./wait.js')).waitCommand },
  { name: 'label', load: async () => (await import('./label.js')).labelCommand },
  { name: 'annotate', load: async () => (await import('./annotate.js')).annotateCommand },
  { name: 'describe', load: async () => (await import('./describe.js')).describeCommand },
  { name: 'logs', load: async () => (await import('./logs.js')).logsCommand },
  { name: 'exec', load: async () => (await import('./exec.js')).execCommand },
  { name: 'cp', load: async () => (await import('./cp.js')).cpCommand },
  { name: 'port-forward', load: async () => (await import('./port-forward.js')).portForwardCommand },
  { name: 'curl', load: async () => (await import('./curl.js')).curlCommand },
  { name: 'events', load: async () => (await import('./events.js')).eventsCommand },
  { name: 'cluster-info', load: async () => (await import('./cluster-info.js')).clusterInfoCommand },
  { name: 'top', load: async () => (await import('./top.js')).topCommand },
  { name: 'cordon', load: async () => (await import('./cordon.js')).cordonCommand },
  { name: 'uncordon', load: async () => (await import('./cordon.js')).uncordonCommand },
  { name: 'drain', load: async () => (await import('./drain.js')).drainCommand },
  { name: 'taint', load: async () => (await import('./taint.js')).taintCommand },
  { name: 'api-resources', load: async () => (await import('./api-resources.js')).apiResourcesCommand },
  { name: 'api-versions', load: async () => (await import('./api-versions.js')).apiVersionsCommand },
  { name: 'config', load: async () => (await import('./config.js')).configCommand },
  { name: 'version', load: async () => (await import('./version.js')).versionCommand },
  { name: 'cluster', load: async () => (await import('./cluster.js')).clusterCommand },
  { name: 'clock', load: async () => (await import('./clock.js')).clockCommand },
  { name: 'node', load: async () => (await import('./node.js')).nodeCommand },
  { name: 'addons', load: async () => (await import('./addons.js')).addonsCommand },
  { name: 'scheduler', load: async () => (await import('./scheduler-explain.js')).schedulerCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'kubeconfig', load: async () => (await import('./kubeconfig.js')).kubeconfigCommand },
  { name: 'proxy', load: async () => (await import('./proxy.js')).proxyCommand },
];
