// Validation shared by every kind: the string-format checks of k8s.io/apimachinery/pkg/util/validation
// (DNS names, label keys and values, ports, IPs), ObjectMeta and label-selector validation, the
// mapping of zod issues to Kubernetes field errors, and the 422 Invalid error the API server
// returns. Messages are release-1.32's, byte for byte; callers build field paths with FieldPath.
import { isIP } from 'node:net';
import type { ZodError } from 'zod';
import type { LabelSelector, ObjectMeta, OwnerReference } from './meta/schema.js';
import {
  type ErrorList, type FieldError, FieldPath, GoRepr, forbidden, goQuote, goStringSlice,
  invalid, required, tooLong,
} from './field-errors.js';
import {
  byteLength, emptyError, inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue,
  maxLenError, regexError,
} from './name-validation.js';
import { deepEqual } from './semantic-equal.js';

// ---- util/validation: string formats -------------------------------------------------------

export {
  emptyError, inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, maxLenError,
  regexError,
};

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

const cIdentifierFmt = '[A-Za-z_][A-Za-z0-9_]*';
export function isCIdentifier(value: string): string[] {
  if (new RegExp(`^${cIdentifierFmt}$`).test(value)) return [];
  return [regexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
    cIdentifierFmt, 'my_name', 'MY_NAME', 'MyName')];
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

const MAX_INT32 = 2147483647;
export const isValidGroupID = (gid: number) => (gid >= 0 && gid <= MAX_INT32 ? [] : [inclusiveRangeError(0, MAX_INT32)]);
export const isValidUserID = (uid: number) => (uid >= 0 && uid <= MAX_INT32 ? [] : [inclusiveRangeError(0, MAX_INT32)]);

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** netutils.ParseIPSloppy: like net.ParseIP, but IPv4 octets may carry leading zeros. */
export function parseIPSloppy(value: string): 4 | 6 | undefined {
  if (isIP(value) === 6) return 6;
  const parts = value.split('.');
  if (parts.length === 4 && parts.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255)) return 4;
  return undefined;
}

