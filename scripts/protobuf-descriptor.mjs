// Builds src/apiserver/http/protobuf-descriptor.json, the Kubernetes protobuf schema mk serve decodes
// and encodes `application/vnd.kubernetes.protobuf` bodies with: the messages of k8s.io/api and
// k8s.io/apimachinery's generated.proto that the kinds mk serves reach, as a protobufjs JSON
// descriptor, each field annotated with what its Go struct field's tags say about its JSON form
// (the JSON name where it differs, omitempty, pointer, inline), which the .proto files do not carry.
//
// It reads the published staging repositories (kubernetes/api and kubernetes/apimachinery) from git
// directories at a release tag:
//
//   node scripts/protobuf-descriptor.mjs --api API.git --apimachinery APIMACHINERY.git [--ref v0.32.4]
//
// Then check the result against Kubernetes' round-trip fixtures (every field of every kind, as Go
// writes them in protobuf and JSON):
//
//   MK_K8S_API_GIT=API.git npx vitest run test/serve/protobuf-testdata.test.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  if (at > 0) return process.argv[at + 1];
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
};
const repos = { api: arg('api'), apimachinery: arg('apimachinery') };
const ref = arg('ref', 'v0.32.4');
const out = join(dirname(fileURLToPath(import.meta.url)), '../src/apiserver/http/protobuf-descriptor.json');

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/**
 * apiVersion/kind → message of every object kind a request or answer may carry: the kinds mk
 * serves and their lists, the subresource and options bodies clients send, and RBAC's, which
 * kubectl's create role|rolebinding|clusterrole|clusterrolebinding send.
 */
