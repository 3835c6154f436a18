import { classifyResult, isUnconfirmed, listingUrl, UNCONFIRMED, type ResultPage } from './outcome-classifier';

const page = (text: string, extra: Partial<ResultPage> = {}): ResultPage => ({
  status: 200,
  url: 'https://dir.test/submit',
  text,
  ...extra,
});

describe('classifyResult', () => {
  it.each([
    'Thank you! Your listing has been submitted.',
    'Thanks for your submission',
    'Your submission was received and is pending review.',
    'Listing created',
    'Your business is awaiting approval',
    'Vielen Dank! Ihr Eintrag wurde erfolgreich eingereicht.',
    'Merci, votre fiche a bien été envoyé',
    'Gracias, hemos recibido su solicitud',
    'Grazie! Inviato con successo',
    'Bedankt, uw vermelding is ingediend',
  ])('success: %s', (text) => {
    expect(classifyResult(page(text))).toEqual({ kind: 'success', listingUrl: null });
  });

  it('finds the listing link, by text first', () => {
    const links = [
      { href: 'https://dir.test/about', text: 'About' },
      { href: 'https://dir.test/l/123', text: 'View your listing' },
    ];
    expect(classifyResult(page('Thank you!', { links }))).toEqual({ kind: 'success', listingUrl: 'https://dir.test/l/123' });
    expect(listingUrl(page('', { links: [{ href: 'https://dir.test/listing/acme-co', text: 'Acme' }] }))).toBe(
      'https://dir.test/listing/acme-co',
    );
    expect(listingUrl(page('', { links: [{ href: 'javascript:void(0)', text: 'View listing' }] }))).toBeNull();
  });

  it.each([
    ['This business already exists in our directory.', 'This business already exists in our directory.'],
    ['Sorry, your site is already listed', 'Sorry, your site is already listed'],
    ['Duplicate listing detected', 'Duplicate listing detected'],
    ['The email has already been taken.', 'The email has already been taken.'],
    ['Dieser Eintrag existiert bereits', 'Dieser Eintrag existiert bereits'],
    ['Thank you! But this listing already exists.', 'Thank you! But this listing already exists.'],
  ])('duplicate: %s', (text, message) => {
    expect(classifyResult(page(text))).toEqual({ kind: 'duplicate', message });
  });

  it.each([500, 502, 503, 504])('transient on HTTP %i whatever the text', (status) => {
    expect(classifyResult(page('Thank you', { status }))).toEqual({ kind: 'transient', message: `the directory answered HTTP ${status}` });
  });

  it.each(['The service is temporarily unavailable.', 'Something went wrong, please try again later.', 'Too many requests'])(
    'transient wording: %s',
    (text) => {
      expect(classifyResult(page(text)).kind).toBe('transient');
    },
  );

  it('transient on 429', () => {
    expect(classifyResult(page('', { status: 429 })).kind).toBe('transient');
  });

  it.each([
    ['Email is required', 'Email is required'],
    ['Error:\nPhone number is invalid.\nPlease correct the form.', 'Phone number is invalid.'],
    ['This field is required.', 'This field is required.'],
    ['Invalid email address', 'Invalid email address'],
    ['Your submission could not be submitted', 'Your submission could not be submitted'],
  ])('permanent validation error with the page wording: %s', (text, message) => {
    expect(classifyResult(page(text))).toEqual({ kind: 'permanent', message });
  });

  it('strong errors beat success wording; success beats weak "required" labels', () => {
    expect(classifyResult(page('Thank you. Email is invalid')).kind).toBe('permanent');
    expect(classifyResult(page('Thank you! Fields marked * are required')).kind).toBe('success');
    expect(classifyResult(page('Fields marked * are required'))).toEqual({ kind: 'permanent', message: 'Fields marked * are required' });
  });

  it.each([
    ["Please confirm you're not a robot: I'm not a robot", 'captcha'],
    ['Captcha is incorrect, try again', 'captcha'],
    ['Please log in to continue', 'login'],
    ['You must be logged in to add a listing', 'login'],
    ['Thanks! Please verify your email address to activate your listing.', 'verification'],
  ])('needs_manual: %s', (text, reason) => {
    expect(classifyResult(page(text))).toMatchObject({ kind: 'needs_manual', reason });
  });

  it('needs_manual on a redirect to a login URL, a captcha widget or a password field', () => {
    expect(classifyResult(page('Welcome', { url: 'https://dir.test/user/login?next=/add' }))).toMatchObject({
      kind: 'needs_manual',
      reason: 'login',
    });
    expect(classifyResult(page('', { captchaWidget: true }))).toMatchObject({ kind: 'needs_manual', reason: 'captcha' });
    expect(classifyResult(page('', { passwordField: true }))).toMatchObject({ kind: 'needs_manual', reason: 'login' });
  });

  it('a success message next to a header login box is still a success', () => {
    expect(classifyResult(page('Thank you for your submission', { passwordField: true })).kind).toBe('success');
  });

  it('client errors without wording are permanent with the status', () => {
    expect(classifyResult(page('', { status: 403 }))).toEqual({ kind: 'permanent', message: 'the directory answered HTTP 403' });
    expect(classifyResult(page('Thank you', { status: 404 })).kind).toBe('permanent');
  });

  it('unknown pages cannot be confirmed', () => {
    const verdict = classifyResult(page('OK'));
    expect(verdict).toEqual({ kind: 'permanent', message: UNCONFIRMED });
    expect(isUnconfirmed(verdict)).toBe(true);
    expect(isUnconfirmed(classifyResult(page('Email is required')))).toBe(false);
  });

  it('clips long messages and flattens whitespace', () => {
    const verdict = classifyResult(page(`Email   is required ${'x'.repeat(400)}`));
    expect(verdict.kind).toBe('permanent');
    if (verdict.kind === 'permanent') expect(verdict.message.length).toBeLessThanOrEqual(200);
  });
});

describe('messages are text the event store can keep', () => {
  const halfPair = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const messageOf = (verdict: ReturnType<typeof classifyResult>): string => ('message' in verdict ? verdict.message : '');

  it('an emoji exactly at the cut is kept whole, never halved', () => {
    const text = `${'x'.repeat(198)}😀 This listing already exists.`;
    const message = messageOf(classifyResult(page(text)));
    expect(message).not.toMatch(halfPair);
    expect(message).toBe(`${'x'.repeat(198)}😀…`);
  });

  it("a NUL or a lone surrogate in the page's error text is left out", () => {
    expect(classifyResult(page('Email\u0000 is required'))).toEqual({ kind: 'permanent', message: 'Email is required' });
    expect(classifyResult(page('Captcha is incorrect \ud83d, try again'))).toMatchObject({
      kind: 'needs_manual',
      message: 'the directory asks for a captcha: Captcha is incorrect , try again',
    });
  });

  it('a listing link with a NUL or a lone surrogate is no listing URL', () => {
    const links = [
      { href: 'https://dir.test/l/1\u0000', text: 'View your listing' },
      { href: 'https://dir.test/l/\udc00', text: 'Your listing' },
    ];
    expect(classifyResult(page('Thank you!', { links }))).toEqual({ kind: 'success', listingUrl: null });
  });
});
