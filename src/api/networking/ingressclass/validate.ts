// IngressClass validation: ValidateIngressClass / ValidateIngressClassUpdate of
// pkg/apis/networking/validation (release-1.32). The controller is immutable.
import type { IngressClass, IngressClassSpec } from './schema.js';
import { SCOPE_CLUSTER, SCOPE_NAMESPACE } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, notSupported, required, tooLong } from '../../field-errors.js';
import { nameIsDNSLabel, nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { byteLength, isDNS1123Subdomain, regexError } from '../../name-validation.js';
import { validatePathSegmentName } from '../../policy/poddisruptionbudget/validate.js';

const MAX_LEN_INGRESS_CLASS_CONTROLLER = 250;
const SUPPORTED_SCOPES = [SCOPE_CLUSTER, SCOPE_NAMESPACE];
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRegexp = new RegExp(`^${httpPathFmt}$`);

/** validation.IsDomainPrefixedPath: `acme.io/foo`. */
export function isDomainPrefixedPath(path: FieldPath, value: string): ErrorList {
  if (!value) return [required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || !host || !rest) return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs: ErrorList = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!httpPathRegexp.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', httpPathFmt)));
  return errs;
}

function validateIngressClassSpec(spec: IngressClassSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const controller = spec.controller ?? '';
  if (!controller) {
    errs.push(required(path.child('controller')));
  } else {
    if (byteLength(controller) > MAX_LEN_INGRESS_CLASS_CONTROLLER) errs.push(tooLong(path.child('controller'), MAX_LEN_INGRESS_CLASS_CONTROLLER));
    errs.push(...isDomainPrefixedPath(path.child('controller'), controller));
  }
  const params = spec.parameters;
  if (!params) return errs;
  const pp = path.child('parameters');
  if (params.apiGroup !== undefined) for (const m of isDNS1123Subdomain(params.apiGroup)) errs.push(invalid(pp.child('apiGroup'), params.apiGroup, m));
  if (!params.kind) errs.push(required(pp.child('kind')));
  else for (const m of validatePathSegmentName(params.kind, false)) errs.push(invalid(pp.child('kind'), params.kind, m));
  if (!params.name) errs.push(required(pp.child('name')));
  else for (const m of validatePathSegmentName(params.name, false)) errs.push(invalid(pp.child('name'), params.name, m));
  if (params.scope === undefined) {
    errs.push(required(pp.child('scope')));
    return errs;
  }
  if (!SUPPORTED_SCOPES.includes(params.scope)) {
    errs.push(notSupported(pp.child('scope'), params.scope, SUPPORTED_SCOPES));
  } else {
    if (params.scope === SCOPE_NAMESPACE) {
      if (params.namespace === undefined) errs.push(required(pp.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
      else for (const m of nameIsDNSLabel(params.namespace, false)) errs.push(invalid(pp.child('namespace'), params.namespace, m));
    }
    if (params.scope === SCOPE_CLUSTER && params.namespace !== undefined) errs.push(forbidden(pp.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClass(ic: IngressClass): ErrorList {
  const errs = validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain);
  errs.push(...validateIngressClassSpec(ic.spec ?? {}, FieldPath.of('spec')));
  return errs;
}

export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): ErrorList {
  return [
    ...validateObjectMetaUpdate(ic.metadata, old.metadata),
    ...validateImmutableField(ic.spec?.controller ?? '', old.spec?.controller ?? '', FieldPath.of('spec', 'controller')),
    ...validateIngressClass(ic),
  ];
}
