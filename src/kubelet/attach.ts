// The end of an attach to a shell that reads its stdin (`kubectl run -i ... -- sh`): when the
// client closes stdin (the session ends with `exit` or end of input), the container's main
// process exits with the shell's status, and the kubelet's next relist notices it as it notices
// any process ending (then the restart policy decides what comes next).
import type { Store } from '../store/store.js';
import { stateAt } from './containers.js';
import { DEFAULT_TIMINGS } from './kubelet.js';
import { loadPodRuntime, metaKeys } from './state.js';

/** Ends the running main process of `container` at `at` with `code`; false when it is not running. */
export function mainProcessExited(store: Pick<Store, 'getMeta' | 'setMeta' | 'addTimer'>, ns: string, pod: string, container: string,
  at: number, code: number): boolean {
  const rt = loadPodRuntime({ store }, ns, pod);
  const cur = rt?.slots[container]?.cur;
  if (!rt || !cur || cur.startedAt === undefined || stateAt(cur, at) !== 'running') return false;
  cur.exitAt = at;
  cur.exitCode = code;
  const relist = DEFAULT_TIMINGS.relistMs;
  const detected = Math.floor(at / relist) * relist + relist;
  if (!rt.wakes.includes(detected)) {
    rt.wakes.push(detected);
    rt.wakes.sort((a, b) => a - b);
  }
  store.setMeta(metaKeys.pod(rt.node, ns, pod), JSON.stringify(rt));
  store.addTimer(detected, 'kubelet', `${ns}/${pod}`);
  return true;
}
