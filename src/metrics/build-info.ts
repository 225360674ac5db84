// kubernetes_build_info (component-base/metrics/version.go): every control-plane component shows the
// release it was built from, the same facts as /version.
import { versionInfo } from '../cluster/version.js';
import type { Family } from './exposition.js';

export function buildInfoFamily(): Family {
  const v = versionInfo();
  return {
    name: 'kubernetes_build_info', type: 'gauge', stability: 'ALPHA',
    help: "A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.",
    samples: [{
      labels: {
        major: v.major, minor: v.minor, git_version: v.gitVersion, git_commit: v.gitCommit, git_tree_state: v.gitTreeState,
        build_date: v.buildDate, go_version: v.goVersion, compiler: v.compiler, platform: v.platform,
      },
      value: 1,
    }],
  };
}
