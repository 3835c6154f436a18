import { categoryOptions, countryOptions, errorBox, honeypotHidden, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

/** Form-builder output: opaque names (`input_3`), only `aria-label`s, autocomplete hints, id-valued categories. */
const input = (ctx: FormContext, n: number, aria: string, extra = ''): string => {
  const name = `input_${n}`;
  return `<div class="gfield"><input id="input_4_${n}" name="${name}" aria-label="${aria}"${extra}${valueOf(ctx, name)}></div>`;
};

export const ariaOnlySite = defineSite({
  id: 'aria-only',
  name: 'YellowList',
  behaviour: 'plain',
  submitPath: 'free-listing',
  fields: ['businessName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'country', 'category', 'description'],
  params: {
    businessName: 'input_1',
    email: 'input_2',
    phone: 'input_3',
    website: 'input_4',
    address: 'input_5',
    city: 'input_6',
    state: 'input_7',
    zip: 'input_8',
    country: 'input_9',
    category: 'input_10',
    description: 'input_11',
  },
  honeypot: 'input_99',
  terms: null,
  stateStyle: 'code',
  categoryStyle: 'id',
  theme: { accent: '#f1c40f', thirdParty: true, tagline: 'The yellow pages, reinvented', nav: ['Search', 'Free Listing', 'Advertise'] },
  messages: {
    successTitle: 'Thanks!',
    success: 'Thanks! Your free listing request was received and is pending approval.',
    duplicate: 'Our records show this business is already listed on YellowList.',
    listingLink: false,
  },
  catalog: {
    category: 'general',
    difficulty: 'medium',
    domainAuthority: 55,
    formMapping: {
      businessName: ['#input_1_1', '#input_4_1'],
      email: ['#input_4_2'],
      phone: ['#input_4_3'],
      website: ['#input_4_4'],
      address: ['#input_4_5'],
      city: ['#input_4_6'],
      state: ['#input_4_7'],
      zip: ['#input_4_8'],
      country: ['#input_4_9'],
      category: ['#input_4_10'],
      description: ['#input_4_11'],
    },
  },
  renderForm: (ctx) => `<h1>Get a free listing</h1>
${errorBox(ctx, 'There was a problem with your submission. Errors have been highlighted below.')}
<form id="gform_4" class="gform" method="post" action="${ctx.action}">
  ${input(ctx, 1, 'Business Name', ' autocomplete="organization"')}
  ${input(ctx, 2, 'Email', ' type="email" autocomplete="email"')}
  ${input(ctx, 3, 'Phone', ' type="tel" autocomplete="tel"')}
  ${input(ctx, 4, 'Website', ' type="url" autocomplete="url"')}
  ${honeypotHidden('input_99')}
  ${input(ctx, 5, 'Address Line 1', ' autocomplete="address-line1"')}
  ${input(ctx, 6, 'City', ' autocomplete="address-level2"')}
  <div class="gfield"><select id="input_4_7" name="input_7" aria-label="State" autocomplete="address-level1">${stateOptions('code', ctx.values.input_7)}</select></div>
  ${input(ctx, 8, 'ZIP / Postal Code', ' autocomplete="postal-code"')}
  <div class="gfield"><select id="input_4_9" name="input_9" aria-label="Country" autocomplete="country">${countryOptions(ctx.values.input_9)}</select></div>
  <div class="gfield"><select id="input_4_10" name="input_10" aria-label="Category">${categoryOptions('id', ctx.values.input_10)}</select></div>
  <div class="gfield"><textarea id="input_4_11" name="input_11" aria-label="Business Description" rows="6">${textOf(ctx, 'input_11')}</textarea></div>
  <input type="submit" id="gform_submit_button_4" value="Submit">
</form>`,
});
