import { BlockList } from 'node:net';
import {
  SANDBOX_SITE_ADDRESSES,
  SANDBOX_SITE_RANGE,
  sandboxSiteHost,
  sandboxSiteHosts,
  sandboxSiteOrigin,
  sandboxThirdPartyOrigin,
} from '../../sandbox/sandbox-addresses';

/** Beside the guard: these addresses are what demo mode lets through the destination fence. */
describe('sandbox address plan', () => {
  const range = new BlockList();
  const [network, bits] = SANDBOX_SITE_RANGE.split('/');
  range.addSubnet(network, Number(bits), 'ipv4');

  it('gives every catalog slot its own loopback address inside the site range, none ending in .0 or .255', () => {
    const hosts = sandboxSiteHosts();
    expect(new Set(hosts).size).toBe(SANDBOX_SITE_ADDRESSES);
    for (const host of hosts) {
      expect({ host, inRange: range.check(host, 'ipv4') }).toEqual({ host, inRange: true });
      expect(host).toMatch(/^127\.0\.\d+\.(?!0$|255$)\d+$/);
    }
    expect(sandboxSiteHost(0)).toBe('127.0.16.1');
    expect(sandboxSiteHost(254)).toBe('127.0.17.1');
  });

  it('wraps beyond the addresses it listens on, and refuses a bad index', () => {
    expect(sandboxSiteHost(SANDBOX_SITE_ADDRESSES + 3)).toBe(sandboxSiteHost(3));
    expect(() => sandboxSiteHost(-1)).toThrow('Not a sandbox site index');
  });

  it('is multi-origin on the control host only', () => {
    expect(sandboxSiteOrigin('http://127.0.0.1:4455', 1)).toBe('http://127.0.16.2:4455');
    expect(sandboxThirdPartyOrigin('http://127.0.0.1:4455/')).toBe('http://127.0.0.2:4455');
    expect(sandboxSiteOrigin('http://[::1]:4455', 1)).toBe('http://[::1]:4455');
    expect(sandboxThirdPartyOrigin('http://[::1]:4455')).toBeNull();
  });
});
