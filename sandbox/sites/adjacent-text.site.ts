import { errorBox, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

/** Bootstrap-ish markup without `<label>`: captions are sibling `<span>`s; names only, no ids; a US phone in three boxes. */
const group = (ctx: FormContext, caption: string, name: string, type = 'text'): string =>
  `<div class="form-group"><span class="control-label">${caption}</span><input class="form-control" type="${type}" name="${name}"${valueOf(ctx, name)}></div>`;

const phoneBox = (ctx: FormContext, name: string, length: number): string =>
  `<input class="form-control phone-part" type="tel" name="${name}" maxlength="${length}" size="${length}"${valueOf(ctx, name)}>`;

export const adjacentTextSite = defineSite({
  id: 'adjacent-text',
  name: 'QuickAdd Links',
  behaviour: 'plain',
  submitPath: 'add',
  fields: ['businessName', 'email', 'website', 'phone', 'description'],
  params: { businessName: 'title', email: 'owner_email', website: 'link', phone: 'phone_area', description: 'body' },
  phoneSplit: [
    { param: 'phone_area', length: 3 },
    { param: 'phone_prefix', length: 3 },
    { param: 'phone_line', length: 4 },
  ],
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
  <div class="form-group"><span class="control-label">Phone</span>${phoneBox(ctx, 'phone_area', 3)} - ${phoneBox(ctx, 'phone_prefix', 3)} - ${phoneBox(ctx, 'phone_line', 4)}</div>
  <div class="form-group"><span class="control-label">Description</span><textarea class="form-control" name="body" rows="3">${textOf(ctx, 'body')}</textarea></div>
  <div class="checkbox"><input type="checkbox" name="tos" value="1"> <span>I accept the terms</span></div>
  <button type="submit" class="btn btn-primary">Add</button>
</form></div>`,
});
