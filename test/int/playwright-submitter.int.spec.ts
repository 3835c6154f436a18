import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { FormMapping, SubmissionOutcome, SubmissionRequest } from '../../src/workers/submitter.port';
import type { BusinessSnapshot } from '../../src/jobs/job.events';
import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';
import { sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS, sandboxFormFields } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { ExpectedOutcome } from '../../sandbox/sandbox.types';

const BUSINESS: BusinessSnapshot = {
  businessName: 'Acme Plumbing',
  email: 'owner@acme.test',
  phone: '555-010-2000',
  website: 'https://acme.test',
  address: '1 Main St',
  city: 'Austin',
  state: 'TX',
  zip: '78701',
  country: 'US',
  category: 'Plumbing',
  description: 'Family plumbers since 1990.',
  contactName: 'Jane Doe',
};

type Page = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const html = (res: ServerResponse, body: string, status = 200): void => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
};
const thanks: Page = (_req, res) =>
  html(res, '<h1>Thank you! Your listing is pending review.</h1><a href="/listing/acme-plumbing">View your listing</a>');
const PLAIN_FORM = `<form method="post"><label for="n">Business name</label><input id="n" name="business_name" required>
  <label for="e">Email</label><input id="e" type="email" name="email" required>
  <label for="p">Phone</label><input id="p" name="phone"><label for="w">Website</label><input id="w" name="url">
  <label for="d">Description</label><textarea id="d" name="description"></textarea><button type="submit">Submit listing</button></form>`;

