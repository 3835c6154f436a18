import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import { jobTimeline, type TimelineEntry } from '../../audit/job-timeline';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { etagOf, IfMatchVersion } from '../../http/if-match';
import { JobIdPipe } from '../../http/path-params.pipe';
import { CancelJobCommand } from '../commands/cancel-job.command';
import type { CommandContext } from '../commands/command-context';
import { OverrideJobStatusCommand } from '../commands/override-job-status.command';
import { RetryJobCommand } from '../commands/retry-job.command';
import type { SubmissionStatus } from '../../submissions/submission.events';
import { JobSubmissionsQuery, type JobSubmission } from '../queries/job-submissions.query';
import { JobViewQuery, type JobView } from '../queries/job-view.query';
import { CancelJobDto, JobSubmissionsQueryDto, OverrideJobStatusDto, RetryJobDto } from './job-requests.dto';

@Controller('jobs')
@UseGuards(StaffAuthGuard)
export class JobsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(JobViewQuery) private readonly jobView: JobViewQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JobSubmissionsQuery) private readonly submissions: JobSubmissionsQuery,
  ) {}

  @Get(':id')
  async get(@Param('id', JobIdPipe) jobId: string, @Res({ passthrough: true }) response: ServerResponse): Promise<JobView> {
    return withEtag(response, await this.jobView.get(jobId));
  }

  /** Staff override. If-Match is required: two staff editing at once get one 200 and one 409, never a lost update. */
  @Patch(':id')
  async override(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: OverrideJobStatusDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView> {
    const command = new OverrideJobStatusCommand(jobId, body.status, body.reason, expectedVersion, context);
    const { version } = await this.commands.execute(command);
    return withEtag(response, await this.jobView.get(jobId, version));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: CancelJobDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView> {
    const { version } = await this.commands.execute(new CancelJobCommand(jobId, body.reason, expectedVersion, context));
    return withEtag(response, await this.jobView.get(jobId, version));
  }

  /**
   * Retry the failed and needs-manual submissions (all, or `directoryIds`), even of a finished
   * job: it goes back to queued and finishes again when they do. If-Match required, as for cancel.
   */
  @Post(':id/retry')
  @HttpCode(200)
  async retry(
    @Param('id', JobIdPipe) jobId: string,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: RetryJobDto,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<JobView & { retriedDirectoryIds: readonly string[] }> {
    const command = new RetryJobCommand(jobId, body.reason, body.directoryIds, expectedVersion, context);
    const { version, retriedDirectoryIds } = await this.commands.execute(command);
    return { ...withEtag(response, await this.jobView.get(jobId, version)), retriedDirectoryIds };
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

function withEtag(response: ServerResponse, view: JobView): JobView {
  response.setHeader('ETag', etagOf(view.version));
  return view;
}
