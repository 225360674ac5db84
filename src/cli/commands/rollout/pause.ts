// `mk rollout pause|resume`: kubectl 1.32's rollout_pause.go / rollout_resume.go with
// polymorphichelpers' objectpauser.go / objectresumer.go (only Deployments can be paused).
import type { KubeObject } from '../../../api/object.js';
import type { CliContext } from '../../context.js';
import { objectPatchCommand } from './patch-command.js';

interface Toggle {
  verb: 'pause' | 'resume';
  description: string;
  /** The operation a patched object is printed with, and the one for an object already there. */
  done: string;
  unchanged: string;
  /** The object function: changes the copy or throws why it cannot. */
  change(obj: KubeObject): void;
}

const isDeployment = (obj: KubeObject) => obj.kind === 'Deployment' && ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'].includes(obj.apiVersion);

const pause: Toggle = {
  verb: 'pause',
  description: 'Mark the provided resource as paused',
  done: 'paused',
  unchanged: 'already paused',
  change(obj) {
    if (!isDeployment(obj)) throw new Error('pausing is not supported');
    const spec = obj.spec as { paused?: boolean };
    if (spec.paused) throw new Error('is already paused');
    spec.paused = true;
  },
};

const resume: Toggle = {
  verb: 'resume',
  description: 'Resume a paused resource',
  done: 'resumed',
  unchanged: 'already resumed',
  change(obj) {
    if (!isDeployment(obj)) throw new Error('resuming is not supported');
    const spec = obj.spec as { paused?: boolean };
    if (!spec.paused) throw new Error('is not paused');
    spec.paused = false;
  },
};

export const pauseCommand = (ctx: CliContext) => objectPatchCommand(ctx, { ...pause, change: () => pause.change });
export const resumeCommand = (ctx: CliContext) => objectPatchCommand(ctx, { ...resume, change: () => resume.change });
