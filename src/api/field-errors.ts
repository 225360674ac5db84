// Field-level validation errors as data, the shape of k8s.io/apimachinery/pkg/util/validation/field:
// a type, a rendered field path, the offending value and a detail. Rendering follows
// (*field.Error).ErrorBody of release-1.32 word for word, because users read these strings:
// `spec.containers[0].image: Required value`, `metadata.name: Invalid value: "Foo": a lowercase ...`.

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/**
 * A value printed with Go's `%#v` (structs, slices, maps). Go callers pass the value itself and
 * let fmt render it; here the caller renders it, since only it knows the Go type's spelling.
 */
export class GoRepr {
  constructor(readonly text: string) {}
}

/** Go's field.omitValue: the body names the error type only. */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

export type BadValue = string | number | boolean | null | undefined | GoRepr | typeof OMIT_VALUE;

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue: BadValue;
  detail: string;
}

export type ErrorList = FieldError[];

/** A field path being built, as field.Path: `spec.containers[0].image`, `metadata.labels[app]`. */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static of(name: string, ...more: string[]): FieldPath {
    return new FieldPath([name, ...more].join('.'));
  }

  child(name: string, ...more: string[]): FieldPath {
    const tail = [name, ...more].join('.');
    return new FieldPath(this.text ? `${this.text}.${tail}` : tail);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

const typeStrings: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

type PathLike = FieldPath | string;
const p = (path: PathLike) => path.toString();

export const required = (path: PathLike, detail = ''): FieldError =>
  ({ type: 'FieldValueRequired', field: p(path), badValue: '', detail });

export const invalid = (path: PathLike, value: BadValue, detail: string): FieldError =>
  ({ type: 'FieldValueInvalid', field: p(path), badValue: value, detail });

export const typeInvalid = (path: PathLike, value: BadValue, detail: string): FieldError =>
  ({ type: 'FieldValueTypeInvalid', field: p(path), badValue: value, detail });

export const notFound = (path: PathLike, value: BadValue): FieldError =>
  ({ type: 'FieldValueNotFound', field: p(path), badValue: value, detail: '' });

export const duplicate = (path: PathLike, value: BadValue): FieldError =>
  ({ type: 'FieldValueDuplicate', field: p(path), badValue: value, detail: '' });

export function notSupported(path: PathLike, value: BadValue, validValues: readonly string[]): FieldError {
  const detail = validValues.length ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field: p(path), badValue: value, detail };
}

export const forbidden = (path: PathLike, detail: string): FieldError =>
  ({ type: 'FieldValueForbidden', field: p(path), badValue: '', detail });

export function tooLong(path: PathLike, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return { type: 'FieldValueTooLong', field: p(path), badValue: '<value omitted>', detail };
}

export function tooMany(path: PathLike, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return { type: 'FieldValueTooMany', field: p(path), badValue: actual >= 0 ? actual : OMIT_VALUE, detail };
}

export const internalError = (path: PathLike, message: string): FieldError =>
  ({ type: 'InternalError', field: p(path), badValue: null, detail: message });

/** (*field.Error).ErrorBody: the message without the field name. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = typeStrings[e.type];
      break;
    default:
      s = e.badValue === OMIT_VALUE ? typeStrings[e.type] : `${typeStrings[e.type]}: ${goFormat(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** (*field.Error).Error: `field: body`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** The distinct messages of a list in order, as ErrorList.ToAggregate keeps them. */
export function dedupe(errs: ErrorList): ErrorList {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const m = errorString(e);
    if (seen.has(m)) return false;
    seen.add(m);
    return true;
  });
}

/** utilerrors.Aggregate's Error(): one message as is, several in brackets. */
export function aggregateMessage(errs: ErrorList): string {
  const msgs = dedupe(errs).map(errorString);
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}

function goFormat(v: Exclude<BadValue, typeof OMIT_VALUE>): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoRepr) return v.text;
  if (typeof v === 'string') return goQuote(v);
  return String(v);
}

/** strconv.Quote: Go's double-quoted string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's `%#v` of a []string. */
export function goStringSlice(values: readonly string[]): GoRepr {
  return new GoRepr(`[]string{${values.map(goQuote).join(', ')}}`);
}
