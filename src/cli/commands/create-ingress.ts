// `mk create ingress NAME --rule=host/path=service:port[,tls[=secret]]` (alias ing): the Ingress
// kubectl 1.32's create_ingress.go builds, with its rule syntax and errors. A path ending in `*`
// is a Prefix path, any other an Exact one.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import type { HTTPIngressPath, IngressBackend, IngressRule, IngressSpec, IngressTLS } from '../../api/networking/ingress/schema.js';
import { ApiError } from '../../apiserver/errors.js';
import type { CliContext } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { addWriteFlags, type WriteFlags } from './write-flags.js';
import type { CreateGenerated } from './create-pdb.js';

interface CreateIngressFlags extends WriteFlags {
  class?: string;
  rule: string[];
  defaultBackend?: string;
  annotation: string[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

// Go's \w is ASCII: [0-9A-Za-z_].
const regexHostPathSvc = '^([0-9A-Za-z_*\\-.]*)(/[^,=\\n]*)=([0-9A-Za-z_\\-]+):([0-9A-Za-z_\\-]+)';
const regexTLS = '(,(tls)=?([0-9A-Za-z_\\-]+)?)?';
const ruleRegex = new RegExp(`${regexHostPathSvc}${regexTLS}$`);

export function createIngressCommand(ctx: CliContext, createGenerated: CreateGenerated): Command {
  const cmd = new Command('ingress').alias('ing')
    .description('Create an ingress with the specified name')
    .usage('NAME --rule=host/path=service:port[,tls[=secret]]  [options]')
    .argument('[name...]')
    .option('--class <class>', 'Ingress Class to be used')
    .option('--rule <rule>', "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.", collect, [])
    .option('--default-backend <backend>', 'Default service for backend, in format of svcname:port')
    .option('--annotation <annotation>', 'Annotation to insert in the ingress object, in the format annotation=value', collect, []);
  addWriteFlags(cmd);
  return cmd.action(async (names: string[], flags: CreateIngressFlags) => {
    if (names.length !== 1) {
      throw new UsageError(`exactly one NAME is required, got ${names.length}`, "See 'mk create ingress -h' for help and examples");
    }
    validate(flags);
    try {
      await createGenerated(ctx, flags, createIngress(names[0], flags));
    } catch (e) {
      if (e instanceof ApiError) throw new RawError(`error: failed to create ingress: ${e.message}`);
      throw e;
    }
  });
}

/** CreateIngressOptions.Validate. */
function validate(flags: CreateIngressFlags): void {
  if (!flags.defaultBackend && flags.rule.length === 0) {
    throw new RawError('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  }
  for (const rule of flags.rule) {
    if (!ruleRegex.test(rule)) throw new RawError(`error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  for (const a of flags.annotation) {
    if (!a.includes('=')) throw new RawError(`error: annotation ${a} is invalid and should be in format key=[value]`);
  }
  if (flags.defaultBackend && flags.defaultBackend.split(':').length !== 2) {
    throw new RawError('error: default-backend should be in format servicename:serviceport');
  }
}

/** createIngress: the object as the generator builds it, before any defaulting. */
export function createIngress(name: string, flags: CreateIngressFlags): KubeObject {
  const annotations: Record<string, string> = {};
  for (const a of flags.annotation) {
    const i = a.indexOf('=');
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const spec: IngressSpec = {};
  if (flags.class) spec.ingressClassName = flags.class;
  if (flags.defaultBackend) spec.defaultBackend = buildIngressBackendSvc(flags.defaultBackend);
  const tls = buildTLSRules(flags.rule);
  if (tls.length) spec.tls = tls;
  const rules = buildIngressRules(flags.rule);
  if (rules.length) spec.rules = rules;
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), creationTimestamp: null, name },
    spec, status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

/** buildTLSRules: one entry per secret, each host at most once. */
function buildTLSRules(rules: readonly string[]): IngressTLS[] {
  const seen = new Set<string>();
  const out: IngressTLS[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretName = parts[1].split('=');
    const secret = secretName.length > 1 ? secretName[1] : '';
    if (seen.has(host)) continue;
    const idx = out.findIndex((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (idx > -1) {
      (out[idx].hosts ??= []).push(host);
      continue;
    }
    const tls: IngressTLS = {};
    if (host) tls.hosts = [host];
    if (secret) tls.secretName = secret;
    if (tls.secretName || tls.hosts) out.push(tls);
  }
  return out;
}

/** buildIngressRules: paths of the same host go into one rule. */
function buildIngressRules(rules: readonly string[]): IngressRule[] {
  const out: IngressRule[] = [];
  for (const rule of rules) {
    const noTLS = rule.split(',')[0];
    const slash = noTLS.indexOf('/');
    const host = noTLS.slice(0, slash);
    const path = buildHTTPIngressPath(noTLS.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) {
      existing.http!.paths.push(path);
      continue;
    }
    out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

function buildHTTPIngressPath(pathsvc: string): HTTPIngressPath {
  const [p, service] = pathsvc.split('=');
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { backend: buildIngressBackendSvc(service), path, pathType };
}

/** svcname:port, the port a number when intstr.Parse takes it for one. */
function buildIngressBackendSvc(service: string): IngressBackend {
  const [name, port] = service.split(':');
  const n = Number(port);
  const isInt = /^-?[0-9]+$/.test(port) && Number.isSafeInteger(n) && n >= -2147483648 && n <= 2147483647;
  return { service: { name, port: isInt ? { number: n } : { name: port } } };
}
