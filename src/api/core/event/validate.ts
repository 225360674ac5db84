// core/v1 Event validation (ValidateEventCreate / ValidateEventUpdate for requests in version v1,
// which only run legacyValidateEvent), release-1.32.
import type { Event } from './schema.js';
import { type ErrorList, FieldPath, invalid, required } from '../../field-errors.js';
import { isDNS1123Subdomain, validateQualifiedName } from '../../validation.js';

export function validateEventCreate(ev: Event): ErrorList {
  return legacyValidateEvent(ev);
}

export function validateEventUpdate(ev: Event): ErrorList {
  return legacyValidateEvent(ev);
}

function legacyValidateEvent(ev: Event): ErrorList {
  const errs: ErrorList = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject.namespace ?? '';
  const nsPath = FieldPath.of('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const rc = ev.reportingComponent ?? '';
    if (!rc) errs.push(required(FieldPath.of('reportingComponent')));
    errs.push(...validateQualifiedName(rc, FieldPath.of('reportingComponent')));
    const ri = ev.reportingInstance ?? '';
    if (!ri) errs.push(required(FieldPath.of('reportingInstance')));
    if (ri.length > 128) errs.push(invalid(FieldPath.of('reportingInstance'), '', 'can have at most 128 characters'));
    const action = ev.action ?? '';
    if (!action) errs.push(required(FieldPath.of('action')));
    if (action.length > 128) errs.push(invalid(FieldPath.of('action'), '', 'can have at most 128 characters'));
    const reason = ev.reason ?? '';
    if (!reason) errs.push(required(FieldPath.of('reason')));
    if (reason.length > 128) errs.push(invalid(FieldPath.of('reason'), '', 'can have at most 128 characters'));
    if ((ev.message ?? '').length > 1024) errs.push(invalid(FieldPath.of('message'), '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(FieldPath.of('namespace'), ns, m));
  return errs;
}
