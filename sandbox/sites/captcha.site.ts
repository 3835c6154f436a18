import { escapeHtml } from '../http/html';
import { categoryOptions, errorBox, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** The only token the server accepts; a browser cannot produce it, a test can post it. */
export const SANDBOX_CAPTCHA_TOKEN = 'sandbox-captcha-solved';
export const CAPTCHA_SITE_KEY = '6LcSandboxKeyAAAAAAbcdefghijklmnop';

const challenge = `<!doctype html><body style="font-family:sans-serif;margin:0">
<div style="border:1px solid #d3d3d3;background:#f9f9f9;padding:12px;width:270px">
<label><input type="checkbox" id="recaptcha-anchor" onclick="document.getElementById('ch').hidden=false"> I'm not a robot</label>
<div id="ch" hidden style="margin-top:8px">Select all images with <b>traffic lights</b>. <em>Verification required.</em></div>
</div></body>`;

export const captchaSite = defineSite({
  id: 'captcha',
  name: 'SecureList',
  behaviour: 'captcha',
  submitPath: 'submit-listing',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'city', 'state', 'category', 'description'],
  params: {
    businessName: 'business_name',
    contactName: 'owner_name',
    email: 'business_email',
    phone: 'business_phone',
    website: 'business_website',
    city: 'business_city',
    state: 'business_state',
    category: 'business_category',
    description: 'business_description',
  },
  honeypot: null,
  terms: null,
  stateStyle: 'code',
  categoryStyle: 'label',
  theme: { accent: '#27ae60', thirdParty: true, tagline: 'Verified businesses only', nav: ['Directory', 'Submit', 'Verification'] },
  messages: {
    successTitle: 'Submitted',
    success: 'Thank you! Your listing has been submitted for verification.',
    duplicate: 'This business already exists in SecureList.',
    listingLink: false,
  },
  catalog: { category: 'general', difficulty: 'hard', domainAuthority: 71, formMapping: null },
  renderForm: (ctx) => `<h1>Submit a verified listing</h1>
${errorBox(ctx)}
<form id="submit-listing" action="${ctx.action}" method="post">
  <label for="business_name">Business name</label>
  <input id="business_name" name="business_name" autocomplete="organization"${valueOf(ctx, 'business_name')}>
  <label for="owner_name">Owner name</label>
  <input id="owner_name" name="owner_name" autocomplete="name"${valueOf(ctx, 'owner_name')}>
  <label for="business_email">Email</label>
  <input id="business_email" name="business_email" type="email" autocomplete="email"${valueOf(ctx, 'business_email')}>
  <label for="business_phone">Phone</label>
  <input id="business_phone" name="business_phone" type="tel" autocomplete="tel"${valueOf(ctx, 'business_phone')}>
  <label for="business_website">Website</label>
  <input id="business_website" name="business_website" type="url" autocomplete="url"${valueOf(ctx, 'business_website')}>
  <label for="business_city">City</label>
  <input id="business_city" name="business_city" autocomplete="address-level2"${valueOf(ctx, 'business_city')}>
  <label for="business_state">State</label>
  <select id="business_state" name="business_state" autocomplete="address-level1">${stateOptions('code', ctx.values.business_state)}</select>
  <label for="business_category">Category</label>
  <select id="business_category" name="business_category">${categoryOptions('label', ctx.values.business_category)}</select>
  <label for="business_description">Description</label>
  <textarea id="business_description" name="business_description" rows="4">${textOf(ctx, 'business_description')}</textarea>
  <div class="g-recaptcha" data-sitekey="${CAPTCHA_SITE_KEY}">
    <iframe title="reCAPTCHA" width="304" height="78" style="border:0" srcdoc="${escapeHtml(challenge)}"></iframe>
    <textarea id="g-recaptcha-response" name="g-recaptcha-response" class="g-recaptcha-response" style="display:none"></textarea>
  </div>
  <button type="submit">Submit for verification</button>
</form>`,
});
