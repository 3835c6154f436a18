import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_THIRD_PARTY_HOST } from '../../sandbox/sandbox-addresses';
import { sandboxDirectories, type SandboxDirectory } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { loadConfig } from '../../src/config/app-config';
import { destinationAllowlist } from '../../src/outbound/destination-guard';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { SubmissionOutcome, SubmissionRequest } from '../../src/workers/submitter.port';
import type { BusinessSnapshot } from '../../src/jobs/job.events';

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
  description: 'Plumbers.',
};
const FORM = (action: string): string => `<!doctype html><html><head><title>Add</title></head><body><form method="post" action="${action}">
  <label for="n">Business name</label><input id="n" name="business_name" required>
  <label for="e">Email</label><input id="e" type="email" name="email" required>
  <label for="p">Phone</label><input id="p" name="phone"><label for="w">Website</label><input id="w" name="url">
  <label for="d">Description</label><textarea id="d" name="description"></textarea><button type="submit">Submit listing</button></form></body></html>`;
const THANKS = '<!doctype html><html><body><h1>Thank you! Your listing is pending review.</h1></body></html>';

function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}
const portOf = (server: Server): number => (server.address() as AddressInfo).port;

/**
 * The sandbox-style site is on 127.0.0.1 (allowlisted); the "internal service" on [::1] is loopback
 * and not allowlisted. Without the fence Chromium reaches it through a redirect or a form post.
 */
describe('PlaywrightSubmitter destination fence (real Chromium)', () => {
  let site: Server;
  let internal: Server;
  let evidenceDir: string;
  let submitter: PlaywrightSubmitter;
  const internalHits: string[] = [];
  const internalUrl = (path: string): string => `http://[::1]:${portOf(internal)}${path}`;
  const siteUrl = (path: string): string => `http://127.0.0.1:${portOf(site)}${path}`;

  beforeAll(async () => {
    internal = await listen('::1', (req, res) => {
      internalHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' }).end(THANKS);
    });
    site = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/to-internal') return void res.writeHead(302, { location: internalUrl('/admin') }).end();
      if (req.url === '/hop') return void res.writeHead(302, { location: siteUrl('/to-internal') }).end();
      if (req.url === '/to-form') return void res.writeHead(301, { location: siteUrl('/form') }).end();
      if (req.url === '/form' && req.method === 'GET') return void res.writeHead(200, { 'content-type': 'text/html' }).end(FORM('/form'));
      if (req.url === '/form') return void res.writeHead(200, { 'content-type': 'text/html' }).end(THANKS);
      if (req.url === '/posts-inside') return void res.writeHead(200, { 'content-type': 'text/html' }).end(FORM(internalUrl('/collect')));
      res.writeHead(404).end();
    });
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-fence-'));
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 1, retireAfter: 200, launchTimeoutMs: 15_000 });
    submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 5_000,
      submitTimeoutMs: 3_000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: ['127.0.0.1'],
    });
  });
  afterAll(async () => {
    await submitter?.close();
    site?.close();
    internal?.close();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  let counter = 0;
  const submit = (url: string): Promise<SubmissionOutcome> => {
    counter += 1;
    const request: SubmissionRequest = {
      jobId: 'job-fence',
      directoryId: `dir-${counter}`,
      attempt: 1,
      idempotencyKey: `k${counter}`,
      business: BUSINESS,
      directory: {
        id: `dir-${counter}`,
        submissionUrl: url,
        domain: new URL(url).hostname,
        requiresLogin: false,
        hasCaptcha: false,
        formMapping: null,
      },
    };
    return submitter.submit(request);
  };

  it('refuses a directory URL on a forbidden address before opening a page', async () => {
    expect(await submit('http://169.254.169.254/latest/meta-data/')).toMatchObject({
      kind: 'permanent',
      message: 'directory URL refused: 169.254.169.254 is a cloud metadata address',
      evidencePath: null,
    });
    expect(await submit(internalUrl('/direct'))).toMatchObject({
      kind: 'permanent',
      message: 'directory URL refused: ::1 is a loopback address',
    });
    expect(internalHits).toEqual([]);
  });

  it('refuses a redirect (after an allowed hop) to a forbidden address; the internal service sees no request', async () => {
    const outcome = await submit(siteUrl('/hop'));
    expect(outcome).toMatchObject({ kind: 'permanent', message: `refused to load ${internalUrl('/admin')}: ::1 is a loopback address` });
    expect(internalHits).toEqual([]);
  });

  it('refuses a form that posts to a forbidden address', async () => {
    const outcome = await submit(siteUrl('/posts-inside'));
    expect(outcome).toMatchObject({ kind: 'permanent', message: `refused to load ${internalUrl('/collect')}: ::1 is a loopback address` });
    expect(internalHits).toEqual([]);
  });

  it('follows redirects between allowed addresses as before', async () => {
    expect(await submit(siteUrl('/to-form'))).toMatchObject({ kind: 'success' });
  });
});

/** Demo mode's allowlist (destinationAllowlist) against the real multi-origin sandbox; nothing else lets it through. */
describe('destination fence and the multi-origin sandbox (real Chromium)', () => {
  let sandbox: Sandbox;
  let evidenceDir: string;
  const submitters: PlaywrightSubmitter[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ slowMs: 10 });
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-fence-sbx-'));
  });
  afterAll(async () => {
    for (const submitter of submitters) await submitter.close();
    await sandbox?.close();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  function submitterWith(allowlist: readonly string[]): PlaywrightSubmitter {
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 1, retireAfter: 200, launchTimeoutMs: 15_000 });
    const submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 8_000,
      submitTimeoutMs: 8_000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: allowlist,
    });
    submitters.push(submitter);
    return submitter;
  }

  const request = (directory: SandboxDirectory, tag: string): SubmissionRequest => ({
    jobId: `job-fence-${tag}`,
    directoryId: directory.id,
    attempt: 1,
    idempotencyKey: `fence-${tag}`,
    business: SANDBOX_BUSINESS,
    directory: { ...directory, formMapping: directory.formMapping },
  });

  it('lets a heavy sandbox site and its third-party origin through in demo mode', async () => {
    const [directory] = sandboxDirectories(sandbox.baseUrl, 1);
    const outcome = await submitterWith(destinationAllowlist(loadConfig({ DEMO: 'true' }))).submit(request(directory, 'demo'));
    expect(outcome).toMatchObject({ kind: 'success' });
    expect(sandbox.accepted().map((accepted) => accepted.instance)).toEqual(['plain-labels-1']);
    const thirdParty = sandbox.requests().filter((seen) => seen.host === SANDBOX_THIRD_PARTY_HOST);
    // Images and fonts the browser pool drops before the network; scripts and styles pass the fence.
    expect(thirdParty.map((seen) => seen.path)).toEqual(expect.arrayContaining(['/js/analytics.js', '/static/site.css']));
  });

  it('refuses the sandbox addresses outside demo mode', async () => {
    const [, directory] = sandboxDirectories(sandbox.baseUrl, 2);
    sandbox.reset();
    const outcome = await submitterWith(destinationAllowlist(loadConfig({ DEMO: 'false' }))).submit(request(directory, 'plain'));
    expect(outcome).toMatchObject({
      kind: 'permanent',
      message: `directory URL refused: ${new URL(directory.url).hostname} is a loopback address`,
    });
    expect(sandbox.requests()).toEqual([]);
  });
});
