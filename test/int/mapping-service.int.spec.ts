import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { fieldDetection } from '../../src/workers/mapping-service/field-detection.factory';
import type { MappingServiceClient } from '../../src/workers/mapping-service/mapping-service.client';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import { startMappingService, startFormSite } from '../support/mapping-service-fakes';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';

// Room for a local answer on a loaded host (400 ms was missed once under the full suite); the slow one is far past it.
const TIMEOUT_MS = 1500;
const answers = (fields: Record<string, { selector: string; confidence: number }>): string => JSON.stringify({ fields });

/**
 * Four directories on a local site whose business-name box detection cannot map, and a local
 * mapping service that answers per directory: good (dir-001), wrong selectors (dir-002), too
 * slow (dir-003), an error status (dir-004); and later not at all (down).
 */
describe('mapping service (real Chromium, local site, local service)', () => {
  let pipeline: Pipeline;
  let site: Awaited<ReturnType<typeof startFormSite>>;
  let service: Awaited<ReturnType<typeof startMappingService>>;
  let submitter: PlaywrightSubmitter;
  let client: MappingServiceClient | undefined;
  let evidenceDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    site = await startFormSite();
    service = await startMappingService(({ url }) => {
      if (url.endsWith('/good')) return { status: 200, body: answers({ businessName: { selector: 'input[name="x1"]', confidence: 0.9 } }) };
      if (url.endsWith('/wrong'))
        return {
          status: 200,
          body: answers({
            businessName: { selector: '#nowhere', confidence: 0.9 },
            contactName: { selector: 'input[name="x2"]', confidence: 0.9 },
            address: { selector: 'input[type="email"]', confidence: 0.9 },
          }),
        };
      if (url.endsWith('/slow'))
        return { status: 200, body: answers({ businessName: { selector: 'input[name="x1"]', confidence: 0.9 } }), delayMs: TIMEOUT_MS * 3 };
      return { status: 503, body: '{"error":"overloaded"}' };
    });
    pipeline = await startPipeline({ directories: 4 });
    for (const [id, path] of [
      ['dir-001', 'good'],
      ['dir-002', 'wrong'],
      ['dir-003', 'slow'],
      ['dir-004', 'error'],
    ])
      await pipeline.db.pool.query(`UPDATE directories SET submission_url = $2 WHERE id = $1`, [id, `${site.url}/${path}`]);
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-mapsvc-'));
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 2, retireAfter: 200, launchTimeoutMs: 15_000 });
    const detectFields = fieldDetection(
      {
        url: `${service.url}/map`,
        token: null,
        timeoutMs: TIMEOUT_MS,
        breakerThreshold: 3,
        breakerCooldownMs: 600_000,
        minConfidence: 0.5,
      },
      (message) => logs.push(message),
      (created) => (client = created),
    );
    submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 5000,
      submitTimeoutMs: 5000,
      politenessDelayMs: 0,
      detectFields,
      directoryUrlAllowlist: ['127.0.0.1'],
    });
    await pipeline.startWorker(submitter);
  });

  afterAll(async () => {
    await pipeline?.close();
    await submitter?.close();
    await Promise.all([site?.close(), service?.close()]);
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  const learned = async (id: string): Promise<Record<string, string[]> | null> =>
    (
      await pipeline.db.pool.query<{ m: Record<string, string[]> | null }>(`SELECT learned_mapping AS m FROM directories WHERE id = $1`, [
        id,
      ])
    ).rows[0].m;
  const runJob = async (): Promise<Record<string, number>> => {
    const jobId = await pipeline.createJob(customerId('pro', 4));
    const done = await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed'], 60_000);
    const lasts = await Promise.all(
      ['dir-001', 'dir-002', 'dir-003', 'dir-004'].map(async (id) => (await pipeline.submissionEvents(jobId, id)).at(-1)),
    );
    expect({ type: done.type, results: lasts.map((e) => (e?.type === 'SubmissionSucceeded' ? e.type : JSON.stringify(e?.data))) }).toEqual({
      type: 'JobCompleted',
      results: lasts.map(() => 'SubmissionSucceeded'),
    });
    return (done.data as { counts: Record<string, number> }).counts;
  };
  const asked = (path: string): number => service.requests.filter((r) => r.url.endsWith(`/${path}`)).length;

  it('uses good answers, stores them as learned, rejects wrong selectors, gives up on a slow service; every job completes', async () => {
    expect(await runJob()).toMatchObject({ succeeded: 4, failed: 0 });
    expect(service.requests.find((r) => r.url.endsWith('/good'))?.wanted).toContain('businessName');
    // Good: the box the service named got the business name and the mapping is learned.
    expect(site.posts.get('/good')?.get('x1')).toBe('Biz pro 4');
    expect(await learned('dir-001')).toMatchObject({ businessName: ['input[name="x1"]'] });
    // Wrong: nothing the service named was used; detection's own mapping went on.
    expect(site.posts.get('/wrong')?.get('x1')).toBe('');
    expect(site.posts.get('/wrong')?.get('email')).toBe('owner@pro-4.test');
    expect(await learned('dir-002')).not.toHaveProperty('businessName');
    const rejected = logs.find((line) => line.includes('/wrong'));
    expect(rejected).toMatch(/businessName "#nowhere" \(matches nothing on the page\)/);
    expect(rejected).toMatch(/contactName "input\[name=\\"x2\\"\]" \(matches a control that is not visible\)/);
    expect(rejected).toMatch(/address "input\[type=\\"email\\"\]" \(a email control cannot hold address\)/);
    // Slow: the request timed out, detection alone decided.
    expect(logs.find((line) => line.includes('/slow'))).toMatch(
      new RegExp(`failed .*no answer within ${TIMEOUT_MS} ms; detection alone decides`),
    );
    expect(site.posts.get('/slow')?.get('x1')).toBe('');
    expect(logs.find((line) => line.includes('/error'))).toMatch(/failed .*HTTP 503; detection alone decides/);
  });

  it('asks once per directory, and with the service down the breaker opens and jobs complete on detection alone', async () => {
    await service.close();
    // Job 1 ended with at most two failures in a row (slow, error); two more jobs give the third.
    expect(await runJob()).toMatchObject({ succeeded: 4, failed: 0 });
    expect(await runJob()).toMatchObject({ succeeded: 4, failed: 0 });
    // Learned (good) and answered-but-rejected (wrong) directories are not asked again.
    expect([asked('good'), asked('wrong')]).toEqual([1, 1]);
    expect(client?.stats().breaker).toMatchObject({ state: 'open', timesOpened: 1 });
    expect(client?.stats().requests.refused).toBeGreaterThanOrEqual(1);
    // Refused, or a pooled keep-alive connection closed under the client: either way, down.
    expect(logs).toEqual(
      expect.arrayContaining([expect.stringMatching(/mapping service failed for .*: unreachable \((ECONNREFUSED|UND_ERR_SOCKET)\)/)]),
    );
    expect(logs).toEqual(
      expect.arrayContaining([expect.stringMatching(/mapping service refused for .*: circuit mapping-service is open/)]),
    );
    expect(site.posts.get('/error')?.get('email')).toBe('owner@pro-4.test');
  });
});
