// `mk expose (-f FILENAME | TYPE NAME) [--port] [--protocol] [--target-port] [--name] [--type] ...`:
// kubectl 1.32's expose.go. Each object named (a deployment, replica set, replication controller,
// pod or service) lends the new Service its selector, its ports and their protocols and its
// labels unless flags give them; the Service is created, or printed for --dry-run=client.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { connect } from '../context.js';
import { newAggregate, UsageError } from '../errors.js';
import { canBeExposed, makeLabels, mapBasedSelectorForObject, multiProtocolsForObject, portsForObject } from '../exposable.js';
import { addOverrideFlags, applyOverrides, type OverrideFlags } from '../flags/override-flags.js';
import { printWriteResult, writeFlagsFrom } from './write-flags.js';
import {
  addFilenameFlags, CHANGE_CAUSE_ANNOTATION, changeCause, NO_RESOURCES_MESSAGE, RECORD_DEPRECATION, RECORD_HELP, recording,
  resolveTargets, withDryRun,
} from './workload-targets.js';
import type { KindInfo } from '../../api/registry.js';
import { parseIntOrString } from '../../api/intstr.js';

interface ExposeFlags extends OverrideFlags {
  filename: string[];
  recursive?: boolean;
  protocol?: string;
  port?: string;
  type?: string;
  loadBalancerIp?: string;
  selector?: string;
  labels?: string;
  targetPort?: string;
  externalIp?: string;
  name?: string;
  sessionAffinity?: string;
  clusterIp?: string;
  fieldManager: string;
  saveConfig?: boolean;
  record?: string | boolean;
  dryRun?: string;
  validate?: string;
  output?: string;
}

/** The DNS-1035 label limit a default name (the exposed object's) is cut to. */
const DNS1035_LABEL_MAX_LENGTH = 63;

export function exposeCommand(ctx: CliContext): Command {
  const cmd = new Command('expose')
    .description('Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service')
    .usage('(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]')
    .argument('[args...]')
    .option('--protocol <protocol>', "The network protocol for the service to be created. Default is 'TCP'.")
    .option('--port <port>', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified')
    .option('--type <type>', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
    .option('--load-balancer-ip <ip>', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).')
    .option('--selector <selector>', 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)')
    .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
    .option('--target-port <port>', 'Name or number for the port on the container that the service should direct traffic to. Optional.')
    .option('--external-ip <ip>', 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.')
    .option('--name <name>', 'The name for the newly created object.')
    .option('--session-affinity <affinity>', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
    .option('--cluster-ip <ip>', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-expose')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--record [bool]', RECORD_HELP)
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).');
  addOverrideFlags(cmd);
  addFilenameFlags(cmd, 'identifying the resource to expose a service');
  return cmd.action(async (args: string[], flags: ExposeFlags) => runExpose(ctx, args, flags, cmd));
}

/** What the flags leave to the exposed objects; filled from the first one and kept, as ExposeServiceOptions is. */
export interface ExposeOptions {
  name: string;
  defaultName: string;
  selector: string;
  port: string;
  ports: string;
  labels: string;
  externalIP: string;
  loadBalancerIP: string;
  type: string;
  protocol: string;
  protocols: string;
  targetPort: string;
  sessionAffinity: string;
  clusterIP: string;
}

async function runExpose(ctx: CliContext, args: string[], flags: ExposeFlags, cmd: Command): Promise<void> {
  const write = writeFlagsFrom(flags);
  if (flags.record !== undefined) ctx.io.err(RECORD_DEPRECATION);
  const record = recording(flags.record) ? changeCause(cmd) : undefined;
  if (args.length === 0 && flags.filename.length === 0) throw new UsageError(NO_RESOURCES_MESSAGE);
  const o: ExposeOptions = {
    name: flags.name ?? '', defaultName: '', selector: flags.selector ?? '', port: flags.port ?? '', ports: '',
    labels: flags.labels ?? '', externalIP: flags.externalIp ?? '', loadBalancerIP: flags.loadBalancerIp ?? '',
    type: flags.type ?? '', protocol: flags.protocol ?? '', protocols: '', targetPort: flags.targetPort ?? '',
    sessionAffinity: flags.sessionAffinity ?? '', clusterIP: flags.clusterIp ?? '',
  };
  const { target, cluster } = await connect(ctx.flags);
  const errors: Error[] = [];
  try {
    await enableWrites(cluster);
    const items: ({ kind: KindInfo; name: string; obj: KubeObject } | Error)[] = [];
    if (flags.filename.length) {
      // Objects from files are exposed as written, not as the server holds them (no Latest()).
      const { readSources } = await import('../flags/filename-flags.js');
      const { visitManifests } = await import('../manifests.js');
      const err = await visitManifests(await readSources(flags.filename, !!flags.recursive, ctx.io),
        { validation: write.fieldValidation, namespace: target.namespace, enforceNamespace: target.explicitNamespace },
        (info) => void items.push({ kind: info.kind, name: info.name, obj: info.obj }));
      if (err) items.push(err);
    }
    if (args.length) {
      const resolved = await resolveTargets(ctx, cluster, target, args, {}, { allowEmptySelector: false, verb: 'expose' });
      items.push(...resolved.ordered);
    }
    const printer = { printed: 0 };
    for (const item of items) {
      if (item instanceof Error) {
        errors.push(item);
        continue;
      }
      try {
        const svc = await applyOverrides(exposeOne(o, item), flags);
        if (record !== undefined) (svc.metadata.annotations ??= {})[CHANGE_CAUSE_ANNOTATION] = record;
        await createExposed(ctx, cluster, target, svc, flags, write, printer);
      } catch (e) {
        errors.push(e as Error);
      }
    }
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
  const err = newAggregate(errors);
  if (err) throw err;
}

/** One object through RunExpose's visitor: fills what the flags left open, then builds the Service. */
export function exposeOne(o: ExposeOptions, info: { kind: KindInfo; name: string; obj: KubeObject }): KubeObject {
  const notExposable = canBeExposed(info.kind);
  if (notExposable) throw notExposable;
  o.defaultName = info.name.slice(0, DNS1035_LABEL_MAX_LENGTH);
  if (!o.selector) {
    const s = mapBasedSelectorForObject(info.obj);
    if (s instanceof Error) throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${s.message}`);
    o.selector = s;
  }
  const headless = o.clusterIP === 'None';
  if (!o.port) {
    const ports = portsForObject(info.obj);
    if (ports instanceof Error) throw new Error(`couldn't find port via --port flag or introspection: ${ports.message}`);
    if (ports.length === 0) {
      if (!headless) throw new Error("couldn't find port via --port flag or introspection");
    } else if (ports.length === 1) o.port = ports[0];
    else o.ports = ports.join(',');
  }
  // Protocols always come from the object: its ports may use different ones.
  const protocols = multiProtocolsForObject(info.obj);
  if (protocols instanceof Error) throw new Error(`couldn't find protocol via introspection: ${protocols.message}`);
  const joined = [...protocols].flatMap(([port, list]) => list.map((p) => `${port}/${p}`)).join(',');
  if (joined) o.protocols = joined;
  if (!o.labels) o.labels = makeLabels(info.obj.metadata.labels);
  return createService(o);
}

/** ExposeServiceOptions.createService: the Service in the field order kubectl serializes it. */
export function createService(o: ExposeOptions): KubeObject {
  if (!o.selector) throw new Error('selector must be specified');
  const selector = parseLabels(o.selector);
  const labels = o.labels ? parseLabels(o.labels) : undefined;
  const name = o.name || o.defaultName;
  if (!name) throw new Error('name must be specified');
  const portProtocols = o.protocols ? parseProtocols(o.protocols) : new Map<string, string[]>();
  // --port, or every port of an object exposed without one.
  const portString = o.ports || o.port;
  const ports: Record<string, unknown>[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((text, i) => {
      const port = atoi(text);
      const portName = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      if (!protocol && portProtocols.size === 0) protocol = 'TCP';
      else if (!protocol && portProtocols.size > 0) {
        protocol = 'TCP';
        const found = portProtocols.get(text);
        if (found) {
          if (found.length === 1) protocol = found[0];
          else {
            for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port: int32(port) });
            return;
          }
        }
      }
      ports.push({ ...(portName ? { name: portName } : {}), protocol, port: int32(port) });
    });
  }
  for (const p of ports) p.targetPort = o.targetPort ? parseIntOrString(o.targetPort) : p.port;
  if (o.sessionAffinity && o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') {
    throw new Error(`unknown session affinity: ${o.sessionAffinity}`);
  }
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, ...(labels ? { labels } : {}) },
    spec: {
      ...(ports.length ? { ports } : {}),
      selector,
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ...(o.type ? { type: o.type } : {}),
      ...(o.externalIP ? { externalIPs: [o.externalIP] } : {}),
      ...(o.sessionAffinity ? { sessionAffinity: o.sessionAffinity } : {}),
      ...(o.type === 'LoadBalancer' && o.loadBalancerIP ? { loadBalancerIP: o.loadBalancerIP } : {}),
    },
    status: { loadBalancer: {} },
  } as KubeObject;
}

