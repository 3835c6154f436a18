import { randomUUID } from 'node:crypto';
import type { ExpectedVersion, NewEvent } from '../../src/event-store/event-store.port';
import { jobStreamId, type BusinessSnapshot, type JobEvent, type OutcomeCounts } from '../../src/jobs/job.events';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';

/** One append of a job's history, in the order the running system would make it. */
export interface PlannedAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

type Outcome = 'succeeded' | 'retried' | 'failed' | 'needs_manual' | 'skipped';

const BUSINESS: BusinessSnapshot = {
  businessName: 'Bolt Street Bakery',
  email: 'owner@boltstreet.example',
  phone: '+1 415 555 0199',
  website: 'https://boltstreet.example',
  address: '1200 Market Street, Suite 410',
  city: 'San Francisco',
  state: 'CA',
  zip: '94102',
  country: 'US',
  category: 'Bakery',
  description: 'Family-run bakery and cafe: sourdough, pastries, seasonal lunches.',
};

/** The seed's mix: 76 % succeed, 10 % after a retry, 6 % fail, 5 % need a human, 3 % are skipped. */
function outcomeOf(job: number, index: number): Outcome {
  const h = (job * 2_654_435_761 + index * 40_503) % 1000;
  if (h < 760) return 'succeeded';
  if (h < 860) return 'retried';
  if (h < 920) return 'failed';
  return h < 970 ? 'needs_manual' : 'skipped';
}

function submissionEvents(jobId: string, directoryId: string, outcome: Outcome): SubmissionEvent[] {
  const ids = { jobId, directoryId };
  const attempt = (n: number): SubmissionEvent => ({
    type: 'SubmissionAttemptStarted',
    data: { ...ids, workerId: 'worker-live', attempt: n },
  });
  const events: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `live-${jobId}-${directoryId}`, priority: 'P2' } },
    attempt(1),
  ];
  if (outcome === 'retried') {
    events.push(
      {
        type: 'SubmissionRetryScheduled',
        data: { ...ids, attempt: 2, delayMs: 31_000, errorClass: 'transient', message: 'HTTP 503 from directory' },
      },
      attempt(2),
    );
  }
  const n = outcome === 'retried' ? 2 : 1;
  if (outcome === 'failed')
    events.push({
      type: 'SubmissionFailed',
      data: { ...ids, attempt: n, errorClass: 'permanent', message: 'form rejected', evidencePath: null },
    });
  else if (outcome === 'needs_manual')
    events.push({ type: 'SubmissionNeedsManual', data: { ...ids, attempt: n, reason: 'captcha', evidencePath: '/evidence/x.png' } });
  else if (outcome === 'skipped') events.push({ type: 'SubmissionSkipped', data: { ...ids, reason: 'duplicate' } });
  else
    events.push({
      type: 'SubmissionSucceeded',
      data: { ...ids, attempt: n, listingUrl: `https://listings.example/${jobId}/${directoryId}`, evidencePath: '/evidence/ok.png' },
    });
  return events;
}

function tally(counts: OutcomeCounts, outcome: Outcome): OutcomeCounts {
  if (outcome === 'failed') return { ...counts, failed: counts.failed + 1 };
  if (outcome === 'needs_manual') return { ...counts, needsManual: counts.needsManual + 1 };
  if (outcome === 'skipped') return { ...counts, skipped: counts.skipped + 1 };
  return { ...counts, succeeded: counts.succeeded + 1 };
}

/** Job number `job` of the live load: 40..60 directories, created, one append per submission, completed. */
export function liveJobAppends(job: number): PlannedAppend[] {
  const jobId = randomUUID();
  const directoryIds = Array.from({ length: 40 + ((job * 13) % 21) }, (_, i) => `dir-${String(i + 1).padStart(3, '0')}`);
  const created: JobEvent[] = [
    {
      type: 'JobCreated',
      data: { jobId, customerId: `cust-live-${job % 50}`, packageTier: 'growth', priority: 'P2', directoryIds, business: BUSINESS },
    },
    { type: 'JobQueued', data: { jobId, priority: 'P2', directoryIds } },
    { type: 'JobStarted', data: { jobId, workerId: 'worker-live' } },
  ];
  const appends: PlannedAppend[] = [{ streamId: jobStreamId(jobId), events: created, expectedVersion: 'no_stream' }];
  let counts: OutcomeCounts = { succeeded: 0, failed: 0, needsManual: 0, skipped: 0 };
  for (const [index, directoryId] of directoryIds.entries()) {
    const outcome = outcomeOf(job, index);
    counts = tally(counts, outcome);
    appends.push({
      streamId: submissionStreamId(jobId, directoryId),
      events: submissionEvents(jobId, directoryId, outcome),
      expectedVersion: 'no_stream',
    });
  }
  const completed: JobEvent = { type: 'JobCompleted', data: { jobId, counts } };
  appends.push({ streamId: jobStreamId(jobId), events: [completed], expectedVersion: 3 });
  return appends;
}
