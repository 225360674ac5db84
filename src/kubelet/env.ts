// What the kubelet hands the runtime besides the image: the container's environment (env,
// envFrom, downward API, service links) and the files its volumes and the kubelet itself provide
// (/etc/hosts, /etc/resolv.conf, ConfigMap/Secret/downwardAPI mounts).
import type { Container, Pod } from '../api/core/pod/schema.js';
import type { Node } from '../api/core/node/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import { expandVars } from './process.js';
import { podResolvConf } from '../dns/resolv-conf.js';

export interface ContainerContext {
  env: Record<string, string>;
  files: Record<string, string>;
  /** A CreateContainerConfigError message (a missing ConfigMap or Secret key). */
  error?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

type DataObject = KubeObject & { data?: Record<string, string> };

class ConfigError extends Error {}

/** resource.Quantity to a number (cores for cpu, bytes for memory). */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q.trim());
  if (!m) return undefined;
  const mult: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
  };
  return Number(m[1]) * mult[m[2] ?? ''];
}

export function hostnameOf(pod: Pod): string {
  return (pod.spec.hostname ?? pod.metadata.name).slice(0, 63);
}

function fieldValue(pod: Pod, path: string, hostIP: string | undefined, podIP: string | undefined): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? 'default';
    case 'status.hostIP': case 'status.hostIPs': return hostIP ?? '';
    case 'status.podIP': case 'status.podIPs': return podIP ?? '';
    default: return '';
  }
}

function resourceValue(c: Container, node: Node, resource: string, divisor: string | number | undefined): string {
  const [kind, name] = resource.split('.');
  const fromSpec = kind === 'limits' ? c.resources?.limits?.[name] : c.resources?.requests?.[name] ?? c.resources?.limits?.[name];
  const alloc = node.status?.allocatable?.[name];
  const q = parseQuantity(fromSpec ?? (kind === 'limits' ? alloc : name === 'cpu' ? 0 : 0)) ?? 0;
  const d = parseQuantity(divisor ?? 1) || 1;
  return String(Math.ceil(q / d));
}

function labelLines(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}="${(m ?? {})[k]}"`).join('\n');
}

function decode(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

export function serviceEnv(api: Api, ns: string): Record<string, string> {
  const out: Record<string, string> = {};
  const services = [...api.list('services', { namespace: ns })];
  if (ns !== 'default') {
    const master = api.tryGet('services', 'default', 'kubernetes');
    if (master) services.push(master);
  }
  type Svc = KubeObject & { spec?: { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] } };
  for (const s of (services as Svc[]).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    const ip = s.spec?.clusterIP;
    const ports = s.spec?.ports ?? [];
    if (!ip || ip === 'None' || !ports.length) continue;
    const name = s.metadata.name.toUpperCase().replace(/-/g, '_');
    out[`${name}_SERVICE_HOST`] = ip;
    out[`${name}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
    out[`${name}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      out[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`;
      out[`${prefix}_PROTO`] = proto.toLowerCase();
      out[`${prefix}_PORT`] = String(p.port);
      out[`${prefix}_ADDR`] = ip;
    }
  }
  return out;
}

