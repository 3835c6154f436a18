import { Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { StaffController } from '../../http/guarded-controller.decorator';
import type { ServerResponse } from 'node:http';
import { jobTimeline, type TimelineEntry } from '../../audit/job-timeline';
import { AllowCustomer } from '../../auth/allow-customer.decorator';
import { visibleTo } from '../../auth/current-principal.decorator';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import type { ApiRequest } from '../../http/api-request';
import { JobIdPipe } from '../../http/path-params.pipe';
import { DomainError } from '../../shared/decider';
import type { SubmissionStatus } from '../../submissions/submission.events';
import { JobSubmissionsQuery, type JobSubmission } from './job-submissions.query';
import { JobSubmissionsQueryDto } from './job-submissions.request.dto';
import { withEtag } from './job-view-etag';
import { JobViewQuery, type JobView } from './job-view.query';

/** A job as it is now: its view (with the ETag edits need), each directory's result, its events. */
@StaffController('jobs')
export class ViewJobController {
  constructor(
    @Inject(JobViewQuery) private readonly jobView: JobViewQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JobSubmissionsQuery) private readonly submissions: JobSubmissionsQuery,
  ) {}

  /** Customers too, for their own jobs only: another customer's job reads as one that does not exist. */
  @Get(':id')
  @AllowCustomer()
  async get(
    @Param('id', JobIdPipe) jobId: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView> {
    const view = await this.jobView.get(jobId);
    if (!visibleTo(request.principal, view.customerId)) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    return withEtag(response, view);
  }

  /** Each directory's result (status, attempts, last error, evidence, listing URL); `?status=failed,needs_manual` filters. */
  @Get(':id/submissions')
  async listSubmissions(
    @Param('id', JobIdPipe) jobId: string,
    @Query() query: JobSubmissionsQueryDto,
  ): Promise<{ jobId: string; submissions: JobSubmission[] }> {
    const statuses = query.status ? (query.status.split(',') as SubmissionStatus[]) : null;
    return { jobId, submissions: await this.submissions.list(jobId, statuses) };
  }

  @Get(':id/events')
  async events(@Param('id', JobIdPipe) jobId: string): Promise<{ jobId: string; events: TimelineEntry[] }> {
    return { jobId, events: await jobTimeline(this.store, jobId) };
  }
}
