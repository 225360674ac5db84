// The go-cmp style diff some Forbidden messages carry (`spec is immutable after creation ...\n<diff>`):
// changed fields of a Go struct with their old (-) and new (+) values, runs of identical fields
// folded. Field names are Go's, values in Go syntax.
import { goQuote } from './field-errors.js';
import { deepEqual } from './semantic-equal.js';

/** fields: [json name, Go field name] in the Go struct's order. */
export function goStructDiff(typeName: string, fields: ReadonlyArray<readonly [string, string]>, oldObj: object, newObj: object): string {
  const lines = [`  ${typeName}{`];
  let identical = 0;
  const flush = () => {
    if (identical) lines.push(`  \t... // ${identical} identical field${identical === 1 ? '' : 's'}`);
    identical = 0;
  };
  const o = oldObj as Record<string, unknown>;
  const n = newObj as Record<string, unknown>;
  for (const [json, goName] of fields) {
    if (deepEqual(o[json], n[json])) { identical++; continue; }
    flush();
    lines.push(`- \t${goName}: ${goValue(o[json])},`);
    lines.push(`+ \t${goName}: ${goValue(n[json])},`);
  }
  flush();
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}

export function goValue(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(goValue).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k[0].toUpperCase()}${k.slice(1)}: ${goValue(x)}`);
  return `{${entries.join(', ')}}`;
}
