// kubectl's OverrideOptions (cmd/util/override_options.go): --overrides, an inline JSON patch of
// the object a generator built, applied as --override-type says (a JSON merge patch by default).
import type { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import type { JsonObject } from '../../apiserver/patch/merge.js';

export interface OverrideFlags {
  overrides?: string;
  overrideType?: string;
}

export function addOverrideFlags(cmd: Command): Command {
  return cmd
    .option('--overrides <json>', 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.')
    .option('--override-type <type>', 'The method used to override the generated object: json, merge, or strategic.', 'merge');
}

/** Overrider.Apply: the object with the overrides patched in, or as it was without any. */
export async function applyOverrides(obj: KubeObject, flags: OverrideFlags): Promise<KubeObject> {
  if (!flags.overrides) return obj;
  const type = flags.overrideType || 'merge';
  if (type !== 'json' && type !== 'merge' && type !== 'strategic') throw new Error(`invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(flags.overrides);
  } catch {
    // What jsonpatch.MergePatch says of a fragment that is not JSON, whichever the patch type.
    throw new Error('Invalid JSON Patch');
  }
  const { patchObject } = await import('../../apiserver/patch/strategic.js');
  try {
    if (type === 'json' && Array.isArray(patch)) {
      // A failing operation: the library's own words (the server would hide them behind a 422).
      const { applyJsonPatchOps } = await import('../../apiserver/patch/json.js');
      return applyJsonPatchOps(obj as unknown as JsonObject, patch as (JsonObject | null)[]) as unknown as KubeObject;
    }
    return patchObject(type, obj, patch);
  } catch (e) {
    // kubectl patches locally: the patch library's words, not a server's status.
    if (e instanceof ApiError) throw new Error(e.status.message);
    throw e;
  }
}
