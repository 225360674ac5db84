// StorageClass constants and storageutil.IsDefaultAnnotation; no schemas (the get path uses it).

export const VOLUME_BINDING_IMMEDIATE = 'Immediate';
export const VOLUME_BINDING_WAIT = 'WaitForFirstConsumer';

export const IS_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** storageutil.IsDefaultAnnotation: either annotation set to "true". */
export function isDefaultStorageClass(sc: { metadata: { annotations?: Record<string, string> } }): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true' || a[BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true';
}
