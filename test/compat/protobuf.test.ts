// kubectl 1.32's typed create generators send application/vnd.kubernetes.protobuf bodies (and do not
// fall back to JSON). Against mk serve each must print what `mk create` prints for the same command
// and store the same object, and the object the JSON path stores for what the generator builds
// (`kubectl create --dry-run=client -o json` then `kubectl create -f`). Each way writes into its
// own namespace on one manual-clock cluster, so only uids, resource versions and allocated IPs and
// ports differ between them.
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeObject, encodeObject } from '../../src/apiserver/http/protobuf.js';
import { servedCluster, hasKubectl } from './served.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the protobuf compatibility suite');

/** Generators mk create has too: name, arguments, and the object they make. */
const SHARED: [string, string[], string][] = [
  ['a configmap', ['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=empty='], 'configmap/settings'],
  ['a generic secret', ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--type=Opaque'], 'secret/creds'],
  ['a deployment', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=0', '--port=80'], 'deployment/web'],
  ['a deployment of two images', ['create', 'deployment', 'pair', '--image=nginx', '--image=busybox:1.36'], 'deployment/pair'],
  ['a job', ['create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi'], 'job/hello'],
  ['a cronjob', ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date'], 'cronjob/tick'],
  ['a job from a cronjob', ['create', 'job', 'manual', '--from=cronjob/tick'], 'job/manual'],
  ['a ClusterIP service', ['create', 'service', 'clusterip', 'api', '--tcp=80:8080', '--tcp=443:https'], 'service/api'],
  ['a headless service', ['create', 'service', 'clusterip', 'headless', '--clusterip=None'], 'service/headless'],
  ['a NodePort service', ['create', 'service', 'nodeport', 'np', '--tcp=80:8080'], 'service/np'],
  ['a LoadBalancer service', ['create', 'service', 'loadbalancer', 'lb', '--tcp=80'], 'service/lb'],
  ['an ExternalName service', ['create', 'service', 'externalname', 'ext', '--external-name=example.com'], 'service/ext'],
  ['a pdb with minAvailable', ['create', 'pdb', 'web-min', '--selector=app=web', '--min-available=1'], 'pdb/web-min'],
  ['a pdb with maxUnavailable', ['create', 'pdb', 'web-max', '--selector=app=web', '--max-unavailable=50%'], 'pdb/web-max'],
  ['an ingress', ['create', 'ingress', 'web', '--class=nginx', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--rule=bar.com/*=svc2:http',
    '--annotation=team=web'], 'ingress/web'],
  ['an ingress with a default backend', ['create', 'ingress', 'fallback', '--default-backend=svc1:80'], 'ingress/fallback'],
];

/** Generators only kubectl has. */
const KUBECTL_ONLY: [string, string[], string][] = [
  ['a docker-registry secret', ['create', 'secret', 'docker-registry', 'regcred', '--docker-server=registry.example.com',
    '--docker-username=u', '--docker-password=p', '--docker-email=u@example.com'], 'secret/regcred'],
  ['a quota', ['create', 'quota', 'limits', '--hard=pods=2,cpu=1,memory=1Gi', '--scopes=BestEffort'], 'resourcequota/limits'],
  ['a service account', ['create', 'serviceaccount', 'robot'], 'serviceaccount/robot'],
];

/** Arguments with flags added before any `--` (after it they would be the container's command). */
function withFlags(args: string[], ...flags: string[]): string[] {
  const at = args.indexOf('--');
  return at < 0 ? [...args, ...flags] : [...args.slice(0, at), ...flags, ...args.slice(at)];
}

/** What differs between equal objects made in different namespaces: uids, versions, allocated IPs and ports. */
function normalized(yaml: string, namespace: string): string {
  return yaml
    .replaceAll(namespace, 'NAMESPACE')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UID')
    .replace(/resourceVersion: "\d+"/g, 'resourceVersion: RV')
    .replace(/\b\d+\.\d+\.\d+\.\d+\b/g, 'IP')
    .replace(/nodePort: \d+/g, 'nodePort: PORT');
}

describe.skipIf(!hasKubectl)('kubectl create in protobuf against mk serve', () => {
  const served = servedCluster('manual');
  const { home, kubectl, mk } = served;
  const json = (name: string) => join(home.dir, `${name.replaceAll(' ', '-')}.json`);

  beforeAll(() => {
    for (const ns of ['via-json', 'via-mk']) expect(mk('create', 'namespace', ns).code).toBe(0);
  });

  it('creates a namespace as mk create does, and refuses an existing one in the same words', () => {
    const k = kubectl('create', 'namespace', 'via-protobuf');
    expect(k).toEqual({ stdout: 'namespace/via-protobuf created\n', stderr: '', code: 0 });
    expect(normalized(kubectl('get', 'namespace', 'via-protobuf', '-o', 'yaml').stdout, 'via-protobuf'))
      .toBe(normalized(mk('get', 'namespace', 'via-mk', '-o', 'yaml').stdout, 'via-mk'));
    const again = kubectl('create', 'namespace', 'via-protobuf');
    expect(again).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "via-protobuf" already exists\n', code: 1 });
    expect(again).toEqual(mk('create', 'namespace', 'via-protobuf'));
  });

  for (const [name, args, object] of SHARED) {
    it(`creates ${name} as mk create does`, () => {
      const k = kubectl(...withFlags(args, '-n', 'via-protobuf'));
      expect(k.stderr).toBe('');
      expect(k).toEqual(mk(...withFlags(args, '-n', 'via-mk')));
      const stored = kubectl('get', object, '-n', 'via-protobuf', '-o', 'yaml');
      expect(stored).toEqual(mk('get', object, '-n', 'via-protobuf', '-o', 'yaml'));
      expect(normalized(stored.stdout, 'via-protobuf')).toBe(normalized(mk('get', object, '-n', 'via-mk', '-o', 'yaml').stdout, 'via-mk'));
    });
  }

  for (const [name, args, object] of [...SHARED, ...KUBECTL_ONLY]) {
    it(`stores ${name} as the JSON path stores the same object`, () => {
      if (KUBECTL_ONLY.some(([n]) => n === name)) {
        const k = kubectl(...withFlags(args, '-n', 'via-protobuf'));
        expect(k).toEqual({ stdout: `${object} created\n`, stderr: '', code: 0 });
      }
      const dryRun = kubectl(...withFlags(args, '-n', 'via-json', '--dry-run=client', '-o', 'json'));
      expect(dryRun.code).toBe(0);
      writeFileSync(json(name), dryRun.stdout);
      expect(kubectl('create', '-f', json(name)).code).toBe(0);
      const viaProtobuf = mk('get', object, '-n', 'via-protobuf', '-o', 'yaml');
      expect(viaProtobuf.code).toBe(0);
      expect(normalized(viaProtobuf.stdout, 'via-protobuf')).toBe(normalized(mk('get', object, '-n', 'via-json', '-o', 'yaml').stdout, 'via-json'));
    });
  }

  it('creates priority classes (value 0 included) as the JSON path does', () => {
    for (const [name, flags] of [['high', ['--value=1000', '--description=high priority', '--preemption-policy=Never']], ['zero', ['--value=0']]] as const) {
      const args = ['create', 'priorityclass', name, ...flags];
      writeFileSync(json(name), kubectl(...args, '--dry-run=client', '-o', 'json').stdout);
      expect(kubectl('create', '-f', json(name))).toEqual({ stdout: `priorityclass.scheduling.k8s.io/${name} created\n`, stderr: '', code: 0 });
      const viaJson = mk('get', 'priorityclass', name, '-o', 'yaml').stdout;
      expect(mk('delete', 'priorityclass', name).code).toBe(0);
      expect(kubectl(...args)).toEqual({ stdout: `priorityclass.scheduling.k8s.io/${name} created\n`, stderr: '', code: 0 });
      const viaProtobuf = kubectl('get', 'priorityclass', name, '-o', 'yaml');
      expect(viaProtobuf).toEqual(mk('get', 'priorityclass', name, '-o', 'yaml'));
      expect(normalized(viaProtobuf.stdout, name)).toBe(normalized(viaJson, name));
    }
    expect(mk('get', 'priorityclass', 'zero', '-o', 'jsonpath={.value}').stdout).toBe('0');
  });

  it('reports the API server\'s refusals in kubectl\'s words, as mk create does', () => {
    const cases = [
      ['create', 'configmap', 'Bad_Name', '--from-literal=a=b'],
      ['create', 'deployment', 'web', '--image=nginx'],
      ['create', 'service', 'clusterip', 'Bad_Svc', '--tcp=80'],
      ['create', 'job', 'hello', '--image=busybox'],
      ['create', 'secret', 'generic', 'Bad_Name', '--from-literal=a=b'],
      ['create', 'cronjob', 'Bad_Name', '--image=busybox', '--schedule=*/5 * * * *'],
      ['create', 'pdb', 'web-min', '--selector=app=web', '--min-available=1'],
      ['create', 'ingress', 'broken', '--rule=foo.com/=svc1:99999'],
    ];
    for (const args of cases) {
      const k = kubectl(...args, '-n', 'via-protobuf');
      expect(k.code, args.join(' ')).toBe(1);
      expect(k, args.join(' ')).toEqual(mk(...args, '-n', 'via-protobuf'));
    }
    expect(kubectl('create', 'deployment', 'web', '--image=nginx', '-n', 'via-protobuf').stderr)
      .toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(kubectl('create', 'configmap', 'Bad_Name', '-n', 'via-protobuf').stderr).toMatch(
      /^error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });

  it('runs server-side dry runs of protobuf bodies without storing them', () => {
    const args = ['create', 'deployment', 'dry', '--image=nginx', '--dry-run=server', '-o', 'yaml', '-n', 'via-protobuf'];
    const k = kubectl(...args);
    expect(k.code).toBe(0);
    expect(normalized(k.stdout, 'via-protobuf')).toBe(normalized(mk(...args).stdout, 'via-protobuf'));
    expect(kubectl('get', 'deployment', 'dry', '-n', 'via-protobuf').stderr).toBe('Error from server (NotFound): deployments.apps "dry" not found\n');
  });

  it('answers in protobuf a client that accepts nothing else, Status errors included', async () => {
    const config = readFileSync(served.kubeconfig, 'utf8');
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(config)![1], 'base64').toString();
    const token = /token: (\S+)/.exec(config)![1];
    const get = (path: string, accept: string) => new Promise<{ code: number; type: string; body: Buffer }>((resolve, reject) => {
      request(`${served.url}${path}`, { ca, headers: { Authorization: `Bearer ${token}`, Accept: accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    const path = '/apis/apps/v1/namespaces/via-protobuf/deployments/web';
    const asJson = await get(path, 'application/json');
    const asProtobuf = await get(path, 'application/vnd.kubernetes.protobuf');
    expect(asProtobuf).toMatchObject({ code: 200, type: 'application/vnd.kubernetes.protobuf' });
    expect(decodeObject(asProtobuf.body)).toEqual(JSON.parse(asJson.body.toString()));
    // kubectl's typed clients accept JSON too, and get it.
    expect((await get(path, 'application/vnd.kubernetes.protobuf,application/json')).type).toBe('application/json');
    const missing = await get('/api/v1/namespaces/via-protobuf/configmaps/nope', 'application/vnd.kubernetes.protobuf');
    expect(missing).toMatchObject({ code: 404, type: 'application/vnd.kubernetes.protobuf' });
    expect(decodeObject(missing.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "nope" not found', reason: 'NotFound',
      details: { name: 'nope', kind: 'configmaps' }, code: 404,
    });
    for (const doc of ['/api/v1/namespaces/via-protobuf/configmaps', '/api', '/apis', '/apis/apps', '/apis/apps/v1', '/api/v1']) {
      const inProtobuf = await get(doc, 'application/vnd.kubernetes.protobuf');
      expect(inProtobuf.type, doc).toBe('application/vnd.kubernetes.protobuf');
      expect(decodeObject(inProtobuf.body), doc).toEqual(JSON.parse((await get(doc, 'application/json')).body.toString()));
    }
  });

  it('takes DeleteOptions in protobuf, as client-go\'s typed deletes send them', async () => {
    const config = readFileSync(served.kubeconfig, 'utf8');
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(config)![1], 'base64').toString();
    const token = /token: (\S+)/.exec(config)![1];
    const remove = (options: object) => new Promise<number>((resolve, reject) => {
      const body = encodeObject({ apiVersion: 'v1', kind: 'DeleteOptions', ...options })!;
      const req = request(`${served.url}/api/v1/namespaces/via-protobuf/configmaps/settings`, {
        method: 'DELETE', ca,
        headers: {
          Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.kubernetes.protobuf', 'Content-Length': body.length, Accept: 'application/json',
        },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(await remove({ dryRun: ['All'] })).toBe(200);
    expect(mk('get', 'configmap', 'settings', '-n', 'via-protobuf', '-o', 'name').stdout).toBe('configmap/settings\n');
    expect(await remove({ gracePeriodSeconds: 0 })).toBe(200);
    expect(mk('get', 'configmap', 'settings', '-n', 'via-protobuf').stderr).toBe('Error from server (NotFound): configmaps "settings" not found\n');
  });

  it('streams a watch in protobuf frames to a client that accepts nothing else', async () => {
    const config = readFileSync(served.kubeconfig, 'utf8');
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(config)![1], 'base64').toString();
    const token = /token: (\S+)/.exec(config)![1];
    const path = '/apis/apps/v1/namespaces/via-protobuf/deployments';
    const frames: Buffer[] = [];
    let type = '';
    await new Promise<void>((resolve, reject) => {
      const req = request(`${served.url}${path}?watch=true&fieldSelector=metadata.name%3Dweb`,
        { ca, headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.kubernetes.protobuf' } }, (res) => {
          type = String(res.headers['content-type']);
          let buf = Buffer.alloc(0);
          res.on('data', (c: Buffer) => {
            buf = Buffer.concat([buf, c]);
            // Length-delimited frames: a 4-byte big-endian length, then that many bytes.
            while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
              frames.push(buf.subarray(4, 4 + buf.readUInt32BE(0)));
              buf = buf.subarray(4 + buf.readUInt32BE(0));
            }
            if (frames.length) {
              req.destroy();
              resolve();
            }
          });
        });
      req.on('error', (err) => (frames.length ? resolve() : reject(err)));
      req.end();
    });
    expect(type).toBe('application/vnd.kubernetes.protobuf;stream=watch');
    // metav1.WatchEvent{type 1, object 2: RawExtension{raw 1}}, bare: the stream serializer writes no envelope.
    const fields = (bytes: Buffer) => {
      const out = new Map<number, Buffer>();
      for (let i = 0; i < bytes.length;) {
        const tag = bytes[i++];
        let len = 0;
        for (let shift = 0; ; shift += 7) {
          const b = bytes[i++];
          len |= (b & 0x7f) << shift;
          if (!(b & 0x80)) break;
        }
        out.set(tag >> 3, bytes.subarray(i, i + len));
        i += len;
      }
      return out;
    };
    const event = fields(frames[0]);
    expect(event.get(1)?.toString()).toBe('ADDED');
    const object = fields(event.get(2)!).get(1)!;
    expect(decodeObject(object)).toEqual(JSON.parse(mk('get', 'deployment', 'web', '-n', 'via-protobuf', '-o', 'json', '--show-managed-fields').stdout));
  });
});
