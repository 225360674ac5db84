// metav1.LabelSelector as the API server and printers read it: LabelSelectorAsSelector (its
// conversion errors, Selector.String() and Matches) and FormatLabelSelector. Type-only schema
// imports: this module is on the `mk get` path and must not load zod.
import type { LabelSelector } from '../meta/schema.js';
import { isQualifiedName, isValidLabelValue } from '../name-validation.js';

interface Requirement { key: string; text: string }

const operators: Readonly<Record<string, string>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector followed by Selector.String(): requirements sorted by key, In and
 * NotIn values sorted; undefined when the selector does not convert (bad operator, key or value),
 * which callers print as upstream does. A nil selector selects nothing and prints as "".
 */
export function labelSelectorAsString(sel: LabelSelector | null | undefined): string | undefined {
  if (!sel) return '';
  const reqs: Requirement[] = [];
  const labels = sel.matchLabels ?? {};
  for (const key of Object.keys(labels)) {
    if (!validRequirement(key, 'Equals', [labels[key]])) return undefined;
    reqs.push({ key, text: `${key}=${labels[key]}` });
  }
  for (const e of sel.matchExpressions ?? []) {
    const op = operators[e.operator];
    const values = e.values ?? [];
    if (!op || !validRequirement(e.key, e.operator, values)) return undefined;
    switch (e.operator) {
      case 'In': case 'NotIn': {
        const shown = values.length === 1 ? values[0] : [...values].sort().join(',');
        reqs.push({ key: e.key, text: `${e.key} ${op} (${shown})` });
        break;
      }
      case 'Exists': reqs.push({ key: e.key, text: e.key }); break;
      default: reqs.push({ key: e.key, text: `!${e.key}` });
    }
  }
  // sort.Sort(ByKey) is an insertion sort for the handful of requirements a selector has, so
  // requirements with equal keys keep their order, as Array.prototype.sort's does.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** labels.NewRequirement's checks. */
function validRequirement(key: string, operator: string, values: readonly string[]): boolean {
  if (isQualifiedName(key).length) return false;
  switch (operator) {
    case 'In': case 'NotIn': if (values.length === 0) return false; break;
    case 'Equals': if (values.length !== 1) return false; break;
    default: if (values.length !== 0) return false;
  }
  return values.every((v) => isValidLabelValue(v).length === 0);
}

/** metav1.FormatLabelSelector: `<none>` for a selector that is empty or nil, `<error>` for one that does not convert. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  const s = labelSelectorAsString(sel);
  if (s === undefined) return '<error>';
  return s.length ? s : '<none>';
}

/**
 * LabelSelectorAsSelector(sel).Matches(labels) for a selector that converts: a nil selector
 * matches nothing, an empty one everything.
 */
export function labelSelectorMatches(sel: LabelSelector | null | undefined, labels: Readonly<Record<string, string>> | null | undefined): boolean {
  if (!sel) return false;
  const has = (k: string) => labels != null && Object.hasOwn(labels, k);
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!has(k) || labels![k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has(e.key) || !values.includes(labels![e.key])) return false; break;
      case 'NotIn': if (has(e.key) && values.includes(labels![e.key])) return false; break;
      case 'Exists': if (!has(e.key)) return false; break;
      case 'DoesNotExist': if (has(e.key)) return false; break;
      default: return false;
    }
  }
  return true;
}
