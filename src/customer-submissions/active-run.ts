import { ConflictException } from '@nestjs/common';
import type { Reader } from '../database/customer-scope';
import { deterministicUuid } from '../shared/deterministic-id';

/**
 * The job id CreateJobHandler derives from a customer and an Idempotency-Key: a repeated request
 * (or approval) whose own job is still running is a replay, not a second run.
 */
export function keyedJobId(customerId: string, idempotencyKey: string): string {
  return deterministicUuid('job', customerId, idempotencyKey);
}

/**
 * One run at a time per customer: a new run while a job is pending, queued or in progress would
 * submit the same listing to the same directories twice. 409 names the running job. Reads the
 * jobs read model, so a job created a moment ago may not be seen yet.
 */
export async function refuseWhileRunning(reader: Reader, customerId: string, replayOf: string | null): Promise<void> {
  const { rows } = await reader.query<{ id: string; status: string }>(
    `SELECT id, status FROM jobs WHERE customer_id = $1 AND status IN ('pending', 'queued', 'in_progress')
       AND ($2::text IS NULL OR id <> $2)
     ORDER BY created_at DESC LIMIT 1`,
    [customerId, replayOf],
  );
  const running = rows[0];
  if (!running) return;
  throw new ConflictException({
    error: 'run_in_progress',
    message: `Job ${running.id} is still ${running.status.replace('_', ' ')}: a new run can start once it has finished`,
    jobId: running.id,
  });
}

/**
 * A request without an Idempotency-Key is keyed by the customer's latest job: requests racing
 * each other (or the jobs read model) name the same next job, so they get one run, not several.
 * After that job has been projected, the next request is keyed by it and so makes a new job.
 */
export async function implicitKey(reader: Reader, customerId: string): Promise<string> {
  const { rows } = await reader.query<{ id: string }>(
    'SELECT id FROM jobs WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
    [customerId],
  );
  return `after:${rows[0]?.id ?? 'none'}`;
}
