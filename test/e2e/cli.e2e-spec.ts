import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { allReadable } from '../support/all-readable';
import { writeJobScenario } from '../support/job-scenarios';
import { runCliCaptured, type CliResult } from '../support/cli-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The CLI in-process, as `npm run cli` runs it, with stdout and stderr captured. */
describe('CLI (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let dataDir: string;
  let jobId: string;

  const cli = (...args: string[]): Promise<CliResult> => runCliCaptured(config, ...args);

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_cli', false);
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-test-cli-'));
    config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, MIGRATE_ON_BOOT: 'false' });
  });
  afterAll(async () => {
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('migrate applies the migrations, then finds the database up to date', async () => {
    expect(await cli('migrate')).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^applied: 001_event_store, .*008_queue_history_archive, 009_message_queue, .*012_test_submissions, .*017_customer_address2, 018_customer_row_security, 019_staff_accounts_and_customer_logins, 020_sessions, 021_sign_in_lockouts, 022_api_keys, 023_customers_event_sourced, 024_customer_data_keys, .*026_listing_submissions, .*027_worker_heartbeat_details, 028_alerts, 029_directory_mapping_health$/,
      ),
    });
    expect(await cli('migrate')).toMatchObject({ code: 0, out: 'database is up to date' });
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    jobId = await writeJobScenario(store, { directories: 2, outcome: (i) => (i === 0 ? 'retried_then_succeeded' : 'succeeded') });
    await writeJobScenario(store, { directories: 1 });
    await allReadable(db.pool, store);
    await store.close();
  });

  it('projections status lists every projection; nothing runs in the CLI itself', async () => {
    const { code, out } = await cli('projections', 'status');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^name\s+code\/live\s+gen\s+events\s+lag\s+state\s+rebuild\s+last error$/);
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual(['jobs', 'job_results', 'queue_history', 'workers', 'customers']);
    expect(lines[2]).toMatch(/^jobs\s+v2\/v2\s+g1\s+0\s+\d+ ev, [\d.]+ s\s+not run here/);
    const json = JSON.parse((await cli('projections', 'status', '--json')).out);
    expect(json).toHaveLength(5);
  });

  it('projections rebuild requests, and with --wait rebuilds here until the swap', async () => {
    expect(await cli('projections', 'rebuild', 'jobs')).toMatchObject({ code: 0, out: expect.stringContaining('jobs: rebuild requested') });
    const requested = await db.pool.query("SELECT rebuild_requested_at FROM projection_state WHERE name = 'jobs'");
    expect(requested.rows[0].rebuild_requested_at).toBeInstanceOf(Date);
    const { code, out } = await cli('projections', 'rebuild', 'all', '--wait');
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'jobs: rebuilt here; generation g2 is live (8 events applied)',
      expect.stringMatching(/^job_results: rebuilt here; generation g2 is live/),
      expect.stringMatching(/^queue_history: rebuilt here; generation g2 is live \(19 events applied\)$/),
      expect.stringMatching(/^workers: rebuilt here; generation g2 is live/),
      'customers: rebuilt here; generation g2 is live (0 events applied)',
    ]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM jobs')).rows[0].n).toBe(2);
  });

  it('projections verify: "no difference", then exit code 1 and the rows once live is tampered with', async () => {
    expect(await cli('projections', 'verify')).toMatchObject({ code: 0, out: expect.stringMatching(/^(.*no difference\n?){5}$/) });
    await db.pool.query("UPDATE jobs__g2 SET status = 'failed' WHERE id = $1", [jobId]);
    const { code, out } = await cli('projections', 'verify', 'jobs');
    expect(code).toBe(1);
    expect(out).toContain('jobs: 8 events replayed: DIFFERENT');
    expect(out).toContain('1 missing from live, 1 unexpected in live');
    expect(out).toMatch(/unexpected in live: \{.*"status":"failed"/);
  });

  it('audit timeline and audit state read the job from its streams', async () => {
    const timeline = await cli('audit', 'timeline', jobId);
    expect(timeline.code).toBe(0);
    expect(timeline.out).toMatch(/SubmissionRetryScheduled\s+worker:worker-1\s+2\s+31\.0 s\s+transient\s+HTTP 503/);
    const position = /\n(\d+)\s+\S+\s+job\s+JobStarted/.exec(timeline.out)![1];
    const state = await cli('audit', 'state', jobId, '--at-position', position);
    expect(state).toMatchObject({ code: 0, out: expect.stringContaining(`job ${jobId} as of position ${position}`) });
    expect(state.out).toMatch(/status:\s+in_progress/);
    const json = JSON.parse((await cli('audit', 'state', jobId, '--at-time', new Date(Date.now() + 60_000).toISOString(), '--json')).out);
    expect(json.job.status).toBe('complete');
    expect(await cli('audit', 'state', jobId)).toMatchObject({ code: 1, err: expect.stringContaining('give --at-position') });
  });

  it('events export writes NDJSON to a file, filtered by type', async () => {
    const file = join(dataDir, 'created.ndjson');
    const { code, out } = await cli('events', 'export', '--out', file, '--types', 'JobCreated,JobCompleted');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^exported 4 events to ${file}; resume with --after pg:`));
    const lines = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.type)).toEqual(['JobCreated', 'JobCompleted', 'JobCreated', 'JobCompleted']);
  });

  it('retention run prints what it did', async () => {
    const { code, out } = await cli('retention', 'run');
    expect(code).toBe(0);
    expect(out).toMatch(/queue_history: 0 row\(s\) created before .* moved to queue_history_archive \(from queue_history__g2\)/);
    expect(out).toContain('job progress: bookkeeping of 0 job(s)');
  });

  it('usage errors and unknown names exit non-zero with a message; --help exits 0', async () => {
    expect(await cli('projections', 'rebuild', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringContaining('known projections: jobs, job_results'),
    });
    expect(await cli('projections', 'rebuild')).toMatchObject({
      code: 1,
      err: expect.stringContaining("missing required argument 'name'"),
    });
    expect(await cli('nonsense')).toMatchObject({ code: 1, err: expect.stringContaining("unknown command 'nonsense'") });
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('projections') });
  });
});