const pages: Record<string, { get: Page; post?: Page }> = {
  '/plain': { get: (_q, res) => html(res, PLAIN_FORM), post: thanks },
  '/placeholder': {
    get: (_q, res) =>
      html(
        res,
        `<form method="post"><input name="f1" placeholder="Company name"><input name="f2" placeholder="Email address">
      <input name="f3" placeholder="Phone number"><input name="f4" placeholder="City"><button>Send</button></form>`,
      ),
    post: thanks,
  },
  '/state': {
    get: (_q, res) =>
      html(
        res,
        `<form method="post"><label>Business name <input name="name"></label><label>Email <input name="email"></label>
      <label>State <select name="state"><option value="">Select a state</option><option value="Alabama">Alabama</option><option value="Texas">Texas</option></select></label>
      <label>Category <select name="cat"><option value="">Choose…</option><option value="12">Restaurants</option><option value="34">Plumbing &amp; Heating</option></select></label>
      <input type="submit" value="Add listing"></form>`,
      ),
    post: thanks,
  },
  '/honeypot': {
    get: (_q, res) =>
      html(
        res,
        `<style>.hp{position:absolute;left:-9999px}</style><form method="post">
      <label>Business name <input name="business_name"></label><div class="hp"><label>Email <input name="email"></label></div>
      <label>Email <input name="email_address" type="email"></label><input name="website" style="display:none">
      <label>First name <input name="first_name"></label><label>Last name <input name="last_name"></label>
      <label><input type="checkbox" name="terms" required> I agree to the terms</label>
      <label><input type="checkbox" name="news"> Send me the newsletter</label><button>Submit</button></form>`,
      ),
    post: thanks,
  },
  '/captcha': { get: (_q, res) => html(res, `${PLAIN_FORM}<div class="g-recaptcha" data-sitekey="x"></div>`) },
  '/members-only': {
    get: (_q, res) => {
      res.writeHead(302, { location: '/login?next=/members-only' });
      res.end();
    },
  },
  '/login': {
    get: (_q, res) => html(res, '<form method="post"><input name="user"><input type="password" name="pw"><button>Log in</button></form>'),
  },
  '/down': { get: (_q, res) => html(res, '<h1>Service Unavailable</h1>', 503) },
  '/gone': { get: (_q, res) => html(res, 'Not found', 404) },
  '/exists': {
    get: (_q, res) => html(res, PLAIN_FORM),
    post: (_q, res) => html(res, '<p class="error">This business is already listed in our directory.</p>'),
  },
  '/invalid': {
    get: (_q, res) => html(res, PLAIN_FORM),
    post: (_q, res) => html(res, `<p class="error">Phone number is invalid.</p>${PLAIN_FORM}`),
  },
  '/busy': {
    get: (_q, res) => html(res, PLAIN_FORM),
    post: (_q, res) => html(res, '<p>We are temporarily unavailable, please try again later.</p>'),
  },
  '/blank': { get: (_q, res) => html(res, PLAIN_FORM), post: (_q, res) => html(res, '<p>OK</p>') },
  '/noform': { get: (_q, res) => html(res, '<h1>About us</h1><p>We list businesses.</p>') },
  '/hang': { get: () => undefined },
  '/spin': {
    get: (_q, res) => html(res, `${PLAIN_FORM}<script>document.forms[0].addEventListener('submit', () => { for (;;) {} })</script>`),
  },
  '/slow-submit': { get: (_q, res) => html(res, PLAIN_FORM), post: () => undefined },
  '/ajax': {
    get: (_q, res) =>
      html(
        res,
        `<form id="f"><label>Business name <input name="business_name"></label><label>Email <input name="email"></label><label>Phone <input name="phone"></label>
      <button>Submit</button></form><div id="msg"></div><script>
      document.getElementById('f').addEventListener('submit', async (e) => { e.preventDefault();
        const r = await fetch('/ajax', { method: 'POST', body: new URLSearchParams(new FormData(e.target)) });
        document.getElementById('msg').textContent = await r.text(); });</script>`,
      ),
    post: (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Your submission was received.');
    },
  },
  '/wizard': {
    get: (_q, res) =>
      html(
        res,
        `<form method="post"><div id="s1"><label>Business name <input name="business_name"></label>
      <label>Email <input name="email"></label><label>Website <input name="site"></label><button type="button" id="next">Next</button></div>
      <div id="s2" style="display:none"><label>Phone <input name="phone"></label><label>City <input name="city"></label><label>Zip code <input name="zip"></label>
      <button type="submit">Submit</button></div></form>
      <script>document.getElementById('next').onclick = () => { s1.style.display = 'none'; s2.style.display = 'block'; };</script>`,
      ),
    post: thanks,
  },
  '/logo': {
    get: (_q, res) =>
      html(
        res,
        `<form method="post" enctype="multipart/form-data"><label>Business name <input name="business_name"></label>
      <label>Email <input name="email"></label><label>Logo <input type="file" name="logo"></label><button>Submit</button></form>`,
      ),
    post: thanks,
  },
};

