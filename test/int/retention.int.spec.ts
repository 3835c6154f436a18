import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobStreamId, type JobEvent } from '../../src/jobs/job.events';
import { runRetentionPass, type RetentionSettings } from '../../src/retention/retention-pass';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { queueHistoryProjection } from '../../projections/queue-history/queue-history.projection';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { verifyProjection } from '../../projections/runtime/projection-verify';
import { sampleBusiness } from '../support/job-scenarios';
import { createEmbeddedTestDatabase } from '../support/embedded-test-database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 7, onError: () => undefined };
const DAY_MS = 86_400_000;

describe('retention (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let host: ProjectionHost;
  let dataDir: string;
  let settings: RetentionSettings;
  const jobs = { old400: [] as string[], old200: [] as string[], running200: '', recent: [] as string[] };

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await db.pool.query(sql, params)).rows as T[];
  const jobIdsIn = async (table: string): Promise<string[]> =>
    (await rows<{ job_id: string }>(`SELECT DISTINCT job_id FROM ${table} ORDER BY job_id`)).map((r) => r.job_id);
  const caughtUp = async (): Promise<boolean> => (await host.status()).every((s) => s.lag?.events === 0 && s.rebuild === null);

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_retention');
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: true });
    host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    await host.install();
    host.start();
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-test-retention-'));
    settings = {
      retention: { archiveAfterDays: 90, deleteArchivedAfterDays: 365, ndjson: true, intervalMinutes: 0 },
      idempotencyWindowDays: 30,
      dataDir,
    };
    for (let i = 0; i < 2; i++) jobs.old400.push(await writeAgedJob(store, 400, true));
    for (let i = 0; i < 2; i++) jobs.old200.push(await writeAgedJob(store, 200, true));
    jobs.running200 = await writeAgedJob(store, 200, false);
    for (let i = 0; i < 2; i++) jobs.recent.push(await writeAgedJob(store, 10, true));
    await eventually(caughtUp, { timeoutMs: 20_000, intervalMs: 50 });
    await db.pool.query('INSERT INTO job_progress_jobs (job_id, directory_count) SELECT id, 1 FROM jobs');
    await db.pool.query(`INSERT INTO job_progress_submissions (job_id, directory_id, status, terminal, stream_version)
      SELECT id, 'd1', 'succeeded', true, 3 FROM jobs`);
  });
  afterAll(async () => {
    await host?.stop();
    await store?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('archives rows older than the horizon, keeps newer ones, deletes old archived rows and appends NDJSON', async () => {
    const positionsBefore = await rows<{ position: string; job_id: string }>('SELECT position, job_id FROM queue_history');
    const old = new Set([...jobs.old400, ...jobs.old200, jobs.running200]);
    const expectedMoved = positionsBefore
      .filter((r) => old.has(r.job_id))
      .map((r) => r.position)
      .sort();

    const report = await runRetentionPass(db.pool, settings, { batchSize: 4 });

    expect(report.queueHistory.archived).toBe(expectedMoved.length);
    expect(report.queueHistory.tables).toEqual(['queue_history__g1']);
    expect(Date.now() - 90 * DAY_MS - Date.parse(report.queueHistory.horizon)).toBeLessThan(60_000);
    expect(await jobIdsIn('queue_history')).toEqual([...jobs.recent].sort());
    expect(await jobIdsIn('queue_history_archive')).toEqual([...jobs.old200, jobs.running200].sort());
    expect(report.archiveDeleted.rows).toBe(positionsBefore.filter((r) => jobs.old400.includes(r.job_id)).length);
    const lines = (await readFile(report.queueHistory.ndjsonFile!, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(report.queueHistory.ndjsonFile).toMatch(/archive\/queue_history-\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(lines.map((line) => line.position).sort()).toEqual(expectedMoved);
    expect(lines[0]).toEqual(
      expect.objectContaining({
        stream_id: expect.any(String),
        job_id: expect.any(String),
        event: expect.any(String),
        actor: expect.any(String),
        details: expect.any(Object),
        created_at: expect.any(String),
        archived_at: expect.any(String),
      }),
    );
    const archived = await rows<{ archived_at: Date }>('SELECT archived_at FROM queue_history_archive');
    expect(archived.every((r) => r.archived_at instanceof Date)).toBe(true);
  });

  it('cleans job-progress bookkeeping of jobs finished before the idempotency window, and nothing else', async () => {
    expect(await jobIdsIn('job_progress_jobs')).toEqual([jobs.running200, ...jobs.recent].sort());
    expect(await jobIdsIn('job_progress_submissions')).toEqual([jobs.running200, ...jobs.recent].sort());
  });

  it('a second pass finds nothing more, and with NDJSON off writes no file', async () => {
    const quietDir = await mkdtemp(join(tmpdir(), 'dbolt-test-retention-quiet-'));
    try {
      const report = await runRetentionPass(db.pool, {
        ...settings,
        dataDir: quietDir,
        retention: { ...settings.retention, ndjson: false },
      });
      expect(report.queueHistory.archived).toBe(0);
      expect(report.archiveDeleted.rows).toBe(0);
      expect(report.jobProgress).toMatchObject({ jobs: 0, submissions: 0 });
      expect(report.queueHistory.ndjsonFile).toBeNull();
      expect(existsSync(join(quietDir, 'archive'))).toBe(false);
    } finally {
      await rm(quietDir, { recursive: true, force: true });
    }
  });

  it('a rebuild of queue_history does not bring archived rows back, and verify finds no difference', async () => {
    const live = await rows<{ position: string }>('SELECT position FROM queue_history ORDER BY position');
    const before = (await host.status()).find((s) => s.name === 'queue_history')!.liveGeneration;
    await host.rebuild('queue_history');
    await eventually(
      async () => {
        const status = (await host.status()).find((s) => s.name === 'queue_history')!;
        return status.liveGeneration === before + 1 && status.rebuild === null;
      },
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    expect(await rows('SELECT position FROM queue_history ORDER BY position')).toEqual(live);
    const report = await verifyProjection(db.pool, store, queueHistoryProjection);
    expect(report).toMatchObject({ ok: true, problem: null });
    expect(report.tables[0]).toMatchObject({ missingCount: 0, unexpectedCount: 0, liveRows: live.length });
  });

  it('skips, live too, an event that arrives later with a timestamp before the horizon', async () => {
    const late = await writeAgedJob(store, 120, true);
    const fresh = await writeAgedJob(store, 1, false);
    await eventually(caughtUp, { timeoutMs: 20_000, intervalMs: 50 });
    expect(await rows('SELECT 1 FROM queue_history WHERE job_id = $1', [late])).toEqual([]);
    expect((await rows('SELECT 1 FROM queue_history WHERE job_id = $1', [fresh])).length).toBe(5);
    expect((await verifyProjection(db.pool, store, queueHistoryProjection)).ok).toBe(true);
  });
});

describe('retention (embedded PGlite)', () => {
  it('archives, rebuilds without resurrecting and verifies clean on the embedded database too', async () => {
    const db = await createEmbeddedTestDatabase();
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    const host = new ProjectionHost(db.pool, store, [queueHistoryProjection], fast, (cp) => store.lagAfter(cp));
    try {
      await host.install();
      host.start();
      const old = await writeAgedJob(store, 200, true);
      const recent = await writeAgedJob(store, 5, true);
      const caughtUp = async (): Promise<boolean> => (await host.status()).every((s) => s.lag?.events === 0 && s.rebuild === null);
      await eventually(caughtUp, { timeoutMs: 20_000, intervalMs: 50 });
      const settings = {
        retention: { archiveAfterDays: 90, deleteArchivedAfterDays: 365, ndjson: false, intervalMinutes: 0 },
        idempotencyWindowDays: 30,
        dataDir: tmpdir(),
      };
      expect((await runRetentionPass(db.pool, settings, { batchSize: 2 })).queueHistory.archived).toBe(6);
      await host.rebuild('queue_history');
      await eventually(async () => (await host.status())[0].liveGeneration === 2 && (await caughtUp()), {
        timeoutMs: 20_000,
        intervalMs: 50,
      });
      const jobIds = (await db.pool.query('SELECT DISTINCT job_id FROM queue_history')).rows.map((r) => r.job_id);
      expect(jobIds).toEqual([recent]);
      expect((await db.pool.query('SELECT DISTINCT job_id FROM queue_history_archive')).rows).toEqual([{ job_id: old }]);
      expect((await verifyProjection(db.pool, store, queueHistoryProjection)).ok).toBe(true);
    } finally {
      await host.stop();
      await store.close();
      await db.drop();
    }
  });
});

/** One job with one directory, every event stamped `days` ago (the store keeps the caller's timestamp). */
async function writeAgedJob(store: PostgresEventStore, days: number, finished: boolean): Promise<string> {
  const jobId = randomUUID();
  const directoryId = 'd1';
  const options = { timestamp: new Date(Date.now() - days * DAY_MS).toISOString(), actor: { kind: 'worker', id: 'w1' } as const };
  const job: JobEvent[] = [
    {
      type: 'JobCreated',
      data: { jobId, customerId: 'c1', packageTier: 'growth', priority: 'P2', directoryIds: [directoryId], business: sampleBusiness },
    },
    { type: 'JobQueued', data: { jobId, priority: 'P2', directoryIds: [directoryId] } },
  ];
  await store.appendToStream(jobStreamId(jobId), job, { ...options, expectedVersion: 'no_stream' });
  const ids = { jobId, directoryId };
  const submission: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `k-${jobId}`, priority: 'P2' } },
    { type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'w1', attempt: 1 } },
    { type: 'SubmissionSucceeded', data: { ...ids, attempt: 1, listingUrl: null, evidencePath: null } },
  ];
  await store.appendToStream(submissionStreamId(jobId, directoryId), submission, { ...options, expectedVersion: 'no_stream' });
  if (finished) {
    const counts = { succeeded: 1, failed: 0, needsManual: 0, skipped: 0 };
    await store.appendToStream(jobStreamId(jobId), [{ type: 'JobCompleted', data: { jobId, counts } }], { ...options, expectedVersion: 2 });
  }
  return jobId;
}
