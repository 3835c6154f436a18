import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';
import type { AppConfig } from '../config/app-config';
import { FORBIDDEN_KIND_LABEL, forbiddenAddressKind } from './address-class';

/** Every address a host name resolves to (A and AAAA alike). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

export const resolveHost: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export type DestinationCheck = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOWED: DestinationCheck = { allowed: true };

/**
 * Decides whether a directory URL may be fetched: http(s) only, and no host that resolves to a
 * loopback, private, link-local, CGNAT, unspecified, metadata or other non-public address — if ANY
 * of its addresses is one, it is refused. The allowlist (host names, IPs, CIDRs) lets the local
 * sandbox through. A name that does not resolve is let through: the fetch fails on its own.
 */
export class DestinationGuard {
  private readonly hosts = new Set<string>();
  private readonly addresses = new BlockList();

  constructor(
    allowlist: readonly string[],
    private readonly resolve: ResolveHost = resolveHost,
  ) {
    for (const entry of allowlist) this.allow(entry.toLowerCase());
  }

  async check(url: string): Promise<DestinationCheck> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { allowed: false, reason: 'not a valid URL' };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return { allowed: false, reason: `${parsed.protocol} is not http or https` };
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (this.hosts.has(host)) return ALLOWED;
    const addresses = isIP(host) ? [host] : await this.resolve(host).catch(() => []);
    for (const address of addresses) {
      const kind = this.isAllowlisted(address) ? null : forbiddenAddressKind(address);
      if (!kind) continue;
      const what = `a ${FORBIDDEN_KIND_LABEL[kind]} address`;
      return { allowed: false, reason: address === host ? `${host} is ${what}` : `${host} resolves to ${address}, ${what}` };
    }
    return ALLOWED;
  }

  private allow(entry: string): void {
    const [address, bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) this.hosts.add(entry);
    else if (bits === undefined) this.addresses.addAddress(address, family === 6 ? 'ipv6' : 'ipv4');
    else this.addresses.addSubnet(address, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
  }

  private isAllowlisted(address: string): boolean {
    return this.addresses.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

/**
 * Demo mode lets the multi-origin sandbox's addresses through on top of the setting: its directory
 * range and its third-party origin, not the rest of loopback (127.0.0.1, where the API listens).
 */
export function destinationAllowlist(config: Pick<AppConfig, 'outbound' | 'demo'>): readonly string[] {
  return [...config.outbound.directoryUrlAllowlist, ...(config.demo.enabled ? SANDBOX_ALLOWLIST : [])];
}

/** One lookup per host for the life of the returned resolver (an import, a submission's page). */
export function cachingResolver(resolve: ResolveHost = resolveHost): ResolveHost {
  const cache = new Map<string, Promise<readonly string[]>>();
  return (host) => {
    let found = cache.get(host);
    if (!found) {
      found = resolve(host);
      cache.set(host, found);
    }
    return found;
  };
}