interface Recorded {
  path: string;
  body: string;
  contentType: string;
}
let server: Server;
let base: string;
const posts: Recorded[] = [];
let concurrentGets = 0;
let maxConcurrentGets = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('latin1');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/slow-get') return req.method === 'POST' ? thanks(req, res, body) : slowGet(res);
      const page = pages[url.pathname];
      if (!page) return html(res, 'Not found', 404);
      if (req.method === 'POST') posts.push({ path: url.pathname, body, contentType: req.headers['content-type'] ?? '' });
      (req.method === 'POST' && page.post ? page.post : page.get)(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Each GET is held until a second one arrives (or 1.2 s pass), so two slots overlap however slowly
// this machine creates contexts; a third arriving meanwhile would show a broken bound.
const heldGets: ServerResponse[] = [];
function releaseHeldGets(): void {
  for (const res of heldGets.splice(0)) {
    concurrentGets -= 1;
    html(res, PLAIN_FORM);
  }
}
function slowGet(res: ServerResponse): void {
  concurrentGets += 1;
  maxConcurrentGets = Math.max(maxConcurrentGets, concurrentGets);
  heldGets.push(res);
  setTimeout(releaseHeldGets, concurrentGets >= 2 ? 150 : 1_200);
}

let counter = 0;
function request(path: string, extra: { mapping?: FormMapping | null; dryRun?: boolean; url?: string } = {}): SubmissionRequest {
  counter += 1;
  return {
    jobId: 'job-1',
    directoryId: `dir-${counter}`,
    attempt: 1,
    idempotencyKey: `k${counter}`,
    directory: {
      id: `dir-${counter}`,
      submissionUrl: extra.url ?? `${base}${path}`,
      domain: '127.0.0.1',
      requiresLogin: false,
      hasCaptcha: false,
      formMapping: extra.mapping ?? null,
    },
    business: BUSINESS,
    dryRun: extra.dryRun,
  };
}
const lastPost = (path: string): URLSearchParams => new URLSearchParams(posts.filter((p) => p.path === path).at(-1)?.body ?? '');

function makeSubmitter(
  evidenceDir: string,
  poolOptions: Partial<ConstructorParameters<typeof BrowserPool>[0]> = {},
  timeoutMs = 2_000,
): { pool: BrowserPool; submitter: PlaywrightSubmitter } {
  const pool = new BrowserPool({
    executablePath: '/usr/bin/chromium',
    maxConcurrency: 2,
    retireAfter: 200,
    launchTimeoutMs: 15_000,
    ...poolOptions,
  });
  const submitter = new PlaywrightSubmitter(pool, {
    evidenceDir,
    navigationTimeoutMs: timeoutMs,
    submitTimeoutMs: timeoutMs,
    politenessDelayMs: 0,
    detectFields: detectFieldsInPage,
    // Local test sites on 127.0.0.1; the multi-origin sandbox on its own addresses.
    directoryUrlAllowlist: ['127.0.0.1', ...SANDBOX_ALLOWLIST],
  });
  return { pool, submitter };
}

describe('PlaywrightSubmitter against a local site', () => {
  let evidenceDir: string;
  let pool: BrowserPool;
  let submitter: PlaywrightSubmitter;
  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-evidence-'));
    ({ pool, submitter } = makeSubmitter(evidenceDir));
  });
  afterAll(async () => {
    await submitter.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });
  const expectKind = (outcome: SubmissionOutcome, kind: SubmissionOutcome['kind']): void => {
    expect({ kind: outcome.kind, message: 'message' in outcome ? outcome.message : undefined }).toMatchObject({ kind });
  };

  it('fills a plain form through a curated mapping and finds the listing link', async () => {
    const mapping: FormMapping = {
      businessName: ['#missing', 'input[name=business_name]'],
      email: ['input[name=email]'],
      description: ['textarea'],
    };
    const outcome = await submitter.submit(request('/plain', { mapping }));
    expect(outcome).toMatchObject({ kind: 'success', listingUrl: `${base}/listing/acme-plumbing` });
    expect(outcome.mappingUsed).toMatchObject({ businessName: ['input[name=business_name]'], email: ['input[name=email]'] });
    const body = lastPost('/plain');
    expect([body.get('business_name'), body.get('email'), body.get('phone'), body.get('url')]).toEqual([
      'Acme Plumbing',
      'owner@acme.test',
      '555-010-2000',
      'https://acme.test',
    ]);
    expect((await stat(join(evidenceDir, outcome.evidencePath ?? 'none'))).size).toBeGreaterThan(100);
    expect(outcome.evidencePath).toBe(`job-1/${outcome.mappingUsed ? `dir-${counter}` : ''}-a1.png`);
  });

  it('detects placeholder-only fields', async () => {
    expectKind(await submitter.submit(request('/placeholder')), 'success');
    const body = lastPost('/placeholder');
    expect([body.get('f1'), body.get('f2'), body.get('f3'), body.get('f4')]).toEqual([
      'Acme Plumbing',
      'owner@acme.test',
      '555-010-2000',
      'Austin',
    ]);
  });

  it('selects a state by full name from a code, and the closest category', async () => {
    expectKind(await submitter.submit(request('/state')), 'success');
    expect(lastPost('/state').get('state')).toBe('Texas');
    expect(lastPost('/state').get('cat')).toBe('34');
  });

  it('never fills hidden honeypots; splits the contact name; ticks terms but not the newsletter', async () => {
    expectKind(await submitter.submit(request('/honeypot')), 'success');
    const body = lastPost('/honeypot');
    expect(body.get('email')).toBe('');
    expect(body.get('website')).toBe('');
    expect([body.get('business_name'), body.get('email_address'), body.get('first_name'), body.get('last_name')]).toEqual([
      'Acme Plumbing',
      'owner@acme.test',
      'Jane',
      'Doe',
    ]);
    expect(body.get('terms')).toBe('on');
    expect(body.has('news')).toBe(false);
  });

  it('classifies obstacles and failures without throwing', async () => {
    const cases: Array<[string, Partial<SubmissionOutcome>]> = [
      ['/captcha', { kind: 'needs_manual', reason: 'captcha' }],
      ['/members-only', { kind: 'needs_manual', reason: 'login' }],
      ['/down', { kind: 'transient' }],
      ['/gone', { kind: 'permanent' }],
      ['/exists', { kind: 'duplicate' }],
      ['/invalid', { kind: 'permanent', message: 'Phone number is invalid.' }],
      ['/busy', { kind: 'transient' }],
      ['/blank', { kind: 'permanent', message: 'could not confirm the submission' }],
      ['/noform', { kind: 'permanent', message: 'no listing form found on the page' }],
      ['/hang', { kind: 'transient', message: 'navigation timed out after 2000 ms' }],
      ['/slow-submit', { kind: 'transient', message: 'submit timed out after 2000 ms' }],
    ];
    const outcomes = await Promise.all(cases.map(([path]) => submitter.submit(request(path))));
    outcomes.forEach((outcome, i) => expect({ path: cases[i][0], ...outcome }).toMatchObject({ path: cases[i][0], ...cases[i][1] }));
    const failed = outcomes.find((o) => o.kind === 'duplicate');
    expect(failed?.evidencePath).toMatch(/\.png$/);
    const withHtml = outcomes.find((o) => o.kind === 'permanent' && o.evidencePath);
    expect(await readFile(join(evidenceDir, (withHtml?.evidencePath ?? '').replace(/\.png$/, '.html')), 'utf8')).toContain('<html');
  });

  it('handles an AJAX form, a two-step wizard and a logo upload', async () => {
    expect(await submitter.submit(request('/ajax'))).toMatchObject({ kind: 'success' });
    expect(lastPost('/ajax').get('business_name')).toBe('Acme Plumbing');
    expect(await submitter.submit(request('/wizard'))).toMatchObject({ kind: 'success' });
    expect([lastPost('/wizard').get('email'), lastPost('/wizard').get('city')]).toEqual(['owner@acme.test', 'Austin']);
    expect(await submitter.submit(request('/logo'))).toMatchObject({ kind: 'success' });
    const upload = posts.filter((p) => p.path === '/logo').at(-1);
    expect(upload?.contentType).toContain('multipart/form-data');
    expect(upload?.body).toContain('filename="logo.png"');
    expect(upload?.body).toContain('PNG');
  });

  it('stops before submitting on a dry run', async () => {
    const before = posts.length;
    const outcome = await submitter.submit(request('/plain', { dryRun: true }));
    expect(outcome).toMatchObject({ kind: 'dry_run' });
    expect(outcome.mappingUsed?.businessName).toBeDefined();
    expect(outcome.evidencePath).toMatch(/\.png$/);
    expect(posts.length).toBe(before);
  });

  it('refuses non-http URLs without a browser and reports unreachable sites', async () => {
    const launches = pool.stats().launches;
    expect(await submitter.submit(request('', { url: 'file:///etc/passwd' }))).toMatchObject({
      kind: 'permanent',
      message: 'directory URL must be http or https: file:///etc/passwd',
    });
    expect(await submitter.submit(request('', { url: 'javascript:alert(1)' }))).toMatchObject({ kind: 'permanent' });
    expect(pool.stats().launches).toBe(launches);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await submitter.submit(request('', { url: `http://127.0.0.1:${port}/` }))).toMatchObject({
      kind: 'transient',
      message: 'site unreachable (ERR_CONNECTION_REFUSED)',
    });
  });

  it('returns transient "aborted" when the signal aborts mid-submission', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    expect(await submitter.submit(request('/hang'), controller.signal)).toMatchObject({ kind: 'transient', message: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('respects the concurrency bound', async () => {
    maxConcurrentGets = 0;
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => submitter.submit(request('/slow-get'))));
    outcomes.forEach((outcome) => expect(outcome.kind).toBe('success'));
    expect(maxConcurrentGets).toBe(2);
  });
});

