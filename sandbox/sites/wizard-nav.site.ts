import { errorBox, hiddenDraft, honeypotHidden, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

/** Two pages: step 1 posts and redirects (303) to step 2, which carries a server-side draft id. */
const step1 = (ctx: FormContext): string => `<h1>Submit your startup <small>Step 1 of 2</small></h1>
${errorBox(ctx)}
<form id="wizard-step-1" method="post" action="${ctx.action}">
  <input type="hidden" name="step" value="1">
  <label for="startup-name">Startup name</label>
  <input type="text" id="startup-name" name="startup_name" autocomplete="organization"${valueOf(ctx, 'startup_name')}>
  <label for="founder-email">Founder email</label>
  <input type="email" id="founder-email" name="founder_email" autocomplete="email"${valueOf(ctx, 'founder_email')}>
  <label for="startup-url">Website</label>
  <input type="url" id="startup-url" name="startup_url" autocomplete="url"${valueOf(ctx, 'startup_url')}>
  ${honeypotHidden('url_confirm')}
  <button type="submit">Next &rarr;</button>
</form>`;

const step2 = (ctx: FormContext): string => `<h1>Submit your startup <small>Step 2 of 2</small></h1>
${errorBox(ctx)}
<form id="wizard-step-2" method="post" action="${ctx.action}">
  <input type="hidden" name="step" value="2">
  ${hiddenDraft(ctx)}
  <label for="founder-name">Founder name</label>
  <input type="text" id="founder-name" name="founder_name" autocomplete="name"${valueOf(ctx, 'founder_name')}>
  <label for="hq-address">Headquarters address</label>
  <input type="text" id="hq-address" name="hq_address" autocomplete="street-address"${valueOf(ctx, 'hq_address')}>
  <label for="hq-city">City</label>
  <input type="text" id="hq-city" name="hq_city" autocomplete="address-level2"${valueOf(ctx, 'hq_city')}>
  <label for="hq-state">State</label>
  <select id="hq-state" name="hq_state" autocomplete="address-level1">${stateOptions('code', ctx.values.hq_state)}</select>
  <label for="hq-zip">ZIP</label>
  <input type="text" id="hq-zip" name="hq_zip" autocomplete="postal-code"${valueOf(ctx, 'hq_zip')}>
  <label for="hq-phone">Phone</label>
  <input type="tel" id="hq-phone" name="hq_phone" autocomplete="tel"${valueOf(ctx, 'hq_phone')}>
  <label for="pitch">One-paragraph pitch</label>
  <textarea id="pitch" name="pitch" rows="5">${textOf(ctx, 'pitch')}</textarea>
  <button type="submit">Submit startup</button>
</form>`;

export const wizardNavSite = defineSite({
  id: 'wizard-nav',
  name: 'StartupRoll',
  behaviour: 'wizard-nav',
  submitPath: 'submit-startup',
  fields: ['businessName', 'email', 'website', 'contactName', 'address', 'city', 'state', 'zip', 'phone', 'description'],
  params: {
    businessName: 'startup_name',
    email: 'founder_email',
    website: 'startup_url',
    contactName: 'founder_name',
    address: 'hq_address',
    city: 'hq_city',
    state: 'hq_state',
    zip: 'hq_zip',
    phone: 'hq_phone',
    description: 'pitch',
  },
  step1Params: ['startup_name', 'founder_email', 'startup_url', 'url_confirm'],
  honeypot: 'url_confirm',
  terms: null,
  stateStyle: 'code',
  categoryStyle: null,
  theme: { accent: '#e74c3c', tagline: 'Discover new startups every day', nav: ['Today', 'Top', 'Submit'] },
  messages: {
    successTitle: 'Startup submitted',
    success: 'Thank you! Your startup has been submitted and is in the launch queue.',
    duplicate: 'This startup already exists on StartupRoll.',
    listingLink: true,
  },
  catalog: {
    category: 'startups',
    difficulty: 'medium',
    domainAuthority: 66,
    formMapping: {
      businessName: ['#company-name', '#startup-name'],
      email: ['#founder-email'],
      website: ['#startup-url'],
      contactName: ['#founder-name'],
      address: ['#hq-address'],
      city: ['#hq-city'],
      state: ['#hq-state'],
      zip: ['#hq-zip'],
      phone: ['#hq-phone'],
      description: ['#pitch'],
    },
  },
  renderForm: (ctx) => (ctx.step === 1 ? step1(ctx) : step2(ctx)),
});
