import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { SITE_STATE_FOUND_FIELD, SITE_STATE_KINDS, siteStateSite } from '../../sandbox/sites/site-state.site';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import type { ClearBetween } from '../../src/workers/browser/context-reset';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { SubmissionRequest } from '../../src/workers/submitter.port';

/**
 * BROWSER_CONTEXT_REUSE: customer A's submission to a directory whose page leaves state of every
 * kind, then customer B's submission to the same directory on the same (reused) context. B's page
 * reports, in a field it posts, every kind of state it found on arrival.
 */
describe('context reuse keeps customers apart', () => {
  let sandbox: Sandbox;
  let evidenceDir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-isolation-'));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  const request = (customer: string, url: string): SubmissionRequest => ({
    jobId: `job-${customer}`,
    directoryId: 'site-state',
    attempt: 1,
    idempotencyKey: `key-${customer}`,
    business: {
      ...SANDBOX_BUSINESS,
      businessName: `${customer} Roasters`,
      email: `${customer}@example.test`,
      website: `https://${customer}.test`,
    },
    directory: {
      id: 'site-state',
      submissionUrl: url,
      domain: new URL(url).host,
      requiresLogin: false,
      hasCaptcha: false,
      formMapping: siteStateSite.catalog.formMapping,
    },
  });

  /** A submitter on `pool` that may reach the sandbox's sites. */
  const submitterOn = (pool: BrowserPool): PlaywrightSubmitter =>
    new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 10_000,
      submitTimeoutMs: 10_000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: ['127.0.0.1', ...SANDBOX_ALLOWLIST],
    });

  /** Runs A then B on one reusable context; returns the kinds each page found on arrival. */
  async function aThenB(
    instance: number,
    clearBetween: ClearBetween,
  ): Promise<{ a: string[]; b: string[]; reused: number; pagesReplaced: number }> {
    const pool = new BrowserPool({
      executablePath: '/usr/bin/chromium',
      maxConcurrency: 1,
      retireAfter: 200,
      launchTimeoutMs: 15_000,
      reuseContexts: true,
      clearBetween,
      serviceWorkers: 'allow',
    });
    const submitter = submitterOn(pool);
    const url = sandbox.submissionUrl('site-state', instance);
    // A person answering a prompt on A's visit: a page cannot grant itself a permission.
    const acquire = pool.acquire.bind(pool);
    let grant = true;
    pool.acquire = async (signal) => {
      const lease = await acquire(signal);
      if (grant) await lease.context.grantPermissions(['geolocation'], { origin: new URL(url).origin });
      grant = false;
      return lease;
    };
    try {
      const a = await submitter.submit(request('customer-a', url));
      const b = await submitter.submit(request('customer-b', url));
      expect([a.kind, b.kind]).toEqual(['success', 'success']);
      const { contextsReused: reused, pagesReplaced } = pool.stats();
      return { a: foundBy('customer-a', instance), b: foundBy('customer-b', instance), reused, pagesReplaced };
    } finally {
      await submitter.close();
    }
  }

  function foundBy(customer: string, instance: number): string[] {
    const posted = sandbox.accepted().find((s) => s.instance === `site-state-${instance}` && s.fields.email === `${customer}@example.test`);
    if (!posted) throw new Error(`no accepted submission of ${customer} on instance ${instance}`);
    const found = posted.fields[SITE_STATE_FOUND_FIELD] ?? '';
    return found === '' ? [] : found.split(',').sort();
  }

  it('without clearing, B would see every kind of state A left (the test can fail)', async () => {
    const { a, b, reused } = await aThenB(1, 'nothing');
    expect(reused).toBe(1);
    // The permission is granted as A's visit begins (a page cannot grant itself one): A sees it too.
    expect(a).toEqual(['permission']);
    expect(b).toEqual([...SITE_STATE_KINDS].sort());
  });

  it('a site that never touches sessionStorage keeps its page too: the same tab serves the next customer', async () => {
    const pool = new BrowserPool({
      executablePath: '/usr/bin/chromium',
      maxConcurrency: 1,
      retireAfter: 200,
      launchTimeoutMs: 15_000,
      reuseContexts: true,
    });
    const submitter = submitterOn(pool);
    try {
      const url = sandbox.submissionUrl('plain-labels', 1);
      const plain = (customer: string): SubmissionRequest => {
        const base = request(customer, url);
        return { ...base, directory: { ...base.directory, id: 'plain-labels', formMapping: null } };
      };
      expect((await submitter.submit(plain('customer-c'))).kind).toBe('success');
      expect((await submitter.submit(plain('customer-d'))).kind).toBe('success');
      // The release that clears the context runs after submit() returns: the next acquire waits for it.
      const lease = await pool.acquire();
      await lease.release();
      expect(pool.stats()).toMatchObject({ contextsOpened: 1, contextsReused: 2, pagesReplaced: 0 });
    } finally {
      await submitter.close();
    }
  });

  it('with the clearing, B on the reused context sees none of it', async () => {
    const { a, b, reused, pagesReplaced } = await aThenB(2, 'everything');
    expect(reused).toBe(1);
    // A's page touched sessionStorage, which only a new tab leaves behind: the context stays, its page is replaced.
    expect(pagesReplaced).toBe(1);
    expect(a).toEqual(['permission']);
    expect(b).toEqual([]);
  });
});
