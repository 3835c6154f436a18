import type { Pool } from 'pg';
import type { EventStore } from '../event-store/event-store.port';
import { jobDecider } from '../jobs/job.decider';
import { jobStreamId } from '../jobs/job.events';
import type { MessageQueue, Priority, ReceivedMessage } from '../queue/queue.port';
import { submissionSubject } from '../queue/submission-message';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import { undispatchedJobs } from './undispatched-jobs';
import type { InFlightWork } from './worker-heartbeat';

export interface SweepSettings {
  readonly staleAfterMs: number;
  readonly jobStallAfterMs: number;
}

export interface SweepResult {
  readonly staleWorkers: readonly string[];
  readonly releasedMessages: number;
  readonly requeuedJobs: readonly string[];
}

const OPEN_SUBMISSION = `('scheduled', 'in_progress', 'retry_scheduled')`;

/**
 * Recovers work that the seed lost when workers died: a worker silent for `staleAfterMs` has its
 * in-flight messages made visible now (not after their visibility timeout); a submission that is
 * open, held by no live worker and without a message in the queue, in a job where nothing has moved
 * for `jobStallAfterMs` (neither the job nor any of its submissions), is requeued (JobRequeued,
 * reason stale) — the dispatcher sends its message again — unless the dispatcher has not yet sent
 * what the job's last events asked for. Quiet is judged per job, not per row:
 * the projector writes a job's rows one after another, and one requeue should carry them all.
 * Age alone is no stall: a job waiting behind a deep backlog is old and fine, and a dead letter
 * is not open (only a redrive resends it).
 */
export async function sweepStaleWork(pool: Pool, store: EventStore, queue: MessageQueue, settings: SweepSettings): Promise<SweepResult> {
  const { rows: stale } = await pool.query<{ worker_id: string; in_flight_work: InFlightWork[] }>(
    // RETURNING shows new values: the old in-flight list comes from the locked pre-image.
    `UPDATE worker_heartbeats w SET status = 'error', in_flight_work = '[]'::jsonb, in_flight = 0
     FROM (SELECT worker_id, in_flight_work FROM worker_heartbeats
           WHERE status NOT IN ('stopped', 'error') AND last_heartbeat < now() - make_interval(secs => $1 / 1000.0) FOR UPDATE) old
     WHERE w.worker_id = old.worker_id
     RETURNING w.worker_id, old.in_flight_work`,
    [settings.staleAfterMs],
  );
  let releasedMessages = 0;
  for (const work of stale.flatMap((row) => row.in_flight_work)) {
    await queue.release(asReceived(work), 0);
    releasedMessages += 1;
  }
  const requeuedJobs: string[] = [];
  const stalled = await stalledSubmissions(pool, queue, settings);
  // A message the dispatcher has yet to send is on its way, not lost (a lagging dispatcher, not a stall).
  const inTransit = stalled.size > 0 ? await undispatchedJobs(pool, store) : new Set<string>();
  for (const [jobId, directoryIds] of stalled) {
    if (inTransit === 'behind' || inTransit.has(jobId)) continue;
    if (await requeue(store, jobId, directoryIds)) requeuedJobs.push(jobId);
  }
  return { staleWorkers: stale.map((row) => row.worker_id), releasedMessages, requeuedJobs };
}

function asReceived(work: InFlightWork): ReceivedMessage {
  return { id: work.messageId, priority: work.priority as Priority, body: '', receipt: work.receipt, receiveCount: 0, sentAt: new Date(0) };
}

/** Open, quiet and held by no live worker (the read models say); then the queue is asked about them. */
async function stalledSubmissions(pool: Pool, queue: MessageQueue, settings: SweepSettings): Promise<Map<string, string[]>> {
  const { rows } = await pool
    .query<QuietSubmission>(QUIET_SUBMISSIONS_SQL, [settings.jobStallAfterMs, settings.staleAfterMs])
    .catch((error: unknown) => {
      // The read models appear with the projector's first run; until then nothing can be stalled.
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return { rows: [] };
      throw error;
    });
  if (rows.length === 0) return new Map();
  const subjectOf = (row: QuietSubmission): string => submissionSubject(row.job_id, row.directory_id);
  const queued = await queue.mayHaveMessages(rows.map((row) => ({ subject: subjectOf(row), priority: row.priority })));
  const stalled = new Map<string, string[]>();
  for (const row of rows.filter((r) => !queued.has(subjectOf(r))))
    stalled.set(row.job_id, [...(stalled.get(row.job_id) ?? []), row.directory_id].sort());
  return stalled;
}

interface QuietSubmission {
  readonly job_id: string;
  readonly directory_id: string;
  readonly priority: Priority;
}

const UNDEFINED_TABLE = '42P01';
const QUIET_SUBMISSIONS_SQL = `SELECT r.job_id, r.directory_id, j.priority
     FROM jobs j JOIN job_results r ON r.job_id = j.id AND r.status IN ${OPEN_SUBMISSION}
     WHERE j.status IN ('queued', 'in_progress') AND j.updated_at < now() - make_interval(secs => $1 / 1000.0)
       AND NOT EXISTS (SELECT 1 FROM job_results q WHERE q.job_id = j.id AND q.updated_at >= now() - make_interval(secs => $1 / 1000.0))
       AND NOT EXISTS (SELECT 1 FROM worker_heartbeats w
         WHERE w.status NOT IN ('stopped', 'error') AND w.last_heartbeat >= now() - make_interval(secs => $2 / 1000.0)
           AND w.in_flight_work @> jsonb_build_array(jsonb_build_object('jobId', r.job_id, 'directoryId', r.directory_id)))
     ORDER BY r.updated_at LIMIT 1000`;

async function requeue(store: EventStore, jobId: string, directoryIds: readonly string[]): Promise<boolean> {
  try {
    const { events } = await executeCommand(
      store,
      jobStreamId(jobId),
      jobDecider,
      { type: 'RequeueJob', data: { reason: 'stale', directoryIds } },
      {
        metadata: { actor: { kind: 'system', id: 'stale-work-sweeper' }, correlationId: jobId },
      },
    );
    return events.length > 0;
  } catch (error) {
    // Moved on since the read model saw it (finished, cancelled): nothing to requeue.
    if (error instanceof DomainError) return false;
    throw error;
  }
}
