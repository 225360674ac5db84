// The Prometheus text format (version 0.0.4) as Go's client library writes it (expfmt's
// MetricFamilyToText behind the registry's Gather): families sorted by name, each series' labels
// sorted by name and series sorted by their label values, numbers as strconv.FormatFloat(v, 'g',
// -1, 64), histogram bucket counts as integers. Kubernetes components (component-base/metrics) put
// the stability level in front of the help text: "[STABLE] ...".

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Stability = 'ALPHA' | 'BETA' | 'STABLE' | 'INTERNAL';
export type Labels = Record<string, string>;

export interface Sample { labels: Labels; value: number }
export interface HistogramSample {
  labels: Labels;
  /** Cumulative counts per upper bound, in the order of the family's buckets. */
  counts: number[];
  sum: number;
  count: number;
}

export type Family =
  | { name: string; help: string; stability?: Stability; type: 'counter' | 'gauge'; samples: Sample[] }
  | { name: string; help: string; stability?: Stability; type: 'histogram'; buckets: number[]; samples: HistogramSample[] };

/** strconv.FormatFloat(f, 'g', -1, 64): the shortest digits, exponent form from 1e+06 and below 1e-04. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(labels: [string, string][]): string {
  return labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}` : '';
}

const sortedPairs = (labels: Labels): [string, string][] =>
  Object.entries(labels).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** client_golang's metricSorter: label values compared in label-name order. */
function compareSeries(a: [string, string][], b: [string, string][]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i][1] !== b[i][1]) return a[i][1] < b[i][1] ? -1 : 1;
  }
  return a.length - b.length;
}

export function helpText(f: Pick<Family, 'help' | 'stability'>): string {
  return f.stability ? `[${f.stability}] ${f.help}` : f.help;
}

export function encodeFamily(f: Family): string {
  let out = `# HELP ${f.name} ${escapeHelp(helpText(f))}\n# TYPE ${f.name} ${f.type}\n`;
  if (f.type !== 'histogram') {
    const rows = f.samples.map((s) => ({ pairs: sortedPairs(s.labels), s })).sort((a, b) => compareSeries(a.pairs, b.pairs));
    for (const { pairs, s } of rows) out += `${f.name}${labelText(pairs)} ${goFloat(s.value)}\n`;
    return out;
  }
  const rows = f.samples.map((s) => ({ pairs: sortedPairs(s.labels), s })).sort((a, b) => compareSeries(a.pairs, b.pairs));
  for (const { pairs, s } of rows) {
    f.buckets.forEach((le, i) => {
      out += `${f.name}_bucket${labelText([...pairs, ['le', goFloat(le)]])} ${s.counts[i] ?? 0}\n`;
    });
    out += `${f.name}_bucket${labelText([...pairs, ['le', '+Inf']])} ${s.count}\n`;
    out += `${f.name}_sum${labelText(pairs)} ${goFloat(s.sum)}\n`;
    out += `${f.name}_count${labelText(pairs)} ${s.count}\n`;
  }
  return out;
}

/** A registry's Gather: families without series are left out, the rest sorted by name. */
export function encode(families: Family[]): string {
  return families.filter((f) => f.samples.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(encodeFamily).join('');
}

/** prometheus.ExponentialBuckets(start, factor, count). */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  const out: number[] = [];
  let b = start;
  for (let i = 0; i < count; i++) {
    out.push(b);
    b *= factor;
  }
  return out;
}

/** The content type promhttp answers the text format with. */
export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=values';
