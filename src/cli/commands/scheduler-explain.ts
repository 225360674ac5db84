// `mk scheduler explain`: why the scheduler puts a pod where it does, or nowhere. It reruns the
// scheduler's own cycle on a snapshot of the cluster (scheduler.explain, the code path that
// schedules pods) and prints every node × filter verdict, the score maps and the choice. It
// writes nothing: a pod given with -f is admitted in a dry run, and the seeded generator's state
// is read, never advanced.
import { Command } from 'commander';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { enableWrites, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import type { ExplainSubject } from '../printers/explain.js';

interface ExplainFlags {
  filename: string[];
  recursive?: boolean;
  output?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];
const POD_TYPES = new Set(['pod', 'pods', 'po']);

export function schedulerCommand(ctx: CliContext): Command {
  const cmd = new Command('scheduler').description("Ask the cluster's scheduler why a pod goes where it goes");
  cmd.addCommand(new Command('explain')
    .description('Explain the scheduling decision for a pod: every node and plugin, the scores and the choice')
    .argument('[pod...]', 'pod/NAME, pod NAME or NAME')
    .option('-f, --filename <file>', 'A manifest with the pod to explain; it is not created', collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('-o, --output <format>', 'Output format. One of: (json).')
    .action(async (args: string[], flags: ExplainFlags) => runExplain(ctx, podNameFrom(args, flags), flags)));
  return cmd;
}

/** The pod named by `pod/x`, `pod x` or `x`; undefined with -f. */
function podNameFrom(args: string[], flags: ExplainFlags): string | undefined {
  if (flags.output !== undefined && flags.output !== 'json') {
    throw new UsageError(`unable to match a printer suitable for the output format "${flags.output}", allowed formats are: json`);
  }
  if (flags.filename.length) {
    if (args.length) throw new UsageError('a pod name and -f cannot be given together');
    return undefined;
  }
  let name: string | undefined;
  if (args.length === 1 && args[0].includes('/')) {
    const [type, n] = [args[0].slice(0, args[0].indexOf('/')), args[0].slice(args[0].indexOf('/') + 1)];
    if (!POD_TYPES.has(type)) throw new UsageError(`scheduler explain takes a pod, not "${type}"`);
    name = n;
  } else if (args.length === 2 && POD_TYPES.has(args[0])) name = args[1];
  else if (args.length === 1 && !POD_TYPES.has(args[0])) name = args[0];
  if (!name) throw new UsageError('you must name one pod (pod/NAME), or give its manifest with -f');
  return name;
}

async function runExplain(ctx: CliContext, name: string | undefined, flags: ExplainFlags): Promise<void> {
  const { target, cluster } = await connect(ctx.flags);
  try {
    const { pod, subject, randState } = name !== undefined
      ? storedPod(cluster, target.namespace, name)
      : await podFromFile(ctx, cluster, flags, target.namespace);
    const [{ explain, readNodeCursor }, { defaultProfile, DEFAULT_SCHEDULER_NAME }, { SeededRand }] = await Promise.all([
      import('../../scheduler/scheduler.js'), import('../../scheduler/profile.js'), import('../../sim/rand.js'),
    ]);
    if ((pod.spec.schedulingGates ?? []).length) {
      subject.notes = [...subject.notes ?? [], `It has scheduling gates (${pod.spec.schedulingGates!.map((g) => g.name).join(', ')}): the scheduler does not try it until they are removed. Explained as if they were.`];
    }
    const schedulerName = pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME;
    if (schedulerName !== DEFAULT_SCHEDULER_NAME) {
      subject.notes = [...subject.notes ?? [], `Its schedulerName is ${schedulerName}: ${DEFAULT_SCHEDULER_NAME} leaves it alone. Explained as ${DEFAULT_SCHEDULER_NAME} would decide.`];
    }
    const nodes = cluster.api.list<KubeObject>('nodes') as unknown as Node[];
    // The pod itself must not hold room on a node while its own placement is weighed.
    const pods = (cluster.api.list<KubeObject>('pods') as unknown as Pod[]).filter((p) => !samePodObject(p, pod));
    const rand = randState ? new SeededRand(JSON.parse(randState) as number[]) : SeededRand.fromSeed(cluster.info.seed);
    const x = explain(pod, nodes, pods, defaultProfile(), {
      rand, lister: cluster.api, nextStartNodeIndex: readNodeCursor(cluster.store).nextStartNodeIndex,
    });
    const printers = await import('../printers/explain.js');
    if (flags.output === 'json') {
      ctx.io.out(JSON.stringify(printers.explanationJSON(subject, x), null, 2) + '\n');
      return;
    }
    ctx.io.out(printers.renderExplanation(subject, x, { color: ctx.io.isTTY && !process.env.NO_COLOR }));
  } finally {
    cluster.store.close();
  }
}

const samePodObject = (a: Pod, b: Pod) =>
  a.metadata.uid && b.metadata.uid ? a.metadata.uid === b.metadata.uid
    : a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;

/** The pod as the scheduler would see it unbound: a bound one is taken off its node first. */
function asPending(pod: Pod): Pod {
  const copy = structuredClone(pod);
  delete copy.spec.nodeName;
  if (copy.status?.nominatedNodeName) delete copy.status.nominatedNodeName;
  return copy;
}

interface Subject {
  pod: Pod;
  subject: ExplainSubject;
  /** The generator's state the scheduler's next draw would start from (undefined: never drawn). */
  randState: string | undefined;
}

function storedPod(cluster: ClusterHandle, namespace: string, name: string): Subject {
  const stored = cluster.api.get<KubeObject>('pods', namespace, name) as unknown as Pod;
  const bound = stored.spec.nodeName;
  return {
    pod: asPending(stored),
    subject: { namespace, name, origin: bound ? { kind: 'bound', node: bound } : { kind: 'pending' } },
    randState: cluster.store.getMeta('rand'),
  };
}

async function podFromFile(ctx: CliContext, cluster: ClusterHandle, flags: ExplainFlags, defaultNamespace: string): Promise<Subject> {
  const { readSources } = await import('../flags/filename-flags.js');
  const { decodeSources } = await import('../manifests.js');
  const { docs, failures } = decodeSources(await readSources(flags.filename, !!flags.recursive, ctx.io));
  if (failures.length) throw new RawError(failures.map((f) => f.message).join('\n'));
  const pods = docs.filter((d) => d.kind.kind === 'Pod');
  if (pods.length !== 1) {
    throw new RawError(`error: scheduler explain takes exactly one pod; ${flags.filename.join(', ')} ${pods.length ? `holds ${pods.length}` : 'holds none'}`);
  }
  const doc = pods[0];
  const namespace = doc.obj.metadata.namespace ?? defaultNamespace;
  const name = doc.obj.metadata.name;
  if (name && cluster.api.tryGet('pods', namespace, name)) return storedPod(cluster, namespace, name);

  await enableWrites(cluster);
  const input = structuredClone(doc.obj);
  delete input.status;
  input.metadata.namespace = namespace;
  // A server-side dry run, so the pod is defaulted and admitted as a create would; the draws it
  // makes (uid, generated name) are undone so that explaining leaves the generator where it was,
  // but the tie-break continues from them, as the scheduler would after a real create.
  const { pod, randState } = cluster.store.transaction(() => {
    const before = cluster.store.getMeta('rand');
    try {
      const created = cluster.api.create<KubeObject>('pods', input, { dryRun: true }) as unknown as Pod;
      return { pod: created, randState: cluster.store.getMeta('rand') };
    } finally {
      cluster.store.setMeta('rand', before);
    }
  });
  return {
    pod: asPending(pod),
    subject: { namespace, name: pod.metadata.name, origin: { kind: 'file', source: doc.source } },
    randState,
  };
}
