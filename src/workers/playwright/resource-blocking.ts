import { getDomain, parse } from 'tldts';
import type { BlockCategory } from '../../config/browser-config';

/** Decides, per request the page makes, whether it is dropped before it leaves the browser. */
export type BlockPolicy = (url: string, resourceType: string) => boolean;

/**
 * DevTools resource types that never carry a form or what fills it: pixels, sound, fonts, pings,
 * prefetches. A form's own scripts, styles (which hide honeypots) and frames (captchas) stay.
 */
const HEAVY_TYPES = new Set(['Image', 'Media', 'Font', 'TextTrack', 'Prefetch', 'Ping', 'Manifest', 'CSPViolationReport']);

/**
 * What `third-party` still lets through from other sites: a form may need a CDN's library, post
 * through a form service's API, or sit in a captcha's frame.
 */
const THIRD_PARTY_KEPT = new Set(['Document', 'Script', 'XHR', 'Fetch', 'Preflight']);

/**
 * Analytics, tag managers and ad networks: nothing a form needs, often the heaviest scripts of a
 * page. Matched as the host or a parent of it. A CDN (jsDelivr, cdnjs, unpkg) is never listed: a
 * form may need the library it serves.
 */
const TRACKER_DOMAINS = [
  'google-analytics.com',
  'googletagmanager.com',
  'googleadservices.com',
  'googlesyndication.com',
  'doubleclick.net',
  'facebook.net',
  'connect.facebook.net',
  'hotjar.com',
  'segment.io',
  'segment.com',
  'mixpanel.com',
  'clarity.ms',
  'scorecardresearch.com',
  'quantserve.com',
  'newrelic.com',
  'nr-data.net',
  'fullstory.com',
  'amplitude.com',
  'heap.io',
  'heapanalytics.com',
  'matomo.cloud',
  'plausible.io',
  'adsrvr.org',
  'criteo.com',
  'taboola.com',
  'outbrain.com',
];
/** Whatever a third-party origin serves under these names is taken as analytics too (a self-hosted tracker on its own host). */
const TRACKER_PATH = /\/(analytics|gtag|gtm|tracking|tracker|pixel|beacon|collect)(\.js|\/|\?|$)/i;

/** The directory's own site: its registrable domain, or the address itself for an IP or `localhost`. */
export function siteOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    const parsed = parse(host);
    return parsed.isIp || !parsed.domain ? host : (getDomain(host) ?? host);
  } catch {
    return null;
  }
}

/** Pure: the policy for one submission, given the categories set and the directory's form URL. */
export function blockPolicy(categories: readonly BlockCategory[], directoryUrl: string): BlockPolicy {
  if (categories.length === 0) return () => false;
  const heavy = categories.includes('heavy');
  const trackers = categories.includes('trackers');
  const thirdParty = categories.includes('third-party');
  const ownSite = siteOf(directoryUrl);
  return (url, resourceType) => {
    if (!/^https?:/i.test(url)) return false;
    if (heavy && HEAVY_TYPES.has(resourceType)) return true;
    // The top-level page is never a third party; a frame's document is (a captcha lives in one).
    if (resourceType === 'Document' || (!trackers && !thirdParty)) return false;
    const site = siteOf(url);
    if (site === null || site === ownSite) return false;
    if (trackers && isTracker(url)) return true;
    return thirdParty && !THIRD_PARTY_KEPT.has(resourceType);
  };
}

function isTracker(url: string): boolean {
  const { hostname, pathname } = new URL(url);
  const host = hostname.toLowerCase();
  return TRACKER_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`)) || TRACKER_PATH.test(pathname);
}
