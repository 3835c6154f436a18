import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import { LABELLED_FORM, startFormSite } from '../support/mapping-service-fakes';
import { customerSession } from '../support/sessions';
import { customerId, staff, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { Scrape } from '../support/prometheus-text';

/** One directory on a local site, real Chromium; its mapping's health as staff and Prometheus see it. */
describe('mapping health', () => {
  let pipeline: Pipeline;
  let site: Awaited<ReturnType<typeof startFormSite>>;
  let submitter: PlaywrightSubmitter;
  let evidenceDir: string;

  beforeAll(async () => {
    site = await startFormSite({ '/form': LABELLED_FORM, '/gone': '<p>This page has moved.</p>' });
    pipeline = await startPipeline({ directories: 1 });
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-health-'));
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 1, retireAfter: 200, launchTimeoutMs: 15_000 });
    submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 5000,
      submitTimeoutMs: 5000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: ['127.0.0.1'],
    });
    await pipeline.startWorker(submitter);
  });

  afterAll(async () => {
    await pipeline?.close();
    await submitter?.close();
    await site?.close();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  const runJob = async (): Promise<string> => {
    const jobId = await pipeline.createJob(customerId('pro', 1));
    await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed'], 60_000);
    return (await pipeline.submissionEvents(jobId, 'dir-001')).at(-1)?.type ?? 'none';
  };

  it('re-detects a learned mapping whose selectors stopped matching, and counts successes and failures', async () => {
    // The site was redesigned since the mapping was learned: none of its selectors match any more.
    await pipeline.db.pool.query(
      `UPDATE directories SET submission_url = $1, learned_mapping = '{"businessName": ["#old-name"], "email": ["#old-mail"]}' WHERE id = 'dir-001'`,
      [`${site.url}/form`],
    );
    expect(await runJob()).toBe('SubmissionSucceeded');
    expect(site.posts.get('/form')?.get('business_name')).toBe('Biz pro 1');
    const { rows } = await pipeline.db.pool.query<{ m: Record<string, string[]> }>(
      `SELECT learned_mapping AS m FROM directories WHERE id = 'dir-001'`,
    );
    expect(rows[0].m).toMatchObject({ businessName: ['#biz'], email: ['#mail'] });

    // The form is gone: the mapping fails, and that is its last failure.
    await pipeline.db.pool.query(`UPDATE directories SET submission_url = $1 WHERE id = 'dir-001'`, [`${site.url}/gone`]);
    expect(await runJob()).toBe('SubmissionFailed');

    const listed = await request(pipeline.http()).get('/api/directories').set(staff).expect(200);
    expect(listed.body.directories[0]).toMatchObject({
      id: 'dir-001',
      mappingHealth: {
        succeeded: 1,
        failed: 1,
        successRate: 0.5,
        lastFailure: { message: 'no listing form found on the page' },
        redetections: 1,
        lastRedetection: { fields: ['businessName', 'email'] },
      },
    });
    const customer = await customerSession(pipeline.db.pool, customerId('pro', 1));
    const seen = await request(pipeline.http()).get('/api/directories/dir-001').set(customer.headers).expect(200);
    expect(seen.body).not.toHaveProperty('mappingHealth');

    const scrape = new Scrape((await request(pipeline.http()).get('/api/metrics').set(staff).expect(200)).text);
    expect(scrape.value('dbolt_directory_mapping_success_rate', { directory: 'dir-001' })).toBe(0.5);
    expect(scrape.value('dbolt_directory_mapping_submissions', { directory: 'dir-001', result: 'failed' })).toBe(1);
    expect(scrape.value('dbolt_directory_mapping_redetections', { directory: 'dir-001' })).toBe(1);
    expect(scrape.value('dbolt_fleet_read_failed', { source: 'mappings' })).toBe(0);
  });
});