describe('BrowserPool lifecycle', () => {
  let evidenceDir: string;
  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-evidence-'));
  });
  afterAll(() => rm(evidenceDir, { recursive: true, force: true }));

  it('retires the browser after retireAfter submissions', async () => {
    const { pool, submitter } = makeSubmitter(evidenceDir, { retireAfter: 2 });
    try {
      for (let i = 0; i < 5; i += 1) expect((await submitter.submit(request('/plain'))).kind).toBe('success');
      expect(pool.stats()).toMatchObject({ launches: 3, contextsOpened: 5, kills: 0 });
    } finally {
      await submitter.close();
    }
  });

  it('relaunches after the browser process is killed', async () => {
    const { pool, submitter } = makeSubmitter(evidenceDir);
    try {
      // What the fleet view shows of this browser along the way (launched on first use).
      expect(submitter.browserState()).toEqual({ launched: false, restarts: 0, openContexts: 0 });
      expect((await submitter.submit(request('/plain'))).kind).toBe('success');
      const pids = await pool.browserPids();
      expect(pids.length).toBeGreaterThan(0);
      const midRun = submitter.submit(request('/slow-submit'));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(submitter.browserState()).toEqual({ launched: true, restarts: 0, openContexts: 1 });
      pids.forEach((pid) => process.kill(pid, 'SIGKILL'));
      expect((await midRun).kind).toBe('transient');
      expect((await submitter.submit(request('/plain'))).kind).toBe('success');
      expect(pool.stats().launches).toBe(2);
      expect(submitter.browserState()).toMatchObject({ launched: true, restarts: 1 });
    } finally {
      await submitter.close();
    }
  });
  it('kills and relaunches a hung browser (a context that cannot be created in time)', async () => {
    const { pool, submitter } = makeSubmitter(evidenceDir, { contextTimeoutMs: 1_500 });
    try {
      expect((await submitter.submit(request('/plain'))).kind).toBe('success');
      const pids = await pool.browserPids();
      pids.forEach((pid) => process.kill(pid, 'SIGSTOP'));
      // The spare context opened before the hang may take the first hit (a transient navigation timeout).
      let outcome = await submitter.submit(request('/plain'));
      if (outcome.kind === 'transient') outcome = await submitter.submit(request('/plain'));
      expect(outcome.kind).toBe('success');
      // At least one relaunch; on a loaded machine the new browser may itself miss the short context deadline once.
      expect(pool.stats().launches).toBeGreaterThanOrEqual(2);
      expect(pool.stats().kills).toBeGreaterThanOrEqual(1);
      expect(pids.every((pid) => !isAlive(pid))).toBe(true);
    } finally {
      await submitter.close();
    }
  });
  it('a page whose script never yields costs only that submission, not the browser', async () => {
    const { pool, submitter } = makeSubmitter(evidenceDir);
    try {
      const outcome = await submitter.submit(request('/spin'));
      expect(outcome).toMatchObject({ kind: 'transient', message: 'the browser stopped responding', evidencePath: null });
      expect((await submitter.submit(request('/plain'))).kind).toBe('success');
      expect(pool.stats().launches).toBe(1);
    } finally {
      await submitter.close();
    }
  }, 60_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('PlaywrightSubmitter against every sandbox template', () => {
  it('submits each template with the expected outcome and exactly the expected values', async () => {
    const sandbox = await startSandbox({ slowMs: 300, flakyFailFirst: 2 });
    const evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-evidence-'));
    // Generous timeouts: this suite shares two cores with other test runs.
    const { submitter } = makeSubmitter(evidenceDir, { maxConcurrency: 3 }, 8_000);
    try {
      const directories = sandboxDirectories(sandbox.baseUrl, sandbox.sites.length);
      const results = await Promise.all(
        directories.map(async (directory, index) => {
          const site = sandbox.sites[index];
          const submit = (attempt: number): Promise<SubmissionOutcome> =>
            submitter.submit({
              jobId: 'sandbox-job',
              directoryId: directory.id,
              attempt,
              idempotencyKey: `${directory.id}-${attempt}`,
              directory: { ...directory, formMapping: directory.formMapping },
              business: SANDBOX_BUSINESS,
            });
          const kinds: string[] = [];
          let outcome = await submit(1);
          kinds.push(outcomeLabel(outcome));
          for (let attempt = 2; attempt <= 4 && outcome.kind === 'transient'; attempt += 1) {
            outcome = await submit(attempt);
            kinds.push(outcomeLabel(outcome));
          }
          return { site, kinds, outcome };
        }),
      );
      for (const { site, kinds, outcome } of results) {
        expect({ site: site.id, label: kinds.join(' → '), message: 'message' in outcome ? outcome.message : '' }).toMatchObject({
          site: site.id,
          label: expectedLabel(site.expectedOutcome),
        });
      }
      expect(sandbox.rejected().filter((r) => r.reason !== 'transient' && r.reason !== 'duplicate')).toEqual([]);
      for (const site of sandbox.sites) {
        const accepted =
          site.expectedOutcome === 'duplicate'
            ? sandbox.rejected().filter((r) => r.siteId === site.id)
            : sandbox.accepted().filter((a) => a.siteId === site.id);
        if (site.expectedOutcome.startsWith('needs_manual')) {
          expect({ site: site.id, accepted: accepted.length }).toEqual({ site: site.id, accepted: 0 });
          continue;
        }
        const expected = sandboxFormFields(site.id);
        delete expected['g-recaptcha-response'];
        const logoParam = Object.keys(accepted[0]?.fields ?? {}).find((key) => /logo/i.test(key));
        const got = { ...(accepted.at(-1)?.fields ?? {}) };
        if (logoParam) {
          expect(JSON.parse(got[logoParam])).toMatchObject({ filename: 'logo.png' });
          delete got[logoParam];
          delete expected[logoParam];
        }
        // A ticked checkbox posts its own value attribute; the fixture writes the browser default "on".
        for (const key of Object.keys(expected)) if (expected[key] === 'on' && got[key]) got[key] = 'on';
        // Extra keys are the page's own hidden inputs and the clicked button's name.
        expect({ site: site.id, fields: got }).toMatchObject({ site: site.id, fields: expected });
      }
    } finally {
      await submitter.close();
      await sandbox.close();
      await rm(evidenceDir, { recursive: true, force: true });
    }
  });
});

function outcomeLabel(outcome: SubmissionOutcome): string {
  return outcome.kind === 'needs_manual' ? `needs_manual:${outcome.reason}` : outcome.kind;
}

function expectedLabel(expected: ExpectedOutcome): string {
  return expected === 'transient-then-success' ? 'transient → transient → success' : expected;
}
