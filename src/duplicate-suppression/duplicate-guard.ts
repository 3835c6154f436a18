import type { EventStore } from '../event-store/event-store.port';
import type { JobCreated } from '../jobs/job.events';
import { listingKey } from '../submissions/idempotency-key';
import { isTerminal } from '../submissions/submission.state';
import type { EarlierSubmission } from '../submissions/submission.events';
import { readJob, readSubmission } from '../workers/job-context';
import { ListingSubmissions, type ListingOwner, type ListingRecord } from './listing-submissions.repository';

export type DuplicateVerdict =
  | { readonly kind: 'submit' }
  /** Another job's submission of the same listing holds the claim and is still open: ask again later. */
  | { readonly kind: 'wait'; readonly holderJobId: string }
  | { readonly kind: 'already-submitted'; readonly earlier: EarlierSubmission };

type JobData = JobCreated['data'];
/** Claim rounds before giving up for now: each lost round means another job's claim just ended. */
const ROUNDS = 3;

/**
 * Duplicate suppression across jobs (R-DEDUPE): asked by the worker right before a submission
 * reaches the directory, because only an accepted submission may suppress later ones (a failed
 * earlier attempt must not) and acceptance is known only then. The decision rests on the
 * `listing_submissions` record, and for a claim on the claiming submission's own stream: when a
 * worker died after its success was in the log but before the record was, the next job reading
 * that stream repairs the record, so a lost write costs nothing.
 */
export class DuplicateGuard {
  constructor(
    private readonly store: EventStore,
    private readonly records: ListingSubmissions,
    private readonly windowDays: number,
  ) {}

  /**
   * A forced job neither checks nor claims: staff asked for the listing to be sent again, and a
   * claim would only make forced jobs of one listing wait on each other. Its acceptance is still
   * recorded, so later ordinary jobs point at it.
   */
  async admit(job: JobData, directoryId: string, workerId: string): Promise<DuplicateVerdict> {
    if (job.force === true) return { kind: 'submit' };
    const owner = ownerOf(job, directoryId);
    for (let round = 0; round < ROUNDS; round += 1) {
      const record = await this.records.find(owner.listingKey, this.windowDays);
      const earlier = record ? earlierOf(record, job.jobId) : null;
      if (earlier) return { kind: 'already-submitted', earlier };
      const holder = await this.records.claim(owner, job.jobId, workerId);
      if (holder === job.jobId) return { kind: 'submit' };
      if (holder !== '' && (await this.stillOpen(owner, holder))) return { kind: 'wait', holderJobId: holder };
    }
    return { kind: 'wait', holderJobId: '' };
  }

  /** The directory accepted `job`'s submission: later jobs inside the window skip it. */
  async accepted(job: JobData, directoryId: string, listingUrl: string | null, evidencePath: string | null, at: Date): Promise<void> {
    await this.records.accept(ownerOf(job, directoryId), { jobId: job.jobId, acceptedAt: at, listingUrl, evidencePath });
  }

  /**
   * Is the holder's submission still going? If it is over, settle its claim: record its
   * acceptance (the repair) or release it. A cancelled job's open submissions never run again.
   */
  private async stillOpen(owner: ListingOwner, holderJobId: string): Promise<boolean> {
    const holder = await readJob(this.store, holderJobId);
    const { state, last } = await readSubmission(this.store, holderJobId, owner.directoryId);
    // A dead letter counts as over: if staff redrive it, its next attempt asks for the claim again.
    if (holder && holder.status !== 'cancelled' && state.exists && !isTerminal(state)) return true;
    if (state.status === 'succeeded' && last) {
      await this.records.accept(owner, {
        jobId: holderJobId,
        acceptedAt: last.recordedAt,
        listingUrl: state.listingUrl,
        evidencePath: state.evidencePath,
      });
    } else {
      await this.records.release(owner.listingKey, holderJobId);
    }
    return false;
  }
}

function ownerOf(job: JobData, directoryId: string): ListingOwner {
  return { listingKey: listingKey(job.customerId, directoryId, job.business), directoryId, customerId: job.customerId };
}

/** The record's acceptance, when it is another job's and inside the window. */
function earlierOf(record: ListingRecord, jobId: string): EarlierSubmission | null {
  if (!record.withinWindow || record.acceptedAt === null || record.acceptedJobId === null || record.acceptedJobId === jobId) return null;
  return {
    jobId: record.acceptedJobId,
    directoryId: record.directoryId,
    acceptedAt: record.acceptedAt.toISOString(),
    listingUrl: record.listingUrl,
    evidencePath: record.evidencePath,
  };
}
