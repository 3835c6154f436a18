/**
 * Where the multi-origin sandbox listens. Chromium's "site" is scheme + registrable domain, and for
 * an IP address the whole address: distinct loopback addresses are distinct sites with no public
 * suffix list involved, while distinct ports on one address would still be one site. So every
 * directory gets its own 127.0.x.y on the sandbox's one port, and the third-party assets ("CDN",
 * analytics, font, hero image) come from one more address of their own. Everything is loopback.
 */

/** The index page, the control endpoints (`/__sandbox/…`) and every site by path, as before. */
export const SANDBOX_CONTROL_HOST = '127.0.0.1';

/** The one third-party origin: scripts, a stylesheet, a web font, hero images, an analytics pixel. */
export const SANDBOX_THIRD_PARTY_HOST = '127.0.0.2';

/** How many directory addresses the sandbox listens on; catalog index k uses slot k mod this. */
export const SANDBOX_SITE_ADDRESSES = 512;

/** Holds every directory address (127.0.16.1 … 127.0.18.4) and nothing else the app uses. */
export const SANDBOX_SITE_RANGE = '127.0.16.0/20';

/** What a destination fence must let through for the multi-origin sandbox (DIRECTORY_URL_ALLOWLIST form). */
export const SANDBOX_ALLOWLIST: readonly string[] = [SANDBOX_THIRD_PARTY_HOST, SANDBOX_SITE_RANGE];

const PER_BLOCK = 254;

/** The loopback address of catalog slot `index` (0-based); .0 and .255 are skipped. */
export function sandboxSiteHost(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`Not a sandbox site index: ${index}`);
  const slot = index % SANDBOX_SITE_ADDRESSES;
  return `127.0.${16 + Math.floor(slot / PER_BLOCK)}.${1 + (slot % PER_BLOCK)}`;
}

/** Every directory address the sandbox listens on. */
export function sandboxSiteHosts(): string[] {
  return Array.from({ length: SANDBOX_SITE_ADDRESSES }, (_, index) => sandboxSiteHost(index));
}

/**
 * The origin serving catalog slot `index` for a sandbox at `baseUrl`: its own address on the same
 * port when the sandbox runs multi-origin (on the control host), else `baseUrl` itself (a sandbox
 * started on another host serves every site from that one origin).
 */
export function sandboxSiteOrigin(baseUrl: string, index: number): string {
  const base = new URL(baseUrl);
  if (base.hostname !== SANDBOX_CONTROL_HOST) return base.origin;
  return `${base.protocol}//${sandboxSiteHost(index)}:${base.port}`;
}

/** The third-party origin of a multi-origin sandbox at `baseUrl`, or null for a single-origin one. */
export function sandboxThirdPartyOrigin(baseUrl: string): string | null {
  const base = new URL(baseUrl);
  return base.hostname === SANDBOX_CONTROL_HOST ? `${base.protocol}//${SANDBOX_THIRD_PARTY_HOST}:${base.port}` : null;
}