export function isValidIP(path: FieldPath, value: string): ErrorList {
  return parseIPSloppy(value) ? [] : [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isValidCIDR(path: FieldPath, value: string): ErrorList {
  const [ip, bits, ...rest] = value.split('/');
  const family = parseIPSloppy(ip ?? '');
  const max = family === 6 ? 128 : 32;
  const ok = family !== undefined && rest.length === 0 && bits !== undefined && /^[0-9]+$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

export function isHTTPHeaderName(value: string): string[] {
  const fmt = '[-A-Za-z0-9]+';
  return new RegExp(`^${fmt}$`).test(value) ? [] : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", fmt, 'X-Header-Name')];
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

export function isEnvVarName(value: string): string[] {
  const fmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
  const errs: string[] = [];
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
      fmt, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

export function isConfigMapKey(value: string): string[] {
  const fmt = '[-._a-zA-Z0-9]+';
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", fmt, 'key.name', 'KEY_NAME', 'key-name'));
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

// ---- api/validation: names --------------------------------------------------------------------

/** Validates a name; prefix is true for generateName, whose trailing dash is allowed. */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

export function validateDNS1123Label(value: string, path: FieldPath): ErrorList {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

export function validateDNS1123Subdomain(value: string, path: FieldPath): ErrorList {
  return isDNS1123Subdomain(value).map((m) => invalid(path, value, m));
}

export function validateQualifiedName(value: string, path: FieldPath): ErrorList {
  return isQualifiedName(value).map((m) => invalid(path, value, m));
}

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

export function validateNonnegativeField(value: number, path: FieldPath): ErrorList {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** apimachinery ValidateImmutableField: reports the new value when it differs semantically. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: FieldPath, shown?: FieldError['badValue']): ErrorList {
  if (deepEqual(newVal, oldVal)) return [];
  const value = shown ?? (typeof newVal === 'string' || typeof newVal === 'number' || typeof newVal === 'boolean' || newVal == null
    ? newVal as FieldError['badValue'] : new GoRepr(JSON.stringify(newVal)));
  return [invalid(path, value, FIELD_IMMUTABLE_ERROR_MSG)];
}

export { deepEqual };

// ---- ObjectMeta ---------------------------------------------------------------------------------

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

export function validateLabelName(name: string, path: FieldPath): ErrorList {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** Keys are visited in sorted order: Go's map order is random, a deterministic one is kinder. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(labels![k])) errs.push(invalid(path, labels![k], m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  let total = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + byteLength(annotations![k]);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const slash = ref.apiVersion.lastIndexOf('/');
  const version = slash >= 0 ? ref.apiVersion.slice(slash + 1) : ref.apiVersion;
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  if (!version) errs.push(invalid(path.child('apiVersion'), ref.apiVersion, 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind, 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(path.child('name'), ref.name, 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid, 'uid must not be empty'));
  if (group === '' && version === 'v1' && ref.kind === 'Event') {
    errs.push(invalid(path, new GoRepr(goOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

function goOwnerReference(ref: OwnerReference): string {
  const ptr = (b: boolean | undefined) => (b === undefined ? '(*bool)(nil)' : `(*bool)(0x${b ? 1 : 0})`);
  return `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion)}, Kind:${goQuote(ref.kind)}, Name:${goQuote(ref.name)}, `
    + `UID:${goQuote(ref.uid)}, Controller:${ptr(ref.controller)}, BlockOwnerDeletion:${ptr(ref.blockOwnerDeletion)}}`;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(path, new GoRepr(`[]v1.OwnerReference{...}`),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizerName(name: string, path: FieldPath): ErrorList {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** core validation's validateKubeFinalizerName: an unqualified finalizer must be a standard one. */
export function validateKubeFinalizerName(name: string, path: FieldPath): ErrorList {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

export function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const list = finalizers ?? [];
  for (const f of list) errs.push(...validateFinalizerName(f, path));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/**
 * ValidateObjectMeta as core validation calls it (the apimachinery checks plus the Kubernetes
 * finalizer-name rule). Expects generateName to have been resolved into name already.
 */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: ValidateNameFunc,
  path: FieldPath = FieldPath.of('metadata')): ErrorList {
  const errs: ErrorList = [];
  if (meta.generateName) {
    for (const m of nameFn(meta.generateName, true)) errs.push(invalid(path.child('generateName'), meta.generateName, m));
  }
  if (!meta.name) {
    errs.push(required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const m of nameFn(meta.name, false)) errs.push(invalid(path.child('name'), meta.name, m));
  }
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(required(path.child('namespace')));
    else for (const m of nameIsDNSLabel(meta.namespace, false)) errs.push(invalid(path.child('namespace'), meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  (meta.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath = FieldPath.of('metadata')): ErrorList {
  const errs: ErrorList = [];
  if (old.deletionTimestamp) {
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !(old.finalizers ?? []).includes(f)).sort();
    if (extra.length) {
      errs.push(forbidden(path.child('finalizers'),
        `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).text}`));
    }
  }
  if (!meta.resourceVersion) errs.push(invalid(path.child('resourceVersion'), meta.resourceVersion ?? '', 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(path.child('generation'), meta.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutableField(meta.name ?? '', old.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(meta.namespace ?? '', old.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(meta.uid ?? '', old.uid ?? '', path.child('uid')));
  errs.push(...validateImmutableField(meta.creationTimestamp ?? null, old.creationTimestamp ?? null, path.child('creationTimestamp')));
  errs.push(...validateImmutableField(meta.deletionTimestamp ?? null, old.deletionTimestamp ?? null, path.child('deletionTimestamp')));
  errs.push(...validateImmutableField(meta.deletionGracePeriodSeconds ?? null, old.deletionGracePeriodSeconds ?? null, path.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  (meta.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

// ---- label selectors ----------------------------------------------------------------------------

export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath,
  opts: { allowInvalidLabelValueInSelector?: boolean } = {}): ErrorList {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, p.child('key')));
    if (!opts.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => { for (const m of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(j), v, m)); });
    }
  });
  return errs;
}

// ---- zod issues ---------------------------------------------------------------------------------

type ZodIssue = ZodError['issues'][number];

/** zod's path as a Kubernetes field path: `spec.containers[0].image`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** The strict-decoding paths (`spec.containers[0].foo`) of the keys a strict zod object refused. */
export function zodUnknownFields(issues: readonly ZodIssue[]): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issuePath(issue.path);
    for (const k of issue.keys) out.push(path ? `${path}.${k}` : k);
  }
  return out;
}

/**
 * zod issues other than unknown keys as Kubernetes field errors, for schema rules that have no
 * decoding equivalent (decoding problems proper are reported by the API server's decoder before
 * zod sees the object).
 */
export function zodIssuesToFieldErrors(issues: readonly ZodIssue[], input: unknown): ErrorList {
  const errs: ErrorList = [];
  for (const issue of issues) {
    const path = issuePath(issue.path);
    // zod does not keep the offending value in its issues; it is looked up in the input.
    const value = valueAt(input, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        break;
      case 'invalid_type':
        if (value === undefined) errs.push(required(path));
        else errs.push({ type: 'FieldValueTypeInvalid', field: path, badValue: shown(value), detail: `must be of type ${goTypeName(issue.expected)}` });
        break;
      case 'invalid_value':
        errs.push({ type: 'FieldValueNotSupported', field: path, badValue: shown(value), detail: `supported values: ${issue.values.map((v) => goQuote(String(v))).join(', ')}` });
        break;
      default:
        errs.push(invalid(path, shown(value), issue.message));
    }
  }
  return errs;
}

/** The value at a zod issue path, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function shown(v: unknown): FieldError['badValue'] {
  if (v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return new GoRepr(JSON.stringify(v));
}

function goTypeName(expected: string): string {
  switch (expected) {
    case 'number': case 'int': return 'integer';
    case 'boolean': return 'boolean';
    case 'array': return 'array';
    case 'object': case 'record': return 'object';
    default: return expected;
  }
}

/** `unknown field "spec.foo"` items, joined as runtime's strictDecodingError joins them. */
export function strictDecodingMessage(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.map((f) => `unknown field ${goQuote(f)}`).join(', ')}`;
}
