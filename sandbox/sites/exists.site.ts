import { categoryOptions, errorBox, honeypotOffscreen, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** Every valid POST answers 409 "already exists": the listing was added by someone else long ago. */
export const existsSite = defineSite({
  id: 'exists',
  name: 'Evergreen Directory',
  behaviour: 'exists',
  submitPath: 'suggest',
  fields: ['businessName', 'contactName', 'email', 'website', 'category', 'description'],
  params: {
    businessName: 'bizName',
    contactName: 'yourName',
    email: 'yourEmail',
    website: 'bizUrl',
    category: 'bizCategory',
    description: 'bizDescription',
  },
  honeypot: 'bizFax',
  terms: null,
  stateStyle: null,
  categoryStyle: 'label',
  theme: { accent: '#196f3d', tagline: 'Established 2004', nav: ['Browse', 'Suggest a business', 'About'] },
  duplicateStatus: 409,
  messages: {
    successTitle: 'Thanks',
    success: 'Thanks for your suggestion! Your listing has been submitted.',
    duplicate: 'This listing already exists in our directory.',
    listingLink: false,
  },
  catalog: { category: 'general', difficulty: 'easy', domainAuthority: 46, formMapping: null },
  renderForm: (ctx) => `<h1>Suggest a business</h1>
${errorBox(ctx)}
<form action="${ctx.action}" method="post" class="suggest">
  <label for="bizName">Business name</label><input id="bizName" name="bizName"${valueOf(ctx, 'bizName')}>
  <label for="bizUrl">Website</label><input id="bizUrl" name="bizUrl"${valueOf(ctx, 'bizUrl')}>
  <label for="bizCategory">Category</label><select id="bizCategory" name="bizCategory">${categoryOptions('label', ctx.values.bizCategory)}</select>
  <label for="bizDescription">Why should we list it?</label><textarea id="bizDescription" name="bizDescription">${textOf(ctx, 'bizDescription')}</textarea>
  <label for="yourName">Your name</label><input id="yourName" name="yourName"${valueOf(ctx, 'yourName')}>
  <label for="yourEmail">Your email</label><input id="yourEmail" name="yourEmail" type="email"${valueOf(ctx, 'yourEmail')}>
  ${honeypotOffscreen('bizFax', 'Fax number')}
  <button type="submit">Suggest</button>
</form>`,
});
