import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import type { BusinessSnapshot } from '../../src/jobs/job.events';
import { findUnstorableText } from '../../src/shared/storable-text';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { SubmissionRequest } from '../../src/workers/submitter.port';
import { uniqueStream } from '../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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
const FORM = `<form method="post"><label for="n">Business name</label><input id="n" name="business_name">
  <label for="e">Email</label><input id="e" type="email" name="email"><label for="p">Phone</label><input id="p" name="phone">
  <button type="submit">Submit listing</button></form>`;
/** The result page's script writes the error, as many directories' pages do: any text can come out. */
const ERRORS: Record<string, string> = {
  '/emoji-at-cut': `${'x'.repeat(198)}\\u{1F600} Email is invalid.`,
  '/nul-in-error': 'Phone number\\u0000 is invalid.',
};

function page(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
}

describe('text from a result page reaches the event store (real Chromium, machine PostgreSQL)', () => {
  let server: Server;
  let base: string;
  let evidenceDir: string;
  let submitter: PlaywrightSubmitter;
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const script = ERRORS[new URL(req.url ?? '/', 'http://x').pathname] ?? '';
      req
        .resume()
        .on('end', () =>
          page(
            res,
            req.method === 'POST'
              ? `<p class="error" id="msg"></p><script>document.getElementById('msg').textContent = '${script}';</script>`
              : FORM,
          ),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    evidenceDir = await mkdtemp(join(tmpdir(), 'dbolt-evidence-'));
    const pool = new BrowserPool({ executablePath: '/usr/bin/chromium', maxConcurrency: 1, retireAfter: 200, launchTimeoutMs: 15_000 });
    submitter = new PlaywrightSubmitter(pool, {
      evidenceDir,
      navigationTimeoutMs: 5_000,
      submitTimeoutMs: 5_000,
      politenessDelayMs: 0,
      detectFields: detectFieldsInPage,
      directoryUrlAllowlist: ['127.0.0.1'],
    });
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 200, listen: false });
  });
  afterAll(async () => {
    await submitter?.close();
    await store?.close();
    await db?.drop();
    await rm(evidenceDir, { recursive: true, force: true });
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const request = (path: string): SubmissionRequest => ({
    jobId: 'job-1',
    directoryId: path.slice(1),
    attempt: 1,
    idempotencyKey: path,
    directory: {
      id: path.slice(1),
      submissionUrl: `${base}${path}`,
      domain: '127.0.0.1',
      requiresLogin: false,
      hasCaptcha: false,
      formMapping: null,
    },
    business: BUSINESS,
  });

  it.each([
    ['/emoji-at-cut', `${'x'.repeat(198)}😀…`],
    ['/nul-in-error', 'Phone number is invalid.'],
  ])('%s: the outcome is storable and its failure event appends', async (path, message) => {
    const outcome = await submitter.submit(request(path));
    expect(outcome).toMatchObject({ kind: 'permanent', message });
    expect(findUnstorableText(outcome)).toBeNull();
    const failed = { type: 'SubmissionFailed', data: { errorClass: 'permanent', message: 'message' in outcome ? outcome.message : '' } };
    await expect(store.appendToStream(uniqueStream('page-text'), [failed], { expectedVersion: 'no_stream' })).resolves.toMatchObject({
      nextVersion: 1,
    });
  });
});
