import { categoryOptions, errorBox, honeypotHidden, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

const field = (ctx: FormContext, id: string, name: string, label: string, type = 'text'): string =>
  `<p><label for="${id}">${label}</label><br><input type="${type}" id="${id}" name="${name}"${valueOf(ctx, name)}></p>`;

/** An overloaded shared host: the form and the POST each take `slowMs`. PascalCase names. */
export const slowSite = defineSite({
  id: 'slow',
  name: 'Heritage Business Listings',
  behaviour: 'slow',
  submitPath: 'addurl',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'category', 'description'],
  params: {
    businessName: 'BusinessName',
    contactName: 'ContactName',
    email: 'EmailAddress',
    phone: 'Phone',
    website: 'WebsiteURL',
    address: 'Address',
    city: 'City',
    state: 'State',
    zip: 'Zip',
    category: 'Category',
    description: 'Description',
  },
  honeypot: 'Url',
  terms: null,
  stateStyle: 'name',
  categoryStyle: 'id',
  theme: {
    accent: '#7f8c8d',
    thirdParty: true,
    tagline: 'Trusted listings for established businesses',
    nav: ['Home', 'Directory', 'Add URL'],
  },
  validationStatus: 200,
  messages: {
    successTitle: 'Thank you',
    success: 'Thank you for your submission. Your listing has been submitted for review.',
    duplicate: 'Your business is already listed in the Heritage directory.',
    listingLink: false,
  },
  catalog: { category: 'general', difficulty: 'easy', domainAuthority: 44, formMapping: null },
  renderForm: (ctx) => `<h1>Add your business</h1>
${errorBox(ctx)}
<form action="${ctx.action}" method="post" name="addurl">
  ${field(ctx, 'fld-business', 'BusinessName', 'Business Name (required)')}
  ${field(ctx, 'fld-contact', 'ContactName', 'Contact Name')}
  ${field(ctx, 'fld-email', 'EmailAddress', 'Email (required)', 'email')}
  ${field(ctx, 'fld-phone', 'Phone', 'Phone')}
  ${field(ctx, 'fld-website', 'WebsiteURL', 'Website URL (required)', 'url')}
  ${honeypotHidden('Url')}
  ${field(ctx, 'fld-address', 'Address', 'Street Address')}
  ${field(ctx, 'fld-city', 'City', 'City')}
  <p><label for="fld-state">State</label><br><select id="fld-state" name="State">${stateOptions('name', ctx.values.State)}</select></p>
  ${field(ctx, 'fld-zip', 'Zip', 'Zip Code')}
  <p><label for="fld-category">Category</label><br><select id="fld-category" name="Category">${categoryOptions('id', ctx.values.Category)}</select></p>
  <p><label for="fld-description">Description</label><br><textarea id="fld-description" name="Description" rows="6" cols="60">${textOf(ctx, 'Description')}</textarea></p>
  <p><input type="submit" value="Add My Business"></p>
</form>`,
});
