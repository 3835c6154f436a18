import type { BusinessSnapshot } from '../src/jobs/job.events';
import type { ListingField } from '../src/workers/submitter.port';
import { SANDBOX_CAPTCHA_TOKEN } from './sites/captcha.site';
import { findCategory, findState } from './sites/reference-data';
import { findSiteTemplate } from './sites/site.registry';
import type { SiteTemplate } from './sites/site-template';

export const SANDBOX_BUSINESS: BusinessSnapshot = {
  businessName: 'Acme Coffee Roasters',
  email: 'hello@acmecoffee.example',
  phone: '+1 512 555 0142',
  website: 'https://acmecoffee.example',
  address: '500 Congress Ave',
  city: 'Austin',
  state: 'TX',
  zip: '78701',
  country: 'US',
  category: 'Restaurants',
  description: 'Small-batch coffee roasted daily in downtown Austin.',
  contactName: 'Jane Doe',
};

function valueFor(site: SiteTemplate, field: ListingField, business: BusinessSnapshot): string {
  switch (field) {
    case 'state': {
      const state = findState(business.state);
      if (site.stateStyle === 'text' || state === undefined) return business.state;
      return site.stateStyle === 'code' ? state[0] : state[1];
    }
    case 'category': {
      const [id, label] = findCategory(business.category);
      return site.categoryStyle === 'id' ? id : site.categoryStyle === 'label' ? label : business.category;
    }
    case 'logo':
      return '';
    case 'contactName':
      return business.contactName ?? '';
    case 'address2':
      return business.address2 ?? '';
    default:
      return business[field];
  }
}

/**
 * What a correct browser submission of `business` posts to a template's form (step 1 and 2 merged,
 * honeypot empty, terms accepted, captcha token included for tests that "solve" it).
 */
export function sandboxFormFields(siteId: string, business: BusinessSnapshot = SANDBOX_BUSINESS): Record<string, string> {
  const site = findSiteTemplate(siteId);
  if (site === undefined) throw new Error(`Unknown sandbox site ${siteId}`);
  const fields: Record<string, string> = {};
  for (const field of site.fields) {
    const param = site.params[field];
    if (param !== undefined) fields[param] = valueFor(site, field, business);
  }
  if (site.contactSplit) {
    const [first = '', ...rest] = (business.contactName ?? '').split(' ');
    fields[site.contactSplit.first] = first;
    fields[site.contactSplit.last] = rest.join(' ');
  }
  if (site.phoneSplit) {
    // The national number's digits, box by box: +1 512 555 0142 → 512 / 555 / 0142.
    let digits = business.phone.replace(/[^0-9]/g, '').slice(-site.phoneSplit.reduce((n, box) => n + box.length, 0));
    for (const box of site.phoneSplit) {
      fields[box.param] = digits.slice(0, box.length);
      digits = digits.slice(box.length);
    }
  }
  if (site.honeypot !== null) fields[site.honeypot] = '';
  if (site.terms !== null) fields[site.terms] = 'on';
  if (site.hasCaptcha) fields['g-recaptcha-response'] = SANDBOX_CAPTCHA_TOKEN;
  return fields;
}

/** For the navigating wizard: which of the posted fields belong on step 1. */
export function sandboxStep1Params(siteId: string): readonly string[] {
  return findSiteTemplate(siteId)?.step1Params ?? [];
}
