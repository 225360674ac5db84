// kubectl's genericDescriber: what `kubectl describe` prints for a kind without a describer of its
// own (Event, Endpoints, Lease, custom resources): name, namespace, labels, annotations, then
// every other field of the object as nested "Smart Label:  value" lines, then its Events.
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import {
  printAnnotationsMultiline, printLabelsMultiline, sortStrings, type DescribeClient, type DescribeOptions,
} from './helpers.js';

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

export function describeGenericObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as Record<string, unknown>, '');
    if (events) describeEvents(events, w, opts.now);
  });
}

type Json = Record<string, unknown>;

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Json, skipPrefix: string): void {
  for (const field of sortStrings(Object.keys(content))) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (SKIP.includes(skipExpr)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, skipExpr);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/**
 * fmt's %v of a value decoded from JSON as unstructured content: integers that fit int64 print
 * as integers, other numbers as float64 (%g-style, exponent past 1e21 or below 1e-4), lists as
 * [a b], maps as map[k:v], null as <nil>.
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return BigInt(v).toString();
    return goFloat(v);
  }
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) return `map[${sortStrings(Object.keys(v)).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return String(v);
}

function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(f);
  if (f !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mantissa, exp] = f.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(f);
}

const COMMON_ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** smartLabelFor: `holderIdentity` → `Holder Identity`, `apiVersion` → `API Version`. */
export function smartLabelFor(field: string): string {
  // Only names made of letters and dashes are split; anything else is shown as it is.
  if ([...field].some((r) => !/\p{L}/u.test(r) && r !== '-')) return field;
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (COMMON_ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : title(part)))
    .join(' ');
}

/** strings.Title: the first letter of each word upper-cased. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** github.com/fatih/camelcase Split: runs of lower, upper, digit and other, with `PDFLoader` → `PDF`, `Loader`. */
function camelcaseSplit(src: string): string[] {
  const runs: string[][] = [];
  let lastClass = 0;
  for (const r of src) {
    const cls = /\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4;
    if (cls === lastClass) runs[runs.length - 1].push(r);
    else runs.push([r]);
    lastClass = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i][0]) && /\p{Ll}/u.test(runs[i + 1][0])) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}
