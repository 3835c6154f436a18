import { readForm } from './http/body.parser';
import { delay, redirect, sendServerError } from './http/responses';
import { checkListing, listingValue } from './listing.validation';
import { listingKeys } from './sandbox.state';
import type { RejectionReason } from './sandbox.types';
import { duplicateBody, sendForm, sendSitePage, successBody, type SiteRequest } from './site.context';
import { SANDBOX_CAPTCHA_TOKEN } from './sites/captcha.site';
import { isSignedIn, sendToLogin } from './login.handler';

type Fields = Record<string, string>;

function reject(req: SiteRequest, reason: RejectionReason, detail: string, fields: Fields, missing: readonly string[] = []): void {
  req.state.rejectedList.push({
    siteId: req.site.id,
    instance: req.instance,
    reason,
    detail,
    missing,
    fields,
    receivedAt: new Date().toISOString(),
  });
}

/** A POST to the listing form, checked in the order a real directory would. */
export async function handleListingPost(req: SiteRequest): Promise<void> {
  if (req.site.behaviour === 'login' && !isSignedIn(req)) {
    reject(req, 'login', 'no session', await readForm(req.request));
    return sendToLogin(req);
  }
  if (req.site.behaviour === 'slow') await delay(req.config.slowMs);
  const received = await readForm(req.request);
  const fields = req.site.behaviour === 'wizard-nav' ? wizardFields(req, received) : received;
  if (fields === undefined) return;
  finishListing(req, fields);
}

/** Step 1 is validated and parked as a draft; step 2 merges it. Undefined when the request is answered. */
function wizardFields(req: SiteRequest, received: Fields): Fields | undefined {
  const { step, draft, ...rest } = received;
  if (step === '1') {
    const check = checkListing(req.site, rest, { withTerms: false });
    if (check.missing.length > 0) {
      reject(req, 'validation', check.messages.join('; '), rest, check.missing);
      sendForm(req, req.site.validationStatus ?? 422, { values: rest, errors: check.messages });
      return undefined;
    }
    const id = req.state.saveDraft(rest);
    redirect(req.response, 303, `${req.root}${req.site.submitPath}?step=2&draft=${id}`);
    return undefined;
  }
  const saved = req.state.draft(draft);
  if (saved === undefined) {
    reject(req, 'validation', 'step 2 without a step 1 draft', rest, ['businessName', 'email', 'website']);
    sendForm(req, req.site.validationStatus ?? 422, { errors: ['Your session has expired. Please start again.'] });
    return undefined;
  }
  return { ...saved, ...rest };
}

function finishListing(req: SiteRequest, fields: Fields): void {
  const { site, state, instance } = req;
  const honeypot = site.honeypot === null ? '' : (fields[site.honeypot] ?? '');
  if (honeypot !== '') {
    reject(req, 'honeypot', `honeypot ${site.honeypot} filled`, fields);
    return sendSitePage(req, 200, site.messages.successTitle, successBody(req, null));
  }
  if (site.behaviour === 'captcha' && fields['g-recaptcha-response'] !== SANDBOX_CAPTCHA_TOKEN) {
    reject(req, 'captcha', 'captcha not solved', fields);
    return sendForm(req, 200, { values: fields, errors: ['Please verify that you are not a robot.'] });
  }
  const check = checkListing(site, fields);
  if (check.missing.length > 0) {
    reject(req, 'validation', check.messages.join('; '), fields, check.missing);
    return sendForm(req, site.validationStatus ?? 422, { values: fields, errors: check.messages });
  }
  const name = listingValue(site, fields, 'businessName');
  const website = listingValue(site, fields, 'website');
  const keys = listingKeys(name, website, listingValue(site, fields, 'email'));
  if (site.behaviour === 'exists' || state.isListed(instance, keys)) {
    reject(req, 'duplicate', site.behaviour === 'exists' ? 'listing exists (site always answers so)' : 'already listed', fields);
    return sendSitePage(req, site.duplicateStatus ?? 200, 'Already listed', duplicateBody(req));
  }
  const failure = site.behaviour === 'flaky' ? flakyFailure(req, keys) : null;
  if (failure !== null) {
    reject(req, 'transient', `HTTP ${failure}`, fields);
    return sendServerError(req.response, failure);
  }
  state.acceptedList.push({ siteId: site.id, instance, fields, honeypotFilled: false, receivedAt: new Date().toISOString() });
  const listing = state.addListing(instance, keys, { name, website, description: listingValue(site, fields, 'description') });
  const slug = site.messages.listingLink ? listing.slug : null;
  if (site.successRedirect) return redirect(req.response, 303, `${req.root}thanks${slug ? `?listing=${slug}` : ''}`);
  sendSitePage(req, 200, site.messages.successTitle, successBody(req, slug));
}

/** The first `flakyFailFirst` POSTs of a listing alternate 502 and 500; later ones fail at `flakyRate` with 503. */
function flakyFailure(req: SiteRequest, keys: readonly string[]): 500 | 502 | 503 | null {
  const attempt = req.state.countAttempt(req.instance, keys);
  if (attempt <= req.config.flakyFailFirst) return attempt % 2 === 1 ? 502 : 500;
  return req.state.nextRandom() < req.config.flakyRate ? 503 : null;
}
