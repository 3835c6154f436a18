import { isIP } from 'node:net';
import type { EnvReader } from './env-reader';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface RateLimitConfig {
  /** Requests per client IP per window (docs/requirements.md R-API-15). */
  readonly perIp: number;
  readonly ipWindowMs: number;
  /** Requests carrying X-API-Key, per key, per window; counted on top of the IP's own limit. */
  readonly perApiKey: number;
  readonly apiKeyWindowMs: number;
  /** Key prefix of the shared counts in Redis (REDIS_URL): deployments sharing one Redis keep apart. */
  readonly redisPrefix: string;
}

export interface SecurityConfig {
  /** Origins allowed by CORS; empty: CORS stays off (no Access-Control-* headers at all). */
  readonly corsOrigins: readonly string[];
  readonly rateLimit: RateLimitConfig;
  /** Proxies in front of the API whose X-Forwarded-For is believed; 0: the client is the socket's peer. */
  readonly trustProxyHops: number;
}

export function readSecurityConfig(read: EnvReader, problems: string[]): SecurityConfig {
  return {
    corsOrigins: readOrigins(read.string('CORS_ORIGINS', ''), problems),
    rateLimit: {
      perIp: read.int('RATE_LIMIT_PER_IP', 100, 1, 100_000_000),
      ipWindowMs: read.int('RATE_LIMIT_IP_WINDOW_MS', MINUTE, 100, 24 * HOUR),
      perApiKey: read.int('RATE_LIMIT_PER_API_KEY', 1000, 1, 100_000_000),
      apiKeyWindowMs: read.int('RATE_LIMIT_API_KEY_WINDOW_MS', HOUR, 100, 24 * HOUR),
      redisPrefix: read.string('RATE_LIMIT_REDIS_PREFIX', 'dbolt:rate:'),
    },
    trustProxyHops: read.int('HTTP_TRUST_PROXY_HOPS', 0, 0, 10),
  };
}

function readOrigins(value: string, problems: string[]): readonly string[] {
  const origins = splitList(value);
  for (const origin of origins) {
    if (!isOrigin(origin)) problems.push(`CORS_ORIGINS: "${origin.slice(0, 100)}" is not an origin like https://app.example.com`);
  }
  return origins;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Directory hosts the worker and the import may reach although they resolve to a forbidden address. */
export interface OutboundConfig {
  /** Host names (exact, case-insensitive), IP addresses and CIDR ranges. */
  readonly directoryUrlAllowlist: readonly string[];
}

export function readOutboundConfig(read: EnvReader, problems: string[]): OutboundConfig {
  const entries = splitList(read.string('DIRECTORY_URL_ALLOWLIST', '')).map((entry) => entry.toLowerCase());
  for (const entry of entries) {
    if (isAllowlistEntry(entry)) continue;
    problems.push(`DIRECTORY_URL_ALLOWLIST: "${entry.slice(0, 100)}" is not a host name, an IP address or a CIDR range`);
  }
  return { directoryUrlAllowlist: entries };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function isAllowlistEntry(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (bits === undefined) return family !== 0 || HOST_NAME.test(entry);
  const prefix = Number(bits);
  return family !== 0 && /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}
