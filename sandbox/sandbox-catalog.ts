import type { FormMapping } from '../src/workers/submitter.port';
import { sandboxSiteOrigin } from './sandbox-addresses';
import { SANDBOX_SITES } from './sandbox.server';
import type { ExpectedOutcome, SandboxSite } from './sandbox.types';
import { SITE_TEMPLATES } from './sites/site.registry';
import type { Difficulty } from './sites/site-template';

/** A row for the `directories` table (migration 006) plus the curated form mapping, if any. */
export interface SandboxDirectory {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly submissionUrl: string;
  /** Logical and distinct per instance (politeness keys on it); the URL's loopback address is its site. */
  readonly domain: string;
  readonly domainAuthority: number;
  readonly category: string;
  readonly difficulty: Difficulty;
  readonly requiresLogin: boolean;
  readonly hasCaptcha: boolean;
  readonly formMapping: FormMapping | null;
}

const CITIES = ['Austin', 'Denver', 'Portland', 'Raleigh', 'Boise', 'Tampa', 'Madison', 'Tucson', 'Omaha', 'Reno', 'Dayton', 'Fresno'];

export const sandboxDirectoryId = (siteId: string, instance: number): string => `sandbox-${siteId}-${instance}`;

/**
 * `count` directories dealt round-robin over the templates (instance 1 of every template first),
 * so any count ≥ the number of templates covers the captcha, login, exists, flaky and slow sites.
 * Directory k is served from its own loopback address when the sandbox at `baseUrl` is multi-origin
 * (k mod SANDBOX_SITE_ADDRESSES: beyond that many, addresses are shared).
 */
export function sandboxDirectories(baseUrl: string, count: number): SandboxDirectory[] {
  return Array.from({ length: count }, (_, index) => {
    const site = SITE_TEMPLATES[index % SITE_TEMPLATES.length];
    const instance = Math.floor(index / SITE_TEMPLATES.length) + 1;
    const root = `${sandboxSiteOrigin(baseUrl, index)}/d/${site.id}-${instance}/`;
    const city = CITIES[(instance - 1) % CITIES.length];
    const round = Math.floor((instance - 1) / CITIES.length);
    return {
      id: sandboxDirectoryId(site.id, instance),
      name: `${site.name} ${city}${round > 0 ? ` ${round + 1}` : ''}`,
      url: root,
      submissionUrl: `${root}${site.submitPath}`,
      domain: `${site.id}-${instance}.sandbox.test`,
      // Deterministic spread so that packages picking by authority still mix templates.
      domainAuthority: Math.max(5, site.catalog.domainAuthority - (((instance - 1) * 7) % 23)),
      category: site.catalog.category,
      difficulty: site.catalog.difficulty,
      requiresLogin: site.requiresLogin,
      hasCaptcha: site.hasCaptcha,
      formMapping: site.catalog.formMapping,
    };
  });
}

/** Per-template metadata: fields on the form, expected outcome, traps. */
export const SANDBOX_TEMPLATES: readonly SandboxSite[] = SANDBOX_SITES;

/** The template behind a catalog directory id (`sandbox-<siteId>-<n>`) or a domain (`<siteId>-<n>.sandbox.test`). */
export function sandboxSiteOf(directoryIdOrDomain: string): SandboxSite | undefined {
  const match = /^(?:sandbox-)?([a-z0-9-]+)-\d+(?:\.sandbox\.test)?$/.exec(directoryIdOrDomain);
  return match ? SANDBOX_SITES.find((site) => site.id === match[1]) : undefined;
}

export function expectedOutcomeOf(directoryIdOrDomain: string): ExpectedOutcome | undefined {
  return sandboxSiteOf(directoryIdOrDomain)?.expectedOutcome;
}
