import { isIP } from 'node:net';

/**
 * True for an address only this machine can reach: 127.0.0.0/8 (also IPv4-mapped), ::1 and
 * localhost. Anything else (0.0.0.0, ::, a LAN address, a name) may be reachable from outside.
 */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase();
  if (value === 'localhost' || value === '::1') return true;
  const ipv4 = value.startsWith('::ffff:') ? value.slice('::ffff:'.length) : value;
  return isIP(ipv4) === 4 && ipv4.startsWith('127.');
}
