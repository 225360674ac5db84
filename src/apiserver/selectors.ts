// Label and field selectors, exact to Kubernetes 1.32: the label selector lexer and parser of
// k8s.io/apimachinery/pkg/labels/selector.go (with its error texts), metav1.LabelSelectorAsSelector,
// the field selector parser of fields/selector.go, and the per-kind field label conversions
// (which fields a kind can be selected by, and the error for any other) and selectable field
// sets of the API server's registry.
import { kindInfo } from '../api/registry.js';
import type { KubeObject } from '../api/object.js';
import type { ListFilter } from './api.js';
import { badRequest } from './errors.js';
import type { Selectors } from './server.js';
import { isQualifiedName, isValidLabelValue } from '../api/name-validation.js';

/** A selector that does not parse, or a requirement that is not valid; message as upstream's. */
export class SelectorError extends Error {}

// --- Go formatting of bad values in field errors --------------------------------------------

/** Go's %q for a string. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** field.Invalid(path, value, detail).Error(). */
function invalidValue(path: string, value: string | string[], detail: string): string {
  const v = typeof value === 'string' ? goQuote(value) : `[]string{${value.map(goQuote).join(', ')}}`;
  return `${path}: Invalid value: ${v}: ${detail}`;
}

/** utilerrors.Aggregate's Error(): one message alone, several deduplicated in brackets. */
function aggregate(errs: string[]): string {
  const seen = [...new Set(errs)];
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

// Label keys and values are checked by k8s.io/apimachinery/pkg/util/validation's rules,
// ported once in src/api/name-validation.ts.
export { isQualifiedName, isValidLabelValue };

// --- label selectors ------------------------------------------------------------------------

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed label selector; `nothing` matches no object (a nil metav1.LabelSelector). */
export interface LabelSelector {
  requirements: Requirement[];
  nothing?: boolean;
}

const binaryOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const unaryOperators = ['exists', '!'];

/**
 * labels.NewRequirement: validates key, operator and values. `path` is the field path the
 * errors are reported under (none for a parsed selector string: then `key`, `values[0]`).
 */
export function newRequirement(key: string, operator: Operator, values: string[], path = ''): Requirement {
  const errs: string[] = [];
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(invalidValue(child('key'), key, keyErrs.join('; ')));
  const valuePath = child('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalidValue(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalidValue(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalidValue(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalidValue(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidValue(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(`${child('operator')}: Unsupported value: ${goQuote(operator)}: supported values: ${[...binaryOperators, ...unaryOperators].map(goQuote).join(', ')}`);
  }
  values.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length) errs.push(invalidValue(`${valuePath}[${i}][${key}]`, v, vErrs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values };
}

/** strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? undefined : n;
}

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const lv = parseInt64(value);
      if (lv === undefined || r.values.length !== 1) return false;
      const rv = parseInt64(r.values[0]);
      if (rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

export function labelSelectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (sel.nothing) return false;
  return sel.requirements.every((r) => requirementMatches(r, labels));
}

/** Requirement.String(): values sorted, as kubectl prints a selector back. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' : '';
  s += r.key;
  switch (r.operator) {
    case '=': s += '='; break;
    case '==': s += '=='; break;
    case '!=': s += '!='; break;
    case 'in': s += ' in '; break;
    case 'notin': s += ' notin '; break;
    case 'gt': s += '>'; break;
    case 'lt': s += '<'; break;
    default: return s;
  }
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

export function labelSelectorString(sel: LabelSelector): string {
  return sel.nothing ? '' : sel.requirements.map(requirementString).join(',');
}

// The lexer.

type Token =
  | 'Error' | 'EndOfString' | 'ClosedPar' | 'Comma' | 'DoesNotExist' | 'DoubleEquals' | 'Equals' | 'GreaterThan'
  | 'Identifier' | 'In' | 'LessThan' | 'NotEquals' | 'NotIn' | 'OpenPar';

const string2token: Readonly<Record<string, Token>> = {
  ')': 'ClosedPar', ',': 'Comma', '!': 'DoesNotExist', '==': 'DoubleEquals', '=': 'Equals', '>': 'GreaterThan',
  in: 'In', '<': 'LessThan', '!=': 'NotEquals', notin: 'NotIn', '(': 'OpenPar',
};

interface Item { tok: Token; lit: string }

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch) && ch !== '';

/** The lexer works on bytes; selectors are ASCII in practice, and other bytes are identifier text. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = () => (pos < s.length ? s[pos++] : '');
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: 'EndOfString', lit: '' });
      return items;
    }
    pos--;
    if (isSpecialSymbol(ch)) {
      let buffer = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c)) {
          buffer += c;
          const t = string2token[buffer];
          if (t) {
            last = { tok: t, lit: buffer };
          } else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: 'Error', lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      const t = string2token[buffer];
      items.push({ tok: t ?? 'Identifier', lit: buffer });
    }
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  private lookahead(values: boolean): Item {
    const it = this.items[this.position];
    return values && (it.tok === 'In' || it.tok === 'NotIn') ? { tok: 'Identifier', lit: it.lit } : it;
  }

  private consume(values: boolean): Item {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'Identifier' || tok === 'DoesNotExist') {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        requirements.push(r);
        const t = this.consume(true);
        if (t.tok === 'EndOfString') return requirements;
        if (t.tok === 'Comma') {
          const t2 = this.lookahead(true);
          if (t2.tok !== 'Identifier' && t2.tok !== 'DoesNotExist') {
            throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
          }
        } else {
          throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'EndOfString') {
        return requirements;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private parseKeyAndInferOperator(): [string, Operator | undefined] {
    let operator: Operator | undefined;
    let { tok, lit } = this.consume(true);
    if (tok === 'DoesNotExist') {
      operator = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'Identifier') throw new SelectorError(`found '${lit}', expected: identifier`);
    const keyErrs = isQualifiedName(lit);
    // The parser validates with a nil field path, which prints as <nil>.
    if (keyErrs.length) throw new SelectorError(invalidValue('<nil>', lit, keyErrs.join('; ')));
    const next = this.lookahead(true).tok;
    if ((next === 'EndOfString' || next === 'Comma') && operator !== '!') operator = 'exists';
    return [lit, operator];
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'In': return 'in';
      case 'Equals': return '=';
      case 'DoubleEquals': return '==';
      case 'GreaterThan': return 'gt';
      case 'LessThan': return 'lt';
      case 'NotIn': return 'notin';
      case 'NotEquals': return '!=';
      default: throw new SelectorError(`found '${lit}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    let { tok, lit } = this.consume(true);
    if (tok !== 'OpenPar') throw new SelectorError(`found '${lit}' expected: '('`);
    ({ tok, lit } = this.lookahead(true));
    if (tok === 'Identifier' || tok === 'Comma') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== 'ClosedPar') throw new SelectorError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === 'ClosedPar') {
      this.consume(true);
      return new Set(['']);
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'Identifier') {
        s.add(lit);
        const t2 = this.lookahead(true);
        if (t2.tok === 'Comma') continue;
        if (t2.tok === 'ClosedPar') return s;
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === 'Comma') {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead(true).tok;
        if (t2 === 'ClosedPar') {
          s.add('');
          return s;
        }
        if (t2 === 'Comma') {
          this.consume(true);
          s.add('');
        }
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(true).tok;
    if (t === 'EndOfString' || t === 'Comma') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'Identifier') return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

function byKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * labels.Parse: `app=x,tier!=y`, `env in (a,b)`, `env notin (c)`, `key`, `!key`, `n>3`.
 * Throws SelectorError with upstream's message (`unable to parse requirement: ...`, `found
 * 'x', expected: ...`). An empty string selects everything.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  return { requirements: byKey(new Parser(lex(selector)).parse()) };
}

/** metav1.LabelSelector as objects carry it (Deployment.spec.selector, ...). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

/**
 * metav1.LabelSelectorAsSelector: undefined/null selects nothing, an empty selector
 * everything. matchLabels are taken in key order.
 */
export function labelSelectorFromObject(ps: LabelSelectorObject | null | undefined): LabelSelector {
  if (ps === null || ps === undefined) return { requirements: [], nothing: true };
  const labels = ps.matchLabels ?? {};
  const exprs = ps.matchExpressions ?? [];
  const reqs: Requirement[] = [];
  for (const k of Object.keys(labels).sort()) reqs.push(newRequirement(k, '=', [labels[k]]));
  for (const e of exprs) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
    if (!op) throw new SelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, [...(e.values ?? [])]));
  }
  return { requirements: byKey(reqs) };
}

