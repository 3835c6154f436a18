import { sandboxDirectories, SANDBOX_TEMPLATES } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS, sandboxFormFields } from '../../sandbox/sandbox.fixtures';
import { SandboxHttpClient } from '../../sandbox/sandbox-http.client';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox, SandboxSite } from '../../sandbox/sandbox.types';
import { findSiteTemplate } from '../../sandbox/sites/site.registry';

const SLOW_MS = 150;
const byOutcome = (...outcomes: SandboxSite['expectedOutcome'][]): SandboxSite[] =>
  SANDBOX_TEMPLATES.filter((site) => outcomes.includes(site.expectedOutcome));
const withHoneypot = SANDBOX_TEMPLATES.filter((site) => site.hasHoneypot);
const acceptsBrowserless = SANDBOX_TEMPLATES.filter((site) => site.behaviour !== 'exists');

describe('directory sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ slowMs: SLOW_MS, flakyFailFirst: 2 });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  async function clientFor(siteId: string, instance = 1): Promise<SandboxHttpClient> {
    const client = new SandboxHttpClient(sandbox.baseUrl, siteId, instance);
    if (findSiteTemplate(siteId)?.requiresLogin) expect((await client.login()).status).toBe(302);
    return client;
  }

  const submitCorrectly = async (siteId: string, instance = 1, overrides: Record<string, string> = {}) => {
    const client = await clientFor(siteId, instance);
    const site = findSiteTemplate(siteId);
    return client.submit({ ...sandboxFormFields(siteId), ...overrides }, { multipart: site?.multipart });
  };

  it('offers at least 12 templates, each with kebab-case id', () => {
    expect(SANDBOX_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    for (const site of SANDBOX_TEMPLATES) expect(site.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(SANDBOX_TEMPLATES.map((site) => [site.id, site] as const))(
    '%s serves a realistic page with its listing form',
    async (siteId, site) => {
      const { status, html } = await (await clientFor(siteId, 3)).getForm();
      expect(status).toBe(200);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toContain('<header');
      expect(html).toContain('<nav');
      expect(html).toContain('role="search"');
      expect(html).toContain('<footer');
      const template = findSiteTemplate(siteId);
      const onFirstPage = template?.step1Params ?? Object.values(template?.params ?? {});
      for (const param of onFirstPage) expect(html).toContain(`name="${param}"`);
      expect(site.fields).toEqual(expect.arrayContaining(['businessName', 'email', 'website']));
    },
  );

  it.each(acceptsBrowserless.map((site) => [site.id] as const))(
    '%s accepts a correct listing once, then answers duplicate',
    async (siteId) => {
      const expectedFailures = findSiteTemplate(siteId)?.behaviour === 'flaky' ? 2 : 0;
      for (let failure = 0; failure < expectedFailures; failure++) {
        expect((await submitCorrectly(siteId)).status).toBeGreaterThanOrEqual(500);
      }
      const first = await submitCorrectly(siteId);
      expect(first.status).toBe(200);
      expect(first.html).toMatch(/thank|received|created|success|saved/i);
      const second = await submitCorrectly(siteId);
      expect(second.html).toMatch(/already (listed|exists|in our|a |been taken)|duplicate/i);
      expect(sandbox.accepted()).toHaveLength(1);
      expect(sandbox.accepted()[0]).toMatchObject({ siteId, instance: `${siteId}-1`, honeypotFilled: false });
      expect(sandbox.rejected().filter((r) => r.reason === 'duplicate')).toHaveLength(1);
    },
  );

  it('summarises an uploaded logo as filename and size', async () => {
    const fields = { ...sandboxFormFields('fieldset-legend') };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('listing[logo]', new Blob([new Uint8Array(1234)], { type: 'image/png' }), 'logo.png');
    const response = await fetch(sandbox.submissionUrl('fieldset-legend', 1), { method: 'POST', body: form });
    expect(await response.text()).toContain('Listing created');
    expect(JSON.parse(sandbox.accepted()[0].fields['listing[logo]'])).toEqual({ filename: 'logo.png', size: 1234 });
  });

  it('the exists site always answers that the listing already exists', async () => {
    const response = await submitCorrectly('exists');
    expect(response.status).toBe(409);
    expect(response.html).toContain('This listing already exists in our directory');
    expect(sandbox.accepted()).toHaveLength(0);
    expect(sandbox.rejected()[0]).toMatchObject({ siteId: 'exists', reason: 'duplicate' });
  });

  it.each(withHoneypot.map((site) => [site.id] as const))(
    '%s shows thanks for a filled honeypot but records it as rejected',
    async (siteId) => {
      const honeypot = findSiteTemplate(siteId)?.honeypot ?? '';
      const response = await submitCorrectly(siteId, 1, { [honeypot]: 'http://spam.example' });
      expect(response.status).toBe(200);
      expect(response.html).toMatch(/thank|received|created|success/i);
      expect(sandbox.accepted()).toHaveLength(0);
      expect(sandbox.rejected()).toEqual([expect.objectContaining({ siteId, reason: 'honeypot' })]);
    },
  );

  it('the flaky site fails the first POSTs of a listing with 502 then 500, then accepts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await submitCorrectly('flaky', 2)).status);
    expect(statuses).toEqual([502, 500, 200]);
    expect(sandbox.rejected().map((r) => r.reason)).toEqual(['transient', 'transient']);
    expect(sandbox.accepted()).toHaveLength(1);
    // Another listing on the same instance starts its own count.
    expect(
      (await submitCorrectly('flaky', 2, { name: 'Other Co', mail: 'x@other.example', homepage: 'https://other.example' })).status,
    ).toBe(502);
  });

  it('random flaky failures are reproducible for a seed', async () => {
    const pattern = async (): Promise<number[]> => {
      const seeded = await startSandbox({ flakyFailFirst: 0, flakyRate: 0.5, seed: 7 });
      try {
        const statuses: number[] = [];
        for (let n = 0; n < 12; n++) {
          const client = new SandboxHttpClient(seeded.baseUrl, 'flaky', 1);
          statuses.push(
            (await client.submit(sandboxFormFields('flaky', { ...SANDBOX_BUSINESS, businessName: `Biz ${n}`, email: `b${n}@x.example` })))
              .status,
          );
        }
        return statuses;
      } finally {
        await seeded.close();
      }
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('the slow site takes slowMs on the form and on the POST', async () => {
    const client = await clientFor('slow');
    let started = Date.now();
    await client.getForm();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 10);
    started = Date.now();
    await client.submit(sandboxFormFields('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 10);
  });

  it('the login site redirects to a login page and accepts nothing without a session', async () => {
    const anonymous = new SandboxHttpClient(sandbox.baseUrl, 'login', 1);
    const form = await anonymous.getForm();
    expect(form.status).toBe(302);
    expect(form.location).toMatch(/\/d\/login-1\/login\?next=/);
    const loginPage = await anonymous.getForm(new URL(form.location ?? '', sandbox.baseUrl).toString());
    expect(loginPage.html).toContain('name="username"');
    expect(loginPage.html).toContain('type="password"');
    const posted = await anonymous.submit(sandboxFormFields('login'));
    expect(posted.status).toBe(302);
    expect((await anonymous.login('member', 'wrong')).status).toBe(401);
    expect(sandbox.accepted()).toHaveLength(0);
    expect(sandbox.rejected()).toEqual([expect.objectContaining({ reason: 'login' })]);
  });

  it('the captcha site shows a widget and rejects a POST without a solved token', async () => {
    const client = await clientFor('captcha');
    const form = await client.getForm();
    expect(form.html).toContain('class="g-recaptcha" data-sitekey=');
    expect(form.html).toContain('I&#39;m not a robot');
    const response = await client.submit({ ...sandboxFormFields('captcha'), 'g-recaptcha-response': '' });
    expect(response.html).toContain('not a robot');
    expect(sandbox.accepted()).toHaveLength(0);
    expect(sandbox.rejected()).toEqual([expect.objectContaining({ siteId: 'captcha', reason: 'captcha' })]);
  });

  it('re-renders the form with errors for missing or malformed fields', async () => {
    const plain = await submitCorrectly('plain-labels', 1, { email: '' });
    expect(plain.status).toBe(422);
    expect(plain.html).toContain('Email is required');
    expect(plain.html).toContain('value="Acme Coffee Roasters"');
    const malformed = await submitCorrectly('table-layout', 1, { ctl00$Main$txtEmail: 'not-an-email' });
    expect(malformed.status).toBe(200);
    expect(malformed.html).toContain('Email address is not valid');
    const noTerms = await submitCorrectly('camel-wrapped', 1, { acceptTerms: '', websiteUrl: '' });
    expect(noTerms.html).toContain('You must accept the terms');
    const wizard = await submitCorrectly('wizard-nav', 1, { startup_name: '' });
    expect(wizard.status).toBe(422);
    expect(sandbox.accepted()).toHaveLength(0);
    expect(sandbox.rejected().map((r) => [r.siteId, r.reason, r.missing])).toEqual([
      ['plain-labels', 'validation', ['email']],
      ['table-layout', 'validation', ['email']],
      ['camel-wrapped', 'validation', ['website', 'terms']],
      ['wizard-nav', 'validation', ['businessName']],
    ]);
  });

  it('dedupes per instance, by name + website or by email', async () => {
    expect((await submitCorrectly('plain-labels', 1)).html).toContain('Thank you!');
    expect((await submitCorrectly('plain-labels', 2)).html).toContain('Thank you!');
    const sameEmail = await submitCorrectly('plain-labels', 1, { business_name: 'Renamed Co', website: 'https://renamed.example' });
    expect(sameEmail.html).toContain('already listed');
    const sameSite = await submitCorrectly('plain-labels', 2, {
      business_name: 'ACME coffee roasters!',
      email: 'other@x.example',
      website: 'http://www.acmecoffee.example/',
    });
    expect(sameSite.html).toContain('already listed');
    expect(sandbox.accepted().map((a) => a.instance)).toEqual(['plain-labels-1', 'plain-labels-2']);
  });

  it('exposes accepted, rejected and reset over HTTP', async () => {
    await submitCorrectly('adjacent-text', 4);
    await submitCorrectly('adjacent-text', 4);
    const accepted = await (await fetch(`${sandbox.baseUrl}/__sandbox/accepted`)).json();
    expect(accepted).toEqual(JSON.parse(JSON.stringify(sandbox.accepted())));
    const rejected = await (await fetch(`${sandbox.baseUrl}/__sandbox/rejected`)).json();
    expect(rejected).toEqual([expect.objectContaining({ instance: 'adjacent-text-4', reason: 'duplicate' })]);
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    expect(sandbox.accepted()).toHaveLength(0);
    expect(await (await fetch(`${sandbox.baseUrl}/__sandbox/rejected`)).json()).toEqual([]);
  });

  it('builds a catalog of 50 distinct directories covering every template', async () => {
    const directories = sandboxDirectories(sandbox.baseUrl, 50);
    expect(new Set(directories.map((d) => d.id)).size).toBe(50);
    expect(new Set(directories.map((d) => d.domain)).size).toBe(50);
    for (const site of SANDBOX_TEMPLATES) expect(directories.some((d) => d.id.startsWith(`sandbox-${site.id}-`))).toBe(true);
    expect(directories.find((d) => d.hasCaptcha)).toBeDefined();
    expect(directories.find((d) => d.requiresLogin)).toBeDefined();
    const curated = SANDBOX_TEMPLATES.filter((site) => findSiteTemplate(site.id)?.catalog.formMapping);
    expect(curated.length).toBeGreaterThanOrEqual(4);
    expect(curated.length).toBeLessThan(SANDBOX_TEMPLATES.length / 2);
    expect(byOutcome('needs_manual:captcha', 'needs_manual:login', 'duplicate', 'transient-then-success')).toHaveLength(4);
    const response = await fetch(directories[0].submissionUrl);
    expect(response.status).toBe(200);
  });
});
