// The Kubernetes release mk plays, on its own so that `mk version` and the read path can name it
// without loading what a node is made of (topology.ts and its image catalog).
export const KUBERNETES_VERSION = 'v1.32.2';

/** The API server's /version (and kubectl's version.Info): the release's build facts. */
export function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return {
    major, minor,
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
    gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
