// EndpointSlice validation (pkg/apis/discovery/validation, release-1.32): the address type, the
// addresses for it and the ports; addressType is immutable.
import type { EndpointSlice } from './schema.js';
import { type ErrorList, FieldPath, invalid, notSupported, required } from '../../field-errors.js';
import { isValidIP, isValidPortNum, nameIsDNSSubdomain, parseIPSloppy, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';

const SUPPORTED_ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateEndpointSlice(slice: EndpointSlice): ErrorList {
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain);
  const addressType = slice.addressType;
  if (!addressType) errs.push(required(FieldPath.of('addressType'), ''));
  else if (!SUPPORTED_ADDRESS_TYPES.includes(addressType)) errs.push(notSupported(FieldPath.of('addressType'), addressType, SUPPORTED_ADDRESS_TYPES));
  (slice.endpoints ?? []).forEach((e, i) => {
    const ap = FieldPath.of('endpoints').index(i).child('addresses');
    if (e.addresses.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
    e.addresses.forEach((a, j) => {
      const p = ap.index(j);
      if (addressType === 'IPv4' || addressType === 'IPv6') {
        const ipErrs = isValidIP(p, a);
        errs.push(...ipErrs);
        if (ipErrs.length === 0 && parseIPSloppy(a) !== (addressType === 'IPv4' ? 4 : 6)) {
          errs.push(invalid(p, a, `must be a valid ${addressType} address`));
        }
      }
    });
  });
  (slice.ports ?? []).forEach((port, i) => {
    const pp = FieldPath.of('ports').index(i);
    if (port.port !== undefined) for (const m of isValidPortNum(port.port)) errs.push(invalid(pp.child('port'), port.port, m));
    if (port.protocol && !SUPPORTED_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(pp.child('protocol'), port.protocol, SUPPORTED_PROTOCOLS));
  });
  return errs;
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): ErrorList {
  return [...validateObjectMetaUpdate(slice.metadata, old.metadata), ...validateEndpointSlice(slice),
    ...validateImmutableField(slice.addressType, old.addressType, FieldPath.of('addressType'))];
}
