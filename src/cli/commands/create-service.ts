// `mk create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port:targetPort]`
// (alias svc): the Service kubectl 1.32's create_service.go builds (label and selector app=NAME,
// one TCP port per --tcp pair named after it), with its flag checks and error words.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../api/validation.js';
import type { CliContext } from '../context.js';
import { errorText, UsageError } from '../errors.js';
import type { CreateGenerated } from './create-pdb.js';
import { addWriteFlags, writeFlagsFrom, type WriteFlags } from './write-flags.js';
import { intFlag } from './workload-targets.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

interface CreateServiceFlags extends WriteFlags {
  tcp: string[];
  clusterip?: string;
  nodePort?: string;
  externalName?: string;
  saveConfig?: boolean;
  fieldManager: string;
}

// StringSlice: every occurrence, each split on commas; an empty value adds nothing.
const collectSlice = (v: string, prev: string[]) => [...prev, ...(v === '' ? [] : v.split(','))];

export function createServiceCommand(ctx: CliContext, createGenerated: CreateGenerated): Command {
  const cmd = new Command('service').alias('svc')
    .description('Create a service using a specified subcommand');
  const sub = (name: string, type: ServiceType, usage: string, description: string) => addWriteFlags(new Command(name)
    .description(description)
    .usage(usage)
    .argument('[name...]')
    .option('--tcp <port:targetPort>', "Port pairs can be specified as '<port>:<targetPort>'.", collectSlice, [])
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-create'))
    .action(async (names: string[], flags: CreateServiceFlags) => runCreateService(ctx, createGenerated, type, name, names, flags));
  cmd.addCommand(sub('clusterip', 'ClusterIP', 'NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]', 'Create a ClusterIP service')
    .option('--clusterip <ip>', "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)."));
  cmd.addCommand(sub('nodeport', 'NodePort', 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]', 'Create a NodePort service')
    .option('--node-port <port>', 'Port used to expose the service on each node in a cluster.'));
  cmd.addCommand(sub('loadbalancer', 'LoadBalancer', 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]', 'Create a LoadBalancer service'));
  cmd.addCommand(sub('externalname', 'ExternalName', 'NAME --external-name external.name [--dry-run=server|client|none] [options]', 'Create an ExternalName service')
    .requiredOption('--external-name <name>', 'External name of service'));
  return cmd;
}

async function runCreateService(ctx: CliContext, createGenerated: CreateGenerated, type: ServiceType, sub: string, names: string[],
  flags: CreateServiceFlags): Promise<void> {
  // Complete, Validate, Run: the name, then the flags, then the ports.
  if (names.length !== 1) {
    throw new UsageError(`exactly one NAME is required, got ${names.length}`, `See 'mk create service ${sub} -h' for help and examples`);
  }
  const nodePort = intFlag(flags.nodePort, '--node-port', 0, `create service ${sub}`);
  writeFlagsFrom(flags); // Complete: a bad --dry-run is refused before the flags are checked.
  const clusterIP = flags.clusterip ?? '';
  if (clusterIP !== 'None' && flags.tcp.length === 0 && type !== 'ExternalName') {
    throw new Error('at least one tcp port specifier must be provided');
  }
  if (type === 'ExternalName' && isDNS1123Subdomain(flags.externalName ?? '').length) {
    throw new Error(`invalid service external name ${flags.externalName ?? ''}`);
  }
  let svc = buildService({ name: names[0], type, tcp: flags.tcp, clusterIP, nodePort, externalName: flags.externalName ?? '' });
  if (flags.saveConfig) svc = (await import('../../apiserver/apply.js')).withLastApplied(svc);
  await createGenerated(ctx, flags, svc, {
    fieldManager: flags.fieldManager,
    failure: (e) => new Error(`failed to create ${type} service: ${errorText(e)}`),
  });
}

export interface ServiceParams {
  name: string;
  type: ServiceType;
  /** `port[:targetPort]` pairs. */
  tcp: string[];
  /** '' for none. */
  clusterIP: string;
  /** 0 for none. */
  nodePort: number;
  externalName: string;
}

/** ServiceOptions.createService, in the field order kubectl serializes a Service. */
export function buildService(p: ServiceParams): KubeObject {
  const ports = p.tcp.map((pair) => {
    const [port, targetPort] = parsePorts(pair);
    return {
      name: pair.replaceAll(':', '-'), protocol: 'TCP', port, targetPort,
      ...(p.nodePort ? { nodePort: Number(BigInt.asIntN(32, BigInt(p.nodePort))) } : {}),
    };
  });
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: p.name, creationTimestamp: null, labels: { app: p.name } },
    spec: {
      ...(ports.length ? { ports } : {}),
      selector: { app: p.name },
      ...(p.clusterIP ? { clusterIP: p.clusterIP } : {}),
      type: p.type,
      ...(p.externalName ? { externalName: p.externalName } : {}),
    },
    status: { loadBalancer: {} },
  } as KubeObject;
}

/** parsePorts: the port (utilsnet.ParsePort, zero allowed) and the target, a number or a port name. */
function parsePorts(pair: string): [number, number | string] {
  const parts = pair.split(':');
  const portText = parts[0];
  const quoted = JSON.stringify(portText);
  if (!/^\d+$/.test(portText)) throw new Error(`strconv.ParseUint: parsing ${quoted}: invalid syntax`);
  const port = Number(portText);
  if (port > 65535) throw new Error(`strconv.ParseUint: parsing ${quoted}: value out of range`);
  if (parts.length === 1) return [port, port];
  const target = parts[1];
  const isInt = /^[+-]?\d+$/.test(target) && BigInt(target) <= 9223372036854775807n && BigInt(target) >= -9223372036854775808n;
  if (!isInt) {
    const errs = isValidPortName(target);
    if (errs.length) throw new Error(errs.join(','));
    return [port, target];
  }
  const num = Number(target);
  const errs = isValidPortNum(num);
  if (errs.length) throw new Error(errs.join(','));
  return [port, num];
}
