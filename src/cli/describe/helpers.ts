// What every describer shares: its signature, the read-only client it may use, and describe.go's
// helpers for timestamps, labels, annotations, taints, tolerations and selectors. Ages
// (HumanDuration) and quantities come from src/api, shared with `mk get`.
import type { Api } from '../../apiserver/api.js';
import type { KubeObject } from '../../api/object.js';
import type { Taint } from '../../api/core/node/schema.js';
import type { Toleration } from '../../api/core/pod/schema.js';
import type { LabelSelector } from '../../api/meta/schema.js';
import { LEVEL_0, type PrefixWriter } from '../printers/prefix-writer.js';
import { parseTimestamp } from '../../api/duration.js';
import { formatQuantity, tryParseQuantity } from '../../api/quantity.js';
import { goSort } from '../printers/go-sort.js';

export { parseTimestamp, translateTimestampSince } from '../../api/duration.js';
export { formatLabels } from '../../api/table.js';

/** The reads a describer may make: the object's related objects and its Events. */
export type DescribeClient = Pick<Api, 'get' | 'tryGet' | 'list'>;

export interface DescribeOptions {
  /** The cluster's current time (ms since the epoch); ages are computed against it. */
  now: number;
  /** `--show-events` (default true). */
  showEvents: boolean;
}

export type Describer = (obj: KubeObject, client: DescribeClient, opts: DescribeOptions) => string;

/** The annotation kubectl never shows in describe output. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") in the local time zone: metav1.Time
 * unmarshals into local time, so kubectl prints timestamps in the zone of the machine it runs on.
 * An unset time prints as Go's zero time, as kubectl does for e.g. a missing lastHeartbeatTime.
 */
export function formatRFC1123Z(s: string | null | undefined): string {
  const t = parseTimestamp(s);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${DAYS[d.getDay()]}, ${pad2(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} `
    + `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

/** Go's byte-oriented len() and s[:n] on UTF-8 text. */
function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
function shorten(s: string, maxLength: number): string {
  if (byteLength(s) > maxLength) return Buffer.from(s, 'utf8').subarray(0, maxLength).toString('utf8') + '...';
  return s;
}

/** Go's sort.Strings (byte-wise comparison of UTF-8; code unit order agrees for BMP text). */
export function sortStrings(xs: string[]): string[] {
  return xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function printLabelsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string,
  innerIndent: string, labels: Record<string, string> | undefined, skip: ReadonlySet<string> = new Set()): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortStrings(Object.keys(labels ?? {}).filter((k) => !skip.has(k)));
  if (!labels || keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels[key]}\n`);
  });
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

/** Long or multi-line values go on their own lines, cut at 140 bytes; last-applied is hidden. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const all = annotations ?? {};
  const keys = sortStrings(Object.keys(all).filter((k) => k !== LAST_APPLIED));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = all[key].endsWith('\n') ? all[key].slice(0, -1) : all[key];
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** corev1.Taint.ToString: `key=value:Effect`, value and effect omitted when empty. */
export function taintToString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

export function printNodeTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const cmpKey = (t: Taint) => `${t.effect},${t.key}`;
  const sorted = goSort([...taints], (a, b) => cmpKey(a) < cmpKey(b));
  sorted.forEach((taint, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintToString(taint)}\n`);
  });
}

export function printTolerationsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string,
  innerIndent: string, tolerations: Toleration[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, t.key ?? '');
    if (t.value) w.write(LEVEL_0, `=${t.value}`);
    if (t.effect) w.write(LEVEL_0, `:${t.effect}`);
    // `operator: Exists` with no value tolerates everything matching key/effect.
    if (t.operator === 'Exists' && !t.value) {
      w.write(LEVEL_0, t.key || t.effect ? ' op=Exists' : 'op=Exists');
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) w.write(LEVEL_0, ` for ${t.tolerationSeconds}s`);
    w.write(LEVEL_0, '\n');
  });
}

export function printPodTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  printTolerationsMultilineWithIndent(w, '', title, '\t', tolerations);
}

/** `Kind/name` of the controller ownerReference, or '' (printController). */
export function printController(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** printBool: True/False, as conditions print them. */
export function printBool(b: boolean | undefined): string {
  return b ? 'True' : 'False';
}

/**
 * metav1.FormatLabelSelector: the selector's requirements sorted by key, `<none>` when it
 * selects everything or nothing, `<error>` for an operator it cannot convert.
 */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<none>';
  const reqs: { key: string; text: string }[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {})) reqs.push({ key, text: `${key}=${sel.matchLabels![key]}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = sortStrings([...new Set(e.values ?? [])]);
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, text: `${e.key} in (${values.join(',')})` }); break;
      case 'NotIn': reqs.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` }); break;
      case 'Exists': reqs.push({ key: e.key, text: e.key }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, text: `!${e.key}` }); break;
      default: return '<error>';
    }
  }
  const s = goSort(reqs, (a, b) => a.key < b.key).map((r) => r.text).join(',');
  return s || '<none>';
}

/** A quantity from an object in canonical form (Quantity.String()); unparsable input as given. */
export function showQuantity(v: string | number): string {
  const q = tryParseQuantity(v);
  return q ? formatQuantity(q) : String(v);
}
