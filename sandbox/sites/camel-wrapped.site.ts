import { errorBox, honeypotOffscreen, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** camelCase names, labels wrapping their inputs, no ids, no autocomplete, first/last name, terms. */
export const camelWrappedSite = defineSite({
  id: 'camel-wrapped',
  name: 'BizFinder',
  behaviour: 'plain',
  submitPath: 'submit',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'description'],
  params: {
    businessName: 'companyName',
    email: 'emailAddress',
    phone: 'phoneNumber',
    website: 'websiteUrl',
    address: 'streetAddress',
    city: 'cityName',
    state: 'stateName',
    zip: 'postalCode',
    description: 'companyDescription',
  },
  contactSplit: { first: 'firstName', last: 'lastName' },
  honeypot: 'homepage',
  terms: 'acceptTerms',
  stateStyle: 'name',
  categoryStyle: null,
  theme: {
    accent: '#8e44ad',
    thirdParty: true,
    tagline: 'Small business, big reach',
    nav: ['Home', 'Top Rated', 'Get Listed', 'Blog'],
    newsletter: true,
  },
  successRedirect: true,
  messages: {
    successTitle: 'Submission received',
    success: 'Submission received! Our editors will review your company within 3 business days.',
    duplicate: 'A listing for this business already exists on BizFinder.',
    listingLink: false,
  },
  catalog: { category: 'business', difficulty: 'easy', domainAuthority: 48, formMapping: null },
  renderForm: (ctx) => `<section class="get-listed">
<h1>Get listed on BizFinder</h1>
${errorBox(ctx, 'We could not save your submission.')}
<form class="listing" action="${ctx.action}" method="post">
  <div class="row">
    <label>First name <input type="text" name="firstName"${valueOf(ctx, 'firstName')}></label>
    <label>Last name <input type="text" name="lastName"${valueOf(ctx, 'lastName')}></label>
  </div>
  <label>Company name <span class="req">*</span> <input type="text" name="companyName"${valueOf(ctx, 'companyName')}></label>
  <label>Email <span class="req">*</span> <input type="text" name="emailAddress"${valueOf(ctx, 'emailAddress')}></label>
  <label>Phone number <input type="text" name="phoneNumber"${valueOf(ctx, 'phoneNumber')}></label>
  <label>Website URL <span class="req">*</span> <input type="text" name="websiteUrl"${valueOf(ctx, 'websiteUrl')}></label>
  ${honeypotOffscreen('homepage', 'Homepage')}
  <label>Street address <input type="text" name="streetAddress"${valueOf(ctx, 'streetAddress')}></label>
  <label>City <input type="text" name="cityName"${valueOf(ctx, 'cityName')}></label>
  <label>State <select name="stateName">${stateOptions('name', ctx.values.stateName, 'Choose...')}</select></label>
  <label>Postal code <input type="text" name="postalCode"${valueOf(ctx, 'postalCode')}></label>
  <label>About your company <textarea name="companyDescription" rows="4">${textOf(ctx, 'companyDescription')}</textarea></label>
  <label class="check"><input type="checkbox" name="acceptTerms" value="yes"> I accept the <a href="${ctx.root}terms">terms of service</a></label>
  <button type="submit" class="btn-primary">Create my listing</button>
</form>
</section>`,
});
