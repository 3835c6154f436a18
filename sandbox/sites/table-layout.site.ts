import { categoryOptions, errorBox, stateOptions, textOf, valueOf } from './form.parts';
import { defineSite } from './site-template';
import type { FormContext } from './site-template';

/** ASP.NET WebForms era: `<table>` layout, labels in the preceding cell, `ctl00$Main$txt…` names. */
const row = (ctx: FormContext, label: string, id: string, control?: string): string => {
  const name = `ctl00$Main$${id}`;
  const field = control ?? `<input type="text" id="${id}" name="${name}" class="txt"${valueOf(ctx, name)}>`;
  return `<tr><td class="lbl">${label}</td><td>${field}</td></tr>`;
};

export const tableLayoutSite = defineSite({
  id: 'table-layout',
  name: 'WebRing Business Directory',
  behaviour: 'plain',
  submitPath: 'submit.aspx',
  fields: ['businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip', 'category', 'description'],
  params: {
    businessName: 'ctl00$Main$txtBizName',
    contactName: 'ctl00$Main$txtContact',
    email: 'ctl00$Main$txtEmail',
    phone: 'ctl00$Main$txtPhone',
    website: 'ctl00$Main$txtURL',
    address: 'ctl00$Main$txtAddress',
    city: 'ctl00$Main$txtCity',
    state: 'ctl00$Main$ddlState',
    zip: 'ctl00$Main$txtZip',
    category: 'ctl00$Main$ddlCategory',
    description: 'ctl00$Main$txtDescription',
  },
  honeypot: null,
  terms: null,
  stateStyle: 'code',
  categoryStyle: 'label',
  theme: { accent: '#2c3e50', tagline: 'Quality sites since 1999', nav: ['Home', 'Submit Site', 'New Listings', 'Link to Us'] },
  validationStatus: 200,
  messages: {
    successTitle: 'Submission Received',
    success: 'Your submission has been received and is pending review by our editors.',
    duplicate: 'This URL is already in our directory. Duplicate submissions are not accepted.',
    listingLink: false,
  },
  catalog: {
    category: 'general',
    difficulty: 'medium',
    domainAuthority: 35,
    formMapping: {
      businessName: ['#ctl00_Main_txtBizName', '#txtBizName'],
      contactName: ['#txtContact'],
      email: ['#txtEmail'],
      phone: ['#txtPhone'],
      website: ['#txtURL'],
      address: ['#txtAddress'],
      city: ['#txtCity'],
      state: ['#ddlState'],
      zip: ['#txtZip'],
      category: ['#ddlCategory'],
      description: ['#txtDescription'],
    },
  },
  renderForm: (ctx) => `<h1>Submit Your Site</h1>
${errorBox(ctx, 'The following errors occurred:')}
<form name="aspnetForm" method="post" action="${ctx.action}" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk">
<table class="submit-table" cellpadding="4">
  ${row(ctx, 'Business Name:*', 'txtBizName')}
  ${row(ctx, 'Contact Person:', 'txtContact')}
  ${row(ctx, 'E-mail:*', 'txtEmail')}
  ${row(ctx, 'Telephone:', 'txtPhone')}
  ${row(ctx, 'Site URL:*', 'txtURL')}
  ${row(ctx, 'Address:', 'txtAddress')}
  ${row(ctx, 'City:', 'txtCity')}
  ${row(ctx, 'State:', 'ddlState', `<select id="ddlState" name="ctl00$Main$ddlState">${stateOptions('code', ctx.values['ctl00$Main$ddlState'], '[Select]')}</select>`)}
  ${row(ctx, 'Zip:', 'txtZip')}
  ${row(ctx, 'Category:', 'ddlCategory', `<select id="ddlCategory" name="ctl00$Main$ddlCategory">${categoryOptions('label', ctx.values['ctl00$Main$ddlCategory'])}</select>`)}
  ${row(ctx, 'Description:', 'txtDescription', `<textarea id="txtDescription" name="ctl00$Main$txtDescription" rows="5" cols="50">${textOf(ctx, 'ctl00$Main$txtDescription')}</textarea>`)}
  <tr><td></td><td><input type="submit" name="ctl00$Main$btnSubmit" value="Submit Site" id="btnSubmit"></td></tr>
</table>
</form>`,
});
