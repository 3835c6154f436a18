import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DuplicateGuard } from '../../src/duplicate-suppression/duplicate-guard';
import { ListingSubmissions } from '../../src/duplicate-suppression/listing-submissions.repository';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobDecider } from '../../src/jobs/job.decider';
import { jobStreamId, type JobCreated } from '../../src/jobs/job.events';
import { cleanListingRecords } from '../../src/retention/listing-record-cleanup';
import { executeCommand } from '../../src/shared/command-executor';
import { listingKey } from '../../src/submissions/idempotency-key';
import { submissionDecider, type SubmissionCommand } from '../../src/submissions/submission.decider';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { sampleBusiness } from '../support/job-scenarios';
import { createEmbeddedTestDatabase } from '../support/embedded-test-database';
import { createTestDatabase } from '../support/test-database';

const DIRECTORY = 'dir-1';
const WINDOW_DAYS = 30;
const system = { metadata: { actor: { kind: 'system', id: 'test' } } } as const;

interface Database {
  readonly pool: Pool;
  drop(): Promise<void>;
}
const BACKENDS: [string, () => Promise<Database>][] = [
  ['machine PostgreSQL', () => createTestDatabase('dbolt_test_dedupe')],
  // Behind the embedded server every client shares one session: the claim must hold there too.
  ['embedded PGlite', createEmbeddedTestDatabase],
];

