import { errorBox, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** Members only: the form and its POST redirect (302) to `login` without a session cookie. */
export const SANDBOX_LOGIN = { username: 'member', password: 'sandbox' } as const;

export const loginSite = defineSite({
  id: 'login',
  name: 'MemberDirectory',
  behaviour: 'login',
  submitPath: 'account/listings/new',
  fields: ['businessName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'description'],
  params: {
    businessName: 'title',
    email: 'contact_email',
    phone: 'contact_phone',
    website: 'link',
    address: 'address',
    city: 'city',
    state: 'state',
    zip: 'zip',
    description: 'details',
  },
  honeypot: null,
  terms: null,
  stateStyle: 'code',
  categoryStyle: null,
  theme: { accent: '#2980b9', tagline: 'The members-only business directory', nav: ['Members', 'My account', 'Sign in'] },
  messages: {
    successTitle: 'Listing saved',
    success: 'Listing saved. Thank you! Your listing has been submitted to the members directory.',
    duplicate: 'You already have a listing for this business.',
    listingLink: true,
  },
  catalog: { category: 'general', difficulty: 'hard', domainAuthority: 59, formMapping: null },
  renderForm: (ctx) => `<h1>New listing</h1>
${errorBox(ctx)}
<form action="${ctx.action}" method="post">
  <label for="title">Business name</label><input id="title" name="title"${valueOf(ctx, 'title')}>
  <label for="contact_email">Email</label><input id="contact_email" name="contact_email" type="email"${valueOf(ctx, 'contact_email')}>
  <label for="contact_phone">Phone</label><input id="contact_phone" name="contact_phone" type="tel"${valueOf(ctx, 'contact_phone')}>
  <label for="link">Website</label><input id="link" name="link" type="url"${valueOf(ctx, 'link')}>
  <label for="address">Address</label><input id="address" name="address"${valueOf(ctx, 'address')}>
  <label for="city">City</label><input id="city" name="city"${valueOf(ctx, 'city')}>
  <label for="state">State</label><select id="state" name="state">${stateOptions('code', ctx.values.state)}</select>
  <label for="zip">ZIP</label><input id="zip" name="zip"${valueOf(ctx, 'zip')}>
  <label for="details">Details</label><textarea id="details" name="details">${textOf(ctx, 'details')}</textarea>
  <button type="submit">Save listing</button>
</form>`,
});

export function renderLoginForm(action: string, error: string | null): string {
  const alert = error ? `<div class="alert alert-error" role="alert">${error}</div>` : '';
  return `<h1>Sign in</h1>
<p>You need a member account to add a listing.</p>
${alert}
<form id="login-form" action="${action}" method="post">
  <label for="username">Username</label><input id="username" name="username" autocomplete="username">
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit">Sign in</button>
</form>`;
}
