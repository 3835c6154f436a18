import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../src/event-store/event-store.port';
import { jobStreamId, type BusinessSnapshot, type JobEvent } from '../../src/jobs/job.events';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';

export const sampleBusiness: BusinessSnapshot = {
  businessName: 'Acme Plumbing',
  email: 'owner@acme.test',
  phone: '+1 555 0100',
  website: 'https://acme.test',
  address: '1 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
  category: 'Plumbing',
  description: 'Pipes, fixed.',
};

export type Outcome = 'succeeded' | 'retried_then_succeeded' | 'failed' | 'needs_manual' | 'skipped';

export interface ScenarioPlan {
  readonly jobId?: string;
  readonly customerId?: string;
  readonly directories: number;
  /** Outcome of directory i; defaults to succeeded. Omit `complete` to leave the job running. */
  readonly outcome?: (index: number) => Outcome;
  readonly complete?: boolean;
}

const worker = { kind: 'worker', id: 'worker-1' } as const;

/** Writes one job's whole history the way the running system would, stream by stream. */
export async function writeJobScenario(store: EventStore, plan: ScenarioPlan): Promise<string> {
  const jobId = plan.jobId ?? randomUUID();
  const directoryIds = Array.from({ length: plan.directories }, (_, i) => `dir-${i + 1}`);
  const created: JobEvent[] = [
    {
      type: 'JobCreated',
      data: {
        jobId,
        customerId: plan.customerId ?? 'cust-1',
        packageTier: 'growth',
        priority: 'P2',
        directoryIds,
        business: sampleBusiness,
      },
    },
    { type: 'JobQueued', data: { jobId, priority: 'P2', directoryIds } },
    { type: 'JobStarted', data: { jobId, workerId: worker.id } },
  ];
  await store.appendToStream(jobStreamId(jobId), created, { expectedVersion: 'no_stream', actor: { kind: 'staff', id: 'staff-1' } });
  const counts = { succeeded: 0, failed: 0, needsManual: 0, skipped: 0 };
  for (const [index, directoryId] of directoryIds.entries()) {
    const outcome = plan.outcome?.(index) ?? 'succeeded';
    await store.appendToStream(submissionStreamId(jobId, directoryId), submissionEvents(jobId, directoryId, outcome), {
      expectedVersion: 'no_stream',
      actor: worker,
    });
    if (outcome === 'needs_manual') counts.needsManual += 1;
    else if (outcome === 'failed' || outcome === 'skipped') counts[outcome] += 1;
    else counts.succeeded += 1;
  }
  if (plan.complete ?? true) {
    await store.appendToStream(jobStreamId(jobId), [{ type: 'JobCompleted', data: { jobId, counts } }], { expectedVersion: 3 });
  }
  return jobId;
}

function submissionEvents(jobId: string, directoryId: string, outcome: Outcome): NewEvent[] {
  const ids = { jobId, directoryId };
  const attempt = (n: number): SubmissionEvent => ({ type: 'SubmissionAttemptStarted', data: { ...ids, workerId: worker.id, attempt: n } });
  const events: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `key-${jobId}-${directoryId}`, priority: 'P2' } },
    attempt(1),
  ];
  if (outcome === 'retried_then_succeeded') {
    events.push(
      { type: 'SubmissionRetryScheduled', data: { ...ids, attempt: 2, delayMs: 31_000, errorClass: 'transient', message: 'HTTP 503' } },
      attempt(2),
    );
  }
  events.push(finalEvent(ids, outcome, outcome === 'retried_then_succeeded' ? 2 : 1));
  return events;
}

function finalEvent(ids: { jobId: string; directoryId: string }, outcome: Outcome, attempt: number): SubmissionEvent {
  switch (outcome) {
    case 'failed':
      return { type: 'SubmissionFailed', data: { ...ids, attempt, errorClass: 'permanent', message: 'form rejected', evidencePath: null } };
    case 'needs_manual':
      return { type: 'SubmissionNeedsManual', data: { ...ids, attempt, reason: 'captcha', evidencePath: '/evidence/x.png' } };
    case 'skipped':
      return { type: 'SubmissionSkipped', data: { ...ids, reason: 'duplicate' } };
    default:
      return {
        type: 'SubmissionSucceeded',
        data: { ...ids, attempt, listingUrl: `https://example.test/${ids.directoryId}`, evidencePath: '/evidence/ok.png' },
      };
  }
}
