import { Controller, Get, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import { StaffAuthGuard } from '../../auth/staff-auth.guard';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IdempotencyKey } from '../../http/idempotency-key';
import { etagOf } from '../../http/if-match';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../commands/command-context';
import { CreateJobCommand } from '../commands/create-job.command';
import { CustomerJobsQuery, type JobSummary } from '../queries/customer-jobs.query';
import { ListJobsQueryDto } from './job-requests.dto';

const DEFAULT_LIMIT = 20;

export interface CreatedJobBody {
  readonly jobId: string;
  readonly status: string;
  readonly priority: string | null;
  readonly directoryCount: number;
  readonly version: number;
}

@Controller('queue')
@UseGuards(StaffAuthGuard)
export class QueueController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CustomerJobsQuery) private readonly customerJobs: CustomerJobsQuery,
  ) {}

  /** 201 for a new job; 200 with the same job when the Idempotency-Key was seen before. */
  @Post(':customerId')
  async create(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @IdempotencyKey() idempotencyKey: string | null,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<CreatedJobBody> {
    const result = await this.commands.execute(new CreateJobCommand(customerId, idempotencyKey, context));
    response.statusCode = result.created ? 201 : 200;
    response.setHeader('Location', `/api/jobs/${result.jobId}`);
    response.setHeader('ETag', etagOf(result.version));
    const { jobId, status, priority, directoryCount, version } = result;
    return { jobId, status, priority, directoryCount, version };
  }

  @Get(':customerId')
  async list(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Query() query: ListJobsQueryDto,
  ): Promise<{ customerId: string; jobs: JobSummary[] }> {
    const jobs = await this.customerJobs.list(customerId, query.limit ?? DEFAULT_LIMIT);
    return { customerId, jobs };
  }
}
