// Default spreading and required pod anti-affinity through the built CLI on a manual clock: a
// Deployment's replicas spread over the workers (the system default topology spread
// constraints), and a replica with nowhere left to go waits with kube-scheduler 1.32's words.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const soloManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: solo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: solo
  template:
    metadata:
      labels:
        app: solo
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: solo
            topologyKey: kubernetes.io/hostname
      containers:
      - name: nginx
        image: nginx
`;

describe('scheduling: spreading and anti-affinity', () => {
  const home = new MkHome();
  /** Pods per node for one app label, "<none>" for pending ones. */
  const placement = (app: string) => {
    const out = home.ok('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}');
    const counts: Record<string, number> = {};
    for (const line of out.split('\n').slice(0, -1)) counts[line || '<none>'] = (counts[line || '<none>'] ?? 0) + 1;
    return counts;
  };

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test("a Deployment's replicas spread over both workers, as default spreading does", () => {
    expect(home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=3')).toBe('deployment.apps/web created\n');
    home.ok('clock', 'advance', '30s');
    const three = placement('web');
    expect(Object.keys(three).sort()).toEqual(['mk-worker', 'mk-worker2']);
    expect(Object.values(three).sort()).toEqual([1, 2]);

    home.ok('scale', 'deployment', 'web', '--replicas=6');
    home.ok('clock', 'advance', '30s');
    expect(placement('web')).toEqual({ 'mk-worker': 3, 'mk-worker2': 3 });
  });

  test('required anti-affinity to itself: the third replica stays Pending with the FailedScheduling message', () => {
    const r = home.run(['apply', '-f', '-'], { input: soloManifest });
    expect(r.stdout).toBe('deployment.apps/solo created\n');
    home.ok('clock', 'advance', '30s');
    expect(placement('solo')).toEqual({ 'mk-worker': 1, 'mk-worker2': 1, '<none>': 1 });

    const message = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
      "2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: " +
      '1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const events = home.ok('get', 'events', '--field-selector', 'reason=FailedScheduling', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(events.split('\n').filter(Boolean)).toEqual([message]);
    const pending = home.ok('get', 'pods', '-l', 'app=solo', '--field-selector', 'status.phase=Pending',
      '-o', 'jsonpath={.items[0].status.conditions[?(@.type=="PodScheduled")].message}');
    expect(pending).toBe(message);
  });
});
