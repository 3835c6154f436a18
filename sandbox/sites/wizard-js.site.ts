import { categoryOptions, errorBox, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';

/** One form in two steps: step 2 stays `hidden` until the "Next" button's script validates step 1. */
const script = `<script>
(function () {
  var step1 = document.getElementById('step-1');
  var step2 = document.getElementById('step-2');
  document.getElementById('next-step').addEventListener('click', function () {
    var required = step1.querySelectorAll('input[required]');
    for (var i = 0; i < required.length; i++) { if (!required[i].reportValidity()) return; }
    step1.hidden = true;
    step2.hidden = false;
    document.getElementById('step-label').textContent = 'Step 2 of 2: Location and details';
  });
  document.getElementById('prev-step').addEventListener('click', function () {
    step2.hidden = true;
    step1.hidden = false;
  });
})();
</script>`;

export const wizardJsSite = defineSite({
  id: 'wizard-js',
  name: 'ProNet Listings',
  behaviour: 'wizard-js',
  submitPath: 'join',
  fields: ['businessName', 'email', 'website', 'address', 'city', 'state', 'zip', 'phone', 'category', 'description'],
  params: {
    businessName: 'company',
    email: 'email',
    website: 'url',
    address: 'address1',
    city: 'town',
    state: 'region',
    zip: 'postcode',
    phone: 'telephone',
    category: 'industry',
    description: 'about',
  },
  honeypot: null,
  terms: 'agree',
  stateStyle: 'name',
  categoryStyle: 'label',
  theme: { accent: '#34495e', thirdParty: true, tagline: 'The professional network for local firms', nav: ['Members', 'Join', 'Sign in'] },
  duplicateStatus: 409,
  messages: {
    successTitle: 'Welcome aboard',
    success: 'Your listing has been created. Welcome to ProNet!',
    duplicate: 'A company with these details is already a ProNet member.',
    listingLink: true,
  },
  catalog: { category: 'professional', difficulty: 'medium', domainAuthority: 52, formMapping: null },
  renderForm: (ctx) => `<h1>Join ProNet</h1>
<p id="step-label">Step 1 of 2: Your company</p>
${errorBox(ctx)}
<form id="join-form" method="post" action="${ctx.action}">
  <div id="step-1" class="wizard-step">
    <label for="f-company">Company name</label>
    <input id="f-company" name="company" required${valueOf(ctx, 'company')}>
    <label for="f-email">Work email</label>
    <input id="f-email" name="email" type="email" required${valueOf(ctx, 'email')}>
    <label for="f-url">Company website</label>
    <input id="f-url" name="url" type="url" required${valueOf(ctx, 'url')}>
    <button type="button" id="next-step">Next</button>
  </div>
  <div id="step-2" class="wizard-step" hidden>
    <label for="f-address1">Address</label>
    <input id="f-address1" name="address1"${valueOf(ctx, 'address1')}>
    <label for="f-town">City</label>
    <input id="f-town" name="town"${valueOf(ctx, 'town')}>
    <label for="f-region">State</label>
    <select id="f-region" name="region">${stateOptions('name', ctx.values.region)}</select>
    <label for="f-postcode">ZIP code</label>
    <input id="f-postcode" name="postcode"${valueOf(ctx, 'postcode')}>
    <label for="f-telephone">Telephone</label>
    <input id="f-telephone" name="telephone" type="tel"${valueOf(ctx, 'telephone')}>
    <label for="f-industry">Industry</label>
    <select id="f-industry" name="industry">${categoryOptions('label', ctx.values.industry)}</select>
    <label for="f-about">About the company</label>
    <textarea id="f-about" name="about" rows="4">${textOf(ctx, 'about')}</textarea>
    <label><input type="checkbox" name="agree" value="on"> I accept the terms</label>
    <button type="button" id="prev-step">Back</button>
    <button type="submit">Finish</button>
  </div>
</form>
${script}`,
});