async function createExposed(ctx: CliContext, cluster: import('../../cluster/runtime.js').ClusterHandle, target: Target,
  svc: KubeObject, flags: ExposeFlags, write: ReturnType<typeof writeFlagsFrom>, printer: { printed: number }): Promise<void> {
  // One YAML printer prints every object: documents after the first start with `---`.
  const print = async (obj: KubeObject) => {
    if (flags.output === 'yaml' && printer.printed++ > 0) ctx.io.out('---\n');
    await printWriteResult(ctx.io, obj, flags.output, withDryRun('exposed', write.dryRun));
  };
  if (write.dryRun === 'client') {
    if (target.explicitNamespace) svc.metadata = withNamespace(svc.metadata, target.namespace);
    await print(svc);
    return;
  }
  let toCreate = svc;
  if (flags.saveConfig) toCreate = (await import('../../apiserver/apply.js')).withLastApplied(toCreate);
  toCreate = structuredClone(toCreate);
  delete toCreate.status;
  toCreate.metadata.namespace = target.namespace;
  const created = cluster.api.create('services', toCreate, {
    dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: flags.fieldManager,
  });
  await print(created);
}

/** metadata with namespace where ObjectMeta serializes it: right after name. */
function withNamespace(meta: KubeObject['metadata'], namespace: string): KubeObject['metadata'] {
  const { name, ...rest } = meta;
  return { name, namespace, ...rest };
}

/** expose's parseLabels: `k=v` pairs, each with exactly one `=`; keys sorted as Go serializes a map. */
function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new Error(`unexpected label spec: ${pair}`);
    if (!kv[0]) throw new Error('unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function parseProtocols(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of text.split(',')) {
    const [port, protocol] = item.split('/');
    map.set(port, [...(map.get(port) ?? []), protocol]);
  }
  return map;
}

/** strconv.Atoi, with its errors. */
function atoi(s: string): bigint {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** Go's int32(n) conversion. */
const int32 = (n: bigint) => Number(BigInt.asIntN(32, n));
