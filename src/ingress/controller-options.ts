// The ingress-nginx controller's command line as it reads it, and the resources it watches.
import { KIND_INGRESS_NGINX, type IngressControllerOptions } from './route.js';

export const INGRESS_RESOURCE = 'ingresses.networking.k8s.io';
export const INGRESS_CLASS_RESOURCE = 'ingressclasses.networking.k8s.io';

export interface ControllerFlags extends IngressControllerOptions {
  publishStatusAddress?: string;
  /** --publish-service: namespace/name of the Service whose addresses the status reports. */
  publishService?: string;
}

/**
 * The flags of the controller's command line, with the defaults of its version: before 1.0 (no
 * IngressClass yet) a controller served every Ingress without a class annotation.
 */
export function controllerOptions(argv: readonly string[], version = ''): ControllerFlags {
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i].replace(/^--?/, '');
      if (a === name) return argv[i + 1]?.startsWith('-') === false ? argv[i + 1] : 'true';
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
    }
    return undefined;
  };
  return {
    controllerClass: flag('controller-class') ?? KIND_INGRESS_NGINX.controllerClass,
    ingressClass: flag('ingress-class') ?? KIND_INGRESS_NGINX.ingressClass,
    watchWithoutClass: version.startsWith('0.') || flag('watch-ingress-without-class') === 'true',
    publishStatusAddress: flag('publish-status-address'),
    publishService: flag('publish-service'),
  };
}

