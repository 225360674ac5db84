// The Kubernetes release mk plays, on its own so that `mk version` and the read path can name it
// without loading what a node is made of (topology.ts and its image catalog).
export const KUBERNETES_VERSION = 'v1.32.2';
