import { categoryOptions, errorBox, honeypotOffscreen, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** kebab-case names, no labels at all (placeholders only), a free-text state, a honeypot named "website". */
export const placeholderOnlySite = defineSite({
  id: 'placeholder-only',
  name: 'CityPages',
  behaviour: 'plain',
  submitPath: 'list-your-business',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'category', 'description'],
  params: {
    businessName: 'org-name',
    contactName: 'your-name',
    email: 'contact-email',
    phone: 'contact-phone',
    website: 'site-url',
    address: 'addr-line',
    city: 'addr-city',
    state: 'addr-state',
    zip: 'addr-zip',
    category: 'org-category',
    description: 'org-about',
  },
  honeypot: 'website',
  terms: null,
  stateStyle: 'text',
  categoryStyle: 'label',
  theme: { accent: '#e67e22', tagline: 'Your city, one page at a time', nav: ['Explore', 'Events', 'List your business'] },
  messages: {
    successTitle: 'Listing created',
    success: 'Listing created. It is now live on CityPages.',
    duplicate: 'Sorry, that business already exists on CityPages.',
    listingLink: true,
  },
  catalog: { category: 'local', difficulty: 'medium', domainAuthority: 41, formMapping: null },
  renderForm: (ctx) => `<h2>List your business for free</h2>
${errorBox(ctx, 'Oops! Something is missing.')}
<form method="post" action="${ctx.action}" class="stacked">
  <input name="org-name" placeholder="Business name *"${valueOf(ctx, 'org-name')}>
  <input name="your-name" placeholder="Your name"${valueOf(ctx, 'your-name')}>
  <input name="contact-email" type="email" placeholder="Email *"${valueOf(ctx, 'contact-email')}>
  <input name="contact-phone" type="tel" placeholder="Phone"${valueOf(ctx, 'contact-phone')}>
  <input name="site-url" placeholder="Your website (https://...) *"${valueOf(ctx, 'site-url')}>
  ${honeypotOffscreen('website', 'Website')}
  <input name="addr-line" placeholder="Street address"${valueOf(ctx, 'addr-line')}>
  <input name="addr-city" placeholder="City"${valueOf(ctx, 'addr-city')}>
  <input name="addr-state" placeholder="State"${valueOf(ctx, 'addr-state')}>
  <input name="addr-zip" placeholder="ZIP"${valueOf(ctx, 'addr-zip')}>
  <select name="org-category">${categoryOptions('label', ctx.values['org-category'])}</select>
  <textarea name="org-about" placeholder="Tell people about your business" rows="4">${textOf(ctx, 'org-about')}</textarea>
  <button>Publish listing</button>
</form>`,
});
