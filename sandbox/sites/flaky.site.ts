import { errorBox, honeypotOffscreen, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** Behind a failing load balancer: the first POSTs per listing answer 502 then 500. */
export const flakySite = defineSite({
  id: 'flaky',
  name: 'Wobbly Pages',
  behaviour: 'flaky',
  submitPath: 'new',
  fields: ['businessName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'description'],
  params: {
    businessName: 'name',
    email: 'mail',
    phone: 'tel',
    website: 'homepage',
    address: 'street',
    city: 'locality',
    state: 'region',
    zip: 'postal',
    description: 'blurb',
  },
  honeypot: 'fax',
  terms: null,
  stateStyle: 'code',
  categoryStyle: null,
  theme: { accent: '#d35400', tagline: 'Pages for every business', nav: ['Browse', 'New listing'] },
  messages: {
    successTitle: 'Listing submitted',
    success: 'Thank you! Listing submitted successfully.',
    duplicate: 'This listing already exists.',
    listingLink: true,
  },
  catalog: {
    category: 'general',
    difficulty: 'easy',
    domainAuthority: 39,
    formMapping: {
      businessName: ['input[name="business"]', '#wp-name'],
      email: ['#wp-mail'],
      phone: ['#wp-tel'],
      website: ['#wp-homepage'],
      address: ['#wp-street'],
      city: ['#wp-locality'],
      state: ['#wp-region'],
      zip: ['#wp-postal'],
      description: ['#wp-blurb'],
    },
  },
  renderForm: (ctx) => `<h1>New listing</h1>
${errorBox(ctx)}
<form action="${ctx.action}" method="post">
  <label for="wp-name">Business</label>
  <input id="wp-name" name="name" autocomplete="organization"${valueOf(ctx, 'name')}>
  <label for="wp-mail">E-mail</label>
  <input id="wp-mail" name="mail" type="email" autocomplete="email"${valueOf(ctx, 'mail')}>
  <label for="wp-tel">Telephone</label>
  <input id="wp-tel" name="tel" type="tel" autocomplete="tel"${valueOf(ctx, 'tel')}>
  <label for="wp-homepage">Homepage</label>
  <input id="wp-homepage" name="homepage" type="url" autocomplete="url"${valueOf(ctx, 'homepage')}>
  ${honeypotOffscreen('fax', 'Fax')}
  <label for="wp-street">Street</label>
  <input id="wp-street" name="street"${valueOf(ctx, 'street')}>
  <label for="wp-locality">Town / City</label>
  <input id="wp-locality" name="locality"${valueOf(ctx, 'locality')}>
  <label for="wp-region">State</label>
  <select id="wp-region" name="region">${stateOptions('code', ctx.values.region)}</select>
  <label for="wp-postal">Postal code</label>
  <input id="wp-postal" name="postal"${valueOf(ctx, 'postal')}>
  <label for="wp-blurb">Short description</label>
  <textarea id="wp-blurb" name="blurb" rows="3">${textOf(ctx, 'blurb')}</textarea>
  <button type="submit">Save listing</button>
</form>`,
});
