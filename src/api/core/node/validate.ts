// Node validation (ValidateNode, ValidateNodeUpdate), release-1.32.
import type { Node, Taint } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, duplicate, forbidden, goQuote, invalid, required } from '../../field-errors.js';
import {
  isValidCIDR, isValidLabelValue, nameIsDNSSubdomain, parseIPSloppy, validateLabelName, validateObjectMeta,
  validateObjectMetaUpdate, IS_NEGATIVE_ERROR_MSG,
} from '../../validation.js';
import { cmpQuantity, formatQuantity, parseQuantity } from '../../quantity.js';

export function validateNode(node: Node): ErrorList {
  const meta = FieldPath.of('metadata');
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, meta);
  // Upstream validates spec.taints under the metadata path.
  if (node.spec?.taints?.length) errs.push(...validateNodeTaints(node.spec.taints, meta.child('taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length) {
    const path = FieldPath.of('spec', 'podCIDRs');
    cidrs.forEach((c, i) => errs.push(...isValidCIDR(path.index(i), c)));
    if (cidrs.length > 1) {
      const families = new Set(cidrs.map((c) => parseIPSloppy(c.split('/')[0])));
      if (families.size !== cidrs.length || cidrs.length > 2) {
        errs.push(invalid(path, new GoRepr(`[]string{${cidrs.map(goQuote).join(', ')}}`), 'may specify no more than one CIDR for each IP family'));
      }
      const seen = new Set<string>();
      cidrs.forEach((c, i) => { if (seen.has(c)) errs.push(duplicate(path.index(i), c)); seen.add(c); });
    }
  }
  return errs;
}

function validateNodeResources(node: Node): ErrorList {
  const errs: ErrorList = [];
  for (const key of ['capacity', 'allocatable'] as const) {
    const list = node.status?.[key] ?? {};
    for (const name of Object.keys(list).sort()) {
      const q = parseQuantity(list[name]);
      if (cmpQuantity(q, 0) < 0) errs.push(invalid(FieldPath.of('status', key, name), formatQuantity(q), IS_NEGATIVE_ERROR_MSG));
    }
  }
  return errs;
}

export function validateNodeTaints(taints: Taint[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    errs.push(...validateLabelName(t.key, p.child('key')));
    const vm = isValidLabelValue(t.value ?? '');
    if (vm.length) errs.push(invalid(p.child('value'), t.value ?? '', vm.join(';')));
    if (!t.effect) errs.push(required(p.child('effect')));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push({ type: 'FieldValueNotSupported', field: p.child('effect').toString(), badValue: t.effect,
        detail: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' });
    }
    const keys = unique.get(t.effect) ?? new Set<string>();
    if (keys.has(t.key)) {
      const d = duplicate(p, new GoRepr(`core.Taint{Key:${goQuote(t.key)}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect)}, TimeAdded:<nil>}`));
      errs.push({ ...d, detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t.key);
    unique.set(t.effect, keys);
  });
  return errs;
}

export function validateNodeUpdate(node: Node, old: Node): ErrorList {
  const meta = FieldPath.of('metadata');
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, meta);
  errs.push(...validateNodeResources(node));
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}/${a.address}`;
    if (seen.has(key)) errs.push(duplicate(FieldPath.of('status', 'addresses').index(i), new GoRepr(`core.NodeAddress{Type:${goQuote(a.type)}, Address:${goQuote(a.address)}}`)));
    seen.add(key);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(FieldPath.of('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => { if (c !== newCIDRs[i]) errs.push(forbidden(FieldPath.of('spec', 'podCIDRs'), cidrMsg)); });
  }
  const oldPID = old.spec?.providerID ?? '';
  if (oldPID && oldPID !== (node.spec?.providerID ?? '')) {
    errs.push(forbidden(FieldPath.of('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if (node.spec?.taints?.length) errs.push(...validateNodeTaints(node.spec.taints, meta.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(FieldPath.of('spec', 'externalID'), 'may not be updated'));
  return errs;
}
