import { categoryOptions, errorBox, honeypotHidden, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** The well-behaved directory: ids, `<label for>`, full autocomplete hints, state codes. */
export const plainLabelsSite = defineSite({
  id: 'plain-labels',
  name: 'LocalHub Directory',
  behaviour: 'plain',
  submitPath: 'add-listing',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'category', 'description'],
  params: {
    businessName: 'business_name',
    contactName: 'contact_name',
    email: 'email',
    phone: 'phone',
    website: 'website',
    address: 'street_address',
    city: 'city',
    state: 'state',
    zip: 'zip',
    category: 'category',
    description: 'description',
  },
  honeypot: 'website_url',
  terms: null,
  stateStyle: 'code',
  categoryStyle: 'label',
  theme: {
    accent: '#1f6feb',
    tagline: 'Find local businesses near you',
    nav: ['Browse', 'Categories', 'Add Listing', 'Contact'],
    newsletter: true,
    thirdParty: true,
  },
  successRedirect: true,
  messages: {
    successTitle: 'Listing submitted',
    success: 'Thank you! Your listing has been submitted and will appear after a quick review.',
    duplicate: 'This business is already listed in LocalHub.',
    listingLink: true,
  },
  catalog: {
    category: 'general',
    difficulty: 'easy',
    domainAuthority: 62,
    formMapping: {
      businessName: ['#biz-name', '#business_name', 'input[name="business_name"]'],
      contactName: ['#contact_name'],
      email: ['#email', 'input[name="email"]'],
      phone: ['#phone'],
      website: ['#website'],
      address: ['#street_address'],
      city: ['#city'],
      state: ['#state'],
      zip: ['#zip'],
      category: ['#category'],
      description: ['#description'],
    },
  },
  renderForm: (ctx) => `<h1>Add your business to LocalHub</h1>
<p>Listing is free. Fields marked * are required.</p>
${errorBox(ctx)}
<form id="listing-form" action="${ctx.action}" method="post">
  <label for="business_name">Business name *</label>
  <input type="text" id="business_name" name="business_name" autocomplete="organization" required${valueOf(ctx, 'business_name')}>
  <label for="contact_name">Contact name</label>
  <input type="text" id="contact_name" name="contact_name" autocomplete="name"${valueOf(ctx, 'contact_name')}>
  <label for="email">Email address *</label>
  <input type="email" id="email" name="email" autocomplete="email" required${valueOf(ctx, 'email')}>
  <label for="phone">Phone</label>
  <input type="tel" id="phone" name="phone" autocomplete="tel"${valueOf(ctx, 'phone')}>
  <label for="website">Website *</label>
  <input type="url" id="website" name="website" autocomplete="url" placeholder="https://" required${valueOf(ctx, 'website')}>
  ${honeypotHidden('website_url')}
  <label for="street_address">Street address</label>
  <input type="text" id="street_address" name="street_address" autocomplete="street-address"${valueOf(ctx, 'street_address')}>
  <label for="city">City</label>
  <input type="text" id="city" name="city" autocomplete="address-level2"${valueOf(ctx, 'city')}>
  <label for="state">State</label>
  <select id="state" name="state" autocomplete="address-level1">${stateOptions('code', ctx.values.state)}</select>
  <label for="zip">ZIP code</label>
  <input type="text" id="zip" name="zip" autocomplete="postal-code" inputmode="numeric"${valueOf(ctx, 'zip')}>
  <label for="category">Category</label>
  <select id="category" name="category">${categoryOptions('label', ctx.values.category)}</select>
  <label for="description">Description</label>
  <textarea id="description" name="description" rows="5">${textOf(ctx, 'description')}</textarea>
  <p><button type="submit">Submit listing</button></p>
</form>`,
});
