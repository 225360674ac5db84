// `create deployment` runs recorded from the real kubectl 1.32 with --dry-run=client, which needs
// no server (record.test.ts), and replayed against mk (create-deployment.test.ts).
export interface CreateDeploymentCase {
  name: string;
  /** What follows `create deployment`. */
  args: string[];
}

export const createDeploymentCases: CreateDeploymentCase[] = [
  { name: 'basic', args: ['x', '--image=nginx', '--dry-run=client', '-o', 'yaml'] },
  { name: 'replicas-port-command', args: ['x', '--image=nginx', '--replicas=3', '--port=80', '--dry-run=client', '-o', 'yaml', '--', 'sleep', '10'] },
  { name: 'images', args: ['web', '--image=nginx:1.25,redis:7', '--image=gcr.io/google-samples/hello-app@sha256:abc', '-r', '0', '--dry-run=client', '-o', 'yaml'] },
  { name: 'port-zero', args: ['x', '--image=busybox', '--port=0', '--dry-run=client', '-o', 'yaml'] },
  { name: 'namespace', args: ['x', '--image=nginx', '-n', 'team-a', '--dry-run=client', '-o', 'yaml'] },
  { name: 'alias-name', args: ['x', '--image=nginx', '--dry-run=client', '-o', 'name'] },
  { name: 'message', args: ['x', '--image=nginx', '--dry-run=client'] },
  { name: 'jsonpath', args: ['x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[0].name}'] },
];
