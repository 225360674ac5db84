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