// --- field selectors ------------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** A field selector: all terms must hold. */
export interface FieldSelector {
  terms: FieldRequirement[];
}

function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function splitTerm(term: string): [string, '!=' | '==' | '=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the offending rune with %v, i.e. as its code point number.
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector: `metadata.name=x`, `status.phase!=Running`, `spec.nodeName=` (empty
 * value), with `\,` `\=` `\\` escapes in values. Terms come out sorted.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort();
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [lhs, op, rhs] = split;
    terms.push({ field: lhs, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rhs) });
  }
  return { terms };
}

export function fieldSelectorMatches(sel: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return sel.terms.every((t) => ((fields[t.field] ?? '') === t.value) === (t.operator === '='));
}

export function fieldSelectorString(sel: FieldSelector): string {
  return sel.terms.map((t) => `${t.field}${t.operator}${t.value.replace(/[\\,=]/g, (c) => `\\${c}`)}`).join(',');
}

/** The field labels each kind's conversion accepts (the registry's AddFieldLabelConversionFunc). */
const fieldLabels: Readonly<Record<string, { labels: readonly string[]; error: (label: string) => string }>> = {
  Pod: {
    labels: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
      'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
    error: (l) => `field label not supported: ${l}`,
  },
  Node: { labels: ['metadata.name', 'spec.unschedulable'], error: (l) => `field label not supported: ${l}` },
  ReplicationController: {
    labels: ['metadata.name', 'metadata.namespace', 'status.replicas'], error: (l) => `field label not supported: ${l}`,
  },
  Event: {
    labels: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
      'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
      'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'],
    error: (l) => `field label not supported: ${l}`,
  },
  Namespace: { labels: ['status.phase', 'metadata.name'], error: (l) => `field label not supported: ${l}` },
  Secret: { labels: ['type', 'metadata.namespace', 'metadata.name'], error: (l) => `field label not supported: ${l}` },
  Service: {
    labels: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'], error: (l) => `field label not supported: ${l}`,
  },
  Job: {
    labels: ['metadata.name', 'metadata.namespace', 'status.successful'],
    error: (l) => `field label ${goQuote(l)} not supported for batchv1.Job`,
  },
  CertificateSigningRequest: {
    labels: ['metadata.name', 'spec.signerName'], error: (l) => `field label not supported: ${l}`,
  },
};

