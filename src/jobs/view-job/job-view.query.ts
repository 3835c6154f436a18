import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { DomainError } from '../../shared/decider';
import { jobStreamId } from '../job.events';
import { toJobDetails, type JobDetails } from './job-view';
import { SubmissionCountsQuery, type SubmissionCounts } from './submission-counts.query';

export interface JobView extends JobDetails {
  readonly submissions: SubmissionCounts;
}

/** One job, folded from its event stream, with its submission counts from the read model. */
@Injectable()
export class JobViewQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SubmissionCountsQuery) private readonly submissions: SubmissionCountsQuery,
  ) {}

  /** `atVersion`: the job as it was right after that version (what a command just wrote). */
  async get(jobId: string, atVersion?: number): Promise<JobView> {
    const { events } = await this.store.readStream(jobStreamId(jobId), atVersion === undefined ? {} : { maxCount: atVersion });
    if (events.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    const details = toJobDetails(events);
    return { ...details, submissions: await this.submissions.forJob(jobId) };
  }
}