const served = {
  v1: ['ConfigMap', 'Endpoints', 'Event', 'Namespace', 'Node', 'Pod', 'Secret', 'ServiceAccount', 'Service',
    'PersistentVolume', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota'],
  'apps/v1': ['DaemonSet', 'Deployment', 'ControllerRevision', 'ReplicaSet', 'StatefulSet'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'batch/v1': ['CronJob', 'Job'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass'],
  'policy/v1': ['PodDisruptionBudget'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'storage.k8s.io/v1': ['StorageClass'],
  'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
};
const extra = { 'autoscaling/v1': ['Scale'], 'policy/v1': ['Eviction'] };
/** metav1 kinds, the same message whatever group version a body names them in; discovery's documents among them. */
const metaKinds = ['Status', 'DeleteOptions', 'WatchEvent', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList'];

/** The proto package of a group version: k8s.io.api.<first label of the group, or core>.<version>. */
function packageOf(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `k8s.io.api.${group === '' ? 'core' : group.split('.')[0]}.${version}`;
}

const git = (repo, ...args) => execFileSync('git', ['--git-dir', repos[repo], ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** A package's repository and folder: k8s.io.api.core.v1 → api core/v1. */
function placeOf(pkg) {
  const parts = pkg.split('.');
  if (parts[2] === 'api') return { repo: 'api', dir: parts.slice(3).join('/') };
  if (parts[2] === 'apimachinery') return { repo: 'apimachinery', dir: parts.slice(3).join('/') };
  throw new Error(`no repository for ${pkg}`);
}

// The .proto files, from the served kinds' packages through their imports.
const root = new protobuf.Root();
const loaded = new Set();
function load(repo, path) {
  const key = `${repo}:${path}`;
  if (loaded.has(key)) return;
  loaded.add(key);
  const parsed = protobuf.parse(git(repo, 'show', `${ref}:${path}`), root, { keepCase: true, alternateCommentMode: true });
  for (const imp of parsed.imports ?? []) {
    const m = /^k8s\.io\/(api|apimachinery)\/(.*)$/.exec(imp);
    if (!m) throw new Error(`unexpected import ${imp} in ${path}`);
    load(m[1], m[2]);
  }
}
for (const apiVersion of Object.keys(served)) {
  const { repo, dir } = placeOf(packageOf(apiVersion));
  load(repo, `${dir}/generated.proto`);
}
load('apimachinery', 'pkg/apis/meta/v1/generated.proto');
root.resolveAll();

/** The Go struct fields of a package, by struct name and protobuf field number. */
const goPackages = new Map();
function goStructs(pkg) {
  if (goPackages.has(pkg)) return goPackages.get(pkg);
  const { repo, dir } = placeOf(pkg);
  const files = git(repo, 'ls-tree', '--name-only', `${ref}:${dir}`).split('\n')
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && !f.endsWith('.pb.go'));
  const structs = new Map();
  for (const file of files) {
    const src = git(repo, 'show', `${ref}:${dir}/${file}`);
    for (const m of src.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
      const fields = [];
      for (const line of m[2].split('\n')) {
        const f = /^\t([^/`]+?)\s+`(.*)`\s*(?:\/\/.*)?$/.exec(line);
        if (!f) continue;
        const proto = /protobuf:"([^"]*)"/.exec(f[2]);
        if (!proto) continue;
        const decl = f[1].trim().split(/\s+/);
        const type = decl.length === 1 ? decl[0] : decl.slice(1).join(' ');
        const json = /json:"([^"]*)"/.exec(f[2])?.[1] ?? '';
        const [jsonName, ...opts] = json.split(',');
        fields.push({
          id: Number(proto[1].split(',')[1]),
          json: jsonName,
          omitempty: opts.includes('omitempty'),
          inline: opts.includes('inline'),
          pointer: type.startsWith('*'),
        });
      }
      structs.set(m[1], fields);
    }
  }
  goPackages.set(pkg, structs);
  return structs;
}

/** Messages whose Go types marshal JSON by hand (a string, a number or embedded JSON); their Go fields do not matter. */
const custom = new Set([`${META}.Time`, `${META}.MicroTime`, `${META}.Duration`, `${META}.FieldsV1`, `${META}.Verbs`,
  'k8s.io.apimachinery.pkg.api.resource.Quantity', 'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  'k8s.io.apimachinery.pkg.runtime.RawExtension', 'k8s.io.apimachinery.pkg.runtime.Unknown']);
/** Fields of those the codec still reads. */
const customInner = new Set([`${META}.Timestamp`, 'k8s.io.apimachinery.pkg.runtime.TypeMeta']);

/** apiVersion → its package and kinds; metav1's under "". */
const kinds = { '': { package: META, kinds: metaKinds } };
for (const [apiVersion, names] of Object.entries(served)) {
  kinds[apiVersion] = { package: packageOf(apiVersion), kinds: names.flatMap((k) => [k, `${k}List`]).concat(extra[apiVersion] ?? []) };
}
const wanted = Object.values(kinds).flatMap((v) => v.kinds.map((k) => `${v.package}.${k}`));
wanted.push('k8s.io.apimachinery.pkg.runtime.Unknown');

/** Every message the wanted ones reach, with the Go annotations of its fields. */
const messages = new Map();
const used = new Set();
function visit(fullName) {
  if (messages.has(fullName)) return;
  const type = root.lookupType(fullName);
  const pkg = fullName.slice(0, fullName.lastIndexOf('.'));
  const go = custom.has(fullName) || customInner.has(fullName) ? undefined : goStructs(pkg).get(type.name);
  if (!go && !custom.has(fullName) && !customInner.has(fullName)) throw new Error(`no Go struct for ${fullName}`);
  const fields = [];
  // Go's declaration order is the order json.Marshal writes fields in.
  const order = go ? go.map((g) => g.id) : type.fieldsArray.map((f) => f.id);
  for (const id of order) {
    const f = type.fieldsById[id];
    if (!f) throw new Error(`${fullName}: Go field ${id} is not in the .proto`);
    fields.push({ f, g: go?.find((g) => g.id === id) });
  }
  if (fields.length !== type.fieldsArray.length) throw new Error(`${fullName}: .proto fields without Go fields`);
  messages.set(fullName, fields);
  for (const { f } of fields) {
    if (f.resolvedType instanceof protobuf.Type) {
      visit(f.resolvedType.fullName.slice(1));
      if (custom.has(f.resolvedType.fullName.slice(1))) used.add(f.resolvedType.fullName.slice(1));
    }
  }
}
for (const name of wanted) visit(name);

// The descriptor: protobufjs JSON with types named in full (no leading dot) so the tree resolves
// them from anywhere; Go annotations in each field's options.
//   json: the JSON name where it is not the proto name; go: o omitempty, p pointer, i inline.
const tree = {};
for (const [fullName, fields] of [...messages].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const parts = fullName.split('.');
  let ns = tree;
  for (const p of parts.slice(0, -1)) ns = ((ns[p] ??= { nested: {} }).nested);
  const json = { fields: {} };
  for (const { f, g } of fields) {
    const d = {};
    if (f.map) d.keyType = f.keyType;
    else if (f.repeated) d.rule = 'repeated';
    // Same-package types by their short name, which protobufjs resolves from the message's namespace.
    const target = f.resolvedType ? f.resolvedType.fullName.slice(1) : f.type;
    d.type = target.startsWith(`${parts.slice(0, -1).join('.')}.`) && !target.slice(parts.slice(0, -1).join('.').length + 1).includes('.')
      ? target.slice(parts.slice(0, -1).join('.').length + 1) : target;
    d.id = f.id;
    const options = {};
    // proto2 writes repeated numbers one by one; protobufjs takes JSON types for proto3, which packs them.
    if (f.repeated && !f.map && !f.resolvedType && f.type !== 'string' && f.type !== 'bytes') options.packed = false;
    if (g) {
      const flags = `${g.omitempty ? 'o' : ''}${g.pointer ? 'p' : ''}${g.inline ? 'i' : ''}`;
      if (!g.inline && g.json !== f.name) options.json = g.json;
      if (flags) options.go = flags;
    }
    if (Object.keys(options).length) d.options = options;
    json.fields[f.name] = d;
  }
  ns[parts.at(-1)] = json;
}

const descriptor = { ref, kinds, nested: tree };
// One message a line: small, and a regeneration's diff shows which messages changed.
const text = JSON.stringify(descriptor)
  .replace(/("fields":)/g, '\n$1');
writeFileSync(out, text + '\n');
console.log(`${messages.size} messages, ${text.length} bytes → ${out}`);
console.log(`custom JSON types reached: ${[...used].sort().join(', ')}`);