/** runtime.DefaultMetaV1FieldSelectorConversion, for every kind without a conversion of its own. */
const defaultFieldLabels = {
  labels: ['metadata.name', 'metadata.namespace'],
  error: (l: string) => `${goQuote(l)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/**
 * Checks a parsed field selector against what the kind can be selected by and converts old
 * names (`spec.host` → `spec.nodeName` for pods), as the server does before listing.
 */
export function convertFieldSelector(sel: FieldSelector, kind: string): FieldSelector {
  const conv = fieldLabels[kind] ?? defaultFieldLabels;
  return {
    terms: sel.terms.map((t) => {
      if (kind === 'Pod' && t.field === 'spec.host') return { ...t, field: 'spec.nodeName' };
      if (!conv.labels.includes(t.field)) throw new SelectorError(conv.error(t.field));
      return t;
    }),
  };
}

type Obj = Record<string, unknown>;
const get = (o: unknown, ...path: string[]): unknown => {
  let cur = o;
  for (const p of path) cur = cur !== null && typeof cur === 'object' ? (cur as Obj)[p] : undefined;
  return cur;
};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : '0');

/** The field set the registry matches field selectors against (GetAttrs / ToSelectableFields). */
export function selectableFields(obj: KubeObject, kind: string = obj.kind): Record<string, string> {
  const meta: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  const namespaced = kindInfo(kind)?.namespaced ?? obj.metadata.namespace !== undefined;
  if (namespaced) meta['metadata.namespace'] = obj.metadata.namespace ?? '';
  switch (kind) {
    case 'Pod': {
      const ips = get(obj, 'status', 'podIPs');
      return {
        ...meta,
        'spec.nodeName': str(get(obj, 'spec', 'nodeName')),
        'spec.restartPolicy': str(get(obj, 'spec', 'restartPolicy')),
        'spec.schedulerName': str(get(obj, 'spec', 'schedulerName')),
        'spec.serviceAccountName': str(get(obj, 'spec', 'serviceAccountName')),
        'spec.hostNetwork': get(obj, 'spec', 'hostNetwork') === true ? 'true' : 'false',
        'status.phase': str(get(obj, 'status', 'phase')),
        'status.podIP': Array.isArray(ips) && ips.length > 0 ? str(get(ips[0], 'ip')) : '',
        'status.nominatedNodeName': str(get(obj, 'status', 'nominatedNodeName')),
      };
    }
    case 'Node':
      return { ...meta, 'spec.unschedulable': get(obj, 'spec', 'unschedulable') === true ? 'true' : 'false' };
    case 'Namespace':
      // `name` is kept by upstream for old clients, though its conversion no longer accepts it.
      return { ...meta, 'status.phase': str(get(obj, 'status', 'phase')), name: obj.metadata.name ?? '' };
    case 'Secret':
      return { ...meta, type: str(get(obj, 'type')) };
    case 'Service':
      return { ...meta, 'spec.clusterIP': str(get(obj, 'spec', 'clusterIP')), 'spec.type': str(get(obj, 'spec', 'type')) };
    case 'ReplicationController':
      return { ...meta, 'status.replicas': int(get(obj, 'status', 'replicas')) };
    case 'Job':
      return { ...meta, 'status.successful': int(get(obj, 'status', 'succeeded')) };
    case 'CertificateSigningRequest':
      return { ...meta, 'spec.signerName': str(get(obj, 'spec', 'signerName')) };
    case 'Event': {
      const io = (f: string) => str(get(obj, 'involvedObject', f));
      const source = str(get(obj, 'source', 'component')) || str(get(obj, 'reportingComponent'));
      return {
        'involvedObject.kind': io('kind'),
        'involvedObject.namespace': io('namespace'),
        'involvedObject.name': io('name'),
        'involvedObject.uid': io('uid'),
        'involvedObject.apiVersion': io('apiVersion'),
        'involvedObject.resourceVersion': io('resourceVersion'),
        'involvedObject.fieldPath': io('fieldPath'),
        reason: str(get(obj, 'reason')),
        reportingComponent: str(get(obj, 'reportingComponent')),
        source,
        type: str(get(obj, 'type')),
        ...meta,
      };
    }
    default:
      return meta;
  }
}

// --- the list filter the server applies ------------------------------------------------------

export type ObjectPredicate = (obj: KubeObject) => boolean;

/**
 * The predicate a list or watch with `labelSelector` / `fieldSelector` uses for a kind. A bad
 * selector is a 400 BadRequest with upstream's text, label selector first.
 */
export function compileListFilter(kind: string, filter: Pick<ListFilter, 'labelSelector' | 'fieldSelector'>): ObjectPredicate {
  let labels: LabelSelector | undefined;
  let fields: FieldSelector | undefined;
  try {
    if (filter.labelSelector) labels = parseLabelSelector(filter.labelSelector);
    if (filter.fieldSelector) fields = convertFieldSelector(parseFieldSelector(filter.fieldSelector), kind);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
  return (obj) => (!labels || labelSelectorMatches(labels, obj.metadata.labels))
    && (!fields || fieldSelectorMatches(fields, selectableFields(obj, kind)));
}

/** The Selectors the API server plugs in: one compiled predicate per list call. */
export const selectors: Selectors = { compile: compileListFilter };