/** The record, the claim and the cleanup of duplicate suppression across jobs. */
describe.each(BACKENDS)('duplicate suppression across jobs (%s)', (_, open) => {
  let db: Database;
  let store: PostgresEventStore;
  let records: ListingSubmissions;
  let guard: DuplicateGuard;

  beforeAll(async () => {
    db = await open();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    records = new ListingSubmissions(db.pool);
    guard = new DuplicateGuard(store, records, WINDOW_DAYS);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await db.pool.query('DELETE FROM listing_submissions');
  });

  /** A job for the sample listing with one scheduled submission to DIRECTORY; returns its JobCreated data. */
  const job = async (force = false, business = sampleBusiness): Promise<JobCreated['data']> => {
    const jobId = randomUUID();
    const data = { jobId, customerId: 'cust-1', packageTier: 'growth', directoryIds: [DIRECTORY], business, force } as const;
    await executeCommand(store, jobStreamId(jobId), jobDecider, { type: 'CreateJob', data }, system);
    await run(jobId, {
      type: 'ScheduleSubmission',
      data: { jobId, directoryId: DIRECTORY, idempotencyKey: `key-${jobId}`, priority: 'P2' },
    });
    return { ...data, priority: 'P2' };
  };
  const run = (jobId: string, ...commands: SubmissionCommand[]) =>
    commands.reduce<Promise<unknown>>(
      (done, command) => done.then(() => executeCommand(store, submissionStreamId(jobId, DIRECTORY), submissionDecider, command, system)),
      Promise.resolve(),
    );
  const start: SubmissionCommand = { type: 'StartAttempt', data: { workerId: 'w1' } };
  const success: SubmissionCommand = {
    type: 'RecordSuccess',
    data: { listingUrl: 'https://dir.test/l/1', evidencePath: 'first/dir-1.png' },
  };
  const record = async () => (await db.pool.query('SELECT * FROM listing_submissions')).rows;

  it('lets the first job submit; after its acceptance a second job is skipped, pointing at the first', async () => {
    const first = await job();
    expect(await guard.admit(first, DIRECTORY, 'w1')).toEqual({ kind: 'submit' });
    await run(first.jobId, start, success);
    await guard.accepted(first, DIRECTORY, 'https://dir.test/l/1', 'first/dir-1.png', new Date());

    const second = await job();
    const verdict = await guard.admit(second, DIRECTORY, 'w2');
    expect(verdict).toEqual({
      kind: 'already-submitted',
      earlier: {
        jobId: first.jobId,
        directoryId: DIRECTORY,
        acceptedAt: expect.any(String),
        listingUrl: 'https://dir.test/l/1',
        evidencePath: 'first/dir-1.png',
      },
    });
    expect(await record()).toEqual([
      expect.objectContaining({
        listing_key: listingKey('cust-1', DIRECTORY, sampleBusiness),
        accepted_job_id: first.jobId,
        claim_job_id: null,
      }),
    ]);
    // A cosmetic edit of the listing is the same listing; a different one is not.
    expect((await guard.admit(await job(false, { ...sampleBusiness, businessName: '  ACME   plumbing!! ' }), DIRECTORY, 'w2')).kind).toBe(
      'already-submitted',
    );
    expect((await guard.admit(await job(false, { ...sampleBusiness, phone: '+1 555 0199' }), DIRECTORY, 'w2')).kind).toBe('submit');
  });

  it('lets a forced job submit again, and its acceptance becomes the one later jobs point at', async () => {
    const first = await job();
    await guard.admit(first, DIRECTORY, 'w1');
    await run(first.jobId, start, success);
    await guard.accepted(first, DIRECTORY, 'https://dir.test/l/1', 'first/dir-1.png', new Date(Date.now() - 60_000));
    const forced = await job(true);
    expect(await guard.admit(forced, DIRECTORY, 'w2')).toEqual({ kind: 'submit' });
    await guard.accepted(forced, DIRECTORY, 'https://dir.test/l/2', 'forced/dir-1.png', new Date());
    // A late (repeated) record of the older acceptance does not replace the newer one.
    await guard.accepted(first, DIRECTORY, 'https://dir.test/l/1', 'first/dir-1.png', new Date(Date.now() - 120_000));
    const third = await guard.admit(await job(), DIRECTORY, 'w3');
    expect(third).toMatchObject({ kind: 'already-submitted', earlier: { jobId: forced.jobId, listingUrl: 'https://dir.test/l/2' } });
  });

  it('does not let an acceptance older than the window suppress anything (the window slides)', async () => {
    const first = await job();
    await guard.admit(first, DIRECTORY, 'w1');
    await guard.accepted(first, DIRECTORY, null, null, new Date(Date.now() - (WINDOW_DAYS * 86_400_000 + 60_000)));
    expect(await guard.admit(await job(), DIRECTORY, 'w2')).toEqual({ kind: 'submit' });
  });

  it('two jobs at once: one claims and submits, the other waits while it runs, then is skipped once it is accepted', async () => {
    const [a, b] = [await job(), await job()];
    const verdicts = await Promise.all([guard.admit(a, DIRECTORY, 'w1'), guard.admit(b, DIRECTORY, 'w2')]);
    expect(verdicts.map((v) => v.kind).sort()).toEqual(['submit', 'wait']);
    const [winner, loser] = verdicts[0].kind === 'submit' ? [a, b] : [b, a];
    await run(winner.jobId, start);
    expect(await guard.admit(loser, DIRECTORY, 'w2')).toEqual({ kind: 'wait', holderJobId: winner.jobId });
    // The winner's success is in its stream, but its worker died before writing the record: the stream decides.
    await run(winner.jobId, success);
    expect(await guard.admit(loser, DIRECTORY, 'w2')).toMatchObject({
      kind: 'already-submitted',
      earlier: { jobId: winner.jobId, listingUrl: 'https://dir.test/l/1' },
    });
    expect(await record()).toEqual([expect.objectContaining({ accepted_job_id: winner.jobId, claim_job_id: null })]);
  });

  it('a failed earlier attempt does not suppress a later job: its claim passes on', async () => {
    const [a, b] = [await job(), await job()];
    expect(await guard.admit(a, DIRECTORY, 'w1')).toEqual({ kind: 'submit' });
    await run(a.jobId, start, {
      type: 'RecordFailure',
      data: { errorClass: 'permanent', message: 'rejected', evidencePath: null, maxAttempts: 3, retryDelayMs: 0 },
    });
    expect(await guard.admit(b, DIRECTORY, 'w2')).toEqual({ kind: 'submit' });
    expect(await record()).toEqual([expect.objectContaining({ accepted_job_id: null, claim_job_id: b.jobId })]);
  });

  it("a cancelled job's claim passes on", async () => {
    const [a, b] = [await job(), await job()];
    await guard.admit(a, DIRECTORY, 'w1');
    await executeCommand(store, jobStreamId(a.jobId), jobDecider, { type: 'CancelJob', data: { reason: 'customer asked' } }, system);
    expect(await guard.admit(b, DIRECTORY, 'w2')).toEqual({ kind: 'submit' });
  });

  it('the retention cleanup deletes records older than the window and keeps the others', async () => {
    const [old, recent, claimed] = [
      await job(),
      await job(false, { ...sampleBusiness, zip: '00001' }),
      await job(false, { ...sampleBusiness, zip: '00002' }),
    ];
    await guard.accepted(old, DIRECTORY, null, null, new Date(Date.now() - 31 * 86_400_000));
    await guard.accepted(recent, DIRECTORY, null, null, new Date(Date.now() - 29 * 86_400_000));
    await guard.admit(claimed, DIRECTORY, 'w1');
    expect(await cleanListingRecords(db.pool, WINDOW_DAYS, 1)).toBe(1);
    expect((await record()).map((row) => row.accepted_job_id ?? row.claim_job_id).sort()).toEqual([recent.jobId, claimed.jobId].sort());
    expect(await cleanListingRecords(db.pool, WINDOW_DAYS, 1)).toBe(0);
  });
});
