import { adjacentTextSite } from './adjacent-text.site';
import { ariaOnlySite } from './aria-only.site';
import { camelWrappedSite } from './camel-wrapped.site';
import { captchaSite } from './captcha.site';
import { existsSite } from './exists.site';
import { fieldsetLegendSite } from './fieldset-legend.site';
import { flakySite } from './flaky.site';
import { loginSite } from './login.site';
import { placeholderOnlySite } from './placeholder-only.site';
import { plainLabelsSite } from './plain-labels.site';
import type { SiteTemplate } from './site-template';
import { siteStateSite } from './site-state.site';
import { slowSite } from './slow.site';
import { tableLayoutSite } from './table-layout.site';
import { wizardJsSite } from './wizard-js.site';
import { wizardNavSite } from './wizard-nav.site';
import { SANDBOX_SITE_ADDRESSES } from '../sandbox-addresses';

/** Order matters: the catalog deals instances round-robin in this order. */
export const SITE_TEMPLATES: readonly SiteTemplate[] = [
  plainLabelsSite,
  camelWrappedSite,
  placeholderOnlySite,
  ariaOnlySite,
  tableLayoutSite,
  fieldsetLegendSite,
  wizardNavSite,
  wizardJsSite,
  slowSite,
  flakySite,
  captchaSite,
  loginSite,
  existsSite,
  adjacentTextSite,
];

/** Served by the sandbox but left out of the catalog (the demo, e2e and benchmarks never deal them). */
export const UNLISTED_TEMPLATES: readonly SiteTemplate[] = [siteStateSite];

export function findSiteTemplate(id: string): SiteTemplate | undefined {
  return SITE_TEMPLATES.find((site) => site.id === id) ?? UNLISTED_TEMPLATES.find((site) => site.id === id);
}

/**
 * The catalog's 0-based index of instance `n` of a template (instances are dealt round-robin, see the catalog).
 * Unlisted templates take slots from the top of the address range down, which no catalog of ordinary size reaches.
 */
export function catalogIndexOf(siteId: string, instance: number): number {
  if (!Number.isInteger(instance) || instance < 1) throw new Error(`Not a sandbox instance: ${instance}`);
  const template = SITE_TEMPLATES.findIndex((site) => site.id === siteId);
  if (template >= 0) return (instance - 1) * SITE_TEMPLATES.length + template;
  const unlisted = UNLISTED_TEMPLATES.findIndex((site) => site.id === siteId);
  if (unlisted < 0) throw new Error(`Unknown sandbox site ${siteId}`);
  return SANDBOX_SITE_ADDRESSES - 1 - (((instance - 1) * UNLISTED_TEMPLATES.length + unlisted) % SANDBOX_SITE_ADDRESSES);
}
