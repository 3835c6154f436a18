import { SANDBOX_THIRD_PARTY_HOST, sandboxSiteHosts } from '../../sandbox/sandbox-addresses';
import { loadConfig } from '../config/app-config';
import { DestinationGuard, destinationAllowlist, type ResolveHost } from './destination-guard';

const DNS: Readonly<Record<string, readonly string[]>> = {
  'public.test': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'mixed.test': ['93.184.216.34', '10.0.0.7'],
  'metadata.test': ['169.254.169.254'],
  'sandbox.local': ['127.0.0.1'],
};
const resolve: ResolveHost = async (host) => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

describe('DestinationGuard', () => {
  const guard = new DestinationGuard([], resolve);

  it('lets public http(s) hosts through, and names it cannot resolve (the fetch fails on its own)', async () => {
    for (const url of ['https://public.test/add', 'http://8.8.8.8/x', 'https://[2606:4700::1111]/', 'https://nowhere.test/']) {
      expect(await guard.check(url)).toEqual({ allowed: true });
    }
  });

  it('refuses other schemes and malformed URLs', async () => {
    expect(await guard.check('file:///etc/passwd')).toEqual({ allowed: false, reason: 'file: is not http or https' });
    expect(await guard.check('javascript:alert(1)')).toEqual({ allowed: false, reason: 'javascript: is not http or https' });
    expect(await guard.check('http://')).toEqual({ allowed: false, reason: 'not a valid URL' });
  });

  it('refuses a host if ANY address it resolves to is forbidden, naming the address and its kind', async () => {
    expect(await guard.check('https://mixed.test/')).toEqual({
      allowed: false,
      reason: 'mixed.test resolves to 10.0.0.7, a private (RFC 1918) address',
    });
    expect(await guard.check('http://metadata.test/latest')).toEqual({
      allowed: false,
      reason: 'metadata.test resolves to 169.254.169.254, a cloud metadata address',
    });
  });

  it('refuses IP literals in every spelling the URL parser accepts', async () => {
    for (const url of [
      'http://127.0.0.1:3000/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0/',
      'http://[fd00:ec2::254]/',
    ]) {
      expect((await guard.check(url)).allowed).toBe(false);
    }
  });

  it('lets allowlisted host names, addresses and ranges through', async () => {
    const allowing = new DestinationGuard(['sandbox.local', '127.0.0.1', '10.0.0.0/8'], resolve);
    expect(await allowing.check('http://sandbox.local:4000/')).toEqual({ allowed: true });
    expect(await allowing.check('http://127.0.0.1:4000/')).toEqual({ allowed: true });
    expect(await allowing.check('https://mixed.test/')).toEqual({ allowed: true });
    expect((await allowing.check('http://127.0.0.2/')).allowed).toBe(false);
    expect((await allowing.check('http://metadata.test/')).allowed).toBe(false);
  });

  it('allows the sandbox addresses in demo mode only', () => {
    expect(destinationAllowlist(loadConfig({ DEMO: 'true' }))).toEqual(['127.0.0.2', '127.0.16.0/20']);
    expect(destinationAllowlist(loadConfig({ DEMO: 'false', DIRECTORY_URL_ALLOWLIST: 'sandbox.local' }))).toEqual(['sandbox.local']);
  });

  it('in demo mode lets every sandbox directory address and the third-party origin through, not the rest of loopback', async () => {
    const demo = new DestinationGuard(destinationAllowlist(loadConfig({ DEMO: 'true' })), resolve);
    const plain = new DestinationGuard(destinationAllowlist(loadConfig({ DEMO: 'false' })), resolve);
    const sandboxUrls = [
      ...sandboxSiteHosts().map((host) => `http://${host}:4455/d/x-1/`),
      `http://${SANDBOX_THIRD_PARTY_HOST}:4455/js/analytics.js`,
    ];
    for (const url of sandboxUrls) {
      expect({ url, demo: await demo.check(url) }).toEqual({ url, demo: { allowed: true } });
      expect({ url, plain: (await plain.check(url)).allowed }).toEqual({ url, plain: false });
    }
    // The API's own address and loopback beside the sandbox's stay fenced off even in demo mode.
    for (const url of [
      'http://127.0.0.1:3000/api/admin',
      'http://127.0.0.3/',
      'http://127.0.15.255/',
      'http://127.0.32.1/',
      'http://[::1]/',
    ]) {
      expect({ url, demo: (await demo.check(url)).allowed }).toEqual({ url, demo: false });
    }
  });
});
