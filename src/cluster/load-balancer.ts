// The simulated cloud provider of a cluster, turned on or off after it was created (as a kind user
// starts or stops cloud-provider-kind): turned on, it takes up the LoadBalancer Services already
// waiting for an address.
import type { Service } from '../api/core/service/schema.js';
import { serviceLoadBalancerController, setLoadBalancerEnabled } from '../controllers/service-lb.js';
import { openCluster, settle } from './runtime.js';

export async function setClusterLoadBalancer(name: string, enabled: boolean): Promise<void> {
  const h = await openCluster(name);
  try {
    await settle(h);
    h.store.transaction(() => {
      setLoadBalancerEnabled(h.store, enabled);
      if (!enabled) return;
      for (const svc of h.api.list('services') as unknown as Service[]) {
        if (svc.spec?.type !== 'LoadBalancer') continue;
        h.store.addTimer(h.now(), serviceLoadBalancerController.name, `${svc.metadata.namespace ?? ''}/${svc.metadata.name}`);
      }
    });
    await settle(h);
  } finally {
    h.store.close();
  }
}
