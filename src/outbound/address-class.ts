import { BlockList, isIP } from 'node:net';

/** Why an address may not be reached from a directory URL; null for an ordinary public address. */
export type ForbiddenKind =
  'metadata' | 'unspecified' | 'loopback' | 'private' | 'unique_local' | 'link_local' | 'cgnat' | 'multicast' | 'reserved';

type Range = readonly [kind: ForbiddenKind, network: string, prefix: number];

/** Checked in order: the metadata endpoints sit inside link-local and ULA and are named as such. */
const RANGES: readonly Range[] = [
  ['metadata', '169.254.169.254', 32],
  ['metadata', 'fd00:ec2::254', 128],
  ['metadata', '100.100.100.200', 32],
  ['unspecified', '0.0.0.0', 8],
  ['unspecified', '::', 128],
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::1', 128],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['unique_local', 'fc00::', 7],
  ['link_local', '169.254.0.0', 16],
  ['link_local', 'fe80::', 10],
  ['cgnat', '100.64.0.0', 10],
  ['multicast', '224.0.0.0', 4],
  ['multicast', 'ff00::', 8],
  // IETF assignments, benchmarking, documentation, class E and broadcast; IPv4-compatible, discard,
  // documentation and deprecated site-local IPv6. Nothing a public directory lives on.
  ['reserved', '192.0.0.0', 24],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '192.0.2.0', 24],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['reserved', '240.0.0.0', 4],
  ['reserved', '::', 96],
  ['reserved', '100::', 64],
  ['reserved', '2001:db8::', 32],
  ['reserved', 'fec0::', 10],
];

const LISTS: readonly (readonly [ForbiddenKind, BlockList])[] = RANGES.map(([kind, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return [kind, list] as const;
});

/** NAT64's well-known prefix carries an IPv4 address in its last 32 bits; that address decides. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/**
 * Pure: the kind of forbidden address `address` is (an IP literal), or null. IPv4-mapped IPv6
 * (::ffff:a.b.c.d) counts as its IPv4 address. A string that is not an IP is 'reserved'.
 */
export function forbiddenAddressKind(address: string): ForbiddenKind | null {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (type === 'ipv6' && NAT64.check(address, 'ipv6')) return forbiddenAddressKind(embeddedIpv4(address));
  for (const [kind, list] of LISTS) {
    if (list.check(address, type)) return kind;
  }
  return null;
}

/** The last 32 bits of an IPv6 address as dotted IPv4 (`64:ff9b::7f00:1` → 127.0.0.1). */
function embeddedIpv4(address: string): string {
  const tail = address.split(':').slice(-2);
  if (tail[1]?.includes('.')) return tail[1];
  const [high, low] = tail.map((group) => Number.parseInt(group || '0', 16));
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export const FORBIDDEN_KIND_LABEL: Readonly<Record<ForbiddenKind, string>> = {
  metadata: 'cloud metadata',
  unspecified: 'unspecified',
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  unique_local: 'unique local (ULA)',
  link_local: 'link-local',
  cgnat: 'carrier-grade NAT',
  multicast: 'multicast',
  reserved: 'reserved',
};