export function containerContext(api: Api, pod: Pod, c: Container, node: Node,
  ips: { hostIP?: string; podIP?: string }): ContainerContext {
  const ns = pod.metadata.namespace ?? 'default';
  const hostname = hostnameOf(pod);
  const files: Record<string, string> = {};
  try {
    const get = (kind: 'configmaps' | 'secrets', name: string, optional: boolean | undefined): DataObject | undefined => {
      const o = api.tryGet<DataObject>(kind, ns, name);
      if (!o && !optional) throw new ConfigError(`${kind === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`);
      return o;
    };
    const value = (kind: 'configmaps' | 'secrets', name: string, key: string, optional: boolean | undefined): string | undefined => {
      const o = get(kind, name, optional);
      if (!o) return undefined;
      const raw = o.data?.[key];
      if (raw === undefined) {
        if (optional) return undefined;
        throw new ConfigError(`couldn't find key ${key} in ${kind === 'configmaps' ? 'ConfigMap' : 'Secret'} ${ns}/${name}`);
      }
      return kind === 'secrets' ? decode(raw) : raw;
    };

    const own: Record<string, string> = {};
    for (const ef of c.envFrom ?? []) {
      const ref = ef.configMapRef ?? ef.secretRef;
      if (!ref?.name) continue;
      const kind = ef.configMapRef ? 'configmaps' : 'secrets';
      const o = get(kind, ref.name, ref.optional);
      for (const [k, v] of Object.entries(o?.data ?? {})) own[`${ef.prefix ?? ''}${k}`] = kind === 'secrets' ? decode(v) : v;
    }
    const services = pod.spec.enableServiceLinks === false ? {} : serviceEnv(api, ns);
    for (const e of c.env ?? []) {
      if (e.value !== undefined) {
        own[e.name] = expandVars(e.value, { ...services, ...own });
        continue;
      }
      const vf = e.valueFrom;
      if (!vf) { own[e.name] = ''; continue; }
      let v: string | undefined;
      if (vf.fieldRef) v = fieldValue(pod, vf.fieldRef.fieldPath, ips.hostIP, ips.podIP);
      else if (vf.resourceFieldRef) v = resourceValue(c, node, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor);
      else if (vf.configMapKeyRef) v = value('configmaps', vf.configMapKeyRef.name ?? '', vf.configMapKeyRef.key, vf.configMapKeyRef.optional);
      else if (vf.secretKeyRef) v = value('secrets', vf.secretKeyRef.name ?? '', vf.secretKeyRef.key, vf.secretKeyRef.optional);
      if (v !== undefined) own[e.name] = v;
    }

    for (const m of c.volumeMounts ?? []) {
      const vol = pod.spec.volumes?.find((v) => v.name === m.name);
      if (!vol) continue;
      const put = (key: string, content: string) => {
        if (m.subPath) {
          if (m.subPath === key) files[m.mountPath] = content;
        } else {
          files[`${m.mountPath.replace(/\/$/, '')}/${key}`] = content;
        }
      };
      const fromData = (o: DataObject | undefined, items: { key: string; path: string }[] | undefined, secret: boolean) => {
        if (!o) return;
        const data = o.data ?? {};
        const pairs = items?.length ? items.map((it) => [it.path, data[it.key]] as const) : Object.entries(data);
        for (const [path, v] of pairs) if (v !== undefined) put(path, secret ? decode(v) : v);
      };
      if (vol.configMap) fromData(api.tryGet<DataObject>('configmaps', ns, vol.configMap.name ?? ''), vol.configMap.items, false);
      if (vol.secret) fromData(api.tryGet<DataObject>('secrets', ns, vol.secret.secretName ?? ''), vol.secret.items, true);
      const downward = (items: { path: string; fieldRef?: { fieldPath: string } }[] | undefined) => {
        for (const it of items ?? []) {
          const fp = it.fieldRef?.fieldPath;
          if (!fp) continue;
          if (fp === 'metadata.labels') put(it.path, labelLines(pod.metadata.labels));
          else if (fp === 'metadata.annotations') put(it.path, labelLines(pod.metadata.annotations));
          else put(it.path, fieldValue(pod, fp, ips.hostIP, ips.podIP));
        }
      };
      if (vol.downwardAPI) downward(vol.downwardAPI.items);
      for (const src of vol.projected?.sources ?? []) {
        if (src.configMap) fromData(api.tryGet<DataObject>('configmaps', ns, src.configMap.name ?? ''), src.configMap.items, false);
        if (src.secret) fromData(api.tryGet<DataObject>('secrets', ns, src.secret.name ?? ''), src.secret.items, true);
        if (src.downwardAPI) downward(src.downwardAPI.items);
      }
    }

    const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: hostname, ...own };
    for (const [k, v] of Object.entries(services)) if (!(k in env)) env[k] = v;
    if (!('HOME' in env)) env.HOME = '/root';
    const domain = pod.spec.subdomain ? `${hostname}.${pod.spec.subdomain}.${ns}.svc.cluster.local` : '';
    files['/etc/hostname'] = `${hostname}\n`;
    files['/etc/hosts'] = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters',
      ...(ips.podIP && !pod.spec.hostNetwork ? [`${ips.podIP}\t${domain ? `${domain}\t` : ''}${hostname}`] : []),
      ...(pod.spec.hostAliases ?? []).flatMap((a) => [`\n# Entries added by HostAliases.`, `${a.ip}\t${(a.hostnames ?? []).join('\t')}`]),
    ].join('\n') + '\n';
    files['/etc/resolv.conf'] = podResolvConf(pod);
    return { env, files };
  } catch (e) {
    if (e instanceof ConfigError) return { env: {}, files, error: e.message };
    throw e;
  }
}
