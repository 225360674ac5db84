// The core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice kinds through the admission chain:
// decoding, defaulting and validation. index.ts registers them.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import { Endpoints as EndpointsSchema, type Endpoints } from '../../api/core/endpoints/schema.js';
import { setObjectDefaultsEndpoints } from '../../api/core/endpoints/defaults.js';
import { validateEndpoints, validateEndpointsUpdate } from '../../api/core/endpoints/validate.js';
import { EndpointSlice as EndpointSliceSchema, type EndpointSlice } from '../../api/discovery/endpointslice/schema.js';
import { setObjectDefaultsEndpointSlice } from '../../api/discovery/endpointslice/defaults.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from '../../api/discovery/endpointslice/validate.js';

const asEndpoints = (o: KubeObject) => o as unknown as Endpoints;
const asSlice = (o: KubeObject) => o as unknown as EndpointSlice;

export const endpointsAdmission: KindAdmission = {
  qualifiedKind: 'Endpoints',
  schema: EndpointsSchema,
  defaults: (o) => { setObjectDefaultsEndpoints(asEndpoints(o)); },
  validateCreate: (o) => validateEndpoints(asEndpoints(o)),
  validateUpdate: (o, old) => validateEndpointsUpdate(asEndpoints(o), asEndpoints(old)),
};

export const endpointSliceAdmission: KindAdmission = {
  qualifiedKind: 'EndpointSlice.discovery.k8s.io',
  schema: EndpointSliceSchema,
  defaults: (o) => { setObjectDefaultsEndpointSlice(asSlice(o)); },
  validateCreate: (o) => validateEndpointSlice(asSlice(o)),
  validateUpdate: (o, old) => validateEndpointSliceUpdate(asSlice(o), asSlice(old)),
};
