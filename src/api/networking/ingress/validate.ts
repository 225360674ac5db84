// Ingress validation: ValidateIngressCreate / ValidateIngressUpdate of pkg/apis/networking/validation
// (release-1.32), with the options that let objects stored by older servers keep their invalid
// secret names and wildcard rules.
import type { HTTPIngressPath, Ingress, IngressBackend, IngressRule, IngressSpec } from './schema.js';
import { ANNOTATION_INGRESS_CLASS, PATH_TYPE_EXACT, PATH_TYPE_IMPLEMENTATION_SPECIFIC, PATH_TYPE_PREFIX } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, invalid, notSupported, required } from '../../field-errors.js';
import {
  isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain, parseIPSloppy, validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation.js';
import { isDNS1123Subdomain, isWildcardDNS1123Subdomain } from '../../name-validation.js';
import { validatePathSegmentName } from '../../policy/poddisruptionbudget/validate.js';

const SUPPORTED_PATH_TYPES = [PATH_TYPE_EXACT, PATH_TYPE_IMPLEMENTATION_SPECIFIC, PATH_TYPE_PREFIX];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

interface Options {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

export const validateIngressClassName = nameIsDNSSubdomain;

/** ValidateIngressCreate. */
export function validateIngressCreate(ing: Ingress): ErrorList {
  const errs = validateIngress(ing, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false });
  const annotation = ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS];
  const className = ing.spec?.ingressClassName;
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(invalid(FieldPath.of('annotations').child(ANNOTATION_INGRESS_CLASS), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** ValidateIngressUpdate. */
export function validateIngressUpdate(ing: Ingress, old: Ingress): ErrorList {
  const errs = validateObjectMetaUpdate(ing.metadata, old.metadata);
  errs.push(...validateIngress(ing, { allowInvalidSecretName: allowInvalidSecretName(old), allowInvalidWildcardHostRule: allowInvalidWildcardHostRule(old) }));
  return errs;
}

function validateIngress(ing: Ingress, opts: Options): ErrorList {
  const errs = validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateIngressSpec(ing.spec ?? {}, FieldPath.of('spec'), opts));
  return errs;
}

/** ValidateIngressSpec. */
export function validateIngressSpec(spec: IngressSpec, path: FieldPath, opts: Options): ErrorList {
  const errs: ErrorList = [];
  const rules = spec.rules;
  if (!rules?.length && !spec.defaultBackend) {
    errs.push(invalid(path, new GoRepr(rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateIngressBackend(spec.defaultBackend, path.child('defaultBackend')));
  if (rules?.length) errs.push(...validateIngressRules(rules, path.child('rules'), opts));
  if (spec.tls?.length) errs.push(...validateIngressTLS(spec, path.child('tls'), opts));
  if (spec.ingressClassName !== undefined) {
    for (const m of validateIngressClassName(spec.ingressClassName, false)) errs.push(invalid(path.child('ingressClassName'), spec.ingressClassName, m));
  }
  return errs;
}

function validateIngressTLS(spec: IngressSpec, path: FieldPath, opts: Options): ErrorList {
  const errs: ErrorList = [];
  (spec.tls ?? []).forEach((tls, t) => {
    (tls.hosts ?? []).forEach((host, i) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(invalid(path.index(t).child('hosts').index(i), host, m));
    });
    if (!opts.allowInvalidSecretName) {
      for (const m of validateTLSSecretName(tls.secretName ?? '')) errs.push(invalid(path.index(t).child('secretName'), tls.secretName ?? '', m));
    }
  });
  return errs;
}

function validateIngressRules(rules: IngressRule[], path: FieldPath, opts: Options): ErrorList {
  const errs: ErrorList = [];
  rules.forEach((rule, i) => {
    let wildcardHost = false;
    const host = rule.host ?? '';
    if (host) {
      if (parseIPSloppy(host) !== undefined) errs.push(invalid(path.index(i).child('host'), host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        for (const m of isWildcardDNS1123Subdomain(host)) errs.push(invalid(path.index(i).child('host'), host, m));
        wildcardHost = true;
      } else {
        for (const m of isDNS1123Subdomain(host)) errs.push(invalid(path.index(i).child('host'), host, m));
      }
    }
    if (!wildcardHost || !opts.allowInvalidWildcardHostRule) errs.push(...validateIngressRuleValue(rule, path.index(i)));
  });
  return errs;
}

function validateIngressRuleValue(rule: IngressRule, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!rule.http) return errs;
  const httpPath = path.child('http');
  if (!rule.http.paths.length) errs.push(required(httpPath.child('paths')));
  rule.http.paths.forEach((p, i) => errs.push(...validateHTTPIngressPath(p, httpPath.child('paths').index(i))));
  return errs;
}

function validateHTTPIngressPath(p: HTTPIngressPath, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (p.pathType === undefined) return [required(path.child('pathType'), 'pathType must be specified')];
  const value = p.path ?? '';
  switch (p.pathType) {
    case PATH_TYPE_EXACT:
    case PATH_TYPE_PREFIX:
      if (!value.startsWith('/')) errs.push(invalid(path.child('path'), value, 'must be an absolute path'));
      if (value.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(invalid(path.child('path'), value, `must not contain '${seq}'`));
        for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) errs.push(invalid(path.child('path'), value, `cannot end with '${suffix}'`));
      }
      break;
    case PATH_TYPE_IMPLEMENTATION_SPECIFIC:
      if (value.length > 0 && !value.startsWith('/')) errs.push(invalid(path.child('path'), value, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(path.child('pathType'), p.pathType, SUPPORTED_PATH_TYPES));
  }
  errs.push(...validateIngressBackend(p.backend, path.child('backend')));
  return errs;
}

/** validateIngressBackend. */
export function validateIngressBackend(backend: IngressBackend, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const { resource, service } = backend;
  if (resource && service) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource) {
    const rp = path.child('resource');
    if (resource.apiGroup != null) for (const m of isDNS1123Subdomain(resource.apiGroup)) errs.push(invalid(rp.child('apiGroup'), resource.apiGroup, m));
    if (!resource.kind) errs.push(required(rp.child('kind')));
    else for (const m of validatePathSegmentName(resource.kind, false)) errs.push(invalid(rp.child('kind'), resource.kind, m));
    if (!resource.name) errs.push(required(rp.child('name')));
    else for (const m of validatePathSegmentName(resource.name, false)) errs.push(invalid(rp.child('name'), resource.name, m));
    return errs;
  }
  if (!service) return [invalid(path, '', 'resource or service backend is required')];
  if (!service.name) errs.push(required(path.child('service', 'name')));
  else for (const m of nameIsDNS1035Label(service.name, false)) errs.push(invalid(path.child('service', 'name'), service.name, m));
  const portName = service.port?.name ?? '';
  const portNumber = service.port?.number ?? 0;
  if (portName && portNumber) {
    errs.push(invalid(path, '', 'cannot set both port name & port number'));
  } else if (portName) {
    for (const m of isValidPortName(portName)) errs.push(invalid(path.child('service', 'port', 'name'), portName, m));
  } else if (portNumber) {
    for (const m of isValidPortNum(portNumber)) errs.push(invalid(path.child('service', 'port', 'number'), portNumber, m));
  } else {
    errs.push(required(path, 'port name or number is required'));
  }
  return errs;
}

function validateTLSSecretName(name: string): string[] {
  return name ? nameIsDNSSubdomain(name, false) : [];
}

function allowInvalidSecretName(old: Ingress): boolean {
  return (old.spec?.tls ?? []).some((tls) => validateTLSSecretName(tls.secretName ?? '').length > 0);
}

function allowInvalidWildcardHostRule(old: Ingress): boolean {
  return (old.spec?.rules ?? []).some((r) => (r.host ?? '').includes('*') && validateIngressRuleValue(r, FieldPath.of('')).length > 0);
}
