import type { INestApplication } from '@nestjs/common';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { SubmissionOutcome, SubmissionRequest, Submitter } from '../../src/workers/submitter.port';
import { SUBMITTER } from '../../src/workers/submitter.port';
import { bootApp } from '../support/app-harness';
import { staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A staff session's headers, set once the database exists. */
const staff: Record<string, string> = {};
const STACK_TRACE = /\n\s+at |\bat \S+ \(|\.[jt]s:\d+/;
const ZERO = '00000000-0000-4000-8000-000000000000';
/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

type Mode = 'screenshot' | 'throws' | 'escapes' | 'no_file';

/** Stands in for the browser: a fixed outcome, and a tiny PNG where the real one keeps screenshots. */
class FakeSubmitter implements Submitter {
  mode: Mode = 'screenshot';
  readonly requests: SubmissionRequest[] = [];

  constructor(private readonly evidenceDir: string) {}

  async submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    this.requests.push(request);
    if (this.mode === 'throws') throw new Error('Chromium crashed while launching');
    const evidencePath = this.mode === 'escapes' ? '../outside.png' : `${request.jobId}/form.png`;
    if (this.mode === 'screenshot') {
      await mkdir(dirname(join(this.evidenceDir, evidencePath)), { recursive: true });
      await writeFile(join(this.evidenceDir, evidencePath), PNG);
    }
    const evidence = { evidencePath, mappingUsed: request.directory.formMapping };
    return request.dryRun ? { kind: 'dry_run', ...evidence } : { kind: 'success', listingUrl: 'https://listing.test/1', ...evidence };
  }

  async close(): Promise<void> {}
}

const entry = (id: string, email = [`#${id}-email`]): object => ({
  id,
  name: `Directory ${id}`,
  url: `https://${id}.test`,
  submissionUrl: `https://Add.${id}.test/new?ref=db`,
  domainAuthority: 50,
  category: 'local',
  difficulty: 'easy',
  requiresLogin: false,
  hasCaptcha: false,
  formMapping: { businessName: [`#${id}-name`, 'input[name=business]'], email },
});

describe('AutoBolt API (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dataDir: string;
  let submitter: FakeSubmitter;
  /** Issued through the admin API in beforeAll; the actor it records is the key's id. */
  let KEY: string;
  let apiKey: Record<string, string>;
  let KEY_ACTOR: { kind: string; id: string };
  let staffMember: TestSession;
  const http = (): App => app.getHttpServer() as App;
  const count = async (): Promise<number> => (await db.pool.query('SELECT count(*)::int AS n FROM directories')).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_autobolt_api');
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-test-autobolt-'));
    submitter = new FakeSubmitter(join(dataDir, 'evidence'));
    staffMember = await staffSession(db.pool, { role: 'staff' });
    Object.assign(staff, staffMember.headers);
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', DATA_DIR: dataDir }, (builder) =>
      builder.overrideProvider(SUBMITTER).useValue(submitter),
    );
    await app.listen(0, '127.0.0.1');
    const admin = (await staffSession(db.pool, { role: 'admin' })).headers;
    await request(http())
      .post('/api/admin/api-keys')
      .set(admin)
      .send({ name: 'other', scopes: ['autobolt'] })
      .expect(201);
    const issued = (
      await request(http())
        .post('/api/admin/api-keys')
        .set(admin)
        .send({ name: 'autobolt', scopes: ['autobolt'] })
        .expect(201)
    ).body;
    KEY = issued.key;
    apiKey = { 'X-API-Key': KEY };
    KEY_ACTOR = { kind: 'api_key', id: issued.apiKey.id };
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 401 in the house shape without a credential, with a wrong key or a wrong session token', async () => {
    const endpoints: [string, string][] = [
      ['get', '/api/autobolt/dynamic-mapping'],
      ['post', '/api/autobolt/dynamic-mapping'],
      ['get', '/api/autobolt/test-submissions'],
      ['post', '/api/autobolt/test-submissions'],
      ['get', `/api/autobolt/test-submissions/${ZERO}/screenshot`],
    ];
    for (const [method, path] of endpoints) {
      for (const headers of [
        {},
        { 'X-API-Key': `${KEY}x` },
        { 'X-API-Key': staff.Authorization.slice('Bearer '.length) },
        { Authorization: `Bearer ${KEY}` },
      ]) {
        const response = await request(http())[method as 'get'](path).set(headers).expect(401);
        expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
    }
  });

  it('answers 200 with an API key and with a staff session', async () => {
    for (const headers of [apiKey, staff]) {
      expect((await request(http()).get('/api/autobolt/dynamic-mapping').set(headers).expect(200)).body).toEqual({
        directories: [],
        next: null,
      });
    }
  });

  it('imports the seed format, then reads each mapping back; a re-import updates and leaves learned mappings alone', async () => {
    const first = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(apiKey)
      .send([entry('alpha'), entry('beta')])
      .expect(200);
    expect(first.body).toEqual({ inserted: 2, updated: 0 });
    await db.pool.query(`UPDATE directories SET learned_mapping = '{"phone":["#learned"]}', learned_at = now() WHERE id = 'beta'`);
    const again = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(staff)
      .send({ directories: [entry('beta', ['#new-email']), entry('gamma')] })
      .expect(200);
    expect(again.body).toEqual({ inserted: 1, updated: 1 });
    const beta = (await request(http()).get('/api/autobolt/dynamic-mapping?directoryId=beta').set(apiKey).expect(200)).body;
    expect(beta).toEqual({
      directoryId: 'beta',
      name: 'Directory beta',
      domain: 'add.beta.test',
      active: true,
      formMapping: { businessName: ['#beta-name', 'input[name=business]'], email: ['#new-email'] },
      learnedMapping: { phone: ['#learned'] },
      learnedAt: expect.any(String),
      effective: { businessName: ['#beta-name', 'input[name=business]'], email: ['#new-email'] },
      effectiveSource: 'curated',
    });
    const single = await request(http()).post('/api/autobolt/dynamic-mapping').set(apiKey).send(entry('delta')).expect(200);
    expect(single.body).toEqual({ inserted: 1, updated: 0 });
  });

  it('pages through all directories with limit and after', async () => {
    const page = async (query: string): Promise<{ directories: { directoryId: string }[]; next: string | null }> =>
      (await request(http()).get(`/api/autobolt/dynamic-mapping${query}`).set(apiKey).expect(200)).body;
    const first = await page('?limit=3');
    expect(first.directories.map((d) => d.directoryId)).toEqual(['alpha', 'beta', 'delta']);
    expect(first.next).toBe('delta');
    expect(await page('?limit=3&after=delta')).toMatchObject({ directories: [{ directoryId: 'gamma' }], next: null });
    const tooMany = await request(http()).get('/api/autobolt/dynamic-mapping?limit=101').set(apiKey).expect(400);
    expect(tooMany.body).toMatchObject({
      error: 'validation_failed',
      message: expect.stringContaining('limit must not be greater than 100'),
    });
  });

  it('sets or clears the curated mapping of one directory; 404 for an unknown one', async () => {
    const set = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(apiKey)
      .send({ directoryId: 'beta', formMapping: { zip: ['#zip'] } })
      .expect(200);
    expect(set.body).toMatchObject({ formMapping: { zip: ['#zip'] }, effective: { zip: ['#zip'] } });
    const cleared = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(apiKey)
      .send({ directoryId: 'beta', formMapping: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ formMapping: null, effective: { phone: ['#learned'] }, effectiveSource: 'learned' });
    const unknown = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(apiKey)
      .send({ directoryId: 'nope', formMapping: null })
      .expect(404);
    expect(unknown.body).toEqual({ error: 'directory_not_found', message: 'No directory "nope" in the catalog' });
    await request(http()).get('/api/autobolt/dynamic-mapping?directoryId=nope').set(apiKey).expect(404);
  });

  it('refuses a batch with one bad entry with 400 naming it, and writes none of the batch', async () => {
    const before = await count();
    const bad = { ...entry('epsilon'), submissionUrl: 'ftp://files.test/up', formMapping: { email: ['#ok'], fax: ['#fax'] } };
    const response = await request(http())
      .post('/api/autobolt/dynamic-mapping')
      .set(apiKey)
      .send([entry('zeta'), bad])
      .expect(400);
    expect(response.body).toEqual({
      error: 'validation_failed',
      message: expect.stringContaining('directories[1] ("epsilon").submissionUrl: must be an http:// or https:// URL'),
      problems: [
        expect.stringContaining('submissionUrl'),
        expect.stringMatching(/^directories\[1\] \("epsilon"\)\.formMapping: unknown field "fax"/),
      ],
    });
    expect(await count()).toBe(before);
    const selectors = Array.from({ length: 11 }, (_, i) => `#s${i}`);
    const tooMany = await request(http()).post('/api/autobolt/dynamic-mapping').set(apiKey).send(entry('eta', selectors)).expect(400);
    expect(tooMany.body.message).toContain('body ("eta").formMapping.email: must be a list of 1 to 10 CSS selectors');
    expect(await count()).toBe(before);
  });

  it('refuses to import a directory URL that reaches a loopback or metadata address with 400 naming it', async () => {
    const entries = [
      entry('omega'),
      { ...entry('psi'), submissionUrl: 'http://127.0.0.9:9/add' },
      { ...entry('chi'), url: 'http://[fd00:ec2::254]/' },
    ];
    const response = await request(http()).post('/api/autobolt/dynamic-mapping').set(apiKey).send(entries).expect(400);
    expect(response.body).toMatchObject({
      error: 'validation_failed',
      problems: [
        'directories[1] ("psi").submissionUrl: refused, 127.0.0.9 is a loopback address',
        'directories[2] ("chi").url: refused, fd00:ec2::254 is a cloud metadata address',
      ],
    });
    expect((await db.pool.query(`SELECT 1 FROM directories WHERE id IN ('omega', 'psi', 'chi')`)).rowCount).toBe(0);
  });

  it('refuses a selector or name holding text PostgreSQL cannot store with 400 naming it, not a 500, and writes nothing', async () => {
    const before = await count();
    for (const bad of [entry('theta', ['#ok\u0000']), { ...entry('iota'), name: 'half an emoji \ud83d' }]) {
      const response = await request(http())
        .post('/api/autobolt/dynamic-mapping')
        .set(apiKey)
        .send([entry('kappa'), bad]);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'unstorable_text',
        message: expect.stringMatching(/^Invalid request: body\[1\]\.\S+ holds a/),
        problems: [expect.any(String)],
      });
    }
    expect(await count()).toBe(before);
  });

  it('runs a dry-run test submission through the submitter, stores it and serves its screenshot', async () => {
    const created = await request(http()).post('/api/autobolt/test-submissions').set(apiKey).send({ directoryId: 'alpha' }).expect(201);
    const { id } = created.body;
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      directoryId: 'alpha',
      dryRun: true,
      actor: KEY_ACTOR,
      createdAt: expect.any(String),
      outcome: {
        kind: 'dry_run',
        mappingUsed: { businessName: ['#alpha-name', 'input[name=business]'], email: ['#alpha-email'] },
        evidencePath: `test-${id}/form.png`,
      },
      screenshotUrl: `/api/autobolt/test-submissions/${id}/screenshot`,
    });
    expect(submitter.requests.at(-1)).toMatchObject({
      jobId: `test-${id}`,
      idempotencyKey: `test-${id}`,
      directoryId: 'alpha',
      attempt: 1,
      dryRun: true,
      directory: {
        id: 'alpha',
        submissionUrl: 'https://Add.alpha.test/new?ref=db',
        domain: 'add.alpha.test',
        requiresLogin: false,
        hasCaptcha: false,
      },
      business: { businessName: 'DirectoryBolt Test Listing', country: 'US' },
    });
    const shot = await request(http()).get(created.body.screenshotUrl).set(staff).expect(200);
    expect(shot.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(shot.body as Buffer, PNG)).toBe(0);
    expect((await request(http()).get(`/api/autobolt/test-submissions/${id}`).set(staff).expect(200)).body).toEqual(created.body);
    const list = await request(http()).get('/api/autobolt/test-submissions?limit=5').set(apiKey).expect(200);
    expect(list.body.testSubmissions[0]).toEqual(created.body);
  });

  it('runs a real (non-dry) test submission with the given business, as the staff member signed in (whatever X-Staff-Id says)', async () => {
    const business = { businessName: 'Acme Plumbing', email: 'owner@acme.test', city: 'Springfield' };
    const created = await request(http())
      .post('/api/autobolt/test-submissions')
      .set({ ...staff, 'X-Staff-Id': 'ana' })
      .send({ directoryId: 'gamma', business, dryRun: false })
      .expect(201);
    expect(created.body).toMatchObject({
      dryRun: false,
      actor: staffMember.actor,
      outcome: { kind: 'success', listingUrl: 'https://listing.test/1' },
    });
    expect(submitter.requests.at(-1)).toMatchObject({ dryRun: false, business: { ...business, phone: '', country: 'US' } });
  });

  it('hands the submitter listing text cleaned of markup and scripts', async () => {
    const business = {
      businessName: '<b>Acme</b> Plumbing',
      email: 'owner@acme.test',
      description: 'Fast<script>alert(1)</script> & friendly',
    };
    await request(http()).post('/api/autobolt/test-submissions').set(staff).send({ directoryId: 'gamma', business }).expect(201);
    expect(submitter.requests.at(-1)?.business).toMatchObject({ businessName: 'Acme Plumbing', description: 'Fast & friendly' });
  });

  it('answers 400 naming the field, 404 for an unknown directory and 502 (no stack trace) when the submitter throws', async () => {
    const post = (body: object): request.Test => request(http()).post('/api/autobolt/test-submissions').set(apiKey).send(body);
    expect((await post({}).expect(400)).body.message).toContain('directoryId must be a directory id');
    expect((await post({ directoryId: 'alpha', dryRun: 'yes' }).expect(400)).body.message).toContain('dryRun must be a boolean value');
    expect((await post({ directoryId: 'alpha', business: { businessName: 'X', email: 'nope' } }).expect(400)).body.message).toContain(
      'business.email must be an email address',
    );
    expect((await post({ directoryId: 'alpha', extra: 1 }).expect(400)).body.message).toContain('property extra should not exist');
    expect((await post({ directoryId: 'missing' }).expect(404)).body).toEqual({
      error: 'directory_not_found',
      message: 'No directory "missing" in the catalog',
    });
    const stored = (await db.pool.query('SELECT count(*)::int AS n FROM test_submissions')).rows[0].n;
    submitter.mode = 'throws';
    const failed = await post({ directoryId: 'alpha' }).expect(502);
    submitter.mode = 'screenshot';
    expect(failed.body).toEqual({
      error: 'submitter_failed',
      message: 'The submitter failed on directory "alpha": Chromium crashed while launching',
    });
    expect(JSON.stringify(failed.body)).not.toMatch(STACK_TRACE);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM test_submissions')).rows[0].n).toBe(stored);
  });

  it('serves no screenshot that is missing or lies outside the evidence directory', async () => {
    await writeFile(join(dataDir, 'outside.png'), PNG);
    submitter.mode = 'escapes';
    const escaped = (await request(http()).post('/api/autobolt/test-submissions').set(apiKey).send({ directoryId: 'alpha' }).expect(201))
      .body;
    submitter.mode = 'no_file';
    const missing = (await request(http()).post('/api/autobolt/test-submissions').set(apiKey).send({ directoryId: 'alpha' }).expect(201))
      .body;
    submitter.mode = 'screenshot';
    expect(escaped.screenshotUrl).toBeNull();
    for (const id of [escaped.id, missing.id, ZERO]) {
      await request(http()).get(`/api/autobolt/test-submissions/${id}/screenshot`).set(apiKey).expect(404);
    }
    const traversal = await request(http()).get('/api/autobolt/test-submissions/..%2F..%2Foutside.png/screenshot').set(apiKey).expect(400);
    expect(traversal.body).toMatchObject({ error: 'invalid_test_submission_id' });
    await request(http()).get(`/api/autobolt/test-submissions/${ZERO}`).set(apiKey).expect(404);
  });
});
