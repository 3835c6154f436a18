import { forbiddenAddressKind, type ForbiddenKind } from './address-class';

const CASES: readonly (readonly [string, ForbiddenKind | null])[] = [
  ['169.254.169.254', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.20', 'private'],
  ['fc00::1', 'unique_local'],
  ['fdff:1234::5', 'unique_local'],
  ['169.254.1.1', 'link_local'],
  ['fe80::1', 'link_local'],
  ['febf::1', 'link_local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.254', 'cgnat'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['::127.0.0.1', 'reserved'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::10.1.2.3', 'private'],
  ['not-an-ip', 'reserved'],
  // Public neighbours of the ranges above.
  ['8.8.8.8', null],
  ['1.1.1.1', null],
  ['172.15.255.255', null],
  ['172.32.0.0', null],
  ['100.63.255.255', null],
  ['100.128.0.0', null],
  ['169.253.255.255', null],
  ['11.0.0.1', null],
  ['192.169.0.1', null],
  ['2606:4700::1111', null],
  ['::ffff:8.8.8.8', null],
  ['64:ff9b::808:808', null],
  ['fbff::1', null],
  ['fec0::1', 'reserved'],
];

describe('forbiddenAddressKind', () => {
  it.each(CASES)('%s → %s', (address, kind) => {
    expect(forbiddenAddressKind(address)).toBe(kind);
  });
});
