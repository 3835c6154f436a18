import { Body, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import { StaffController } from '../../http/guarded-controller.decorator';
import { RequestCommandContext } from '../../http/command-context.decorator';
import { IdempotencyKey } from '../../http/idempotency-key';
import { etagOf } from '../../http/if-match';
import { CustomerIdPipe } from '../../http/path-params.pipe';
import type { CommandContext } from '../../shared/command-context';
import { CreateJobCommand } from './create-job.command';
import { CreateJobDto } from './create-job.request.dto';

export interface CreatedJobBody {
  readonly jobId: string;
  readonly status: string;
  readonly priority: string | null;
  readonly directoryCount: number;
  readonly version: number;
}

/** Creates and queues a job for a customer's package; the URL (`/api/queue/:customerId`) is the public contract. */
@StaffController('queue')
export class CreateJobController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  /** 201 for a new job; 200 with the same job when the Idempotency-Key was seen before. */
  @Post(':customerId')
  async create(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @IdempotencyKey() idempotencyKey: string | null,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) response: ServerResponse,
    @Body() body: CreateJobDto,
  ): Promise<CreatedJobBody> {
    const result = await this.commands.execute(new CreateJobCommand(customerId, idempotencyKey, context, body.force === true));
    response.statusCode = result.created ? 201 : 200;
    response.setHeader('Location', `/api/jobs/${result.jobId}`);
    response.setHeader('ETag', etagOf(result.version));
    const { jobId, status, priority, directoryCount, version } = result;
    return { jobId, status, priority, directoryCount, version };
  }
}
