// Service validation (ValidateService, ValidateServiceCreate, ValidateServiceUpdate), release-1.32.
import type { Service, ServicePort } from './schema.js';
import {
  type ErrorList, FieldPath, GoRepr, duplicate, forbidden, goQuote, goStringSlice, invalid, notSupported, required,
} from '../../field-errors.js';
import {
  isValidCIDR, isValidIP, isValidPortName, isValidPortNum, nameIsDNS1035Label, parseIPSloppy, validateDNS1123Label,
  validateDNS1123Subdomain, validateLabels, validateObjectMeta, validateObjectMetaUpdate, validateQualifiedName,
} from '../../validation.js';
import { externallyAccessible } from './defaults.js';

type ServiceSpec = NonNullable<Service['spec']>;

const KUBELET_PORT = 10250;
const MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 86400;

const isHeadless = (spec: ServiceSpec) => spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';

export function validateService(svc: Service): ErrorList {
  const metaPath = FieldPath.of('metadata');
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, metaPath);
  const ann = svc.metadata.annotations ?? {};
  const hints = ann['service.kubernetes.io/topology-aware-hints'];
  const mode = ann['service.kubernetes.io/topology-mode'];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(invalid(metaPath.child('annotations').key('service.kubernetes.io/topology-mode'), mode,
      'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'));
  }
  const spec = svc.spec ?? {};
  const specPath = FieldPath.of('spec');
  const ports = spec.ports ?? [];
  const headless = isHeadless(spec);

  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports')));
  switch (spec.type) {
    case 'LoadBalancer':
      ports.forEach((p, i) => {
        if (p.port === KUBELET_PORT) errs.push(invalid(specPath.child('ports').index(i), p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      });
      if (headless) errs.push(invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length > 0) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length > 0) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
      else errs.push(required(specPath.child('externalName')));
      break;
    }
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));

  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(required(specPath.child('sessionAffinity')));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported(specPath.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const p = specPath.child('sessionAffinityConfig');
    const cfg = spec.sessionAffinityConfig;
    if (!cfg) errs.push(required(p, 'when session affinity type is ClientIP'));
    else if (!cfg.clientIP) errs.push(required(p.child('clientIP'), 'when session affinity type is ClientIP'));
    else if (cfg.clientIP.timeoutSeconds === undefined) errs.push(required(p.child('clientIP').child('timeoutSeconds'), 'when session affinity type is ClientIP'));
    else {
      const t = cfg.clientIP.timeoutSeconds;
      if (t <= 0 || t > MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS) {
        errs.push(invalid(p.child('clientIP').child('timeoutSeconds'), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS}`));
      }
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }

  errs.push(...validateServiceClusterIPsRelatedFields(spec));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const e = isValidIP(p, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, p)));
  });

  const type = spec.type ?? '';
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!type) errs.push(required(specPath.child('type')));
  else if (!types.includes(type)) errs.push(notSupported(specPath.child('type'), type, types));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }

  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) {
      errs.push(duplicate(specPath.child('ports').index(i), new GoRepr(`core.ServicePort{Name:"", Protocol:${goQuote(p.protocol ?? '')}, `
        + `AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`)));
    }
    portKeys.add(key);
  });

  const ranges = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length) {
    const p = specPath.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(p.index(i), r.trim())));
  } else if (ann['service.beta.kubernetes.io/load-balancer-source-ranges'] !== undefined) {
    const p = FieldPath.of('metadata', 'annotations').key('service.beta.kubernetes.io/load-balancer-source-ranges');
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    const val = ann['service.beta.kubernetes.io/load-balancer-source-ranges'].trim();
    if (val) for (const r of val.split(',')) errs.push(...isValidCIDR(p, r.trim()));
  }

  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    errs.push(forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) errs.push(required(FieldPath.of('allocateLoadBalancerNodePorts')));

  if (type === 'LoadBalancer') {
    if (spec.loadBalancerClass !== undefined) errs.push(...validateQualifiedName(spec.loadBalancerClass, specPath.child('loadBalancerClass')));
  } else if (spec.loadBalancerClass !== undefined) {
    errs.push(forbidden(specPath.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  }

  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(invalid(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required(specPath.child('externalTrafficPolicy')));
  } else if (spec.externalTrafficPolicy !== 'Cluster' && spec.externalTrafficPolicy !== 'Local') {
    errs.push(notSupported(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  const needsHC = type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHC) {
    if (spec.healthCheckNodePort) {
      errs.push(invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (!spec.healthCheckNodePort) {
    errs.push(required(specPath.child('healthCheckNodePort')));
  } else {
    for (const m of isValidPortNum(spec.healthCheckNodePort)) errs.push(invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, m));
  }

  if (spec.internalTrafficPolicy === undefined) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(required(specPath.child('internalTrafficPolicy')));
  } else if (spec.internalTrafficPolicy !== 'Cluster' && spec.internalTrafficPolicy !== 'Local') {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported(specPath.child('trafficDistribution'), spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const name = sp.name ?? '';
  if (requireName && !name) errs.push(required(path.child('name')));
  else if (name) {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(invalid(path.child('port'), sp.port, m));
  if (!sp.protocol) errs.push(required(path.child('protocol')));
  else if (!['SCTP', 'TCP', 'UDP'].includes(sp.protocol)) errs.push(notSupported(path.child('protocol'), sp.protocol, ['SCTP', 'TCP', 'UDP']));
  const tp = sp.targetPort ?? 0;
  if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(path.child('targetPort'), tp, m));
  else for (const m of isValidPortName(tp)) errs.push(invalid(path.child('targetPort'), tp, m));
  if (sp.appProtocol !== undefined) errs.push(...validateQualifiedName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

function validateNonSpecialIP(ip: string, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const v4 = parseIPSloppy(ip) === 4 ? ip.split('.').map(Number) : undefined;
  const lower = ip.toLowerCase();
  if (v4 ? v4.every((o) => o === 0) : /^[0:]+$/.test(lower)) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if (v4 ? v4[0] === 127 : lower === '::1') errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (v4 ? v4[0] === 169 && v4[1] === 254 : /^fe[89ab]/.test(lower)) errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : lower.startsWith('ff02:')) {
    errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

function validateServiceClusterIPsRelatedFields(spec: ServiceSpec): ErrorList {
  if (spec.type === 'ExternalName') return [];
  const errs: ErrorList = [];
  const ipsPath = FieldPath.of('spec', 'clusterIPs');
  const ips = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(ipsPath, goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  families.forEach((f, i) => {
    const p = FieldPath.of('spec', 'ipFamilies').index(i);
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(p, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(p, f));
    seen.add(f);
  });
  const policy = spec.ipFamilyPolicy;
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (policy !== undefined && !policies.includes(policy)) errs.push(notSupported(FieldPath.of('spec', 'ipFamilyPolicy'), policy, policies));
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(invalid(ipsPath, goStringSlice(ips), "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(ipsPath.index(i), ip);
    if (e.length) invalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalid(ipsPath, goStringSlice(ips), 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (ips.length > 1 && new Set(ips.map(parseIPSloppy)).size !== ips.length) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec) && ips.length && families.length) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      const v6 = parseIPSloppy(ip) === 6;
      if (families[i] === 'IPv4' && v6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !v6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateServiceUpdate(svc: Service, old: Service): ErrorList {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  const ipsPath = FieldPath.of('spec', 'clusterIPs');
  const ips = spec.clusterIPs ?? [];
  const oldIPs = oldSpec.clusterIPs ?? [];
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    if (oldIPs.length === ips.length) {
      oldIPs.forEach((ip, i) => { if (ip !== ips[i]) errs.push(invalid(ipsPath.index(i), goStringSlice(ips), 'may not change once set')); });
    } else if (oldIPs.length > ips.length) {
      if (ips.length === 0) errs.push(invalid(ipsPath.index(0), goStringSlice(ips), 'primary clusterIP can not be unset'));
      if (oldIPs.length && ips.length && ips[0] !== oldIPs[0]) errs.push(invalid(ipsPath.index(0), goStringSlice(ips), 'may not change once set'));
      if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
        errs.push(invalid(FieldPath.of('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oldIPs.length && ips[0] !== oldIPs[0]) {
      errs.push(invalid(ipsPath.index(0), goStringSlice(ips), 'may not change once set'));
    }
  }
  const fams = spec.ipFamilies ?? [];
  const oldFams = oldSpec.ipFamilies ?? [];
  const famPath = FieldPath.of('spec', 'ipFamilies');
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && isHeadless(spec) === isHeadless(oldSpec) && !isHeadless(spec)) {
    if (oldFams.length === fams.length) {
      oldFams.forEach((f, i) => { if (f !== fams[i]) errs.push(invalid(famPath.index(0), goStringSlice(fams), 'may not change once set')); });
    } else if (oldFams.length > fams.length) {
      if (ips.length === 0) errs.push(invalid(famPath.index(0), goStringSlice(fams), 'primary ipFamily can not be unset'));
      if (fams.length && fams[0] !== oldFams[0]) errs.push(invalid(famPath.index(0), goStringSlice(ips), 'may not change once set'));
      if (fams.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
        errs.push(invalid(FieldPath.of('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
      }
    } else if (oldFams.length && fams.length && fams[0] !== oldFams[0]) {
      errs.push(invalid(famPath.index(0), goStringSlice(ips), 'may not change once set'));
    }
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && oldSpec.loadBalancerClass !== spec.loadBalancerClass) {
    errs.push(invalid(FieldPath.of('spec', 'loadBalancerClass'), spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const needsHC = (s: ServiceSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHC(oldSpec) && needsHC(spec) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(forbidden(FieldPath.of('spec', 'healthCheckNodePort'), 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}
