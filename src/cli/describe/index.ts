// The describers by GroupKind (kubectl's describerMap), and the error kubectl gives for a kind
// with none. Keys are GroupKind.String(): `Kind` for the core group, `Kind.group` otherwise.
import type { KubeObject } from '../../api/object.js';
import { describeConfigMapObject } from './configmap.js';
import type { Describer, DescribeClient, DescribeOptions } from './helpers.js';
import { describeNamespaceObject } from './namespace.js';
import { describeNodeObject } from './node.js';
import { describePodObject } from './pod.js';
import { describeSecretObject } from './secret.js';
import { describeServiceObject } from './service.js';
import { describeServiceAccountObject } from './serviceaccount.js';

export type { Describer, DescribeClient, DescribeOptions } from './helpers.js';

export const describers: Readonly<Record<string, Describer>> = {
  ConfigMap: describeConfigMapObject,
  Namespace: describeNamespaceObject,
  Node: describeNodeObject,
  Pod: describePodObject,
  Secret: describeSecretObject,
  Service: describeServiceObject,
  ServiceAccount: describeServiceAccountObject,
};

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function groupKind(apiVersion: string, kind: string): string {
  const { group } = splitApiVersion(apiVersion);
  return group ? `${kind}.${group}` : kind;
}

export function describerFor(apiVersion: string, kind: string): Describer | undefined {
  return describers[groupKind(apiVersion, kind)];
}

/** `no description has been implemented for apps/v1, Kind=Deployment` (GroupVersionKind.String()). */
export function noDescriberMessage(apiVersion: string, kind: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return `no description has been implemented for ${group}/${version}, Kind=${kind}`;
}

export class NoDescriberError extends Error {}

/** Describes `obj` with its kind's describer; throws NoDescriberError with kubectl's text when there is none. */
export function describeObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const d = describerFor(obj.apiVersion, obj.kind);
  if (!d) throw new NoDescriberError(noDescriberMessage(obj.apiVersion, obj.kind));
  return d(obj, client, opts);
}
