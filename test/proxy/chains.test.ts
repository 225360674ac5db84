import { describe, expect, it } from 'vitest';
import { clusterPolicyChain, endpointChain, servicePortName } from '../../src/proxy/chains.js';

// Chain names read off real kind clusters' `iptables-save -t nat`.
describe('kube-proxy chain names', () => {
  it('hash the service port name and lower-case protocol as kube-proxy does', () => {
    expect(clusterPolicyChain(servicePortName('default', 'kubernetes', 'https'), 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'dns'), 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'dns-tcp'), 'tcp')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'metrics'), 'tcp')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
  });

  it('name an unnamed port without a colon', () => {
    expect(servicePortName('default', 'web', undefined)).toBe('default/web');
    expect(servicePortName('default', 'web', '')).toBe('default/web');
  });

  it('hash an endpoint chain from the port name, protocol and ip:port', () => {
    // KUBE-SEP names differ per endpoint and are stable.
    const a = endpointChain('kube-system/kube-dns:dns', 'udp', '10.244.0.2:53');
    expect(a).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(a).not.toBe(endpointChain('kube-system/kube-dns:dns', 'udp', '10.244.0.3:53'));
  });
});

describe('statistic probabilities', () => {
  it('print as iptables-save prints the 31-bit threshold of kube-proxy\'s "%0.10f" of 1/n', async () => {
    const { probabilityText, statisticThreshold } = await import('../../src/proxy/iptables.js');
    const p = (n: number) => probabilityText(statisticThreshold(n));
    // Values read off real clusters' iptables-save.
    expect([2, 3, 5, 6, 20].map(p)).toEqual(['0.50000000000', '0.33333333349', '0.20000000019', '0.16666666651', '0.04999999981']);
  });
});

describe('defaultProxyNode', () => {
  it('is the first worker by name, or the control plane when it is alone', async () => {
    const { defaultProxyNode } = await import('../../src/proxy/inputs.js');
    const { node } = await import('./fixtures.js');
    const cp = node('kind-control-plane', '172.18.0.2');
    cp.metadata.labels = { 'node-role.kubernetes.io/control-plane': '' };
    expect(defaultProxyNode([cp, node('kind-worker2', '172.18.0.4'), node('kind-worker', '172.18.0.3')])).toBe('kind-worker');
    expect(defaultProxyNode([cp])).toBe('kind-control-plane');
    expect(defaultProxyNode([])).toBeUndefined();
  });
});
