// What controllers, the scheduler, the kubelet and the CLI call: the API server's verbs over typed
// objects. Errors are ApiError (./errors.ts).
import type { KubeObject } from '../api/object.js';

export interface ListFilter {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Store.list's `contains`: skips objects whose JSON lacks this text; callers still check fields. */
  contains?: string;
  /** Store.list's `revision`: the objects as they were then (Gone past the store's history). */
  revision?: number;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** 'Strict' (kubectl's default), 'Warn' or 'Ignore' for unknown fields. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * Who writes, the manager of its managedFields entry: 'kubectl-client-side-apply', 'kubelet', ...
   * Required for an apply patch; a write without one leaves managedFields as they are.
   */
  fieldManager?: string;
  /** An apply patch takes the fields other managers own (`--force-conflicts`). */
  force?: boolean;
  /** The subresource written through, for the managedFields entry (`kubectl scale` writes /scale). */
  subresource?: 'scale';
  /**
   * The version the request is made in, when the kind is served in several: a patch applies to
   * the object as that version reads it (autoscaling/v1 for a HorizontalPodAutoscaler).
   */
  asVersion?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
  resourceVersion?: string;
}

/** `apply` is server-side apply: the patch is the applied configuration. */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface Api {
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T;
  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject = KubeObject>(resource: string, filter?: ListFilter): T[];
  create<T extends KubeObject>(resource: string, obj: T, opts?: WriteOptions): T;
  update<T extends KubeObject>(resource: string, obj: T, opts?: WriteOptions): T;
  /** The /status subresource: .status and metadata.annotations are taken from obj, the rest is kept. */
  updateStatus<T extends KubeObject>(resource: string, obj: T, opts?: Pick<WriteOptions, 'fieldManager'>): T;
  patch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string,
    type: PatchType, patch: unknown, opts?: WriteOptions): T;
  /**
   * The pods/binding subresource: assigns a pod to a node (spec.nodeName and PodScheduled=True in
   * one write). `uid` guards against binding a newer pod of the same name.
   */
  bind(namespace: string, name: string, node: string, uid?: string): KubeObject;
  /** Graceful where the kind has it: returns the object with deletionTimestamp set, or undefined when gone. */
  delete(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions): KubeObject | undefined;
}
