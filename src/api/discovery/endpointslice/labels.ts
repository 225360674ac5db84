// The well-known EndpointSlice labels (discovery/v1 well_known_labels.go); no schema, cheap to import.

/** discovery.LabelServiceName and discovery.LabelManagedBy. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The managed-by value of the endpointslice controller's slices. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
