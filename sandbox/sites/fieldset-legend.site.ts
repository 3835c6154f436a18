import { categoryOptions, countryOptions, errorBox, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** Rails-style `listing[…]` names in `<fieldset>`s, partial autocomplete, a logo upload, required terms. */
export const fieldsetLegendSite = defineSite({
  id: 'fieldset-legend',
  name: 'TradeIndex',
  behaviour: 'plain',
  submitPath: 'listings/new',
  fields: [
    'businessName',
    'contactName',
    'email',
    'phone',
    'website',
    'address',
    'city',
    'state',
    'zip',
    'country',
    'category',
    'description',
    'logo',
  ],
  params: {
    businessName: 'listing[name]',
    contactName: 'listing[contact]',
    email: 'listing[email]',
    phone: 'listing[phone]',
    website: 'listing[url]',
    address: 'listing[address]',
    city: 'listing[city]',
    state: 'listing[state]',
    zip: 'listing[zip]',
    country: 'listing[country]',
    category: 'listing[category_id]',
    description: 'listing[summary]',
    logo: 'listing[logo]',
  },
  honeypot: null,
  terms: 'listing[terms]',
  stateStyle: 'name',
  categoryStyle: 'id',
  theme: {
    accent: '#16a085',
    thirdParty: true,
    tagline: 'B2B suppliers and trades',
    nav: ['Suppliers', 'Trades', 'New listing', 'Pricing'],
  },
  duplicateStatus: 422,
  messages: {
    successTitle: 'Listing created',
    success: 'Listing created! Your company profile is live.',
    duplicate: 'Name has already been taken: a listing with this name or email already exists.',
    listingLink: true,
  },
  catalog: { category: 'b2b', difficulty: 'medium', domainAuthority: 57, formMapping: null },
  renderForm: (ctx) => `<h1>New listing</h1>
${errorBox(ctx, 'prohibited this listing from being saved:')}
<form class="new_listing" id="new_listing" enctype="multipart/form-data" action="${ctx.action}" accept-charset="UTF-8" method="post">
  <input type="hidden" name="authenticity_token" value="k2Jd8s7Qm0">
  <fieldset>
    <legend>Company</legend>
    <label for="listing_name">Name</label>
    <input type="text" id="listing_name" name="listing[name]"${valueOf(ctx, 'listing[name]')}>
    <label for="listing_url">Website</label>
    <input type="url" id="listing_url" name="listing[url]"${valueOf(ctx, 'listing[url]')}>
    <label for="listing_category_id">Category</label>
    <select id="listing_category_id" name="listing[category_id]">${categoryOptions('id', ctx.values['listing[category_id]'])}</select>
    <label for="listing_summary">Summary</label>
    <textarea id="listing_summary" name="listing[summary]" rows="4">${textOf(ctx, 'listing[summary]')}</textarea>
    <label for="listing_logo">Logo (optional, PNG or JPG)</label>
    <input type="file" id="listing_logo" name="listing[logo]" accept="image/png,image/jpeg">
  </fieldset>
  <fieldset>
    <legend>Contact</legend>
    <label for="listing_contact">Name</label>
    <input type="text" id="listing_contact" name="listing[contact]"${valueOf(ctx, 'listing[contact]')}>
    <label for="listing_email">Email</label>
    <input type="email" id="listing_email" name="listing[email]"${valueOf(ctx, 'listing[email]')}>
    <label for="listing_phone">Phone</label>
    <input type="tel" id="listing_phone" name="listing[phone]"${valueOf(ctx, 'listing[phone]')}>
  </fieldset>
  <fieldset>
    <legend>Address</legend>
    <label for="listing_address">Street</label>
    <input type="text" id="listing_address" name="listing[address]" autocomplete="address-line1"${valueOf(ctx, 'listing[address]')}>
    <label for="listing_city">City</label>
    <input type="text" id="listing_city" name="listing[city]" autocomplete="address-level2"${valueOf(ctx, 'listing[city]')}>
    <label for="listing_state">State</label>
    <select id="listing_state" name="listing[state]" autocomplete="address-level1">${stateOptions('name', ctx.values['listing[state]'])}</select>
    <label for="listing_zip">ZIP</label>
    <input type="text" id="listing_zip" name="listing[zip]" autocomplete="postal-code"${valueOf(ctx, 'listing[zip]')}>
    <label for="listing_country">Country</label>
    <select id="listing_country" name="listing[country]" autocomplete="country">${countryOptions(ctx.values['listing[country]'])}</select>
  </fieldset>
  <label><input type="checkbox" id="listing_terms" name="listing[terms]" value="1" required> I accept the terms and conditions</label>
  <input type="submit" name="commit" value="Create Listing">
</form>`,
});
