// What `kubectl apply --server-side` does after its apply patch to an object that client-side
// apply managed (kubectl/pkg/cmd/apply/apply.go with client-go's util/csaupgrade): it makes sure
// the last-applied annotation has an Apply owner (`kubectl-last-applied`), then hands the fields
// of the client-side appliers (the Update managers owning the annotation) to its own Apply entry
// with a JSON patch of metadata.managedFields, and applies again so fields dropped from the
// manifest are finally removed. Failures are warnings: the apply itself succeeded.
import type { KubeObject } from '../api/object.js';
import type { Api, WriteOptions } from '../apiserver/api.js';
import { LAST_APPLIED } from '../apiserver/apply.js';
import { ApiError } from '../apiserver/errors.js';
import type { ManagedFieldsEntry } from '../apiserver/managed-fields/field-manager.js';
import { FieldSet, field } from '../apiserver/managed-fields/fieldset.js';
import { errorText } from './errors.js';

const LAST_APPLIED_PATH = [field('metadata'), field('annotations'), field(LAST_APPLIED)];
const MAX_PATCH_RETRY = 5;

const WARN_LAST_APPLIED = 'Warning: failed to migrate kubectl.kubernetes.io/last-applied-configuration for Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ';
const WARN_PATCH = 'Warning: server rejected managed fields migration to Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ';
const WARN_REAPPLY = 'Warning: failed to re-apply configuration after performing Server-Side Apply migration. This is non-fatal and will be retried next time you apply. Error: ';

const entriesOf = (obj: KubeObject) => (obj.metadata.managedFields ?? []) as ManagedFieldsEntry[];

function setOf(e: ManagedFieldsEntry): FieldSet | undefined {
  try {
    return FieldSet.fromFieldsV1(e.fieldsV1 ?? {});
  } catch {
    return undefined;
  }
}

/** csaupgrade.FindFieldsOwners for the last-applied annotation. */
function annotationOwners(obj: KubeObject, operation: 'Apply' | 'Update'): ManagedFieldsEntry[] {
  return entriesOf(obj).filter((e) => e.operation === operation && setOf(e)?.has(LAST_APPLIED_PATH));
}

/** csaupgrade.upgradedManagedFields for one client-side manager. */
function upgraded(entries: ManagedFieldsEntry[], csaManager: string, ssaManager: string): ManagedFieldsEntry[] {
  const copy = entries.map((e) => ({ ...e }));
  const isCsa = (e: ManagedFieldsEntry) => e.manager === csaManager && e.operation === 'Update' && !e.subresource;
  let target = copy.findIndex((e) => e.manager === ssaManager && e.operation === 'Apply' && !e.subresource);
  if (target < 0) {
    target = copy.findIndex(isCsa);
    if (target < 0) return copy;
    copy[target] = { ...copy[target], operation: 'Apply', manager: ssaManager };
  }
  const csa = copy.find((e) => isCsa(e) && e.apiVersion === copy[target].apiVersion);
  let set = setOf(copy[target]) ?? new FieldSet();
  const csaSet = csa && setOf(csa);
  if (csaSet) set = set.union(csaSet);
  copy[target] = { ...copy[target], fieldsV1: set.toFieldsV1() };
  return copy.filter((e) => !isCsa(e));
}

export interface MigrationTarget {
  api: Api;
  resource: string;
  namespace: string | undefined;
  name: string;
  /** The manifest as applied. */
  config: KubeObject;
  opts: WriteOptions;
  warn(text: string): void;
}

/** Runs kubectl's migration steps on the object an apply returned; returns the object as it ends up. */
export function migrateToServerSideApply(applied: KubeObject, t: MigrationTarget): KubeObject {
  let obj = applied;
  const { api, resource, namespace, name, opts } = t;
  const manager = opts.fieldManager ?? 'kubectl';
  const write = { dryRun: opts.dryRun };
  // saveLastApplyAnnotationIfNecessary
  if (manager === 'kubectl') {
    const value = obj.metadata.annotations?.[LAST_APPLIED];
    if (value !== undefined && annotationOwners(obj, 'Apply').length === 0) {
      try {
        obj = api.patch(resource, namespace, name, 'apply', {
          apiVersion: obj.apiVersion, kind: obj.kind,
          metadata: { name, ...(namespace ? { namespace } : {}), annotations: { [LAST_APPLIED]: value } },
        }, { ...write, fieldManager: 'kubectl-last-applied' });
      } catch (e) {
        t.warn(`${WARN_LAST_APPLIED}${errorText(e)}\n`);
        return obj;
      }
    }
  }
  // migrateToSSAIfNecessary
  let migrated = false;
  for (let i = 0; i < MAX_PATCH_RETRY; i++) {
    const csaManagers = new Set(annotationOwners(obj, 'Update').map((e) => e.manager ?? ''));
    let entries = entriesOf(obj);
    for (const csa of csaManagers) entries = upgraded(entries, csa, manager);
    if (JSON.stringify(entries) === JSON.stringify(entriesOf(obj))) break;
    try {
      obj = api.patch(resource, namespace, name, 'json', [
        { op: 'replace', path: '/metadata/managedFields', value: entries },
        { op: 'replace', path: '/metadata/resourceVersion', value: obj.metadata.resourceVersion },
      ], { ...write, fieldManager: manager });
      migrated = true;
      break;
    } catch (e) {
      if (!(e instanceof ApiError && e.status.reason === 'Conflict')) {
        t.warn(`${WARN_PATCH}${errorText(e)}\n`);
        return obj;
      }
      obj = api.get(resource, namespace, name);
    }
  }
  if (migrated) {
    try {
      obj = api.patch(resource, namespace, name, 'apply', structuredClone(t.config), opts);
    } catch (e) {
      t.warn(`${WARN_REAPPLY}${errorText(e)}\n`);
    }
  }
  return obj;
}
