// Endpoints validation (ValidateEndpointsCreate / ValidateEndpointsUpdate, release-1.32): the
// addresses must be IPs and the ports valid; the rest of upstream's checks (hostnames, reserved
// ranges) are not made.
import type { Endpoints } from './schema.js';
import { type ErrorList, FieldPath, invalid, notSupported, required } from '../../field-errors.js';
import { isValidIP, isValidPortNum, nameIsDNSSubdomain, validateDNS1123Label, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateEndpoints(ep: Endpoints): ErrorList {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = FieldPath.of('subsets').index(i);
    const addrs = [...(ss.addresses ?? []).map((a, j) => [a, p.child('addresses').index(j)] as const),
      ...(ss.notReadyAddresses ?? []).map((a, j) => [a, p.child('notReadyAddresses').index(j)] as const)];
    for (const [a, ap] of addrs) errs.push(...isValidIP(ap.child('ip'), a.ip));
    (ss.ports ?? []).forEach((port, j) => {
      const pp = p.child('ports').index(j);
      if ((ss.ports?.length ?? 0) > 1 || port.name) {
        if (!port.name) errs.push(required(pp.child('name'), ''));
        else errs.push(...validateDNS1123Label(port.name, pp.child('name')));
      }
      for (const m of isValidPortNum(port.port)) errs.push(invalid(pp.child('port'), port.port, m));
      if (!port.protocol) errs.push(required(pp.child('protocol'), ''));
      else if (!SUPPORTED_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(pp.child('protocol'), port.protocol, SUPPORTED_PROTOCOLS));
    });
  });
  return errs;
}

export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): ErrorList {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}
