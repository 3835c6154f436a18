import { errorBox, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

/** Bootstrap-ish markup without `<label>`: captions are sibling `<span>`s; names only, no ids. */
const group = (ctx: FormContext, caption: string, name: string, type = 'text'): string =>
  `<div class="form-group"><span class="control-label">${caption}</span><input class="form-control" type="${type}" name="${name}"${valueOf(ctx, name)}></div>`;

export const adjacentTextSite = defineSite({
  id: 'adjacent-text',
  name: 'QuickAdd Links',
  behaviour: 'plain',
  submitPath: 'add',
  fields: ['businessName', 'email', 'website', 'phone', 'description'],
  params: { businessName: 'title', email: 'owner_email', website: 'link', phone: 'phone_no', description: 'body' },
  honeypot: null,
  terms: 'tos',
  stateStyle: null,
  categoryStyle: null,
  theme: { accent: '#c0392b', tagline: 'Add your link in 30 seconds', nav: ['Latest', 'Popular', 'Add'] },
  validationStatus: 200,
  messages: {
    successTitle: 'Link added',
    success: 'Success! Your link was added and your listing has been submitted.',
    duplicate: 'Duplicate entry: this site is already listed.',
    listingLink: true,
  },
  catalog: { category: 'links', difficulty: 'easy', domainAuthority: 28, formMapping: null },
  renderForm: (ctx) => `<div class="container"><h3>Add a site</h3>
${errorBox(ctx, 'Error')}
<form role="form" method="post" action="${ctx.action}">
  ${group(ctx, 'Site title', 'title')}
  ${group(ctx, 'Your e-mail', 'owner_email', 'email')}
  ${group(ctx, 'URL', 'link')}
  ${group(ctx, 'Phone', 'phone_no', 'tel')}
  <div class="form-group"><span class="control-label">Description</span><textarea class="form-control" name="body" rows="3">${textOf(ctx, 'body')}</textarea></div>
  <div class="checkbox"><input type="checkbox" name="tos" value="1"> <span>I accept the terms</span></div>
  <button type="submit" class="btn btn-primary">Add</button>
</form></div>`,
});
