// Who the control-plane components write as: the managers their managedFields entries name on a
// kubeadm cluster (the User-Agent prefix of each binary). Controllers of kube-controller-manager
// all write as kube-controller-manager.
import type { Api, WriteOptions } from './api.js';

const COMPONENT_MANAGERS: Readonly<Record<string, string>> = {
  scheduler: 'kube-scheduler',
  kubelet: 'kubelet',
  'node-lease': 'kubelet',
  'ingress-nginx': 'nginx-ingress-controller',
  'local-path-provisioner': 'local-path-provisioner',
};

export function componentManager(controller: string): string {
  return COMPONENT_MANAGERS[controller] ?? 'kube-controller-manager';
}

/** The API as one manager uses it: its writes name it unless they name another. */
export function asManager<A extends Api>(api: A, manager: string): A {
  const named = <O extends WriteOptions>(opts?: O) => ({ fieldManager: manager, ...opts }) as O;
  const view = Object.create(api) as A;
  view.create = (resource, obj, opts) => api.create(resource, obj, named(opts));
  view.update = (resource, obj, opts) => api.update(resource, obj, named(opts));
  view.updateStatus = (resource, obj, opts) => api.updateStatus(resource, obj, named(opts));
  view.patch = (resource, ns, name, type, patch, opts) => api.patch(resource, ns, name, type, patch, named(opts));
  return view;
}
