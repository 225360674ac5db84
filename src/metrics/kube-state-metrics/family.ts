// kube-state-metrics' own exposition (pkg/metric, pkg/metric_generator, pkg/metrics_store): each
// family generator turns one object into metrics whose labels come in the generator's order (not
// sorted, unlike client_golang), the object's identifying labels first; the help line carries
// "[STABLE]" only for stable families. The writer goes resource by resource (sorted by name), and
// for each family prints its header once, if the resource has any object, then every object's
// metrics of that family.
import { goFloat } from '../exposition.js';

export type KsmType = 'gauge' | 'counter';

export interface KsmMetric { keys: string[]; values: string[]; value: number }

export interface FamilyGenerator<T> {
  name: string;
  help: string;
  type: KsmType;
  stable: boolean;
  generate(obj: T): KsmMetric[];
}

/** KSM's writeFloat: strconv's shortest 'g' form, which goFloat already is (1, 0 and -1 alike). */
const writeFloat = goFloat;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function header<T>(g: FamilyGenerator<T>): string {
  return `# HELP ${g.name} ${g.stable ? `[STABLE] ${g.help}` : g.help}\n# TYPE ${g.name} ${g.type}\n`;
}

export function metricLine(name: string, m: KsmMetric): string {
  const labels = m.keys.length ? `{${m.keys.map((k, i) => `${k}="${escape(m.values[i])}"`).join(',')}}` : '';
  return `${name}${labels} ${writeFloat(m.value)}\n`;
}

/** A generator whose metrics get the object's identifying labels in front (wrapPodFunc and the like). */
export function wrapped<T>(identity: (obj: T) => [string[], string[]]) {
  return (name: string, help: string, stable: boolean, generate: (obj: T) => KsmMetric[], type: KsmType = 'gauge'): FamilyGenerator<T> => ({
    name, help, type, stable,
    generate: (obj) => {
      const [keys, values] = identity(obj);
      return generate(obj).map((m) => ({ keys: [...keys, ...m.keys], values: [...values, ...m.values], value: m.value }));
    },
  });
}

export const one = (value: number, keys: string[] = [], values: string[] = []): KsmMetric => ({ keys, values, value });
export const bool = (b: boolean): number => (b ? 1 : 0);

/** metav1.Time's Unix(): whole seconds. */
export const unix = (t: string | undefined): number => (t ? Math.floor(Date.parse(t) / 1000) : 0);

/** kube_*_created: the creation time, when the object has one. */
export const created = (o: { metadata: { creationTimestamp?: string | null } }): KsmMetric[] =>
  (o.metadata.creationTimestamp ? [one(unix(o.metadata.creationTimestamp))] : []);

/** resourceVersionMetric: the resourceVersion as a number, nothing when it is not one. */
export function resourceVersion(o: { metadata: { resourceVersion?: string } }): KsmMetric[] {
  const v = Number(o.metadata.resourceVersion);
  return o.metadata.resourceVersion && Number.isFinite(v) ? [one(v)] : [];
}

/** addConditionMetrics: one metric per possible status, lowercased, 1 for the condition's. */
export function conditionMetrics(status: string | undefined, keys: string[], values: string[]): KsmMetric[] {
  return ['True', 'False', 'Unknown'].map((s) => one(bool(status === s), [...keys], [...values, s.toLowerCase()]));
}

/** The owner families (kube_pod_owner, kube_job_owner): one empty series when there is no owner. */
export function ownerMetrics(owners: { kind: string; name: string; controller?: boolean }[] | undefined): KsmMetric[] {
  const keys = ['owner_kind', 'owner_name', 'owner_is_controller'];
  if (!owners?.length) return [one(1, keys, ['', '', ''])];
  return owners.map((o) => one(1, keys, [o.kind, o.name, o.controller === undefined ? 'false' : String(o.controller)]));
}

/** The labels/annotations families with KSM's default (empty) allow-lists: a header and no series. */
export function allowListed<T>(make: ReturnType<typeof wrapped<T>>, kind: 'labels' | 'annotations', resource: string,
  stable = kind === 'labels'): FamilyGenerator<T> {
  return make(`kube_${resource}_${kind}`, `Kubernetes ${kind} converted to Prometheus labels.`, stable, () => []);
}

export interface ResourceStore<T> {
  /** KSM's name of the resource (its --resources value). */
  resource: string;
  /** The store's resource the objects are read from. */
  storeResource: string;
  families: FamilyGenerator<T>[];
}

/** MetricsWriter.WriteAll for one resource's objects. */
export function writeResource<T>(store: ResourceStore<T>, objects: T[]): string {
  if (!objects.length) return '';
  let out = '';
  const generated = objects.map((o) => store.families.map((f) => f.generate(o)));
  store.families.forEach((f, i) => {
    out += header(f);
    for (const perObject of generated) for (const m of perObject[i]) out += metricLine(f.name, m);
  });
  return out;
}
